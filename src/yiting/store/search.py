"""Search across all minutes: an SQLite FTS5 index kept up to date from the event log.

The index (`search_text` and its FTS5 index `search_index`, schema step 2) is derived data, not
part of the record: it holds meeting titles, agenda item titles and descriptions, speech
summaries, proposals, decisions and action tasks. `update()` applies the events logged since the last one it indexed
(`search_state.last_seq`), so a search costs only the changes made since the previous one; when
far behind (a migrated database, a first search over years of meetings) it rebuilds from the
tables instead, which is faster than replaying the whole log.

Chinese has no spaces between words and FTS5's default tokenizer does not split it, so the
index uses the trigram tokenizer: any run of three or more characters is found. One- and
two-character terms (车位, 灯) go through LIKE on the plain `search_text` table: a scan, about
20 ms over ten years of minutes (the same scan through the FTS5 table took three times longer).
"""

from __future__ import annotations

import json
from typing import Any

from yiting.store.database import Database

# Where each indexed text comes from, and its code in the index's rowid (row id * 8 + code):
# an update replaces exactly the entry of that row and field.
SOURCES: dict[tuple[str, str], int] = {
    ("meetings", "title"): 1,
    ("agenda_items", "title"): 2,
    ("agenda_items", "description"): 3,
    ("speeches", "summary"): 4,
    ("proposals", "text"): 5,
    ("decisions", "text"): 6,
    ("actions", "task"): 7,
}
KINDS = {code: f"{table}.{column}" for (table, column), code in SOURCES.items()}
_FIELDS: dict[str, list[tuple[str, int]]] = {}
for (_table, _column), _code in SOURCES.items():
    _FIELDS.setdefault(_table, []).append((_column, _code))

REBUILD_AFTER = 20_000  # events behind: replaying more than this is slower than a rebuild
MIN_TRIGRAM = 3


def _key(row_id: int, code: int) -> int:
    return row_id * 8 + code


def _place(table: str, row: dict[str, Any], meeting_id: int | None) -> tuple[int | None, int | None]:
    """(meeting id, item id) of an indexed row; `meeting_id` is the event's, for speeches and
    proposals, whose rows name only their item."""
    if table == "meetings":
        return row["id"], None
    if table == "agenda_items":
        return row.get("meeting_id"), row["id"]
    return row.get("meeting_id") or meeting_id, row.get("item_id")


def _put(db: Database, table: str, row_id: int, row: dict[str, Any] | None, meeting_id: int | None) -> None:
    for column, code in _FIELDS[table]:
        key = _key(row_id, code)
        old = db.execute("SELECT text FROM search_text WHERE id = ?", [key]).fetchone()
        if old is not None:  # an external-content index forgets a text only when told it
            db.execute("INSERT INTO search_index (search_index, rowid, text) VALUES ('delete', ?, ?)", [key, old[0]])
            db.execute("DELETE FROM search_text WHERE id = ?", [key])
        text = (row or {}).get(column) or ""
        if text.strip():
            where = _place(table, row, meeting_id)
            db.execute("INSERT INTO search_text (id, text, kind, meeting_id, item_id) VALUES (?, ?, ?, ?, ?)",
                       [key, text, code, where[0], where[1]])
            db.execute("INSERT INTO search_index (rowid, text) VALUES (?, ?)", [key, text])


def _last_seq(db: Database) -> int:
    row = db.execute("SELECT last_seq FROM search_state WHERE id = 1").fetchone()
    return row[0] if row else 0


def _set_last_seq(db: Database, seq: int) -> None:
    db.execute("INSERT INTO search_state (id, last_seq) VALUES (1, ?)"
               " ON CONFLICT (id) DO UPDATE SET last_seq = excluded.last_seq", [seq])


def pending(db: Database) -> int:
    """How many logged events the index has not seen yet."""
    last = _last_seq(db)
    return db.execute("SELECT COUNT(*) FROM events WHERE seq > ?", [last]).fetchone()[0]


def rebuild(db: Database) -> int:
    """Fill the index afresh from the record tables; returns the number of entries."""
    with db.transaction():
        _rebuild(db, db.execute("SELECT COALESCE(MAX(seq), 0) FROM events").fetchone()[0])
    return db.execute("SELECT COUNT(*) FROM search_text").fetchone()[0]


