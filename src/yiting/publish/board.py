"""The duty board, the matter pages and the figures as residents see them (全程查事): each
duty, matter and page worded and rendered; `publish/board_site.py` writes them into the site.

People are shown as everywhere on the site: a raiser by `privacy.shown_raiser`, an owner or a
note's author as the roster of the duty's meeting allows (`privacy.Roster`; a dispatched duty
has no roster: its owner person is masked unless the text names a party). Phones and addresses
are not read at all.
"""

from __future__ import annotations

from typing import Any

from yiting.domain.matters import days_overdue, duty_state, path_steps, raiser_is_named
from yiting.i18n import t
from yiting.presets import category_label
from yiting.publish import matters_wording as mw
from yiting.publish.pages import environment, shorten
from yiting.publish.privacy import Roster
from yiting.store import board as reads
from yiting.store import matters as duty_reads
from yiting.store.database import Database

PER_PAGE = 20  # duties (or matters) a page: with every text at its longest a page stays under 30 KB
TASK_CHARS = 60  # the board shows a task's first 60 characters; the matter page shows all of it
TITLE_CHARS = 24  # a meeting's or a matter's title on the board (the link leads to the whole)
OWNER_CHARS = 30


class People:
    """The rosters of the meetings whose duties are shown, each read when first needed."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._rosters: dict[Any, Roster] = {}

    def roster(self, meeting_id: Any) -> Roster:
        if meeting_id not in self._rosters:
            self._rosters[meeting_id] = Roster(reads.meeting_people(self.db, meeting_id) if meeting_id else [])
        return self._rosters[meeting_id]

    def duty(self, duty: dict[str, Any]) -> dict[str, Any]:
        """A copy of a duty row with its owner, and who dispatched it, as the public may see them."""
        roster = self.roster(duty.get("meeting_id"))
        party = roster.owner_party(duty.get("owner_party"))
        person = roster.owner_person(duty.get("owner_person"))
        by = roster.owner_person(duty.get("dispatched_by")) if duty.get("dispatched_by") else ""
        return {**duty, "owner_party": party, "owner_person": person, "dispatched_by": by}

    def note(self, note: dict[str, Any], meeting_id: Any) -> dict[str, Any]:
        author = self.roster(meeting_id).owner_person(note.get("author")) if note.get("author") else ""
        return {**note, "author": author}


# -- the views -----------------------------------------------------------------------------------

def duty_view(duty: dict[str, Any], evaluation: dict[str, Any] | None, meetings: dict[int, str], today: str,
              lang: str) -> dict[str, Any]:
    """One line of the board, masked (`duty` already went through `People.duty`)."""
    state = duty_state(duty, today)
    if state == "overdue":
        when = t("board.days_overdue", lang, days=days_overdue(duty, today))
    elif duty["status"] == "done":
        when = t("board.done_on", lang, day=str(duty.get("done_at") or "")[:10])
    else:
        when = t("board.due", lang, due=duty["due"]) if duty.get("due") else t("board.no_due", lang)
    if duty.get("meeting_id"):
        source = {"text": shorten(duty.get("meeting_title") or "", TITLE_CHARS),
                  "href": f"m/{duty['meeting_id']}/" if duty["meeting_id"] in meetings else ""}
    else:
        source = {"text": t("board.dispatched", lang, by=shorten(duty["dispatched_by"], OWNER_CHARS))
                  if duty.get("dispatched_by")
                  else t("board.dispatched_plain", lang), "href": ""}
    judged = ""
    if duty["status"] == "done":
        judged = mw.evaluation(evaluation, lang) if evaluation else t("board.not_evaluated", lang)
    return {
        "id": duty["id"], "section": "overdue" if state == "overdue" else ("done" if state == "done" else "open"),
        "owner": shorten(mw.owner(duty), OWNER_CHARS) or t("figures.no_party", lang),
        "task": shorten(duty["task"], TASK_CHARS),
        "state": t(f"matters.duty_state.{state}", lang), "state_key": state, "when": when,
        "due": duty.get("due") or "", "source": source,
        "matter": ({"id": duty["matter_id"], "title": shorten(duty.get("matter_title") or "", TITLE_CHARS)}
                   if duty.get("matter_id") else None),
        "evaluation": judged,
        "reopened": t("board.reopened", lang, count=duty["reopened"]) if duty.get("reopened") else "",
    }


def board_rows(db: Database, today: str, lang: str, people: People | None = None,
               ids: list[int] | None = None) -> list[dict[str, Any]]:
    """The duties (all, or those of `ids` in that order) as the board shows them."""
    people = people or People(db)
    meetings = reads.published_meetings(db)
    if ids is None:
        duties = duty_reads.duty_list(db, today)
    else:
        duties = [d for d in (duty_reads.duty(db, i, today) for i in ids) if d is not None]
    evaluations = reads.evaluations_of(db, [d["id"] for d in duties])
    return [duty_view(people.duty(d), evaluations.get(d["id"]), meetings, today, lang) for d in duties]


def matter_view(path: dict[str, Any], people: People, meetings: dict[int, str], today: str,
                lang: str) -> dict[str, Any]:
    """One matter's page: its facts, every moment of its path (masked), its duties now."""
    matter = path["matter"]
    masked = dict(path)
    masked["duties"] = [{"duty": people.duty(e["duty"]),
                         "notes": [people.note(n, e["duty"].get("meeting_id")) for n in e["notes"]],
                         "evaluations": e["evaluations"]} for e in path["duties"]]
    moments = []
    for entry in path_steps(masked):
        label = t(f"matters.moment.{entry['kind']}", lang)
        text = mw.moment_text(entry, today, lang)
        detail = text[len(label) + 3:] if text.startswith(f"[{label}]") else text
        href = ""
        if entry["kind"] == "taken_up" and entry["row"].get("meeting_id") in meetings:
            href = f"m/{entry['row']['meeting_id']}/"
        moments.append({"at": entry["at"][:16].replace("T", " "), "kind": entry["kind"], "label": label,
                        "detail": detail, "href": href})
    duties = []
    for entry in masked["duties"]:
        duty = entry["duty"]
        duties.append({"line": t("matters_pub.duty_line", lang, owner=mw.owner(duty) or t("figures.no_party", lang),
                                 task=duty["task"]),
                       "state": mw.state(duty, today, lang), "state_key": duty_state(duty, today),
                       "due": t("board.due", lang, due=duty["due"]) if duty.get("due") else "",
                       "evaluations": [mw.evaluation(e, lang) for e in entry["evaluations"]]})
    merged_into = path.get("merged_into")
    return {
        "id": matter["id"], "title": matter["title"], "description": matter.get("description") or "",
        "step": mw.step(matter, lang), "step_key": matter["status"],
        "facts": [(t("figures.category", lang), mw.category(matter, lang)),
                  (t("matters.moment.raised", lang),
                   "、".join(mw.raiser(r, lang) for r in path["raisers"]) + " · " + str(matter["raised_at"])[:10]),
                  # where, only beside a raiser who is named: a masked resident's building points at them
                  *(((t("export.where", lang), matter["building"]),)
                    if matter.get("building") and raiser_is_named(path["raisers"][0]) else ())],
        "moments": moments, "duties": duties,
        "merged_into": {"id": merged_into["id"], "title": merged_into["title"]} if merged_into else None,
    }


