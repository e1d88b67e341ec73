"""Reads of matters (议事清单) and duties (履职清单), as plain dicts: the console, the command line
and publish/ read through these. docs/domain.md "Matters and duties" gives each shape.

A duty is a row of `actions`: an action item of a meeting (`meeting_id` set) or a duty
dispatched without one (`meeting_id` NULL, `dispatched_by` set). Whether a duty is overdue is
`yiting.domain.matters.is_overdue`; the queries here take the same day (`today`, YYYY-MM-DD)
and apply the same rule in SQL so that a long list is filtered and sorted by SQLite.
"""

from __future__ import annotations

from typing import Any

from yiting.store.database import Database
from yiting.store.queries import _all, _one, put_back, row

Row = dict[str, Any]


def _named(db: Database, sql: str, params: dict[str, Any]) -> list[Row]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=False)) for values in cursor.fetchall()]

# The rule of `domain.matters.is_overdue`, in SQL: not done, due before today.
_OVERDUE = "(a.status != 'done' AND a.due IS NOT NULL AND a.due != '' AND a.due < :today)"
# `domain.matters.duty_order`: overdue (longest first), then not done by due date, then done.
_DUTY_ORDER = (f"CASE WHEN {_OVERDUE} THEN 0 WHEN a.status != 'done' THEN 1 ELSE 2 END,"
               " CASE WHEN a.status = 'done' THEN '' ELSE COALESCE(NULLIF(a.due, ''), '9999-99-99') END,"
               " CASE WHEN a.status = 'done' THEN -a.id ELSE a.id END")
_DUTY_COLUMNS = (f"a.*, {_OVERDUE} AS overdue, m.title AS meeting_title, x.title AS matter_title,"
                 " (SELECT COUNT(*) FROM duty_notes n WHERE n.action_id = a.id) AS notes_count")
_DUTY_FROM = ("FROM actions a LEFT JOIN meetings m ON m.id = a.meeting_id"
              " LEFT JOIN matters x ON x.id = a.matter_id")


def matter_list(db: Database, *, step: str | None = None, include_merged: bool = False,
                limit: int | None = None, offset: int = 0) -> list[Row]:
    """Matters newest first: each row of `matters` with `raisers` (how many people raised it,
    merged duplicates included), `duties` and `duties_open` (its duties, and those not done)."""
    where = ["1 = 1"]
    params: dict[str, Any] = {"limit": -1 if limit is None else limit, "offset": offset}
    if not include_merged:
        where.append("x.merged_into IS NULL")
    if step:
        where.append("x.status = :step")
        params["step"] = step
    return _named(
        db,
        "SELECT x.*, 1 + COALESCE(r.n, 0) AS raisers, COALESCE(a.n, 0) AS duties, COALESCE(a.waiting, 0) AS duties_open"
        " FROM matters x"
        " LEFT JOIN (SELECT matter_id, COUNT(*) AS n FROM matter_raisers GROUP BY matter_id) r ON r.matter_id = x.id"
        " LEFT JOIN (SELECT matter_id, COUNT(*) AS n, SUM(status != 'done') AS waiting FROM actions"
        "            WHERE matter_id IS NOT NULL GROUP BY matter_id) a ON a.matter_id = x.id"
        f" WHERE {' AND '.join(where)} ORDER BY x.raised_at DESC, x.id DESC LIMIT :limit OFFSET :offset",
        params,
    )


def matters_by_step(db: Database) -> dict[str, int]:
    """How many matters (duplicates merged away not counted) are at each step."""
    return dict(db.execute("SELECT status, COUNT(*) FROM matters WHERE merged_into IS NULL GROUP BY status").fetchall())


def matter_count(db: Database) -> int:
    """How many matters there are, duplicates merged away not counted."""
    return db.execute("SELECT COUNT(*) FROM matters WHERE merged_into IS NULL").fetchone()[0]


