"""The live console: speakers in rule order, the timer, overrides, proposals and outcomes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from ui_meetings import after_one_speech, with_proposal

from yiting.store import queries
from yiting.store.db import connect
from yiting.ui.app import YitingApp
from yiting.ui.screens.confirm import ConfirmScreen
from yiting.ui.screens.console import ConsoleScreen
from yiting.ui.screens.form import FormScreen
from yiting.ui.screens.speeches import SpeechesScreen
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


def footer_keys(screen) -> dict[str, str]:
    return {b.binding.key: b.binding.description for b in screen.active_bindings.values()
            if b.binding.show and screen.check_action(b.binding.action, ()) is not False}


async def test_enter_on_the_queue_lets_the_chosen_one_go_first(meetings_db, step_clock):
    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        console = app.screen
        queue = console.query_one("#queue")
        await pilot.press("tab")  # the agenda …
        for _ in range(3):  # … and round to the queue
            if app.focused is queue:
                break
            await pilot.press("tab")
        assert app.focused is queue
        await pilot.press("down")
        await pilot.pause()
        assert queue.cursor_row == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)  # out of turn: a reason
        await pilot.press(*"先请楼栋长说明", "enter")
        await pilot.pause()
        assert app.screen is console
        assert console.running["participant_id"] != ids["钱秀英"]


async def test_summary_says_whose_speech_and_an_empty_enter_is_not_saved(meetings_db, step_clock):
    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        console = app.screen
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert "钱秀英" in str(dialog.query_one("#form-title").render())
        await pilot.press("enter")  # empty: refused, and the dialog keeps the keys
        await pilot.pause()
        assert app.screen is dialog
        await pilot.press(*"反对划线", "enter")
        await pilot.pause()
        assert app.screen is console
        # Past speeches: l lists them, s fixes the chosen one's summary.
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, SpeechesScreen)
        await pilot.press("up", "s")
        await pilot.pause()
        assert "赵德明" in str(app.screen.query_one("#form-title").render())
        await pilot.press("ctrl+u", *"赞成 每户一个车位", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SpeechesScreen)
    db = connect(path)
    summaries = {s["participant_id"]: s["summary"] for s in queries.speeches(db, ids["item"])}
    assert summaries[ids["赵德明"]] == "赞成 每户一个车位"
    assert summaries[ids["钱秀英"]] == "反对划线"


async def test_closing_an_item_says_what_it_drops_and_the_footer_follows(meetings_db, step_clock):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        console = app.screen
        await pilot.press("p")
        await pilot.pause()
        assert footer_keys(console)["p"] == "继续"
        await pilot.press("x")
        await pilot.pause()
        note = str(app.screen.query_one("#form-note").render())
        assert "孙建国" in note and "按现状重新划线" in note
        await pilot.press("enter")
        await pilot.pause()
        keys = footer_keys(console)
        assert "o" in keys and "space" not in keys and "x" not in keys


async def test_a_walk_in_is_added_checked_in_and_queued(meetings_db, step_clock):
    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", *"陈大爷", "enter", "enter", "ctrl+s")
        await pilot.pause()
        assert "陈大爷" in str(app.screen.query_one("#e-person").render())  # asks once
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
        assert any(w["name"] == "陈大爷" for w in app.screen.waiting)
        await pilot.press("k", *"刘奶奶", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
    db = connect(path)
    people = {p["name"]: p for p in queries.participants(db, ids["live"])}
    assert people["陈大爷"]["checked_in_at"] and people["刘奶奶"]["checked_in_at"]


async def test_a_half_typed_proposal_survives_cancel_and_quit(meetings_db, step_clock):
    path, _ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m", *"拆除假山", "escape", "m")
        await pilot.pause()
        assert app.screen.query_one("#f-text").value == "拆除假山"
        await pilot.press("ctrl+q")
        await pilot.pause()
    again = YitingApp(path, clock=step_clock, poll=False)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert again.screen.query_one("#f-text").value == "拆除假山"


async def test_someone_on_the_roster_but_not_checked_in_is_checked_in_when_queued(meetings_db, step_clock):
    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", *"吴芳", "ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert "吴芳" in str(form.query_one("#e-person").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
    db = connect(path)
    person = next(p for p in queries.participants(db, ids["live"]) if p["name"] == "吴芳")
    assert person["checked_in_at"]
    assert any(s["participant_id"] == person["id"] and s["status"] == "queued"
               for s in queries.speeches(db, ids["item"]))


async def test_withdrawing_a_speaker_says_so_and_ctrl_z_undoes_it(meetings_db, step_clock):
    path, _ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        console = app.screen
        before = [w["participant_id"] for w in console.waiting]
        await pilot.press("w")
        await pilot.pause()
        assert len(console.waiting) == len(before) - 1
        assert any("ctrl+z" in n.message for n in app._notifications)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert sorted(w["participant_id"] for w in console.waiting) == sorted(before)


async def test_the_due_date_offered_is_a_week_ahead(meetings_db, step_clock):
    path, _ = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        due = app.screen.query_one("#f-due").value
        assert due == (step_clock().date() + timedelta(days=7)).isoformat()
        await pilot.press(*"打扫楼道", "enter", *"物业公司", "ctrl+s")
        await pilot.pause()
        assert queries.actions(app.db, app.screen.meeting_id)[-1]["due"] == due
