"""Reads of the record, as plain dicts; the UI, the CLI and publish/ read through these."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from yiting.store.database import Database

Row = dict[str, Any]


def _all(db: Database, sql: str, params: list[Any] | tuple = ()) -> list[Row]:
    cursor = db.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=False)) for values in cursor.fetchall()]


def _one(db: Database, sql: str, params: list[Any] | tuple = ()) -> Row | None:
    rows = _all(db, sql, params)
    return rows[0] if rows else None


def row(db: Database, table: str, row_id: int) -> Row | None:
    if isinstance(row_id, int) and not -(2**63) <= row_id < 2**63:
        return None  # beyond SQLite's integers (sqlite3 would raise OverflowError): no such row
    return _one(db, f"SELECT * FROM [{table}] WHERE id = ?", [row_id])


def meetings(db: Database) -> list[Row]:
    """All meetings, newest first (by scheduled time, then creation)."""
    return _all(db, "SELECT * FROM meetings ORDER BY COALESCE(scheduled_at, created_at) DESC, id DESC")


def participants(db: Database, meeting_id: int) -> list[Row]:
    return _all(db, "SELECT * FROM participants WHERE meeting_id = ? ORDER BY id", [meeting_id])


def attendance(db: Database, meeting_id: int) -> tuple[int, int]:
    """(voters present, eligible voters) of a meeting."""
    present, eligible = db.execute(
        "SELECT COALESCE(SUM(checked_in_at IS NOT NULL), 0), COUNT(*) FROM participants"
        " WHERE meeting_id = ? AND voting = 1",
        [meeting_id],
    ).fetchone()
    return present, eligible


def owners(db: Database, meeting_id: int) -> list[Row]:
    """Participants with an exclusive floor area: the owners of an art. 278 vote in a meeting
    without a register of units. All of them, whatever their 表决权 at a residents' meeting:
    art. 278 counts all owners."""
    return _all(
        db,
        "SELECT * FROM participants WHERE meeting_id = ? AND area_m2 > 0 ORDER BY id",
        [meeting_id],
    )


def agenda(db: Database, meeting_id: int) -> list[Row]:
    return _all(db, "SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY position, id", [meeting_id])


def speeches(db: Database, item_id: int) -> list[Row]:
    return _all(db, "SELECT * FROM speeches WHERE item_id = ? ORDER BY id", [item_id])


def speeches_of_meeting(db: Database, meeting_id: int) -> list[Row]:
    return _all(
        db,
        "SELECT s.* FROM speeches s JOIN agenda_items i ON i.id = s.item_id WHERE i.meeting_id = ?"
        " ORDER BY s.id",
        [meeting_id],
    )


def running_speech(db: Database, meeting_id: int) -> Row | None:
    """The speech being given (or paused) in a meeting, if any."""
    return _one(
        db,
        "SELECT s.* FROM speeches s JOIN agenda_items i ON i.id = s.item_id"
        " WHERE i.meeting_id = ? AND s.status IN ('speaking', 'paused') ORDER BY s.id LIMIT 1",
        [meeting_id],
    )


def proposals(db: Database, item_id: int) -> list[Row]:
    return _all(db, "SELECT * FROM proposals WHERE item_id = ? ORDER BY id", [item_id])


def proposals_of_meeting(db: Database, meeting_id: int) -> list[Row]:
    return _all(
        db,
        "SELECT p.* FROM proposals p JOIN agenda_items i ON i.id = p.item_id WHERE i.meeting_id = ?"
        " ORDER BY p.id",
        [meeting_id],
    )


def votes(db: Database, proposal_id: int) -> list[Row]:
    return _all(db, "SELECT * FROM votes WHERE proposal_id = ? ORDER BY id", [proposal_id])


def votes_of_meeting(db: Database, meeting_id: int) -> list[Row]:
    return _all(
        db,
        "SELECT v.* FROM votes v JOIN proposals p ON p.id = v.proposal_id"
        " JOIN agenda_items i ON i.id = p.item_id WHERE i.meeting_id = ? ORDER BY v.id",
        [meeting_id],
    )


def open_vote(db: Database, meeting_id: int) -> Row | None:
    return _one(
        db,
        "SELECT v.* FROM votes v JOIN proposals p ON p.id = v.proposal_id"
        " JOIN agenda_items i ON i.id = p.item_id WHERE i.meeting_id = ? AND v.status = 'open'",
        [meeting_id],
    )


def ballots(db: Database, vote_id: int) -> list[Row]:
    return _all(db, "SELECT * FROM ballots WHERE vote_id = ? ORDER BY id", [vote_id])


def decisions(db: Database, meeting_id: int) -> list[Row]:
    return _all(db, "SELECT * FROM decisions WHERE meeting_id = ? ORDER BY id", [meeting_id])


def actions(db: Database, meeting_id: int | None = None) -> list[Row]:
    if meeting_id is None:
        return _all(db, "SELECT * FROM actions ORDER BY COALESCE(due, '9999'), id")
    return _all(db, "SELECT * FROM actions WHERE meeting_id = ? ORDER BY id", [meeting_id])


def matters(db: Database) -> list[Row]:
    return _all(db, "SELECT * FROM matters ORDER BY raised_at DESC, id DESC")


def event_count(db: Database, meeting_id: int) -> int:
    return db.execute("SELECT COUNT(*) FROM events WHERE meeting_id = ?", [meeting_id]).fetchone()[0]


def last_events(db: Database, meeting_id: int, count: int) -> list[tuple[int, str]]:
    """(seq, action) of a meeting's last `count` events, newest first."""
    return db.execute("SELECT seq, action FROM events WHERE meeting_id = ? ORDER BY seq DESC LIMIT ?",
                      [meeting_id, count]).fetchall()


