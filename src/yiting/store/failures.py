"""What a refusal from SQLite means to the user, read from SQLite's own error name.

Python (3.11+) gives every error SQLite raised its result code as `sqlite_errorname`, e.g.
`SQLITE_BUSY` or the extended `SQLITE_IOERR_WRITE`; the classes below go by its primary part,
never by the wording of the message (which changes between SQLite versions). Errors that Python
raises itself (a closed connection, a wrong parameter) have no name: they are bugs.
"""

from __future__ import annotations

from sqlite3 import DatabaseError  # what the layers above catch, without importing sqlite3

from yiting.errors import StoreError

__all__ = ["DatabaseError", "is_locked", "is_readonly", "primary_name", "refusal"]

LOCKED = frozenset({"SQLITE_BUSY", "SQLITE_LOCKED"})  # another window or program holds the lock
READONLY = frozenset({"SQLITE_READONLY"})  # the file, its folder or the drive cannot be written
UNWRITABLE = frozenset({"SQLITE_FULL", "SQLITE_IOERR", "SQLITE_CANTOPEN"})  # full disk, drive gone
DAMAGED = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB"})


def primary_name(exc: BaseException) -> str | None:
    """`SQLITE_IOERR` for `SQLITE_IOERR_WRITE`; None for an error SQLite did not raise."""
    name = getattr(exc, "sqlite_errorname", None)
    if not name:
        return None
    return "_".join(name.split("_", 2)[:2])


def is_locked(exc: BaseException) -> bool:
    """SQLite's "database is locked/busy": another window or program holds the lock."""
    return primary_name(exc) in LOCKED


def is_readonly(exc: BaseException) -> bool:
    return primary_name(exc) in READONLY


def refusal(exc: BaseException, path: str) -> StoreError | None:
    """The message for a step the database refused for reasons outside yiting (another
    program's lock, a drive gone read-only, full or away, damage), or None for anything else,
    which is a bug and keeps its traceback."""
    kind = primary_name(exc)
    if kind in LOCKED:
        return StoreError("store.locked", path=path)
    if kind in READONLY:
        return StoreError("store.readonly", path=path)
    if kind in UNWRITABLE:
        return StoreError("store.write_failed", path=path, detail=str(exc))
    if kind in DAMAGED:
        return StoreError("store.corrupt", path=path, detail=str(exc))
    return None
