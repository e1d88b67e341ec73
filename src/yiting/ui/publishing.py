"""The console's side of publishing: a meeting's minutes written into the site the console
serves, on a worker thread with a read connection of its own (a SQLite connection belongs to
the thread that opened it), and what the close screen shows about them."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

NOTICE_FILES = ("notice.pdf", "notice.png")  # the one that prints best first
# One publish of a meeting at a time (a close screen left mid-publish and a ctrl+e elsewhere
# would otherwise both write its versions.json): the second waits, then finds its work done.
_PUBLISHING: dict[tuple[Path, int], threading.Lock] = {}
_PUBLISHING_GUARD = threading.Lock()
_BOARD_GUARD = threading.Lock()  # one publish of the duty board at a time


@dataclass
class Minutes:
    """A meeting's published minutes as the close screen shows them."""

    url: str
    version: int
    time: str
    folder: Path
    matrix: list[list[bool]]  # the QR code of `url`
    changed: bool = False  # this publish wrote a new version (or rewrote lost files)
    seconds: float = 0.0
    status: str = ""  # the meeting's status as published ("closed": still to be marked)
    warnings: list[str] = field(default_factory=list)
    # The printable notice, found once where the minutes are read (a worker thread), not on every
    # redraw of the close screen's keys.
    notice: Path | None = field(init=False)

    def __post_init__(self) -> None:
        self.notice = next((self.folder / name for name in NOTICE_FILES if (self.folder / name).is_file()), None)


def publish(db_path: Path, meeting_id: int, site: Path, base_url: str, lang: str) -> Minutes:
    """Publish one meeting (call it on a worker thread): page, Markdown, JSON, CSV, QR code and
    notice, as `yiting publish` writes them. Raises YitingError when it cannot be published."""
    from yiting.publish.qr import qr_matrix
    from yiting.publish.site import load_versions, publish_meeting
    from yiting.publish.site_leftovers import publishing
    from yiting.store.db import connect

    with _PUBLISHING_GUARD:
        one_at_a_time = _PUBLISHING.setdefault((Path(site).resolve(), int(meeting_id)), threading.Lock())
    with one_at_a_time:
        db = connect(db_path, readonly=True)
        try:
            with publishing(site):  # what a killed publish left is cleaned up first
                result = publish_meeting(db, meeting_id, site, base_url=base_url, lang=lang)
                with _BOARD_GUARD:  # the duty board and matter pages, as `yiting publish` writes them
                    from yiting.publish.board_site import publish_board
                    from yiting.publish.site import write_index

                    result.warnings += publish_board(db, site, base_url=base_url, lang=lang).warnings
                    write_index(site, lang)
        finally:
            db.close()
    versions = load_versions(result.folder)["versions"]
    when = versions[-1].get("time", "") if versions else ""
    return Minutes(result.url, result.version, when, result.folder, qr_matrix(result.url), result.changed,
                   result.seconds, result.status, list(result.warnings))


def published(site: Path, meeting_id: int) -> Minutes | None:
    """What is already published of a meeting under `site` (call it on a worker thread: the QR
    code is drawn here), or None."""
    from yiting.publish.site import load_versions

    folder = Path(site) / "m" / str(int(meeting_id))
    try:
        state = load_versions(folder)
        last = state["versions"][-1]
        url = str(state["url"])
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return None
    if not (folder / "index.html").is_file():
        return None
    from yiting.publish.qr import qr_matrix

    return Minutes(url, int(last.get("number", 0)), str(last.get("time", "")), folder, qr_matrix(url))


VIEWER_START_SECONDS = 5.0


def open_in_viewer(path: Path) -> bool:
    """Open a file in the system's viewer, as `click.launch` does, but with the opener's
    messages kept off the console's terminal (xdg-open without a desktop printed its attempts
    over the screen) and no terminal for a text-mode browser to take: stdin/out/err to nowhere,
    a session of its own. False when nothing could open it. Call it on a worker thread: it waits
    up to VIEWER_START_SECONDS for the opener to give up."""
    import os
    import subprocess
    import sys

    if sys.platform == "win32":
        try:
            os.startfile(str(path))  # type: ignore[attr-defined]  # noqa: S606 - the user's own file
        except OSError:
            return False
        return True
    command = ["open", str(path)] if sys.platform == "darwin" else ["xdg-open", str(path)]
    try:
        opener = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,  # noqa: S603
                                  stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return False
    try:
        return opener.wait(VIEWER_START_SECONDS) == 0
    except subprocess.TimeoutExpired:
        return True  # still running: the viewer it started is showing the file
