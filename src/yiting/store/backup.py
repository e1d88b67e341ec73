"""Backups through SQLite's online backup API: consistent even while the app is writing."""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from yiting.errors import StoreError
from yiting.store import holders
from yiting.store.database import BUSY_TIMEOUT_MS, Database
from yiting.store.failures import is_locked

KEEP = 20  # automatic backups kept per database
PARTIAL = ".partial"  # suffix of a backup still being written
# What a backup killed half-way leaves, by the names `default_target` gives: the partial copy,
# SQLite's journal of it, and the lock its writer held (`<name>.sqlite.partial-journal` …).
_LEFT_BY_A_KILLED_BACKUP = re.compile(r"^(?P<partial>.+-\d{8}-\d{6}(?:-\d+)?\.sqlite\.partial)"
                                      r"(?:-journal|-wal|-shm|-lock)?$")


def checkpoint(db: Database) -> None:
    """Move everything from the write-ahead log into the database file and empty the log, so the
    file alone holds the whole record (before it is moved or copied as a file)."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def copy_database(source: Path, target: Path) -> Path:
    """Copy the database at `source` into a new file `target` and return it."""
    target = Path(target).expanduser()
    if target.exists():
        raise StoreError("store.backup_exists", path=str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_killed_copies(target.parent)
        src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
        try:
            src.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _write_whole(src, target)
        finally:
            src.close()
    except sqlite3.OperationalError as exc:
        if is_locked(exc):
            raise StoreError("store.locked", path=str(source)) from exc
        raise StoreError("store.backup_failed", path=str(target), detail=str(exc)) from exc
    except (OSError, sqlite3.Error) as exc:
        raise StoreError("store.backup_failed", path=str(target), detail=str(exc)) from exc
    return target


def _write_whole(source: sqlite3.Connection, target: Path) -> None:
    """Back `source` up into `target`, which appears only once it is complete.

    The copy is written under a temporary name and renamed at the end: a process killed
    half-way (or a full disk) leaves a `.partial` file (and SQLite's `.partial-journal`), never
    a torn `*.sqlite` that `yiting backup --list` would offer as something to restore; the next
    backup removes them (`remove_killed_copies`). While it writes, this process holds the
    partial copy's lock, so no other yiting takes it for a killed one.
    """
    partial = target.with_name(target.name + PARTIAL)
    with holders.exclusive(partial) as alone:
        if not alone and holders.lock_path(partial).exists():  # another yiting writes this very copy now
            raise StoreError("store.backup_exists", path=str(target))
        _remove_partial(partial)  # a killed copy's, under this very name
        try:
            dst = sqlite3.connect(str(partial))
            try:
                source.backup(dst)
            finally:
                dst.close()
            os.replace(partial, target)
        except BaseException:
            _remove_partial(partial)
            raise
    holders.lock_path(partial).unlink(missing_ok=True)


def _remove_partial(partial: Path) -> list[Path]:
    removed = []
    for suffix in ("", "-journal", "-wal", "-shm"):
        path = Path(f"{partial}{suffix}")
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
    return removed


def remove_killed_copies(folder: Path) -> list[Path]:
    """Remove what backups killed half-way left in `folder` (named as `default_target` names
    them): the partial copy and its journal, unless a live yiting is writing it now (it holds
    the copy's lock). Returns the files removed."""
    try:
        names = [p.name for p in Path(folder).iterdir()]
    except OSError:
        return []
    removed: list[Path] = []
    for name in sorted({m["partial"] for m in map(_LEFT_BY_A_KILLED_BACKUP.match, names) if m}):
        partial = Path(folder) / name
        try:
            with holders.exclusive(partial) as alone:
                if alone:
                    removed += _remove_partial(partial)
            if alone:  # (a folder where no lock can be made: nothing is removed either)
                holders.lock_path(partial).unlink(missing_ok=True)
        except OSError:
            continue  # a file another process holds open (Windows): next time
    return removed


def default_target(source: Path, label: str, now: datetime | None = None) -> Path:
    """`<folder>/backups/<name>-<label>-<timestamp>.sqlite` beside the database (never an existing file)."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder = source.parent / "backups"
    target = folder / f"{source.stem}-{label}-{stamp}.sqlite"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{source.stem}-{label}-{stamp}-{counter}.sqlite"
    return target


def database_file(db: Database) -> Path | None:
    """The file behind a connection, or None for an in-memory database."""
    filename = db.path()
    return Path(filename) if filename else None


def snapshot(db: Database, label: str, keep: int = KEEP) -> Path | None:
    """Back up the open database beside itself (at a meeting's open and close), keeping the
    newest `keep` automatic backups. Returns None for an in-memory database."""
    source = database_file(db)
    if source is None:
        return None
    target = default_target(source, label)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_killed_copies(target.parent)
    _write_whole(db.conn, target)
    automatic = sorted(
        (p for p in target.parent.glob(f"{source.stem}-auto-*.sqlite")),
        key=lambda p: p.stat().st_mtime_ns,
    )
    for old in automatic[:-keep] if keep else []:
        old.unlink(missing_ok=True)
    return target


def before_migration(path: Path, version: int) -> Path:
    """Keep a copy of a database as it was before it is migrated from `version`."""
    return copy_database(path, default_target(path, f"v{version}"))
