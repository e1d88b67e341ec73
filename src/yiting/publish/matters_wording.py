"""The sentences said about a matter and its duties, shared by `yiting matter show`, the console's
Matters and Duties screens and (later) the published matter pages, so that they say the same
thing. People who raised a matter appear as `privacy.shown_raiser` decides."""

from __future__ import annotations

from typing import Any

from yiting.domain import recorded_explanation
from yiting.domain.matters import Evaluation, duty_state, percent
from yiting.i18n import t
from yiting.presets import category_label
from yiting.publish.privacy import shown_raiser
from yiting.publish.wording import moment as short_time


def step(matter: dict[str, Any], lang: str) -> str:
    return t(f"matters.step.{matter['status']}", lang)


def category(matter: dict[str, Any], lang: str) -> str:
    return category_label(matter.get("category"), lang) or t("matters.no_category", lang)


def raiser(person: dict[str, Any], lang: str) -> str:
    """`李** (居民, 3号楼)`: the name as the public may see it, their role and building; a
    masked resident's building is not shown either (it would point at them)."""
    name = shown_raiser(person) or t("matters.anonymous", lang)
    kind = t(f"matters.raiser_kind.{person['kind']}", lang) if person.get("kind") else ""
    named = name == (person.get("name") or "").strip()
    where = person.get("building") if named else ""
    details = ", ".join(x for x in (kind, where) if x)
    return f"{name} ({details})" if details else name


def owner(duty: dict[str, Any]) -> str:
    return " ".join(x for x in (duty.get("owner_party"), duty.get("owner_person")) if x)


def state(duty: dict[str, Any], today: str, lang: str) -> str:
    return t(f"matters.duty_state.{duty_state(duty, today)}", lang)


def evaluation(judged: dict[str, Any], lang: str) -> str:
    """`满意 18 · 基本满意 4 · 不满意 1（满意率 96%，纸质评议表）：满意`"""
    counts = Evaluation(judged["satisfied"], judged["fairly_satisfied"], judged["dissatisfied"])
    return t("matters.evaluation_line", lang, satisfied=counts.satisfied, fairly=counts.fairly_satisfied,
             dissatisfied=counts.dissatisfied, rate=percent(counts.satisfaction),
             method=t(f"matters.method.{judged['method']}", lang),
             verdict=t(f"matters.verdict.{judged['verdict']}", lang))


def moment_text(entry: dict[str, Any], today: str, lang: str) -> str:
    """One moment of `domain.matters.path_steps` as a line's text (without its date)."""
    kind, row = entry["kind"], entry["row"]
    label = t(f"matters.moment.{kind}", lang)
    if kind in ("raised", "also_raised"):
        detail = raiser(row, lang)
    elif kind == "sorted":
        detail = f"{category(row, lang)} · {t('matters.urgency.' + row['urgency'], lang)}"
    elif kind == "taken_up":
        detail = f"{row['meeting_title']} › {row['title']}"
    elif kind == "vote":
        detail = recorded_explanation(row, lang) or ""
    elif kind == "decision":
        detail = row["text"]
    elif kind == "duty":
        due = t("matters.due_on", lang, due=row["due"]) if row.get("due") else ""
        via = t("matters.dispatched_by", lang, by=row["dispatched_by"]) if row.get("dispatched_by") else ""
        detail = " · ".join(x for x in (row["task"], owner(row), due, via) if x)
    elif kind == "accepted":
        detail = owner(row)
    elif kind == "note":
        detail = " · ".join(x for x in (row["text"], row.get("author")) if x)
    elif kind == "done":
        detail = row["task"]
    elif kind == "evaluated":
        detail = " · ".join(x for x in (row.get("task"), evaluation(row, lang)) if x)
    else:
        detail = ""
    return f"[{label}] {detail}".rstrip()


def path_lines(path: dict[str, Any], moments: list[dict[str, Any]], today: str, lang: str) -> list[str]:
    """`yiting matter show N`: the matter, then each moment of its path on a dated line."""
    matter = path["matter"]
    lines = [f"#{matter['id']} {matter['title']}",
             t("matters.header_line", lang, step=step(matter, lang), category=category(matter, lang),
               urgency=t(f"matters.urgency.{matter['urgency']}", lang))]
    if matter.get("description"):
        lines.append(matter["description"])
    if path.get("merged_into"):
        lines.append(t("matters.merged_into_line", lang, id=path["merged_into"]["id"],
                       title=path["merged_into"]["title"]))
    lines.append("")
    for entry in moments:
        when = short_time(entry["at"]) if len(entry["at"]) > 10 else entry["at"]
        lines.append(f"{when:16}  {moment_text(entry, today, lang)}")
    for entry in path["duties"]:
        duty = entry["duty"]
        lines.append(t("matters.duty_now", lang, task=duty["task"], state=state(duty, today, lang)))
    return lines