def matter_raisers(db: Database, matter_id: int) -> list[Row]:
    """Everyone who raised a matter: its own raiser first (`id` and `from_matter_id` None), then
    the raisers of the duplicates merged into it (rows of `matter_raisers`). Each: id, name,
    kind, named, building, raised_at, from_matter_id."""
    own = _one(db, "SELECT NULL AS id, raised_by AS name, raiser_kind AS kind, raiser_named AS named, building, raised_at,"
                   " NULL AS from_matter_id FROM matters WHERE id = ?", [matter_id])
    if own is None:
        return []
    return [own, *_all(db, "SELECT id, name, kind, named, building, raised_at, from_matter_id FROM matter_raisers"
                           " WHERE matter_id = ? ORDER BY raised_at, id", [matter_id])]


def duty_list(
    db: Database,
    today: str,
    *,
    party: str | None = None,
    person: str | None = None,
    status: str | None = None,
    overdue_only: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[Row]:
    """The list of duties (履职清单): every action item of every meeting and every dispatched
    duty, overdue first. Each row of `actions` with `overdue` (0/1 as of `today`),
    `meeting_title` (None for a dispatched duty), `matter_title` and `notes_count`."""
    where = ["1 = 1"]
    params: dict[str, Any] = {"today": today, "limit": -1 if limit is None else limit, "offset": offset}
    if party:
        where.append("a.owner_party = :party")
        params["party"] = party
    if person:
        where.append("a.owner_person = :person")
        params["person"] = person
    if status:
        where.append("a.status = :status")
        params["status"] = status
    if overdue_only:
        where.append(_OVERDUE)
    return _named(db, f"SELECT {_DUTY_COLUMNS} {_DUTY_FROM} WHERE {' AND '.join(where)}"
                      f" ORDER BY {_DUTY_ORDER} LIMIT :limit OFFSET :offset", params)


def duty(db: Database, action_id: int, today: str) -> Row | None:
    """One duty as `duty_list` shows it."""
    found = _named(db, f"SELECT {_DUTY_COLUMNS} {_DUTY_FROM} WHERE a.id = :id", {"id": action_id, "today": today})
    return found[0] if found else None


def duty_counts(db: Database, today: str) -> dict[str, int]:
    """How many duties are open, in progress, done, and overdue (open or in progress) as of `today`."""
    found = db.execute(
        f"SELECT COALESCE(SUM(a.status = 'open'), 0), COALESCE(SUM(a.status = 'in_progress'), 0),"
        f" COALESCE(SUM(a.status = 'done'), 0), COALESCE(SUM({_OVERDUE}), 0) FROM actions a",
        {"today": today},
    ).fetchone()
    return dict(zip(("open", "in_progress", "done", "overdue"), found, strict=True))


def duty_parties(db: Database) -> list[str]:
    """The parties duties are given to, for a filter (most duties first)."""
    return [r[0] for r in db.execute(
        "SELECT owner_party FROM actions WHERE owner_party != '' GROUP BY owner_party"
        " ORDER BY COUNT(*) DESC, owner_party")]


def duty_notes(db: Database, action_id: int) -> list[Row]:
    """A duty's progress notes, oldest first: noted_on (date), author, text, created_at."""
    return _all(db, "SELECT * FROM duty_notes WHERE action_id = ? ORDER BY noted_on, id", [action_id])


def duty_notes_of_meeting(db: Database, meeting_id: int) -> dict[int, list[Row]]:
    """The progress notes of a meeting's action items, by action id, oldest first."""
    notes: dict[int, list[Row]] = {}
    for note in _all(db, "SELECT n.* FROM duty_notes n JOIN actions a ON a.id = n.action_id WHERE a.meeting_id = ?"
                         " ORDER BY n.noted_on, n.id", [meeting_id]):
        notes.setdefault(note["action_id"], []).append(note)
    return notes


def notes_text(legacy: str, notes: list[Row]) -> str:
    """A duty's notes as one text, a line each (`YYYY-MM-DD text`): the notes written before
    schema 6 (`actions.notes`), then its progress notes."""
    lines = [legacy] if legacy else []
    return "\n".join(lines + [f"{n['noted_on']} {n['text']}" for n in notes])


def duty_evaluations(db: Database, action_id: int) -> list[Row]:
    """Residents' evaluations of a duty, oldest first: counts, method, verdict, taken_on."""
    return _all(db, "SELECT * FROM evaluations WHERE action_id = ? ORDER BY taken_on, id", [action_id])


def open_duties_of_other_meetings(db: Database, meeting_id: int) -> list[Row]:
    """The action items of the other meetings not done yet, oldest meeting first: what a new
    meeting is offered as its first item (上次议定事项落实情况). Rows as `duty_list`'s, without
    `overdue`."""
    return _all(
        db,
        "SELECT a.*, m.title AS meeting_title FROM actions a JOIN meetings m ON m.id = a.meeting_id"
        " WHERE a.meeting_id != ? AND a.status != 'done'"
        " ORDER BY COALESCE(m.scheduled_at, m.created_at), a.id",
        [meeting_id],
    )


def matter_path(db: Database, matter_id: int, today: str) -> dict[str, Any] | None:
    """A matter's whole path (全程查事), or None when there is no such matter::

        {"matter": row of matters,
         "raisers": matter_raisers(...),
         "merged": [rows of the matters merged into it],
         "merged_into": the row it was merged into, or None,
         "meetings": [{"meeting": row, "items": [{"item": row, "proposals": [row],
                       "votes": [row], "decisions": [row]}]}],      # oldest meeting first
         "duties": [{"duty": row as duty_list's, "notes": [row], "evaluations": [row]}]}

    The duties are those linked to the matter, and the action items of its agenda items.
    """
    matter = row(db, "matters", matter_id)
    if matter is None:
        return None
    items = _all(db, "SELECT i.* FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id WHERE i.matter_id = ?"
                     " ORDER BY COALESCE(m.started_at, m.scheduled_at, m.created_at), i.position", [matter_id])
    meetings: list[dict[str, Any]] = []
    for item in items:
        if not meetings or meetings[-1]["meeting"]["id"] != item["meeting_id"]:
            meetings.append({"meeting": row(db, "meetings", item["meeting_id"]), "items": []})
        proposals = _all(db, "SELECT * FROM proposals WHERE item_id = ? ORDER BY id", [item["id"]])
        votes = _all(db, "SELECT v.* FROM votes v JOIN proposals p ON p.id = v.proposal_id WHERE p.item_id = ?"
                         " ORDER BY v.id", [item["id"]])
        decisions = _all(db, "SELECT * FROM decisions WHERE item_id = ? ORDER BY id", [item["id"]])
        meetings[-1]["items"].append({"item": item, "proposals": proposals, "votes": votes, "decisions": decisions})
    duties = _named(db, f"SELECT {_DUTY_COLUMNS} {_DUTY_FROM} WHERE a.matter_id = :matter"
                        " OR a.item_id IN (SELECT id FROM agenda_items WHERE matter_id = :matter) ORDER BY a.id",
                    {"matter": matter_id, "today": today})
    return {
        "matter": matter,
        "raisers": matter_raisers(db, matter_id),
        "merged": _all(db, "SELECT * FROM matters WHERE merged_into = ? ORDER BY id", [matter_id]),
        "merged_into": row(db, "matters", matter["merged_into"]) if matter["merged_into"] else None,
        "meetings": meetings,
        "duties": [{"duty": d, "notes": duty_notes(db, d["id"]), "evaluations": duty_evaluations(db, d["id"])}
                   for d in duties],
    }


def events_of(db: Database, actions: tuple[str, ...], limit: int = 500) -> list[Row]:
    """The newest events with one of `actions`, newest first (`changes` as stored)."""
    marks = ", ".join("?" for _ in actions)
    return _all(db, f"SELECT seq, at, action, meeting_id, reason, changes FROM events WHERE action IN ({marks})"
                    " ORDER BY seq DESC LIMIT ?", [*actions, limit])


def undone_matter_seqs(db: Database, undo_action: str) -> set[int]:
    """The events an undo of matters and duties put back."""
    return put_back(db.execute("SELECT reason FROM events WHERE action = ?", [undo_action]))
