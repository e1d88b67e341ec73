"""Backups through SQLite's online backup API: consistent even while the app is writing."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from yiting.errors import StoreError


def copy_database(source: Path, target: Path) -> Path:
    """Copy the database at `source` into a new file `target` and return it."""
    target = Path(target).expanduser()
    if target.exists():
        raise StoreError("store.backup_exists", path=str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
    except (OSError, sqlite3.Error) as exc:
        raise StoreError("store.backup_failed", path=str(target), detail=str(exc)) from exc
    return target


def default_target(source: Path, label: str, now: datetime | None = None) -> Path:
    """`<folder>/backups/<name>-<label>-<timestamp>.sqlite` beside the database."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return source.parent / "backups" / f"{source.stem}-{label}-{stamp}.sqlite"


def before_migration(path: Path, version: int) -> Path:
    """Keep a copy of a database as it was before it is migrated from `version`."""
    return copy_database(path, default_target(path, f"v{version}"))
