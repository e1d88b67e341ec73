"""Opening the database: checks first, then WAL, foreign keys, busy timeout, migrations."""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from pathlib import Path

from yiting.errors import StoreError
from yiting.store import backup, holders
from yiting.store.database import BUSY_TIMEOUT_MS, Database
from yiting.store.failures import is_locked, is_readonly
from yiting.store.schema import SCHEMA_VERSION, migrate

SQLITE_HEADER = b"SQLite format 3\x00"
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024


def file_size(path: Path) -> int | None:
    """The size of the regular file at `path`, or None when there is nothing there.

    Looked at before anything opens it: a directory, a FIFO (opening one waits for a writer
    forever), a socket or a device is refused at once."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except NotADirectoryError as exc:  # a file where a folder of the path should be
        raise StoreError("store.not_a_file", path=str(path)) from exc
    except PermissionError as exc:
        raise StoreError("store.unreadable", path=str(path)) from exc
    if stat.S_ISDIR(info.st_mode):
        raise StoreError("store.is_directory", path=str(path))
    if not stat.S_ISREG(info.st_mode):
        raise StoreError("store.not_a_file", path=str(path))
    return info.st_size


def being_created(path: Path) -> bool:
    """A zero-byte file is a database only while a yiting process is creating it (SQLite makes
    the empty file first), or when a power cut left its first pages in the write-ahead log
    beside it; any other empty file is not one, and is never made into one."""
    wal = Path(f"{path}-wal")
    return holders.in_use(path) or (wal.is_file() and wal.stat().st_size > 0)


def _inspect(path: Path) -> int:
    """Check an existing file without writing to it; return its schema version."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError as exc:
        raise StoreError("store.unreadable", path=str(path)) from exc
    except IsADirectoryError as exc:
        raise StoreError("store.not_sqlite", path=str(path)) from exc
    if header == b"":
        return 0
    if header != SQLITE_HEADER:
        raise StoreError("store.not_sqlite", path=str(path))
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError("store.unreadable", path=str(path)) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError("store.newer", path=str(path), found=version, known=SCHEMA_VERSION)
        if version == 0:
            # Version 0 with tables of its own is another program's database: migrating would
            # write yiting's tables into it (and switch it to WAL). Only the migrations table
            # may be there, left by a first migration that was interrupted.
            foreign = conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'"
                " AND name != '_sqlite_migrations' ORDER BY name LIMIT 1"
            ).fetchone()
            if foreign is not None:
                raise StoreError("store.not_yiting", path=str(path), table=foreign[0])
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        if path.stat().st_size < page_size * pages and not Path(f"{path}-wal").exists():
            raise StoreError("store.corrupt", path=str(path), detail="truncated")
        # quick_check reads every page: ~0.4 s on ten years of meetings. A large file gets it
        # from `yiting check` and before any migration instead of on the way to the first frame.
        if version < SCHEMA_VERSION or path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise StoreError("store.corrupt", path=str(path), detail=result)
    except sqlite3.OperationalError as exc:
        if is_locked(exc):
            raise StoreError("store.locked", path=str(path)) from exc
        raise StoreError("store.corrupt", path=str(path), detail=str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError("store.corrupt", path=str(path), detail=str(exc)) from exc
    finally:
        conn.close()
    return version


def inspect(path: Path) -> int:
    """The schema version of the existing yiting database at `path`, read without writing;
    StoreError for anything else there."""
    if store_size := file_size(path):
        return _inspect(path)
    raise StoreError("store.missing" if store_size is None else "store.empty_file", path=str(path))


def connect(path: str | Path, *, readonly: bool = False, create: bool = True) -> Database:
    """Open (and create or migrate, unless `readonly`) the yiting database at `path`.

    A missing file is created only with `create` (the console, `yiting demo`, tests); the
    commands that read or add to a record pass `create=False` and get `store.missing`.
    Raises StoreError, leaving the file untouched, for a path that is a folder, a FIFO or a
    device, an empty file, a file that is not SQLite, is corrupt, was written by a newer
    yiting, is locked, or cannot be written when writing is needed.
    """
    path = Path(path).expanduser()
    size = file_size(path)
    exists = size is not None
    if size == 0 and not being_created(path):
        raise StoreError("store.empty_file", path=str(path))
    version = _inspect(path) if exists else 0
    if readonly:
        if not exists:
            raise StoreError("store.missing", path=str(path))
        if version < SCHEMA_VERSION:
            raise StoreError("store.needs_upgrade", path=str(path))
        holder = _hold(path)
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return Database(conn, holder)
    # No write bits means the owner made it read-only on purpose, even where root could write.
    if exists and (not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222):
        raise StoreError("store.readonly", path=str(path))
    if not exists:
        if not create:
            raise StoreError("store.missing", path=str(path))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError("store.cannot_create", path=str(path), detail=str(exc)) from exc
    elif 0 < version < SCHEMA_VERSION:
        backup.before_migration(path, version)
    holder = _hold(path)
    try:
        db = Database(sqlite3.connect(str(path), isolation_level=None), holder)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _wal(db)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = FULL")
        if version < SCHEMA_VERSION:
            _migrate_locked(db, path)
    except sqlite3.OperationalError as exc:
        if is_locked(exc):
            raise StoreError("store.locked", path=str(path)) from exc
        if is_readonly(exc):
            raise StoreError("store.readonly", path=str(path)) from exc
        raise StoreError("store.cannot_create", path=str(path), detail=str(exc)) from exc
    return db


def _hold(path: Path) -> holders.Holder | None:
    try:
        return holders.hold(path)
    except TimeoutError as exc:  # `yiting demo` is replacing this file right now
        raise StoreError("store.locked", path=str(path)) from exc


DEMO_MARK = 0x5954444D  # PRAGMA application_id of a database `yiting demo` made: "YTDM"


def application_id(path: Path) -> int:
    """The application id in the header of the SQLite file at `path` (read only)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return conn.execute("PRAGMA application_id").fetchone()[0]
    finally:
        conn.close()


def is_demo(path: Path) -> bool:
    """Whether the file at `path` is a database `yiting demo` made (and marked)."""
    try:
        return bool(file_size(path)) and application_id(path) == DEMO_MARK
    except (StoreError, sqlite3.Error):
        return False


def is_demo_database(db: Database) -> bool:
    """Whether the open database is one `yiting demo` made."""
    return db.execute("PRAGMA application_id").fetchone()[0] == DEMO_MARK


def has_meetings(db: Database) -> bool:
    return db.execute("SELECT EXISTS (SELECT 1 FROM meetings)").fetchone()[0] == 1


def mark_demo(db: Database) -> None:
    """Mark a database as made by `yiting demo` (a header field; the schema is not touched)."""
    db.execute(f"PRAGMA application_id = {DEMO_MARK}")


def meetings_in(path: Path) -> list[tuple[int, str]]:
    """(id, title) of every meeting in the yiting database at `path`, read without writing."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return [(row[0], row[1]) for row in conn.execute("SELECT id, title FROM meetings ORDER BY id")]
    finally:
        conn.close()


def _wal(db: Database) -> None:
    """Switch to WAL. The switch upgrades a read lock to an exclusive one, which SQLite will not
    wait for (busy timeout or not) while another window switches or migrates the same new file:
    try again until the busy timeout has passed."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if not is_locked(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _migrate_locked(db: Database, path: Path) -> None:
    """Migrate holding the write lock, all steps in one transaction. Two windows creating the
    same new file at once: the second waits here (busy timeout) and then finds the version the
    first one wrote, instead of failing on its half-made tables. A refusal (locked, read-only,
    full) comes out of `transaction()` as its StoreError."""
    with db.transaction():
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError("store.newer", path=str(path), found=version, known=SCHEMA_VERSION)
        if version < SCHEMA_VERSION:
            migrate(db)


def memory() -> Database:
    """A fresh in-memory database with the current schema (for tests and previews)."""
    db = Database(sqlite3.connect(":memory:", isolation_level=None))
    db.execute("PRAGMA foreign_keys = ON")
    with db.transaction():
        migrate(db)
    return db
