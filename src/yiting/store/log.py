"""The one write path: row changes and their hash-chained event, in one transaction.

Every change to a record table goes through a `Changeset`. When the `change()` block ends,
the changes are written as one row of `events` carrying the before and after image of every
row touched, the SHA-256 of the event, and the hash of the event before it. `verify` walks
this chain and replays it against the tables.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from yiting.store.database import Database

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
    return dict(zip([d[0] for d in cursor.description], values, strict=False))


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
def change(
    db: Database, *, action: str, actor: str, at: str, meeting_id: int | None, reason: str = ""
) -> Iterator[Changeset]:
    """Record one action: the row changes made in the block and their event, written together.

    It is one `db.transaction()`: inside a desk action's (or a migration's) it undoes the
    block alone on error; otherwise it is a transaction of its own.
    """
    with db.transaction():
        changeset = Changeset(db, meeting_id)
        yield changeset
        if changeset.changes:
            _append_event(db, changeset, action=action, actor=actor, at=at, reason=reason)


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

