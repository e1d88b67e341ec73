"""Done means (issue 11): a whole demo meeting driven in tmux at burst speed ends with exactly
the record a slow run gives (the JSON exports, times aside)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from tmux_meeting import STEPS, export, have_tmux, run_meeting, without_times

pytestmark = pytest.mark.skipif(not have_tmux() or sys.platform == "win32", reason="needs tmux")


def test_a_meeting_typed_in_bursts_records_what_a_slow_one_does(tmp_path):
    built = tmp_path / "built.sqlite"
    subprocess.run([sys.executable, "-m", "yiting", "--db", str(built), "demo", "--no-open", "--yes"],
                   check=True, capture_output=True, env=dict(os.environ, YITING_HOME=str(tmp_path)))
    for pace in ("burst", "slow"):
        shutil.copy(built, tmp_path / f"{pace}.sqlite")
    socket = f"yiting-test-{os.getpid()}"
    run_meeting(tmp_path / "burst.sqlite", tmp_path, socket + "-burst", burst=True)
    run_meeting(tmp_path / "slow.sqlite", tmp_path, socket + "-slow", burst=False)
    meeting = next(m for m in export_list(built) if m["status"] == "open")["id"]
    fast, slow = export(tmp_path / "burst.sqlite", meeting), export(tmp_path / "slow.sqlite", meeting)
    assert without_times(fast) == without_times(slow)
    # and the steps did happen: the summaries, the amendment, the task, the stray Enter harmless
    item = next(i for i in fast["agenda"] if i["status"] == "discussing")
    summaries = [s["summary"] for s in item["speeches"]]
    assert {"建议充电棚改在北侧", "担心收费太高", "同意先试点"} <= set(summaries)
    assert any(p["text"] == "充电棚改建在北侧空地" and p["amends"] for p in item["proposals"])
    assert "物业公司测算充电收费标准" in [a["task"] for a in fast["actions"]]
    assert [s["status"] for s in item["speeches"]].count("speaking") == 1
    assert len(STEPS) > 15


def export_list(db):
    import json

    out = subprocess.run([sys.executable, "-m", "yiting", "--db", str(db), "list", "--json"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)
