"""The live console: speakers in rule order, the timer, overrides, proposals and outcomes."""

from __future__ import annotations

import pytest
from ui_meetings import after_one_speech

from yiting.store import queries
from yiting.store.db import connect
from yiting.ui.app import YitingApp
from yiting.ui.screens.console import ConsoleScreen
from yiting.ui.screens.form import FormScreen
from yiting.ui.widgets.countdown import Countdown


def running(path):
    db = connect(path)
    row = db.execute("SELECT s.*, p.name FROM speeches s JOIN participants p ON p.id = s.participant_id"
                     " WHERE s.status IN ('speaking', 'paused')").fetchone()
    db.conn.close()
    return row


async def test_opens_on_the_open_meeting_with_its_running_speech(meetings_db, step_clock):
    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConsoleScreen)
        assert screen.meeting_id == ids["live"]
        assert screen.running is not None
        countdown = screen.query_one(Countdown)
        assert countdown.state == "normal"
        assert int(countdown.remaining) == 80  # 120 s limit, 40 s spoken


async def test_space_calls_the_next_speaker_in_rule_order(meetings_db, step_clock):
    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        step_clock.advance(seconds=30)
        await pilot.press("space")
        await pilot.pause()
        # 钱秀英 (con) was speaking, so the first-time pro speaker 孙建国 goes next.
        assert app.screen.running["participant_id"] == ids["孙建国"]
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.running["status"] == "paused"
        assert app.screen.query_one(Countdown).state == "paused"
        await pilot.press("p")
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.running is None


async def test_timer_warns_then_overtime_and_rings_once(meetings_db, step_clock):
    path, _ = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    bells = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.bell = lambda: bells.append(1)
        screen = app.screen
        step_clock.advance(seconds=60)  # 100 s spoken of 120
        screen.tick()
        assert screen.query_one(Countdown).state == "warning"
        step_clock.advance(seconds=25)
        screen.tick()
        assert screen.query_one(Countdown).state == "overtime"
        step_clock.advance(seconds=5)
        screen.tick()
        await pilot.pause()
        assert bells == [1]
        assert "+0:10" in screen.query_one("#countdown-digits").value


async def test_add_speaker_by_pinyin_initials(meetings_db, step_clock):
    pytest.importorskip("pypinyin", exc_type=ImportError)
    path, _ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("z", "h")  # 周海
        await pilot.press("enter")  # to stance
        await pilot.press("right")  # con
        await pilot.press("enter")  # to kind
        await pilot.press("enter")  # submit
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
        names = [w["name"] for w in app.screen.waiting]
        assert "周海" in names
        entry = next(w for w in app.screen.waiting if w["name"] == "周海")
        assert entry["stance"] == "con"


async def test_out_of_turn_asks_for_a_reason_and_logs_it(meetings_db, step_clock):
    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down")  # queue row 2: 李桂兰, out of turn
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("enter")  # empty reason is refused next to the field
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"她要先走")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
        assert app.screen.running["participant_id"] == ids["李桂兰"]
    db = connect(path)
    event = db.execute("SELECT reason FROM events WHERE action = 'start_speech_out_of_turn'").fetchone()
    assert event == ("她要先走",)


async def test_third_speech_needs_a_reason(meetings_db, step_clock):
    path, ids = meetings_db
    after_one_speech(path, ids, step_clock)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.press(*"赵德明")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen) and form.override
        await pilot.press(*"补充新情况")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
    db = connect(path)
    assert db.execute("SELECT reason FROM events WHERE action='queue_speaker_override'").fetchone() == ("补充新情况",)


async def test_proposal_decision_and_action_item(meetings_db, step_clock):
    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.press(*"按现状重新划线")
        await pilot.press("enter")
        await pilot.press(*"钱秀")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
        await pilot.press("d")
        await pilot.press("ctrl+a", *"先划线试行一个月")  # ctrl+a: start of the pre-filled line
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("t")
        await pilot.press(*"重新划线")
        await pilot.press("enter", *"物业公司", "enter", *"郑国强", "enter", *"下周")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert "2026-12-01" in str(form.query_one("#e-due").render())
        await pilot.press("ctrl+u", *"2025-10-01", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
        text = str(app.screen.query_one("#outcomes").render())
        assert "按现状重新划线" in text and "重新划线" in text
    db = connect(path)
    proposal = queries.proposals(db, ids["item"])[0]
    assert proposal["proposer_id"] == ids["钱秀英"]
    assert queries.actions(db, ids["live"])[0]["due"] == "2025-10-01"
    assert len(queries.decisions(db, ids["live"])) == 1


async def test_close_item_and_take_up_the_next(meetings_db, step_clock):
    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x")
        await pilot.press("right")  # deferred
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert screen.current_item_id is None
        assert screen.running is None
        await pilot.press("o")  # the cursor is on the next pending item
        await pilot.pause()
        assert screen.current_item()["title"] == "楼道照明维修"
    db = connect(path)
    assert queries.agenda(db, ids["live"])[0]["status"] == "deferred"


async def test_extend_withdraw_and_amend(meetings_db, step_clock):
    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press("plus", "enter", "enter")  # 60 s, but no reason yet: refused by the field
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"补充数据", "enter")
        await pilot.pause()
        assert screen.limit == 180
        assert "3:00" in str(screen.query_one("#countdown-caption").render())
        await pilot.press("w")  # the highlighted waiting speaker leaves the list
        await pilot.pause()
        assert [w["name"] for w in screen.waiting] == ["李桂兰"]
        await pilot.press("m", *"划线", "enter", "enter")
        await pilot.press("m", *"划线并加装充电桩", "enter", "enter", "2", "enter")  # amends the first
        await pilot.pause()
        assert "修正案" in str(screen.query_one("#outcomes").render())
    db = connect(path)
    first, second = queries.proposals(db, ids["item"])
    assert second["amends_id"] == first["id"]
    assert db.execute("SELECT reason FROM events WHERE action='extend_speech'").fetchone() == ("补充数据",)
