"""Reads for the public duty board, the matter pages and the figures a street office asks for
(全程查事): what `publish/board.py` and the console's Figures screen show. Rows are plain dicts.

The duties themselves come from `store.matters.duty_list`; this module adds what the public
pages need beside them: each duty's latest evaluation, the people of the meetings whose action
items are listed (to mask owners as `publish.privacy` does), a cheap fingerprint of each matter's
page (so publishing again rewrites only the matters that changed), and the figures.
"""

from __future__ import annotations

import hashlib
from typing import Any

from yiting.store.database import Database
from yiting.store.queries import _all

Row = dict[str, Any]

# A duty's matter: its own link, else the matter of the agenda item it was decided under.
_DUTY_MATTER = ("SELECT a.*, COALESCE(a.matter_id, i.matter_id) AS mid FROM actions a"
                " LEFT JOIN agenda_items i ON i.id = a.item_id")
_OVERDUE = "(a.status != 'done' AND a.due IS NOT NULL AND a.due != '' AND a.due < :today)"


def latest_evaluations(db: Database) -> dict[int, Row]:
    """Each evaluated duty's latest evaluation (by action id): counts, method, verdict, taken_on."""
    rows = _all(db, "SELECT e.* FROM evaluations e JOIN (SELECT action_id, MAX(id) AS last FROM evaluations"
                    " GROUP BY action_id) x ON x.last = e.id")
    return {r["action_id"]: r for r in rows}


def meeting_people(db: Database) -> dict[int, list[Row]]:
    """The people of every meeting that has action items, by meeting id (id, name, party, named,
    official): `publish.privacy.Roster` shows each owner as that meeting's roster allows."""
    people: dict[int, list[Row]] = {}
    for person in _all(db, "SELECT id, meeting_id, name, party, named, official FROM participants"
                           " WHERE meeting_id IN (SELECT DISTINCT meeting_id FROM actions WHERE meeting_id IS NOT NULL)"):
        people.setdefault(person["meeting_id"], []).append(person)
    return people


def published_meetings(db: Database) -> dict[int, str]:
    """Meetings whose minutes the site carries (closed or published), id → title: a duty or a
    matter page links their minutes."""
    return {r[0]: r[1] for r in db.execute(
        "SELECT id, title FROM meetings WHERE status IN ('closed', 'published')")}


def communities(db: Database) -> list[str]:
    """The communities the record's matters and meetings belong to, most first."""
    return [r[0] for r in db.execute(
        "SELECT community FROM (SELECT community FROM matters WHERE merged_into IS NULL UNION ALL"
        " SELECT community FROM meetings) WHERE community != '' GROUP BY community ORDER BY COUNT(*) DESC, community")]


def consent_digest(db: Database) -> str:
    """Changes whenever anyone's consent or official capacity changes (or people come and go):
    the pages that mask people are made anew then."""
    found = db.execute("SELECT COUNT(*), COALESCE(SUM(named), 0), COALESCE(SUM(official), 0), COALESCE(MAX(id), 0),"
                       " COALESCE(SUM(id * (1 + named + 2 * official)), 0) FROM participants").fetchone()
    return ":".join(str(x) for x in found)


def matter_sources(db: Database) -> dict[int, str]:
    """A fingerprint of what each matter's page is made of (the matter, its raisers, the matters
    merged into it or it into, its agenda items, their meetings, proposals, votes and decisions,
    its duties, their notes and evaluations), by matter id: a handful of grouped queries over the
    whole record, instead of reading every matter's path. Overdue states depend on the day:
    the caller adds what it derives from the duties' (status, due)."""
    parts: dict[int, list[Any]] = {}

    def add(matter_id: Any, *values: Any) -> None:
        if matter_id is not None:
            parts.setdefault(matter_id, []).append(values)

    matters = _all(db, "SELECT * FROM matters ORDER BY id")
    for m in matters:
        add(m["id"], *m.values())
        if m["merged_into"]:
            add(m["merged_into"], "merged", *m.values())
    by_id = {m["id"]: m for m in matters}
    for m in matters:
        if m["merged_into"] and m["merged_into"] in by_id:
            add(m["id"], "into", *by_id[m["merged_into"]].values())
    for r in db.execute("SELECT matter_id, COUNT(*), MAX(id), SUM(named) FROM matter_raisers GROUP BY matter_id"):
        add(r[0], "raisers", *r[1:])
    for r in db.execute("SELECT i.matter_id, i.id, i.status, i.title, i.position, i.started_at, m.id, m.title, m.status,"
                        " m.scheduled_at, m.started_at FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id"
                        " WHERE i.matter_id IS NOT NULL ORDER BY i.id"):
        add(r[0], "item", *r[1:])
    for r in db.execute("SELECT i.matter_id, COUNT(d.id), MAX(d.id), MAX(d.decided_at) FROM decisions d"
                        " JOIN agenda_items i ON i.id = d.item_id WHERE i.matter_id IS NOT NULL GROUP BY i.matter_id"):
        add(r[0], "decisions", *r[1:])
    for r in db.execute("SELECT i.matter_id, COUNT(v.id), MAX(v.id), GROUP_CONCAT(v.status || COALESCE(v.passed, '')"
                        " || v.consultative || COALESCE(v.closed_at, ''))"
                        " FROM votes v JOIN proposals p ON p.id = v.proposal_id JOIN agenda_items i ON i.id = p.item_id"
                        " WHERE i.matter_id IS NOT NULL GROUP BY i.matter_id"):
        add(r[0], "votes", *r[1:])
    for r in db.execute(f"SELECT d.mid, COUNT(n.id), MAX(n.id) FROM duty_notes n JOIN ({_DUTY_MATTER}) d"
                        " ON d.id = n.action_id WHERE d.mid IS NOT NULL GROUP BY d.mid"):
        add(r[0], "notes", *r[1:])
    for r in db.execute(f"SELECT d.mid, COUNT(e.id), MAX(e.id) FROM evaluations e JOIN ({_DUTY_MATTER}) d"
                        " ON d.id = e.action_id WHERE d.mid IS NOT NULL GROUP BY d.mid"):
        add(r[0], "evaluations", *r[1:])
    for r in db.execute(f"SELECT mid, id, status, due, task, owner_party, owner_person, meeting_id, dispatched_by,"
                        f" accepted_at, done_at, evaluation, reopened, created_at FROM ({_DUTY_MATTER})"
                        " WHERE mid IS NOT NULL ORDER BY id"):
        add(r[0], "duty", *r[1:])
    return {mid: hashlib.sha256(repr(values).encode()).hexdigest()[:20] for mid, values in parts.items()}


