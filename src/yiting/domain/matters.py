"""The six steps of a resident's problem (六步工作法) and the duties it becomes, as pure rules.

随时说事 raised → 分类理事 sorted → 多方议事 deliberated → 明责办事 assigned → 公开评事 evaluated →
全程查事 closed. A duty (履职清单) is an action item of a meeting or a duty dispatched without one;
whether it is overdue depends on the day, passed in as YYYY-MM-DD (the domain has no clock).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from yiting.errors import InvalidInput
from yiting.i18n import LANGUAGES, t

# A matter's steps, in order; `matters.status` holds one of them.
STEPS = ("raised", "classified", "deliberating", "assigned", "evaluated", "closed")
RAISER_KINDS = ("resident", "grid_worker", "committee", "building_head")
URGENCIES = ("low", "normal", "high", "urgent")
DUTY_STATUSES = ("open", "in_progress", "done")
VERDICTS = ("satisfied", "fairly_satisfied", "dissatisfied")
EVALUATION_METHODS = ("show_of_hands", "paper_forms")
FOLLOW_UP_TITLE_KEY = "matters.follow_up_title"  # 上次议定事项落实情况


# Who raises a matter in a role and is named for it; a resident or a building head is named
# only with their consent (`raiser_named`).
ROLE_RAISERS = frozenset({"grid_worker", "committee"})


def raiser_is_named(raiser: Mapping[str, Any]) -> bool:
    """Whether residents may see who raised a matter: they agreed, or they raised it in a role.
    `raiser` is a row of `store.matters.matter_raisers` (name, kind, named …)."""
    return bool(raiser.get("named")) or raiser.get("kind") in ROLE_RAISERS


def is_follow_up(item: Mapping[str, Any]) -> bool:
    """Whether an agenda item is the follow-up of earlier decisions a new meeting was offered
    (its title as the desk gave it, in either language)."""
    return item.get("title") in {t(FOLLOW_UP_TITLE_KEY, lang) for lang in LANGUAGES}


def step_index(step: str) -> int:
    """Where a step stands among the six (0 … 5)."""
    if step not in STEPS:
        raise InvalidInput("desk.bad_choice", field="status", value=step)
    return STEPS.index(step)


def advanced(current: str, reached: str) -> str:
    """The step a matter is at once it has `reached` a step: it never moves back by itself (a
    matter taken into a second meeting after being assigned stays assigned)."""
    return reached if step_index(reached) > step_index(current) else current


def can_merge(kept: Mapping[str, Any], duplicate: Mapping[str, Any]) -> str | None:
    """Why `duplicate` cannot be merged into `kept` (a catalogue key), or None when it can."""
    if kept["id"] == duplicate["id"]:
        return "matters.merge_self"
    if kept.get("merged_into") or duplicate.get("merged_into"):
        return "matters.merge_merged"
    if step_index(duplicate["status"]) >= step_index("deliberating"):
        return "matters.merge_taken_up"
    if kept["status"] == "closed":
        return "matters.merge_closed"
    return None


def is_overdue(duty: Mapping[str, Any], today: str) -> bool:
    """A duty not done whose due date (YYYY-MM-DD) is before `today`: due today is not overdue."""
    return duty["status"] != "done" and bool(duty.get("due")) and duty["due"] < str(today)[:10]  # a date object reads as YYYY-MM-DD too


def duty_state(duty: Mapping[str, Any], today: str) -> str:
    """A duty's status as residents see it: `overdue` when open or in progress past its due date."""
    return "overdue" if is_overdue(duty, today) else duty["status"]


def days_overdue(duty: Mapping[str, Any], today: str) -> int:
    """How many days past its due date a duty is (0 when not overdue)."""
    if not is_overdue(duty, today):
        return 0
    return day_number(str(today)) - day_number(duty["due"])


def day_number(day: str) -> int:
    """Days since 0000-03-01 of a YYYY-MM-DD date (proleptic Gregorian): differences are days."""
    year, month, dom = int(day[:4]), int(day[5:7]), int(day[8:10])
    if month <= 2:
        year -= 1
        month += 12
    return 365 * year + year // 4 - year // 100 + year // 400 + (153 * (month - 3) + 2) // 5 + dom - 1


def duty_order(duties: Iterable[Mapping[str, Any]], today: str) -> list[Mapping[str, Any]]:
    """Overdue first (longest overdue first), then open and in progress by due date (undated
    last), then done (latest first). The store's `duty_list` sorts the same way in SQL."""
    def key(duty: Mapping[str, Any]) -> tuple:
        if is_overdue(duty, today):
            return (0, duty["due"], duty["id"])
        if duty["status"] != "done":
            return (1, duty.get("due") or "9999-99-99", duty["id"])
        return (2, "", -(duty["id"]))
    return sorted(duties, key=key)


