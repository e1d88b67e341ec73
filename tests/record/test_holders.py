"""Who has a database open (`yiting.store.holders`): held by every connection, seen by `in_use`,
gone with the process however it ends; the Windows variant checked with byte-range locks that
behave as `msvcrt.locking` does (exclusive, per handle, failing at once)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from yiting.store import holders
from yiting.store.db import connect

FAKE_WINDOWS = textwrap.dedent("""
    import fcntl, os, sys, types
    msvcrt = types.ModuleType("msvcrt")
    msvcrt.LK_UNLCK, msvcrt.LK_NBLCK = 0, 2

    def locking(fd, mode, nbytes):  # msvcrt.locking: from the current position, exclusive, no wait
        start = os.lseek(fd, 0, os.SEEK_CUR)
        fcntl.lockf(fd, fcntl.LOCK_UN if mode == msvcrt.LK_UNLCK else fcntl.LOCK_EX | fcntl.LOCK_NB, nbytes, start)

    msvcrt.locking = locking
    sys.modules["msvcrt"] = msvcrt
    sys.platform = "win32"
    from pathlib import Path
    from yiting.store import holders
    assert holders.sys.platform == "win32" and hasattr(holders, "msvcrt")
    path = Path(sys.argv[2])
""")
HOLD = FAKE_WINDOWS + "h = holders.hold(path)\nprint('held', flush=True)\nsys.stdin.readline()\n"
ASK = FAKE_WINDOWS + "print(holders.in_use(path))\n"


def test_a_connection_holds_the_database_until_it_is_closed(tmp_path):
    path = tmp_path / "meetings.sqlite"
    db = connect(path)
    assert holders.in_use(path)
    reader = connect(path, readonly=True)
    db.close()
    assert holders.in_use(path)  # the reader still has it
    reader.close()
    assert not holders.in_use(path)


def test_a_database_nobody_opened_through_yiting_is_not_in_use_and_gets_no_lock_file(tmp_path):
    path = tmp_path / "meetings.sqlite"
    connect(path).close()
    holders.lock_path(path).unlink()
    assert not holders.in_use(path)
    assert not holders.lock_path(path).exists()


def test_while_held_alone_no_one_else_can_open_it(tmp_path, monkeypatch):
    from yiting.errors import StoreError

    monkeypatch.setattr(holders, "_WAIT", 0.05)
    path = tmp_path / "meetings.sqlite"
    connect(path).close()
    with holders.exclusive(path) as alone:
        assert alone
        with pytest.raises(StoreError) as refused:
            connect(path, readonly=True)
        assert refused.value.key == "store.locked"
    connect(path).close()


@pytest.mark.skipif(sys.platform == "win32", reason="the fake stands in for Windows elsewhere")
def test_the_windows_locks_see_a_holder_in_another_process_and_not_after_it_ends(tmp_path):
    path = tmp_path / "meetings.sqlite"
    path.write_bytes(b"")
    holder = subprocess.Popen([sys.executable, "-c", HOLD, "x", str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        second = subprocess.Popen([sys.executable, "-c", HOLD, "x", str(path)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        assert second.stdout.readline().strip() == "held"  # holders share: each its own byte
        asked = subprocess.run([sys.executable, "-c", ASK, "x", str(path)], capture_output=True, text=True)
        assert asked.stdout.strip() == "True", asked.stderr
        second.communicate("\n", timeout=30)
    finally:
        holder.kill()
        holder.wait(timeout=30)
    asked = subprocess.run([sys.executable, "-c", ASK, "x", str(path)], capture_output=True, text=True)
    assert asked.stdout.strip() == "False", asked.stderr
