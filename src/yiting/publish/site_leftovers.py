"""What a killed publish left in the site: `.tmp-<12 hex>` files (`site.write_atomic` writes each
file under such a name, then renames it), beside the minutes or the duty board's pages. They
are removed when publishing starts, and only when no other yiting is publishing into the same
site right now: every publisher holds the site's `.publishing-lock` (shared) while it writes,
and the clean-up needs it alone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from yiting.store import holders

TMP_NAME = re.compile(r"^\.tmp-[0-9a-f]{12}$")  # as write_atomic names them, and nothing else
MARKER = ".publishing"


# Where publish_board writes (publish/board.py page_path, done_path; the matter pages; the figures).
BOARD_FOLDERS = ("duties", "duties/page/*", "duties/done/*", "matters", "matters/*", "matters/page/*", "figures")


def _folders(site: Path) -> Iterator[Path]:
    """Where write_atomic writes: the site, each meeting's folder and each version's, and the
    folders of the duty board, the matter pages and the figures."""
    yield site
    for meeting in (site / "m").glob("*"):
        if meeting.is_dir():
            yield meeting
            yield from (v for v in meeting.glob("v*") if v.is_dir())
    for pattern in BOARD_FOLDERS:
        yield from (folder for folder in site.glob(pattern) if folder.is_dir())


def remove_killed_writes(site: Path) -> list[Path]:
    """Remove the temporary files a killed publish left under `site` (call it holding the site
    alone). Returns the files removed."""
    removed = []
    for folder in _folders(Path(site)):
        try:
            names = [p for p in folder.iterdir() if TMP_NAME.match(p.name) and p.is_file()]
        except OSError:
            continue
        for path in names:
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed


@contextmanager
def publishing(site: Path) -> Iterator[None]:
    """Publish into `site` within this block: first what a killed publish left is removed (when
    no other yiting is publishing there), then the site is held, shared, until the block ends."""
    site = Path(site)
    site.mkdir(parents=True, exist_ok=True)
    marker = site / MARKER
    with holders.exclusive(marker) as alone:
        if alone:
            remove_killed_writes(site)
    try:
        holder = holders.hold(marker)
    except TimeoutError:  # another one cleaning for longer than a moment: publish all the same
        holder = None
    try:
        yield
    finally:
        if holder is not None:
            holder.release()