# Where an indexed row's meeting and item come from, by table (SQL over the row as `t`).
_ITEM_MEETING = "(SELECT meeting_id FROM agenda_items i WHERE i.id = t.item_id)"
_PLACE_SQL = {
    "meetings": ("id", "NULL"),
    "agenda_items": ("meeting_id", "id"),
    "speeches": (_ITEM_MEETING, "item_id"),
    "proposals": (_ITEM_MEETING, "item_id"),
    "decisions": ("meeting_id", "item_id"),
    "actions": ("meeting_id", "item_id"),
}


def _rebuild(db: Database, seq: int) -> None:
    """Index every text of the tables afresh, as of event `seq`."""
    db.execute("DELETE FROM search_text")
    for (table, column), code in SOURCES.items():
        meeting, item = _PLACE_SQL[table]
        db.execute(
            "INSERT INTO search_text (id, text, kind, meeting_id, item_id)"
            f" WITH src(id, text, code, mid, iid) AS (SELECT id, {column}, {code}, {meeting}, {item} FROM {table} t)"
            " SELECT id * 8 + code, text, code, mid, iid FROM src WHERE TRIM(COALESCE(text, '')) != ''"
        )
    db.execute("INSERT INTO search_index (search_index) VALUES ('rebuild')")
    _set_last_seq(db, seq)


def _behind(db: Database) -> bool:
    return db.execute("SELECT COALESCE(MAX(seq), 0) FROM events").fetchone()[0] > _last_seq(db)


def update(db: Database) -> int:
    """Bring the index up to date with the event log; returns how many events it was behind.

    Up to date, it only reads; otherwise it takes the write lock and looks again (another
    window may have brought the index up to date meanwhile)."""
    if not _behind(db):
        return 0
    with db.transaction():
        last = _last_seq(db)
        head = db.execute("SELECT COALESCE(MAX(seq), 0) FROM events").fetchone()[0]
        if head <= last:
            return 0
        if head - last > REBUILD_AFTER:
            _rebuild(db, head)
            return head - last
        cursor = db.execute("SELECT seq, meeting_id, changes FROM events WHERE seq > ? ORDER BY seq", [last])
        for _seq, meeting_id, changes_text in cursor.fetchall():
            for change in json.loads(changes_text):
                table = change.get("t")
                if table in _FIELDS:
                    _put(db, table, change["id"], change.get("after"), meeting_id)
        _set_last_seq(db, head)
    return head - last


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search(db: Database, query: str, *, limit: int = 50) -> list[dict[str, Any]]:
    """Entries whose text contains every term of `query` (terms split on spaces), best first:
    [{"meeting_id", "meeting", "when", "item_id", "item", "kind", "text"}]. Call `update()` first
    to see the latest changes."""
    terms = [t for t in query.split() if t]
    if not terms:
        return []
    long_terms = [t for t in terms if len(t) >= MIN_TRIGRAM]
    short_terms = [t for t in terms if len(t) < MIN_TRIGRAM]
    where: list[str] = []
    params: list[Any] = []
    if long_terms:
        where.append("search_index MATCH ?")
        params.append(" AND ".join('"' + t.replace('"', '""') + '"' for t in long_terms))
    for term in short_terms:
        where.append("s.text LIKE ? ESCAPE '\\'")
        params.append(_like(term))
    if long_terms:
        source = "search_index JOIN search_text s ON s.id = search_index.rowid"
        order = "search_index.rank"
    else:  # one- and two-character terms only: a scan of the plain table
        source = "search_text s"
        order = "s.id DESC"
    sql = (
        "SELECT s.meeting_id, m.title, COALESCE(m.started_at, m.scheduled_at, m.created_at),"
        " s.item_id, i.title, s.kind, s.text"
        f" FROM {source} LEFT JOIN meetings m ON m.id = s.meeting_id"
        " LEFT JOIN agenda_items i ON i.id = s.item_id"
        f" WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ?"
    )
    params.append(int(limit))
    return [
        {"meeting_id": mid, "meeting": mtitle or "", "when": (when or "")[:10], "item_id": iid,
         "item": ititle or "", "kind": KINDS.get(int(kind), str(kind)), "text": text}
        for mid, mtitle, when, iid, ititle, kind, text in db.execute(sql, params).fetchall()
    ]