def matter_list_view(row: dict[str, Any], lang: str) -> dict[str, Any]:
    return {"id": row["id"], "title": shorten(row["title"], 60), "step": t(f"matters.step.{row['status']}", lang),
            "step_key": row["status"],
            "category": category_label(row.get("category"), lang) or t("matters.no_category", lang),
            "raised": str(row["raised_at"])[:10],
            "duties": t("matters_pub.duty_count", lang, count=row["duties"], open=row["duties_open"])
            if row["duties"] else ""}


# -- rendering -----------------------------------------------------------------------------------

def _context(lang: str, root: str) -> dict[str, Any]:
    return {"t": lambda key, **kw: t(key, lang, **kw), "lang": lang, "html_lang": "zh-CN" if lang == "zh" else "en",
            "sep": "：" if lang == "zh" else ": ", "root": root}


def page_count(count: int) -> int:
    """How many pages of PER_PAGE a list of `count` takes (at least one)."""
    return max(1, -(-count // PER_PAGE))


def page_path(kind: str, number: int) -> str:
    """The folder of page `number` of the board (`duties`) or of the list of matters (`matters`)."""
    return f"{kind}/" if number == 1 else f"{kind}/page/{number}/"


def done_path(chunk: int) -> str:
    """The folder of the done duties' chunk `chunk` (1 = the earliest done): a chunk keeps its
    address as more duties are done, so one more done duty rewrites one page, not the archive."""
    return f"duties/done/{chunk}/"


def render_board_page(rows: list[dict[str, Any]], rel: str, today: str, lang: str, *,
                      counts: dict[str, int] | None = None, label: str = "", prev: str = "", next_: str = "",
                      done_link: str = "") -> str:
    """One page of the board at `rel` (`duties/`, `duties/page/N/`, `duties/done/K/`); `prev`,
    `next_` and `done_link` are other pages' `rel` (or '')."""
    root = "../" * rel.count("/")
    sections: list[tuple[str, list[dict[str, Any]]]] = []
    for row in rows:
        if not sections or sections[-1][0] != row["section"]:
            sections.append((row["section"], []))
        sections[-1][1].append(row)
    return environment().get_template("duties.html").render(
        _context(lang, root), sections=sections, first=rel == "duties/", label=label, today=today, counts=counts,
        prev=root + prev if prev else "", next=root + next_ if next_ else "",
        done_link=root + done_link if done_link else "")


def render_matters_page(rows: list[dict[str, Any]], number: int, pages: int, lang: str) -> str:
    root = "../" if number == 1 else "../../../"
    return environment().get_template("matters.html").render(
        _context(lang, root), matters=rows, page=number, pages=pages,
        prev=root + page_path("matters", number - 1) if number > 1 else "",
        next=root + page_path("matters", number + 1) if number < pages else "")


def render_matter(view: dict[str, Any], lang: str) -> str:
    return environment().get_template("matter.html").render(_context(lang, "../../"), m=view)


def render_figures(f: Any, lang: str) -> str:
    from yiting.publish import charts

    monthly = charts.columns([m[2:] for m, _, _ in f.months],
                             [(t("figures.raised", lang), [r for _, r, _ in f.months]),
                              (t("figures.closed", lang), [c for _, _, c in f.months])])
    categories = charts.bars([(label, r) for label, r, _, _ in f.categories], second=[c for _, _, c, _ in f.categories])
    overdue = charts.bars(f.overdue_parties[:15])
    meetings = charts.columns([m[2:] for m, _ in f.meeting_months], [(t("figures.meetings", lang),
                                                                       [c for _, c in f.meeting_months])], height=120)
    return environment().get_template("figures.html").render(
        _context(lang, "../"), f=f, monthly=monthly, categories=categories, overdue=overdue, meetings=meetings,
        months=len(f.months))
