"""The checkpoints yiting has published, kept in the database (schema step 4), and the
questions verify and publish ask of the log about them: is the head each one signed still the
head of the log at that size? Are the append-only triggers in place?

The table is append-only like the log; what it holds is only as good as the signatures on it,
and the heads others hold (the site, a photo of the notice) are what a rewrite cannot reach.
"""

from __future__ import annotations

from typing import Any

from yiting.store.database import Database
from yiting.store.log import GENESIS

# The triggers that keep the log and the checkpoints append-only (schema steps 1 and 4).
GUARDS = ("events_no_update", "events_no_delete", "checkpoints_no_update", "checkpoints_no_delete")
_COLUMNS = ("id", "at", "size", "head", "hash", "fingerprint", "meeting_id", "version", "note")


def _has_table(db: Database) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'checkpoints'").fetchone() \
        is not None


def published(db: Database) -> list[dict[str, Any]]:
    """Every checkpoint published from this database, oldest first."""
    if not _has_table(db):
        return []
    cursor = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM checkpoints ORDER BY id")
    return [dict(zip(_COLUMNS, row, strict=True)) for row in cursor]


def last(db: Database) -> dict[str, Any] | None:
    rows = published(db)
    return rows[-1] if rows else None


def keep(db: Database, *, at: str, size: int, head: str, hash: str, fingerprint: str, meeting_id: int,
         version: int, note: str) -> bool:
    """Remember a checkpoint just signed; False when the database cannot be written (a
    read-only copy). `db` may be a read connection (publishing reads the record through one):
    the row is then written through a short write connection of its own."""
    values = [at, size, head, hash, fingerprint, meeting_id, version, note]
    sql = ("INSERT INTO checkpoints (at, size, head, hash, fingerprint, meeting_id, version, note)"
           " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    if not db.path():  # in memory: the connection is the database
        with db.transaction():
            db.execute(sql, values)
        return True
    from yiting.errors import StoreError
    from yiting.store.db import connect

    try:
        writer = connect(db.path(), create=False)
    except StoreError as exc:
        if exc.key == "store.readonly":
            return False
        raise
    try:
        with writer.transaction():
            writer.execute(sql, values)
    finally:
        writer.close()
    return True


def log_state(db: Database) -> tuple[int, str]:
    """(size, head): the number of the last event and its hash."""
    row = db.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


def hash_at(db: Database, seq: int) -> str | None:
    row = db.execute("SELECT hash FROM events WHERE seq = ?", [seq]).fetchone()
    return row[0] if row else None


def gone_heads(db: Database) -> list[dict[str, Any]]:
    """The published checkpoints whose head is no longer the log's hash at their size (the log
    was rewritten, or rolled back below it); each with `now`, the hash there today or None."""
    if not _has_table(db):
        return []
    cursor = db.execute("SELECT c.id, c.size, c.head, c.meeting_id, c.version, c.at, e.hash FROM checkpoints c"
                        " LEFT JOIN events e ON e.seq = c.size WHERE e.hash IS NOT c.head ORDER BY c.id")
    names = ("id", "size", "head", "meeting_id", "version", "at", "now")
    return [dict(zip(names, row, strict=True)) for row in cursor]


def missing_guards(db: Database) -> list[str]:
    """The append-only triggers that are not there (a checkpoint-less older schema lacks none)."""
    present = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    wanted = GUARDS if _has_table(db) else GUARDS[:2]
    return [name for name in wanted if name not in present]


def heads_starting(db: Database, prefix: str) -> list[tuple[int, str]]:
    """The events whose hash starts with `prefix` (a head as printed on a notice)."""
    return db.execute("SELECT seq, hash FROM events WHERE hash >= ? AND hash < ? ORDER BY seq",
                      [prefix, prefix + "g"]).fetchall()


def meeting_last_hash(db: Database, meeting_id: int, skip: str = "mark_published") -> str:
    """The hash of a meeting's last event other than `skip`: what its published pages were made from."""
    row = db.execute("SELECT hash FROM events WHERE meeting_id = ? AND action != ? ORDER BY seq DESC LIMIT 1",
                     [meeting_id, skip]).fetchone()
    return row[0] if row else GENESIS


def key_count(db: Database) -> int:
    """How many signing keys the published checkpoints were signed with."""
    if not _has_table(db):
        return 0
    return db.execute("SELECT COUNT(DISTINCT fingerprint) FROM checkpoints").fetchone()[0]
