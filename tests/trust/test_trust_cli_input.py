"""Ids typed wrong at the command line get one clear line and exit code 1, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from yiting.desk import Desk
from yiting.store.db import connect

WRONG_IDS = ["99999999999999999999", "-99999999999999999999", "abc", "-1", "0", "1e3", "1.5", "nan", "inf",
             "\udcff", "'; DROP TABLE meetings; --", "<script>", " "]


@pytest.fixture
def db_path(tmp_path, clock):
    path = tmp_path / "meeting.sqlite"
    desk = Desk(connect(path), clock=clock, backups=False)
    desk.create_meeting("假山议事会")
    desk.db.conn.close()
    return path


def test_a_wrong_meeting_id_is_one_clear_line(db_path, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("姓名\n王建国\n", encoding="utf-8")
    env = {**os.environ, "YITING_LANG": "zh"}
    runs = []
    for wrong in WRONG_IDS:
        for args in (["export", "--", wrong], ["import", "roster", str(roster), "-m", wrong]):
            runs.append((args, subprocess.Popen([sys.executable, "-m", "yiting", "--db", str(db_path), *args],
                                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)))
    for args, proc in runs:
        out, err = proc.communicate(timeout=60)
        shown = f"{args!r}: {proc.returncode} {out[-200:]!r} {err[-300:]!r}"
        assert proc.returncode == 1, shown
        assert b"Traceback" not in out + err, shown
        lines = err.decode("utf-8", "replace").strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("错误：找不到编号为"), shown
