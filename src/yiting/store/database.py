"""The database handle the desk, the console and the store share: a sqlite3 connection in
autocommit mode and the one way to write several statements together, `transaction()`.

Without sqlite-utils (with its plugins, dateutil and csv: ~35 ms on the way to the console's
first frame); migrations still run through sqlite-utils (`yiting.store.schema.migrate`), on
this connection, inside a `transaction()`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from yiting.errors import StoreError
from yiting.store.failures import is_locked, refusal

BUSY_TIMEOUT_MS = 5000  # how long a statement waits for a lock another window or program holds

__all__ = ["BUSY_TIMEOUT_MS", "Database", "is_locked"]


class Database:
    """One connection to a yiting database.

    The connection is in autocommit mode (`isolation_level=None`): Python's sqlite3 never opens
    a transaction by itself, so a statement on its own is committed as it runs, and only
    `transaction()` writes several statements as one.
    """

    def __init__(self, conn: sqlite3.Connection, holder: Any = None) -> None:
        if conn.isolation_level is not None:
            conn.isolation_level = None
        self.conn = conn
        self.holder = holder  # yiting.store.holders.Holder: this process has the file open
        conn.execute("PRAGMA recursive_triggers = ON")  # sqlite-utils' default, which the schema grew up with

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> sqlite3.Cursor:
        """Run one statement (committed at once outside a transaction)."""
        return self.conn.execute(sql) if params is None else self.conn.execute(sql, params)

    def close(self) -> None:
        """Close the connection and let go of the file (`yiting demo` may then replace it)."""
        self.conn.close()
        if self.holder is not None:
            self.holder.release()
            self.holder = None

    def path(self) -> str:
        """The file behind the connection ("" in memory, or when it cannot be asked)."""
        try:
            rows = self.conn.execute("PRAGMA database_list").fetchall()
        except sqlite3.Error:
            return ""
        return next((name for _, schema, name in rows if schema == "main"), "")

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """The one way to write several statements together: all of them or, if the block
        raises, none.

        The outermost block is `BEGIN IMMEDIATE` … `COMMIT`: it takes the write lock first, so
        what the block reads (a desk action's checks) and what it writes see the same record, a
        second window waits (busy timeout) instead of slipping in between, and the event log's
        hash chain never forks. A block inside another is a savepoint: on error it undoes its
        own writes only, and the outer block decides.

        A refusal from outside yiting (another program's lock, a read-only or full drive,
        damage) becomes a StoreError whose message is ready to show; nothing of the block was
        written. Anything else keeps its traceback.
        """
        conn = self.conn
        if conn.in_transaction:
            conn.execute("SAVEPOINT block")
            try:
                yield self
            except BaseException:
                if conn.in_transaction:  # an error may already have ended the whole transaction
                    conn.execute("ROLLBACK TO SAVEPOINT block")
                    conn.execute("RELEASE SAVEPOINT block")
                raise
            conn.execute("RELEASE SAVEPOINT block")
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise refusal(exc, self.path()) or StoreError("store.locked", path="") from exc
        try:
            yield self
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # SQLite rolls back by itself when it cannot; the first error is the one to tell
            if isinstance(exc, sqlite3.DatabaseError):
                mapped = refusal(exc, self.path())
                if mapped is not None:
                    raise mapped from exc
            raise
