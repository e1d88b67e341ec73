"""Kill -9 mid-speech, start again: the same meeting, the same item, the timer still running."""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from datetime import datetime, timedelta

import pytest
from ui_meetings import StepClock, build_meetings

from yiting.store.db import connect

ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[\]P^_].*?(?:\x07|\x1b\\)|\x1b[()][A-Za-z0-9]|\x1b[=>]")
# Generous: only to stop a broken run from hanging, never a speed requirement.
PATIENCE = 60.0


LIVE: list[Terminal] = []  # killed after each test by tests/ui/conftest.py, even one that failed


class Terminal:
    """The real `yiting` in a pseudo-terminal of 120×40."""

    def __init__(self, db_path) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", YITING_LANG="zh")
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from yiting.cli import main; main()", "--db", str(db_path)],
            stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.raw = b""
        LIVE.append(self)

    def text(self) -> str:
        return ANSI.sub("", self.raw.decode("utf-8", "replace"))

    def wait_for(self, pattern: str) -> re.Match:
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            found = re.search(pattern, self.text())
            if found:
                return found
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    self.raw += os.read(self.master, 65536)
                except OSError:
                    break
        raise AssertionError(f"never saw {pattern!r}; the screen said:\n{self.text()[-2000:]}")

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def kill(self) -> None:
        if self not in LIVE:
            return
        LIVE.remove(self)
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        os.close(self.master)


def elapsed_since(started_at: str) -> int:
    """Whole seconds from a speech's recorded start to now, on the wall clock the app uses."""
    return int((datetime.now().astimezone() - datetime.fromisoformat(started_at)).total_seconds())


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_sigkill_mid_speech_then_reopen(tmp_path):
    path = tmp_path / "meeting.sqlite"
    # Real time now: the fixture's speech by 钱秀英 started a few seconds ago.
    ids = build_meetings(path, StepClock(datetime.now().astimezone() - timedelta(seconds=200)))

    first = Terminal(path)
    first.wait_for(r"正在发言：钱秀英")
    first.send(" ")  # space: the next speaker by the rules, 孙建国
    first.wait_for(r"正在发言：孙建国")
    # Long enough that a timer started again from zero on reopening (it would show 0:00 or 0:01
    # first) cannot pass for one that kept the recorded start.
    first.wait_for(r"已用 0:0[4-9]")
    first.kill()

    db = connect(path)
    speech = db.execute("SELECT s.status, p.name, s.started_at FROM speeches s JOIN participants p"
                        " ON p.id = s.participant_id WHERE s.status = 'speaking'").fetchone()
    db.conn.close()
    assert speech[:2] == ("speaking", "孙建国")

    at_least = elapsed_since(speech[2])  # the reopened console cannot draw its first frame before now
    assert at_least >= 4
    second = Terminal(path)
    try:
        second.wait_for(r"当前：小区停车位重新划线")
        second.wait_for(r"正在发言：孙建国")
        shown = second.wait_for(r"已用 (\d+):(\d\d)")  # the first frame that shows the timer
        seconds = int(shown[1]) * 60 + int(shown[2])
        assert at_least - 1 <= seconds <= elapsed_since(speech[2]) + 1, (seconds, at_least)
        later = seconds + 1
        second.wait_for(rf"已用 {later // 60}:{later % 60:02d}")  # and it keeps counting
    finally:
        second.kill()
    assert ids["live"]