def next_duty_statuses(status: str) -> tuple[str, ...]:
    """Where a duty may go from `status`: open → in progress → done; done reopens only through
    residents' evaluation (`verdict` dissatisfied) or the facilitator's reopen."""
    return {"open": ("in_progress", "done"), "in_progress": ("open", "done"), "done": ()}[status]


@dataclass(frozen=True)
class Evaluation:
    """Residents' judgement of a duty done (公开评事): counts of 满意, 基本满意, 不满意."""

    satisfied: int
    fairly_satisfied: int
    dissatisfied: int

    @property
    def total(self) -> int:
        return self.satisfied + self.fairly_satisfied + self.dissatisfied

    @property
    def satisfaction(self) -> Fraction:
        """满意率: (满意 + 基本满意) / all who judged, exact."""
        return Fraction(self.satisfied + self.fairly_satisfied, self.total)

    @property
    def verdict(self) -> str:
        """`dissatisfied` when more than half judged 不满意 (the duty is reopened); else
        `satisfied` when more than half judged 满意; else `fairly_satisfied`."""
        if 2 * self.dissatisfied > self.total:
            return "dissatisfied"
        if 2 * self.satisfied > self.total:
            return "satisfied"
        return "fairly_satisfied"

    @property
    def reopens(self) -> bool:
        return self.verdict == "dissatisfied"


def evaluation(satisfied: Any, fairly_satisfied: Any, dissatisfied: Any) -> Evaluation:
    """Counts as typed or counted, checked: whole numbers, none negative, at least one person."""
    counts = []
    for field, value in (("satisfied", satisfied), ("fairly_satisfied", fairly_satisfied),
                         ("dissatisfied", dissatisfied)):
        text = str(value).strip() if value is not None else "0"
        if not text.isdigit():
            raise InvalidInput("matters.bad_count", field=field, value=text[:20])
        counts.append(int(text))
    result = Evaluation(*counts)
    if result.total == 0:
        raise InvalidInput("matters.no_evaluation")
    return result


def percent(share: Fraction) -> str:
    """A share as a whole percentage, rounded half up: 2/3 → '67%'."""
    return f"{int(share * 100 + Fraction(1, 2))}%"


def path_steps(path: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A matter's path (`store.matters.matter_path`) as the moments residents follow, oldest
    first: each {"at": ISO time or date, "kind": ..., "row": the row it comes from}. Kinds:
    raised, also_raised (a merged duplicate's raiser), sorted, taken_up (an agenda item),
    vote, decision, duty, accepted, note, done, evaluated, closed."""
    matter = path["matter"]
    moments: list[dict[str, Any]] = []

    def add(at: Any, kind: str, row: Mapping[str, Any]) -> None:
        if at:
            moments.append({"at": str(at), "kind": kind, "row": row})

    for raiser in path["raisers"]:
        add(raiser["raised_at"], "raised" if raiser["from_matter_id"] is None else "also_raised", raiser)
    add(matter.get("sorted_at"), "sorted", matter)
    for meeting in path["meetings"]:
        for entry in meeting["items"]:
            item = entry["item"]
            add(item.get("started_at") or meeting["meeting"].get("scheduled_at") or meeting["meeting"]["created_at"],
                "taken_up", {**item, "meeting_title": meeting["meeting"]["title"]})
            for vote in entry["votes"]:
                if vote["status"] == "closed":
                    add(vote["closed_at"], "vote", vote)
            for decision in entry["decisions"]:
                add(decision["decided_at"], "decision", decision)
    for entry in path["duties"]:
        duty = entry["duty"]
        add(duty["created_at"], "duty", duty)
        add(duty.get("accepted_at"), "accepted", duty)
        for note in entry["notes"]:
            add(note["noted_on"], "note", note)
        add(duty.get("done_at"), "done", duty)
        for judged in entry["evaluations"]:
            add(judged["taken_on"], "evaluated", {**judged, "task": duty.get("task", "")})  # which duty was judged
    add(matter.get("closed_at"), "closed", matter)
    order = {kind: n for n, kind in enumerate(("raised", "also_raised", "sorted", "taken_up", "vote", "decision",
                                               "duty", "accepted", "note", "done", "evaluated", "closed"))}
    moments.sort(key=lambda m: (m["at"][:10], order[m["kind"]], m["at"]))
    return moments
