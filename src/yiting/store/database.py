"""The database handle the desk, the console and the store share: a sqlite3 connection and the
little of sqlite-utils' `Database` that they use, without importing sqlite-utils (with its
plugins, dateutil and csv: ~35 ms on the way to the console's first frame).

Migrations still run through sqlite-utils (`yiting.store.schema.migrate`), on this connection.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

BUSY_TIMEOUT_MS = 5000  # how long a statement waits for a lock another window or program holds


def is_locked(exc: Exception) -> bool:
    """True for SQLite's "database is locked/busy": another window or program holds the lock."""
    text = str(exc).lower()
    return "locked" in text or "busy" in text


# Statements that control the transaction themselves; anything else that leaves an implicit
# transaction open outside `atomic()` is committed at once, as sqlite-utils does.
_CONTROL = frozenset({"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"})
_FIRST_WORD = re.compile(r"(?:\s|;|\ufeff|--[^\n]*(?:\n|$)|/\*.*?\*/)*([A-Za-z_]*)", re.DOTALL)


class Database:
    """One connection to a yiting database; `execute` behaves as sqlite-utils' does."""

    def __init__(self, conn: sqlite3.Connection, holder: Any = None) -> None:
        self.conn = conn
        self.holder = holder  # yiting.store.holders.Holder: this process has the file open
        conn.execute("PRAGMA recursive_triggers = ON")  # sqlite-utils' default, which the schema grew up with

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> sqlite3.Cursor:
        """Run one statement. A write outside a transaction is committed at once; a statement
        that fails never leaves a transaction of its own open."""
        conn = self.conn
        was_in_transaction = conn.in_transaction
        try:
            cursor = conn.execute(sql) if params is None else conn.execute(sql, params)
        except Exception:
            if not was_in_transaction and conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        if (not was_in_transaction and conn.in_transaction and cursor.description is None
                and _FIRST_WORD.match(sql)[1].upper() not in _CONTROL):
            conn.execute("COMMIT")
        return cursor

    def close(self) -> None:
        """Close the connection and let go of the file (`yiting demo` may then replace it)."""
        self.conn.close()
        if self.holder is not None:
            self.holder.release()
            self.holder = None

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        """One transaction around the block (a savepoint inside one already open); rolled back
        if the block raises."""
        conn = self.conn
        if conn.in_transaction:
            conn.execute("SAVEPOINT atomic")
            try:
                yield self
            except BaseException:
                if conn.in_transaction:  # an error may already have ended the whole transaction
                    conn.execute("ROLLBACK TO SAVEPOINT atomic")
                    conn.execute("RELEASE SAVEPOINT atomic")
                raise
            conn.execute("RELEASE SAVEPOINT atomic")
            return
        conn.execute("BEGIN")
        try:
            yield self
            conn.execute("COMMIT")
        except BaseException:
            conn.rollback()
            raise
