"""The objection period (询异期) as the minutes state it: until when and to whom residents may
object, whether the period is still open, how many objections came and whether each has its
answer; and the lines the page, the Markdown, the CSV and the notice print of them.

The record (`record.py`) gives the period as set: from the day the meeting ended (residents may
object on each of the `days` after it, as the Civil Code counts a period) until the last day.
`with_period_state` adds what depends on the day of publishing, so a publish after the last day
makes a new version that says the period has closed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from yiting.i18n import t
from yiting.publish.wording import moment
from yiting.store import objections as stored
from yiting.store.database import Database


def with_period_state(record: dict[str, Any], today: date) -> dict[str, Any]:
    """`record` (public or not) with its objection period's state as of `today`: `state` is
    "pending" while the meeting is open (nothing to object to yet), "open" until the last day,
    "closed" after it; `count` and `answered` objections. Changes `record` and returns it."""
    period = record.get("objection_period")
    if period is None:  # an export of an older format
        return record
    if record["status"] == "open" or not period.get("until"):
        period["state"] = "pending"
    else:
        period["state"] = "open" if today.isoformat() <= period["until"] else "closed"
    objections = record.get("objections", [])
    period["count"] = len(objections)
    period["answered"] = sum(1 for o in objections if o.get("answer"))
    return record


def phase(db: Database, meeting: dict[str, Any], today: date) -> str:
    """The period's state read straight from the store (no record built): what a publish must
    know to tell pages written while it was open from those due once it closed."""
    until = stored.period(db, meeting["id"])["until"]
    if meeting["status"] == "open" or not until:
        return "pending"
    return "open" if today.isoformat() <= until else "closed"


def period_lines(record: dict[str, Any], lang: str) -> list[str]:
    """What the minutes say of the period: until when and how to object, or that it closed;
    then the objections counted and whether all are answered. Empty while the meeting is open."""
    period = record.get("objection_period")
    if not period or period.get("state") in (None, "pending"):
        return []
    contact = period.get("contact") or t("objection.contact_unset", lang)
    if period["state"] == "open":
        lines = [t("objection.open_until", lang, until=period["until"], days=period["days"], contact=contact)]
    else:
        lines = [t("objection.closed_on", lang, until=period["until"], days=period["days"])]
    count, answered = period.get("count", 0), period.get("answered", 0)
    if not count:
        lines.append(t("objection.none_received", lang))
    elif answered == count:
        lines.append(t("objection.all_answered", lang, count=count))
    else:
        lines.append(t("objection.some_answered", lang, count=count, answered=answered, waiting=count - answered))
    lines += [t("objection.period_changed", lang, at=moment(c["at"]), reason=c["reason"])
              for c in period.get("changes", ())]
    return lines


def objector(objection: dict[str, Any], lang: str) -> str:
    return objection.get("name") or t("objection.not_named", lang)


def received_line(objection: dict[str, Any], lang: str) -> str:
    """`2026-12-08 10:20 王** 提出（询异期后收到）`."""
    late = t("objection.late", lang) if objection.get("late") else ""
    return t("objection.received", lang, at=moment(objection["received_at"]), who=objector(objection, lang), late=late)


def answer_line(objection: dict[str, Any], lang: str) -> str:
    """`答复（2026-12-09 10:00，居委会）：……`, or that the answer is awaited."""
    if not objection.get("answer"):
        return t("objection.awaiting", lang)
    return t("objection.answered", lang, at=moment(objection["answered_at"]), by=objection["answered_by"],
             answer=objection["answer"])


def answer_notes(objection: dict[str, Any], lang: str) -> list[str]:
    """An answer changed after it was given: when and why."""
    return [t("objection.answer_changed", lang, at=moment(c["at"]), reason=c["reason"])
            for c in objection.get("answer_changes", ())]
