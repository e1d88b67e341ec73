"""Reads for the public duty board, the matter pages and the figures a street office asks for
(全程查事): what `publish/board.py` and the console's Figures screen show. Rows are plain dicts.

The duties themselves come from `store.matters`; this module adds what the public pages need
beside them: each duty's latest evaluation, a meeting's people (to mask owners as
`publish.privacy` does), the row changes logged since the last publish and the duties and matters
they touch (so publishing again rewrites only what changed), and the figures.
"""

from __future__ import annotations

from typing import Any

from yiting.store.database import Database
from yiting.store.queries import _all

Row = dict[str, Any]

# A duty's matter: its own link, else the matter of the agenda item it was decided under.
_DUTY_MATTER = ("SELECT a.*, COALESCE(a.matter_id, i.matter_id) AS mid FROM actions a"
                " LEFT JOIN agenda_items i ON i.id = a.item_id")
_OVERDUE = "(a.status != 'done' AND a.due IS NOT NULL AND a.due != '' AND a.due < :today)"


def meeting_people(db: Database, meeting_id: int) -> list[Row]:
    """A meeting's people (id, name, party, named, official): `publish.privacy.Roster` shows an
    owner of one of its duties as that roster allows."""
    return _all(db, "SELECT id, name, party, named, official FROM participants WHERE meeting_id = ?", [meeting_id])


def evaluations_of(db: Database, action_ids: list[int]) -> dict[int, Row]:
    """The latest evaluation of each of these duties that has one, by action id."""
    found: dict[int, Row] = {}
    for start in range(0, len(action_ids), 500):
        chunk = action_ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for r in _all(db, f"SELECT * FROM evaluations WHERE action_id IN ({marks}) ORDER BY id", chunk):
            found[r["action_id"]] = r
    return found


def duty_keys(db: Database) -> list[Row]:
    """Every duty's id, status, due and done_at: enough to put the board in order
    (`domain.matters.duty_order`) and to know which of its pages the day changes."""
    return _all(db, "SELECT id, status, due, done_at FROM actions")


def log_position(db: Database) -> tuple[int, str]:
    """The event log's last seq and hash ((0, '') when empty)."""
    found = db.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    return (found[0], found[1]) if found else (0, "")


def event_hash(db: Database, seq: int) -> str | None:
    found = db.execute("SELECT hash FROM events WHERE seq = ?", [seq]).fetchone()
    return found[0] if found else None


def changes_since(db: Database, seq: int) -> list[dict[str, Any]]:
    """The row changes of every event after `seq` ({"t": table, "id", "before", "after"}), oldest first."""
    import json

    out: list[dict[str, Any]] = []
    for (text,) in db.execute("SELECT changes FROM events WHERE seq > ? ORDER BY seq", [seq]):
        out.extend(json.loads(text or "[]"))
    return out


def _ids(db: Database, sql: str, ids: set[int]) -> set[int]:
    found: set[int] = set()
    values = sorted(ids)
    for start in range(0, len(values), 500):
        chunk = values[start:start + 500]
        found.update(r[0] for r in db.execute(sql.replace("?", ",".join("?" * len(chunk)), 1), chunk)
                     if r[0] is not None)
    return found


def affected(db: Database, *, actions: set[int], matters: set[int], duty_matters: set[int], items: set[int],
             proposals: set[int], meetings: set[int]) -> tuple[set[int], set[int]]:
    """The duties and the matters whose public pages show something of these rows: (action
    ids, matter ids). A meeting here (its title, its people's consent) touches its duties and
    the matters of its items and duties."""
    items = items | _ids(db, "SELECT item_id FROM proposals WHERE id IN (?)", proposals)
    duties = set(actions) | _ids(db, "SELECT id FROM actions WHERE meeting_id IN (?)", meetings)
    duties |= _ids(db, "SELECT id FROM actions WHERE matter_id IN (?)", matters)  # a matter's title on the board
    items |= _ids(db, "SELECT id FROM agenda_items WHERE meeting_id IN (?)", meetings)
    found = set(matters) | duty_matters
    found |= _ids(db, "SELECT matter_id FROM agenda_items WHERE id IN (?)", items)
    found |= _ids(db, "SELECT COALESCE(a.matter_id, i.matter_id) FROM actions a LEFT JOIN agenda_items i"
                      " ON i.id = a.item_id WHERE a.id IN (?)", duties)
    # a matter's own row changed: the one it was merged into lists it, those merged into it name it
    found |= _ids(db, "SELECT merged_into FROM matters WHERE id IN (?)", matters)
    found |= _ids(db, "SELECT id FROM matters WHERE merged_into IN (?)", matters)
    return duties, found


def matters_due_between(db: Database, after: str, until: str) -> set[int]:
    """Matters with a duty not done whose due date is in [after, until): the days between made
    it overdue (or, going back, not)."""
    low, high = min(after, until), max(after, until)
    return {r[0] for r in db.execute(
        f"SELECT DISTINCT d.mid FROM ({_DUTY_MATTER}) d WHERE d.mid IS NOT NULL AND d.status != 'done'"
        " AND d.due >= ? AND d.due < ?", [low, high])}


def matter_ids(db: Database) -> list[int]:
    return [r[0] for r in db.execute("SELECT id FROM matters ORDER BY id")]


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
    return _all(db, "SELECT x.id, x.category, x.raised_at, d.done_at FROM (SELECT COALESCE(a.matter_id, i.matter_id)"
                    " AS mid, MAX(a.done_at) AS done_at, SUM(a.status != 'done') AS waiting FROM actions a"
                    " LEFT JOIN agenda_items i ON i.id = a.item_id GROUP BY 1) d JOIN matters x ON x.id = d.mid"
                    " WHERE d.waiting = 0 AND d.done_at IS NOT NULL AND x.merged_into IS NULL ORDER BY x.id")


def overdue_by_party(db: Database, today: str) -> list[Row]:
    """Duties overdue as of `today`, by the meeting they come from (None: dispatched) and the
    party typed as their owner: {meeting_id, party, count}. A party typed as a person's name is
    shown as that meeting's roster allows, so the caller masks and sums by the shown label."""
    cursor = db.execute(f"SELECT a.meeting_id, a.owner_party, COUNT(*) FROM actions a WHERE {_OVERDUE}"
                        " GROUP BY a.meeting_id, a.owner_party", {"today": today})
    return [{"meeting_id": mid, "party": party, "count": count} for mid, party, count in cursor.fetchall()]


def meetings_held(db: Database) -> list[Row]:
    """Meetings held (started), by month: {month, count}."""
    return _all(db, "SELECT substr(started_at, 1, 7) AS month, COUNT(*) AS count FROM meetings"
                    " WHERE started_at IS NOT NULL GROUP BY 1 ORDER BY 1")
