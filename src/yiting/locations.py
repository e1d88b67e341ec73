"""Where yiting keeps its files: the user's data directory, and the files shipped inside it."""

from __future__ import annotations

import os
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

APP_NAME = "yiting"


def data_dir() -> Path:
    """The user's data directory for yiting (YITING_HOME overrides it, e.g. in tests)."""
    override = os.environ.get("YITING_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_db() -> Path:
    """The database yiting uses when neither --db nor YITING_DB says otherwise."""
    override = os.environ.get("YITING_DB")
    return Path(override).expanduser() if override else data_dir() / "yiting.sqlite"


def demo_db() -> Path:
    return data_dir() / "demo.sqlite"


def site_dir(db_path: Path | None = None, *, demo: bool = False) -> Path:
    """The site of a database's minutes: where the console publishes at close and serves, and
    where `yiting publish` and `yiting serve` write and read by default. A demo database (the
    one at `demo_db()`, or any `demo` says the demo made) has a site of its own, so that its
    meetings never take the addresses of real ones (both count meetings from 1)."""
    if demo or (db_path is not None and _same_file(Path(db_path), demo_db())):
        return data_dir() / "demo-site"
    return data_dir() / "site"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.expanduser().resolve() == b.expanduser().resolve()
    except OSError:
        return False


def backups_dir() -> Path:
    return data_dir() / "backups"


def _shipped(name: str) -> Traversable:
    # Installed wheel: yiting/<name>; editable install or checkout: <repo>/<name>.
    inside = resources.files("yiting") / name
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parents[2] / name


def shipped_data() -> Traversable:
    """The presets and demo data shipped with yiting (the repository's data/ folder)."""
    return _shipped("data")


def shipped_styles() -> Traversable:
    return _shipped("styles")
