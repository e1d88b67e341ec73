"""A meeting driven by keys in tmux, as a facilitator types: each step's keys in one
`send-keys` (a burst, as a practised hand types) or one key at a time, each once the screen is
still (as someone slow types). The record is compared through `yiting export`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

PATIENCE = 60.0  # only to stop a broken run from hanging

# The demo's live meeting (清河锦城): its queue holds 何晓军, 杨淑英, 王建国; one proposal waits.
STEPS: list[list[str]] = [
    ["Space"],                                                      # 何晓军 speaks
    ["e", "s", "建议充电棚改在北侧", "Enter"],                        # ends; the summary
    ["Space"],                                                      # 杨淑英 speaks
    ["p", "p"],                                                     # pause, resume
    ["e", "s", "担心收费太高", "Enter"],
    ["a", "gwt", "Enter", "Right", "Enter", "Enter"],               # 葛文涛, against
    ["a", "zl", "Enter", "Enter", "Enter"],                         # 张丽, for
    ["Space"],
    ["e", "Space", "e"],                                            # two speeches, back to back
    ["C-z"],                                                        # the last end was a slip
    ["e", "s", "同意先试点", "Enter"],
    ["m", "充电棚改建在北侧空地", "Enter", "gwt", "Enter", "Right", "Enter"],  # an amendment
    ["t", "物业公司测算充电收费标准", "Enter", "物业公司", "Enter", "Enter", "Enter"],
    ["w"], ["C-z"],                                                 # a speaker taken off and put back
    ["Space"], ["Enter"],                                           # a stray Enter starts nothing
]
TIMES = ("_at", "seconds", "log_head", "paused_seconds")


class Tmux:
    def __init__(self, socket: str, session: str, db: Path, home: Path) -> None:
        self.base = ["tmux", "-L", socket]
        self.session = session
        self.db = db
        env = {"TERM": "xterm-256color", "YITING_HOME": str(home), "LANG": "C.UTF-8", "YITING_LANG": "zh"}
        command = f"{sys.executable} -m yiting --db {db} --no-serve"
        args = [*self.base, "new-session", "-d", "-s", session, "-x", "120", "-y", "40"]
        for key, value in env.items():
            args += ["-e", f"{key}={value}"]
        subprocess.run([*args, command], check=True, env=dict(os.environ, **env))

    def screen(self) -> str:
        return subprocess.run([*self.base, "capture-pane", "-p", "-t", self.session],
                              capture_output=True, text=True).stdout

    def send(self, *keys: str) -> None:
        subprocess.run([*self.base, "send-keys", "-t", self.session, *keys], check=True)

    def events(self) -> int:
        import sqlite3

        conn = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        finally:
            conn.close()

    def wait_still(self, quiet: float = 0.4) -> None:
        """Until neither the screen (the timer's digits aside) nor the record changes for `quiet` s."""
        deadline = time.monotonic() + PATIENCE
        last, since = None, time.monotonic()
        while time.monotonic() < deadline:
            state = (self._without_timer(self.screen()), self.events())
            if state != last:
                last, since = state, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return
            time.sleep(0.05)
        raise AssertionError(f"the screen never settled:\n{self.screen()}")

    @staticmethod
    def _without_timer(text: str) -> str:
        # the countdown's big digits, the elapsed time and the agenda's minutes move on their own
        import re

        return re.sub(r"[╶╴╮╭╯╰│─┴┬:]{2,}|\d+:\d\d|\d+/\d+′", "", text)

    def wait_for(self, text: str) -> None:
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            if text in self.screen():
                return
            time.sleep(0.05)
        raise AssertionError(f"never saw {text!r}:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True)


def run_meeting(db: Path, home: Path, socket: str, *, burst: bool) -> None:
    term = Tmux(socket, "meeting", db, home)
    try:
        term.wait_for("下一位：何晓军")
        for step in STEPS:
            if burst:
                term.send(*step)
            else:
                for key in step:
                    if key in ("Space", "Enter", "Right", "Left", "C-z") or len(key) == 1:
                        term.send(key)
                    else:
                        for character in key:
                            term.send("-l", character)
                            term.wait_still(0.15)
                        continue
                    term.wait_still(0.15)
            term.wait_still()
        term.send("C-q")
    finally:
        term.close()


def export(db: Path, meeting_id: int) -> dict:
    out = subprocess.run([sys.executable, "-m", "yiting", "--db", str(db), "export", str(meeting_id),
                          "--format", "json"], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def without_times(value):
    """The record with its times left out, and so the order the minutes derive from them: an
    item's speeches are listed by when they started, to the second, and a burst starts two
    in the same second (then the order they were queued decides)."""
    if isinstance(value, dict):
        out = {k: without_times(v) for k, v in value.items() if not k.endswith(TIMES)}
        if isinstance(out.get("speeches"), list):
            out["speeches"].sort(key=lambda speech: speech["id"])
        return out
    if isinstance(value, list):
        return [without_times(v) for v in value]
    return value


def have_tmux() -> bool:
    return shutil.which("tmux") is not None
