"""What a killed backup left (`.partial` and SQLite's `.partial-journal`) is removed by the next
backup, unless another running yiting is writing it right now; files of other names are never
touched."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from yiting.desk import Desk
from yiting.store import backup, holders
from yiting.store.db import connect

KILLED = "meetings-auto-close-m1-20251212-193000.sqlite.partial"


def leave_killed_copy(folder, name=KILLED):
    folder.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-journal"):
        (folder / f"{name}{suffix}").write_bytes(b"half a copy")
    return [folder / name, folder / f"{name}-journal"]


def test_the_next_backup_removes_what_a_killed_one_left(tmp_path, clock):
    db = connect(tmp_path / "meetings.sqlite")
    Desk(db, clock=clock).create_meeting("假山议事会")
    folder = tmp_path / "backups"
    left = leave_killed_copy(folder)
    strangers = [folder / "notes.partial", folder / "my-copy.sqlite.partial-journal", folder / "x.sqlite"]
    for path in strangers:
        path.write_text("not yiting's", encoding="utf-8")
    made = backup.snapshot(db, "auto-test")
    assert made.is_file()
    assert not any(p.exists() for p in left)
    assert all(p.exists() for p in strangers)  # only yiting's own names
    assert sorted(p.name for p in folder.iterdir() if "partial" in p.name) == ["my-copy.sqlite.partial-journal",
                                                                               "notes.partial"]


def test_a_manual_backup_cleans_up_too(tmp_path, clock):
    db = connect(tmp_path / "meetings.sqlite")
    Desk(db, clock=clock).create_meeting("假山议事会")
    db.close()
    folder = tmp_path / "backups"
    left = leave_killed_copy(folder, "meetings-manual-20251212-193000.sqlite.partial")
    backup.copy_database(tmp_path / "meetings.sqlite", backup.default_target(tmp_path / "meetings.sqlite", "manual"))
    assert not any(p.exists() for p in left)


def test_a_copy_another_yiting_is_writing_now_is_kept(tmp_path, clock):
    db = connect(tmp_path / "meetings.sqlite")
    Desk(db, clock=clock).create_meeting("假山议事会")
    folder = tmp_path / "backups"
    left = leave_killed_copy(folder)
    # Another process in the middle of writing that copy: it holds the copy's lock, as _write_whole does.
    writer = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from yiting.store import holders
        with holders.exclusive(Path({str(left[0])!r})) as alone:
            print("writing" if alone else "refused", flush=True)
            sys.stdin.readline()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "writing"
        backup.snapshot(db, "auto-test")
        assert all(p.exists() for p in left)  # being written: kept
    finally:
        writer.communicate("done\n", timeout=30)
    backup.snapshot(db, "auto-test")  # the writer has gone (as if killed): now they go
    assert not any(p.exists() for p in left)
    assert not holders.lock_path(left[0]).exists()
