"""Reads of the objection period (询异期) of a meeting and the objections received."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from yiting.store.database import Database
from yiting.store.owners import latest_objection_until
from yiting.store.queries import _all, _one

Row = dict[str, Any]

DEFAULT_DAYS = 7  # a meeting without a row of its own in objection_periods


def period(db: Database, meeting_id: int) -> Row:
    """The meeting's period: `days` and `contact` as set (`id`: their row's, None when never
    set), `from` the day the meeting ended and `until` the last day to object, `days` after it
    (the day it ended not counted, as the Civil Code counts a period), or the last day an owners'
    vote of the meeting gave its owners if that is later; both None until it ends. `span`: the
    days from one to the other (`days`, unless an owners' vote gave longer)."""
    found = _one(db, "SELECT * FROM objection_periods WHERE meeting_id = ?", [meeting_id])
    setting = found or {"id": None, "meeting_id": meeting_id, "days": DEFAULT_DAYS, "contact": ""}
    ended = db.execute("SELECT ended_at FROM meetings WHERE id = ?", [meeting_id]).fetchone()
    start = ended[0][:10] if ended and ended[0] else None
    until = (date.fromisoformat(start) + timedelta(days=setting["days"])).isoformat() if start else None
    owners_until = latest_objection_until(db, meeting_id)
    if until and owners_until and owners_until > until:  # the ballots told owners they had until then
        until = owners_until
    span = (date.fromisoformat(until) - date.fromisoformat(start)).days if start and until else setting["days"]
    return {**setting, "from": start, "until": until, "span": span}


def objections(db: Database, meeting_id: int) -> list[Row]:
    """A meeting's objections in the order they were received."""
    return _all(db, "SELECT * FROM objections WHERE meeting_id = ? ORDER BY received_at, id", [meeting_id])


def resident_phones(db: Database, meeting_id: int) -> list[str]:
    """The phone numbers the roster keeps of people who are not there in an official capacity."""
    return [r[0] for r in db.execute(
        "SELECT phone FROM participants WHERE meeting_id = ? AND official = 0 AND TRIM(phone) <> ''", [meeting_id])]
