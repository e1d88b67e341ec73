"""The real `yiting` on a pseudo-terminal, keys sent a whole step at a time: nothing lost,
nothing misfiled, and a half-typed dialog survives kill -9."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta

import pytest
from test_crash_recovery import PATIENCE, Terminal
from ui_meetings import StepClock, build_meetings
from waiting import wait_until

from yiting.desk import Desk
from yiting.store.db import connect

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def seen(check, what: str):
    found = wait_until(check, PATIENCE)
    assert found, f"never: {what}"
    return found


def test_a_half_typed_proposal_survives_kill_9(tmp_path):
    path = tmp_path / "meeting.sqlite"
    build_meetings(path, StepClock(datetime.now().astimezone() - timedelta(seconds=200)))
    drafts = tmp_path / "meeting.sqlite.drafts.json"

    first = Terminal(path)
    first.wait_for(r"正在发言：钱秀英")
    first.send("m" + "北门加装两盏路灯")  # the proposal dialog and its text, at once
    first.wait_for(r"北门加装两盏路灯")

    def saved():
        try:
            return "北门加装两盏路灯" in json.dumps(json.loads(drafts.read_text("utf-8")), ensure_ascii=False)
        except (OSError, ValueError):
            return False

    seen(saved, "the draft written beside the database")
    first.kill()

    second = Terminal(path)
    second.wait_for(r"正在发言：钱秀英")
    second.send("m")
    second.wait_for(r"北门加装两盏路灯")
    second.send("\x1b")
    second.kill()


def test_whole_steps_sent_at_once_on_a_real_terminal(tmp_path):
    path = tmp_path / "meeting.sqlite"
    ids = build_meetings(path, StepClock(datetime.now().astimezone() - timedelta(seconds=200)))

    term = Terminal(path)
    term.wait_for(r"正在发言：钱秀英")
    # add 周海 against, as a normal speech: a, the name, Enter, →, Enter, Enter — one write
    term.send("a周\r\x1b[C\r\r")
    # end the speech and write its summary: e, s, the text, Enter
    term.send("es反对重新划线\r")
    db = connect(path)

    def done():
        row = db.execute("SELECT summary FROM speeches s JOIN participants p ON p.id = s.participant_id"
                         " WHERE p.name = '钱秀英' AND s.item_id = ?", [ids["item"]]).fetchone()
        waiting = [(w["name"], w["stance"]) for w in Desk(db).queue(ids["item"])]
        return row and row[0] == "反对重新划线" and ("周海", "con") in waiting and waiting
    waiting = seen(done, "the speaker added and the summary written")
    term.kill()
    assert db.execute("SELECT COUNT(*) FROM speeches WHERE status IN ('speaking', 'paused')").fetchone()[0] == 0
    assert [name for name, _ in waiting][:1] == ["孙建国"]
