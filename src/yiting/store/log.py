"""The one write path: row changes and their hash-chained event, in one transaction.

Every change to a record table goes through a `Changeset`. When the `change()` block ends,
the changes are written as one row of `events` carrying the before and after image of every
row touched, the SHA-256 of the event, and the hash of the event before it. `verify` walks
this chain and replays it against the tables.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from yiting.errors import StoreError
from yiting.store.database import Database, is_locked

GENESIS = "0" * 64


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def event_hash(event: dict[str, Any]) -> str:
    """The SHA-256 of an event's content, including the hash of the event before it."""
    content = {k: event[k] for k in ("seq", "at", "actor", "action", "meeting_id", "reason", "changes", "prev_hash")}
    return hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()


def head(db: Database) -> str:
    """The hash at the head of the event log (all zeros for an empty log)."""
    row = db.execute("SELECT hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    return row[0] if row else GENESIS


def _row(db: Database, table: str, row_id: int) -> dict[str, Any] | None:
    cursor = db.execute(f"SELECT * FROM [{table}] WHERE id = ?", [row_id])
    values = cursor.fetchone()
    if values is None:
        return None
    return dict(zip([d[0] for d in cursor.description], values))


class Changeset:
    """The row changes of one action; use through `change()`."""

    def __init__(self, db: Database, meeting_id: int | None) -> None:
        self.db = db
        self.meeting_id = meeting_id  # may be set inside the block, e.g. by create_meeting
        self.changes: list[dict[str, Any]] = []

    def insert(self, table: str, row: dict[str, Any]) -> int:
        columns = ", ".join(f"[{c}]" for c in row)
        marks = ", ".join("?" for _ in row)
        cursor = self.db.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", list(row.values()))
        row_id = cursor.lastrowid
        self.changes.append({"t": table, "id": row_id, "before": None, "after": _row(self.db, table, row_id)})
        return row_id

    def update(self, table: str, row_id: int, **fields: Any) -> dict[str, Any]:
        before = _row(self.db, table, row_id)
        if before is None:
            raise LookupError(f"{table} {row_id}")
        changed = {k: v for k, v in fields.items() if before.get(k) != v}
        if not changed:
            return before
        assignments = ", ".join(f"[{c}] = ?" for c in changed)
        self.db.execute(f"UPDATE [{table}] SET {assignments} WHERE id = ?", [*changed.values(), row_id])
        after = _row(self.db, table, row_id)
        self.changes.append({"t": table, "id": row_id, "before": before, "after": after})
        return after

    def logged(self, table: str, row_id: int, before: dict[str, Any]) -> None:
        """Log a row that SQL already changed (a migration): `before` as it was, the row as it is."""
        self.changes.append({"t": table, "id": row_id, "before": before, "after": _row(self.db, table, row_id)})

    def delete(self, table: str, row_id: int) -> None:
        before = _row(self.db, table, row_id)
        if before is None:
            return
        self.db.execute(f"DELETE FROM [{table}] WHERE id = ?", [row_id])
        self.changes.append({"t": table, "id": row_id, "before": before, "after": None})


@contextmanager
def transaction(db: Database) -> Iterator[None]:
    """One write transaction, `BEGIN IMMEDIATE` to `COMMIT`; re-entrant (inner uses join the outer).

    Taking the write lock first means a desk action's checks and its writes see the same state:
    a second window on the same database waits (busy timeout) instead of slipping in between,
    and the hash chain never forks.
    """
    conn = db.conn
    if conn.in_transaction:
        yield
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.DatabaseError as exc:
        raise _store_error(db, exc) or StoreError("store.locked", path="") from exc
    try:
        yield
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite rolls back by itself when it cannot; the first error is the one to tell
        if isinstance(exc, sqlite3.DatabaseError):
            mapped = _store_error(db, exc)
            if mapped is not None:
                raise mapped from exc
        raise


@contextmanager
def change(
    db: Database, *, action: str, actor: str, at: str, meeting_id: int | None, reason: str = ""
) -> Iterator[Changeset]:
    """Record one action: the row changes made in the block and their event, written together.

    Inside a `transaction()` it joins it (a savepoint undoes the block alone on error);
    otherwise it is a transaction of its own.
    """
    with transaction(db):
        db.execute("SAVEPOINT change")
        try:
            changeset = Changeset(db, meeting_id)
            yield changeset
            if changeset.changes:
                _append_event(db, changeset, action=action, actor=actor, at=at, reason=reason)
        except BaseException:
            if db.conn.in_transaction:
                db.execute("ROLLBACK TO SAVEPOINT change")
                db.execute("RELEASE SAVEPOINT change")
            raise
        db.execute("RELEASE SAVEPOINT change")


def _append_event(db: Database, changeset: Changeset, *, action: str, actor: str, at: str, reason: str) -> None:
    seq_row = db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM events").fetchone()
    event = {
        "seq": seq_row[0],
        "at": at,
        "actor": actor,
        "action": action,
        "meeting_id": changeset.meeting_id,
        "reason": reason,
        "changes": changeset.changes,
        "prev_hash": head(db),
    }
    event["hash"] = event_hash(event)
    db.execute(
        "INSERT INTO events (seq, at, actor, action, meeting_id, reason, changes, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [event["seq"], at, actor, action, changeset.meeting_id, reason, canonical(changeset.changes),
         event["prev_hash"], event["hash"]],
    )


def _store_error(db: Database, exc: sqlite3.DatabaseError) -> StoreError | None:
    """The message for a write the database refused for reasons outside yiting (a full disk, a
    drive gone read-only or away, another program's lock, damage), or None for anything else,
    which is a bug and keeps its traceback. Nothing of the refused step was written."""
    text = str(exc).lower()
    try:
        path = next((name for _, schema, name in db.execute("PRAGMA database_list").fetchall()
                     if schema == "main"), "")
    except sqlite3.Error:
        path = ""
    if is_locked(exc):
        return StoreError("store.locked", path=path)
    if "readonly" in text or "read-only" in text:
        return StoreError("store.readonly", path=path)
    if "full" in text or "i/o" in text or ("disk" in text and "malformed" not in text):
        return StoreError("store.write_failed", path=path, detail=str(exc))
    if "malformed" in text or "not a database" in text:
        return StoreError("store.corrupt", path=path, detail=str(exc))
    return None
