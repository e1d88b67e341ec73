"""What the trust tests share: running the real CLI and the meeting driver, digests, event lists."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DRIVER = HERE / "meeting_driver.py"

# The event-log action each kind of the driver's steps writes.
ACTION_OF_KIND = {
    "create_meeting": "create_meeting", "add_participants": "add_participants", "check_in": "check_in",
    "open_meeting": "open_meeting", "add_item": "add_item", "open_item": "open_item",
    "queue": "queue_speaker", "start_speech": "start_speech", "end_speech": "end_speech",
    "proposal": "submit_proposal", "open_vote": "open_vote", "tally": "adjust_count",
    "ballot": "cast_ballot", "close_vote": "close_vote", "decision": "record_decision",
    "action": "add_action", "close_item": "close_item", "close_meeting": "close_meeting",
    "publish": "mark_published",
}


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def cli(db: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """The real `yiting` command in its own process, as a facilitator would run it."""
    env = {**os.environ, "YITING_LANG": "zh"}
    return subprocess.run([sys.executable, "-m", "yiting", "--db", str(db), *args],
                          capture_output=True, text=True, timeout=timeout, env=env)


def driver(db: Path, *options: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(DRIVER), str(db), *options], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, bufsize=1)


def events(path: Path) -> list[tuple[int, str, str]]:
    """(seq, action, hash) of every event, read without writing to the file."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT seq, action, hash FROM events ORDER BY seq").fetchall()
    finally:
        conn.close()


def parse_ack(line: str) -> tuple[int, str, int, str]:
    _, n, kind, seq, digest_ = line.split()
    return int(n), kind, int(seq), digest_