def duty_dues(db: Database) -> dict[int, list[tuple[str, str | None]]]:
    """(status, due) of each matter's duties, by matter id: whether one is overdue today is part
    of what the matter's page shows."""
    found: dict[int, list[tuple[str, str | None]]] = {}
    for mid, status, due in db.execute(f"SELECT mid, status, due FROM ({_DUTY_MATTER}) WHERE mid IS NOT NULL"):
        found.setdefault(mid, []).append((status, due))
    return found


def matter_index(db: Database) -> list[Row]:
    """Every matter not merged into another, newest first, for the public list: id, title,
    status, category, building, raised_at, and its duties (all, and not done)."""
    return _all(db, "SELECT x.id, x.title, x.status, x.category, x.raised_at, x.closed_at,"
                    " (SELECT COUNT(*) FROM actions a WHERE a.matter_id = x.id) AS duties,"
                    " (SELECT COUNT(*) FROM actions a WHERE a.matter_id = x.id AND a.status != 'done') AS duties_open"
                    " FROM matters x WHERE x.merged_into IS NULL ORDER BY x.raised_at DESC, x.id DESC")


# -- figures a street office asks for ------------------------------------------------------------

def matters_raised(db: Database) -> list[Row]:
    """Matters raised, by month (YYYY-MM) and category: {month, category, count}. A duplicate
    merged into another matter is not counted again."""
    return _all(db, "SELECT substr(raised_at, 1, 7) AS month, category, COUNT(*) AS count FROM matters"
                    " WHERE merged_into IS NULL GROUP BY 1, 2 ORDER BY 1, 2")


def matters_closed(db: Database) -> list[Row]:
    """Matters closed (结案), by month and category: {month, category, count}."""
    return _all(db, "SELECT substr(closed_at, 1, 7) AS month, category, COUNT(*) AS count FROM matters"
                    " WHERE merged_into IS NULL AND status = 'closed' AND closed_at IS NOT NULL"
                    " GROUP BY 1, 2 ORDER BY 1, 2")


def matters_done(db: Database) -> list[Row]:
    """Matters whose duties are all done (at least one): {id, category, raised_at, done_at},
    `done_at` the day the last of them was done. The median of the days between is a figure."""
    return _all(db, f"SELECT x.id, x.category, x.raised_at, MAX(d.done_at) AS done_at FROM matters x"
                    f" JOIN ({_DUTY_MATTER}) d ON d.mid = x.id WHERE x.merged_into IS NULL"
                    " GROUP BY x.id HAVING SUM(d.status != 'done') = 0 AND MAX(d.done_at) IS NOT NULL ORDER BY x.id")


def overdue_by_party(db: Database, today: str) -> list[Row]:
    """Duties overdue as of `today`, by the party that owns them: {party, count}, most first."""
    cursor = db.execute(f"SELECT a.owner_party, COUNT(*) FROM actions a WHERE {_OVERDUE}"
                        " GROUP BY a.owner_party ORDER BY 2 DESC, 1", {"today": today})
    return [{"party": party, "count": count} for party, count in cursor.fetchall()]


def meetings_held(db: Database) -> list[Row]:
    """Meetings held (started), by month: {month, count}."""
    return _all(db, "SELECT substr(started_at, 1, 7) AS month, COUNT(*) AS count FROM meetings"
                    " WHERE started_at IS NOT NULL GROUP BY 1 ORDER BY 1")