def data_version(db: Database) -> int:
    """SQLite's counter of commits made by other connections: changes when another window writes."""
    return db.execute("PRAGMA data_version").fetchone()[0]


def integrity_check(db: Database) -> str:
    """SQLite's own check of the file: "ok", or the first problem it found."""
    return db.execute("PRAGMA integrity_check").fetchone()[0]


def events(db: Database, meeting_id: int | None = None) -> list[Row]:
    if meeting_id is None:
        return _all(db, "SELECT * FROM events ORDER BY seq")
    return _all(db, "SELECT * FROM events WHERE meeting_id = ? ORDER BY seq", [meeting_id])


def undone_seqs(db: Database, meeting_id: int) -> set[int]:
    """The events of a meeting that an `undo` event put back (desk/undo.py)."""
    return put_back(db.execute("SELECT reason FROM events WHERE meeting_id = ? AND action = 'undo'", [meeting_id]))


def put_back(reasons: Iterable[tuple[str | None]]) -> set[int]:
    """The events named by undo events' reasons: an undo's reason starts with `#SEQ`."""
    heads = ((reason or "").split(" ", 1)[0] for (reason,) in reasons)
    return {int(head[1:]) for head in heads if head.startswith("#") and head[1:].isdigit()}


# The reasons a facilitator gave that live in the event log only, and which row each concerns:
# the speech given extra time, taken out of turn or past the speech limit; the vote opened as
# consultative or called off; the item closed (deferred, withdrawn) with a reason; the rules
# changed during the meeting. `change` picks the row out of the event's changes.
_REASONED = {
    "queue_speaker_override": "t = 'speeches' AND before IS NULL",
    "queue_speaker_over_budget": "t = 'speeches' AND before IS NULL",
    "start_speech_out_of_turn": "t = 'speeches' AND after_status = 'speaking'",
    "extend_speech": "t = 'speeches'",
    "open_vote": "t = 'votes' AND before IS NULL",
    "cancel_vote": "t = 'votes'",
    "close_item": "t = 'agenda_items'",
    "set_rules": "t = 'meetings'",
    "set_objection_period": "t = 'objection_periods'",
    "set_vote_objection_period": "t = 'unit_votes'",
    "answer_objection": "t = 'objections'",
}


def reasons_given(db: Database, meeting_id: int) -> list[Row]:
    """The reasoned events of a meeting not undone since, oldest first: `seq`, `at`, `action`, `reason`, `t` (the
    table), `row_id`, and `extra_seconds` (seconds added, for extend_speech)."""
    picks = " OR ".join(f"(action = '{action}' AND {where})" for action, where in _REASONED.items())
    undone = sorted(undone_seqs(db, meeting_id))  # an undone start out of turn was never given
    return _all(
        db,
        "SELECT seq, at, action, reason, t, row_id, extra_seconds FROM ("
        " SELECT e.seq, e.at, e.action, e.reason,"
        "  json_extract(c.value, '$.t') AS t, json_extract(c.value, '$.id') AS row_id,"
        "  json_extract(c.value, '$.before') AS before,"
        "  json_extract(c.value, '$.after.status') AS after_status,"
        "  COALESCE(json_extract(c.value, '$.after.extra_seconds'), 0)"
        "   - COALESCE(json_extract(c.value, '$.before.extra_seconds'), 0) AS extra_seconds"
        " FROM events e, json_each(e.changes) c"
        f" WHERE e.meeting_id = ? AND e.reason <> '' AND e.action IN ({', '.join('?' * len(_REASONED))})"
        f") WHERE {picks} AND seq NOT IN ({', '.join('?' * len(undone))}) ORDER BY seq",
        [meeting_id, *_REASONED, *undone],
    )


def items_passed_without_decision(db: Database, meeting_id: int) -> list[Row]:
    """Items of a meeting on which a proposal was adopted and no decision was recorded (what the
    facilitator is asked about before closing)."""
    return _all(
        db,
        "SELECT i.* FROM agenda_items i WHERE i.meeting_id = ?"
        " AND EXISTS (SELECT 1 FROM proposals p WHERE p.item_id = i.id AND p.status = 'adopted')"
        " AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.item_id = i.id OR d.proposal_id IN"
        " (SELECT p.id FROM proposals p WHERE p.item_id = i.id))"
        " ORDER BY i.position, i.id",
        [meeting_id],
    )
def events_of_meeting(db: Database, meeting_id: int, actions: tuple[str, ...], limit: int = 500) -> list[Row]:
    """A meeting's newest events with one of `actions`, newest first (`changes` as stored)."""
    marks = ", ".join("?" for _ in actions)
    return _all(db, f"SELECT seq, at, action, reason, changes FROM events WHERE meeting_id = ? AND action IN ({marks})"
                    " ORDER BY seq DESC LIMIT ?", [meeting_id, *actions, limit])


def last_open_meeting(db: Database) -> int | None:
    """The open meeting acted on last (its newest event), else the one opened last: where the
    facilitator was when the console quit, even with more than one meeting open."""
    row = db.execute(
        "SELECT m.id FROM meetings m WHERE m.status = 'open' ORDER BY"
        " (SELECT MAX(e.seq) FROM events e WHERE e.meeting_id = m.id) DESC, m.started_at DESC, m.id DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else None
