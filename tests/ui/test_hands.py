"""The console in a hurried facilitator's hands (issue 11): keys sent a whole step at once do
what the same keys sent slowly do, and `s` writes about the speech that just ended."""

from __future__ import annotations

from keys_at_once import burst
from ui_meetings import StepClock

from yiting.desk import Desk
from yiting.store import queries
from yiting.store.db import connect
from yiting.ui.app import YitingApp
from yiting.ui.screens.console import ConsoleScreen
from yiting.ui.screens.form import FormScreen


def waiting(path, item_id):
    db = connect(path)
    try:
        return [(w["name"], w["stance"], w["kind"]) for w in Desk(db).queue(item_id)]
    finally:
        db.conn.close()


def event_actions(path, after: int = 0) -> list[str]:
    db = connect(path)
    try:
        return [row[0] for row in db.execute("SELECT action FROM events WHERE seq > ? ORDER BY seq", [after])]
    finally:
        db.conn.close()


def last_seq(path) -> int:
    db = connect(path)
    try:
        return db.execute("SELECT MAX(seq) FROM events").fetchone()[0]
    finally:
        db.conn.close()


async def test_a_whole_add_speaker_step_sent_at_once_is_applied_in_order(meetings_db, step_clock):
    path, ids = meetings_db
    before = last_seq(path)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        # a, the name, Enter (to the stance), → (against), Enter (to the kind), Enter (submit):
        # all before the dialog has even opened.
        await burst(pilot, "a", "周", "enter", "right", "enter", "enter")
        assert isinstance(app.screen, ConsoleScreen)
        # and the next step, as fast: another speaker, neutral, a point of order
        await burst(pilot, "a", "赵", "enter", "right", "right", "enter", "right", "enter")
        assert isinstance(app.screen, ConsoleScreen)
    assert ("周海", "con", "normal") in waiting(path, ids["item"])
    assert ("赵德明", "neutral", "point_of_order") in waiting(path, ids["item"])
    # the last Enter of each step went to the dialog, never to the queue below it
    assert event_actions(path, before) == ["queue_speaker", "queue_speaker"]


async def test_pilot_press_of_a_whole_step_works_too(meetings_db, step_clock):
    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "周", "enter", "right", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
    assert ("周海", "con", "normal") in waiting(path, ids["item"])


async def test_keys_typed_while_a_screen_opens_reach_it(quiet_db, step_clock):
    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_checkin(ids["draft"])
        # the search field is not there yet when these arrive
        await burst(pilot, "s", "j", "g", "enter", "z", "d", "m", "enter")
    db = connect(path)
    present = {name for name, at in db.execute(
        "SELECT name, checked_in_at FROM participants WHERE meeting_id = ?", [ids["draft"]]) if at}
    assert present == {"孙建国", "赵德明"}


def spoken_out_of_order(path, ids, clock: StepClock) -> None:
    """钱秀英 ends; 李桂兰 (added after 孙建国) speaks first, then 孙建国, who ends last."""
    db = connect(path)
    desk = Desk(db, clock=clock)
    item = ids["item"]
    desk.end_speech(queries.running_speech(db, ids["live"])["id"])
    waiting_ids = {w["name"]: w["id"] for w in desk.queue(item)}
    clock.advance(seconds=5)
    desk.start_speech(item, waiting_ids["李桂兰"], "先请反方")
    clock.advance(seconds=60)
    desk.start_speech(item, waiting_ids["孙建国"])
    clock.advance(seconds=70)
    db.conn.close()


async def test_s_after_e_writes_the_summary_of_the_speech_that_just_ended(meetings_db, step_clock):
    path, ids = meetings_db
    spoken_out_of_order(path, ids, step_clock)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await burst(pilot, "e", "s")
        form = app.screen
        assert isinstance(form, FormScreen)
        title = str(form.query_one("#form-title").render())
        assert "孙建国" in title and "19:04–19:05" in title
        await burst(pilot, *"主张先划线", "enter")
        assert isinstance(app.screen, ConsoleScreen)
        # s again on the same speech: what was written stays, what is typed is added
        await burst(pilot, "s", *"再试行", "enter")
    db = connect(path)
    summaries = {name: summary for name, summary in db.execute(
        "SELECT p.name, s.summary FROM speeches s JOIN participants p ON p.id = s.participant_id"
        " WHERE s.item_id = ?", [ids["item"]])}
    assert summaries["孙建国"] == "主张先划线再试行"
    assert summaries["李桂兰"] == ""


async def test_the_speech_list_is_in_time_order_and_opens_on_the_last_speech(meetings_db, step_clock):
    path, ids = meetings_db
    spoken_out_of_order(path, ids, step_clock)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await burst(pilot, "e", "l")
        table = app.screen.query_one("#speeches-table")
        times = [str(table.get_row_at(n)[0]) for n in range(table.row_count)]
        names = [str(table.get_row_at(n)[1]) for n in range(table.row_count)]
        assert times == sorted(times)
        assert names == ["赵德明", "钱秀英", "李桂兰", "孙建国"]
        assert table.cursor_row == 3
        await burst(pilot, "up", "s")
        assert "李桂兰" in str(app.screen.query_one("#form-title").render())


def notes(app) -> str:
    return " ".join(n.message for n in app._notifications)


async def test_a_stray_enter_on_the_next_speaker_starts_nothing_and_ctrl_z_undoes_a_start(meetings_db, step_clock):
    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        console = app.screen
        await burst(pilot, "e")  # 钱秀英 ends; 孙建国 is next
        before = last_seq(path)
        await burst(pilot, "enter")
        assert console.running is None and event_actions(path, before) == []
        assert "孙建国 已是下一位" in notes(app)
        await burst(pilot, "space")
        assert console.running is not None
        await burst(pilot, "ctrl+z")
        assert console.running is None and console.waiting[0]["name"] == "孙建国"
        assert "已撤销：孙建国 的发言开始" in notes(app)
        assert "孙建国" in str(console.query_one("#speaker-now").render())
        # and the end before it: 钱秀英 speaks on
        await burst(pilot, "ctrl+z")
        assert console.running is not None and console.name_of(console.running["participant_id"]) == "钱秀英"
        assert "计时继续" in notes(app)
    assert event_actions(path, before) == ["start_speech", "undo", "undo"]
    db = connect(path)
    assert queries.running_speech(db, ids["live"])["participant_id"] == ids["钱秀英"]


async def test_ctrl_z_is_in_the_footer_and_in_f1(meetings_db, step_clock):
    from yiting.ui.keys import screen_keys

    path, _ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert ("^z", "撤销") in [(k.key, k.description) for k in screen_keys(app.screen)]
        footer = app.screen.query_one("ConsoleFooter")
        assert "撤销" in "".join(str(line.text) for line in footer.render_lines(footer.region.reset_offset))


async def test_check_in_ctrl_z_undoes_the_last_check_in_and_ctrl_u_unchecks_from_the_search_box(quiet_db, step_clock):
    from yiting.ui.keys import screen_keys

    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_checkin(ids["draft"])
        await burst(pilot, *"sjg", "enter", *"zdm", "enter")
        # the cursor is on someone else (钱秀英 first in the list) and the search box has focus
        await burst(pilot, "ctrl+z")
        assert "已撤销：赵德明 的签到" in notes(app)
        keys = {k.key: k.description for k in screen_keys(app.screen)}
        assert keys.get("^z") == "撤销上一个签到" and keys.get("^u") == "标为未到"
        await burst(pilot, *"sjg", "ctrl+u")  # the one found is marked not present
        assert "孙建国 标为未到" in notes(app)
    db = connect(path)
    present = [name for name, at in db.execute(
        "SELECT name, checked_in_at FROM participants WHERE meeting_id = ?", [ids["draft"]]) if at]
    assert present == []


async def test_delete_in_the_roster_says_how_to_undo_and_ctrl_z_puts_the_person_back(quiet_db, step_clock):
    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_setup(ids["draft"])
        await burst(pilot, "f4")
        app.screen.query_one("#roster-table").focus()
        await burst(pilot, "delete")
        assert "ctrl+z" in notes(app)
        db = connect(path)
        assert db.execute("SELECT COUNT(*) FROM participants WHERE meeting_id = ?", [ids["draft"]]).fetchone()[0] == 2
        await burst(pilot, "ctrl+z")
        assert "已回到名单" in notes(app)
    assert db.execute("SELECT COUNT(*) FROM participants WHERE meeting_id = ?", [ids["draft"]]).fetchone()[0] == 3


async def test_a_restart_comes_back_to_the_meeting_in_use_when_two_are_open(meetings_db, step_clock):
    """With two meetings open, the console came back on the one opened last, where the speaker
    just started elsewhere was still "next" and its log had no start."""
    path, ids = meetings_db
    db = connect(path)
    desk = Desk(db, clock=step_clock)
    step_clock.advance(minutes=5)
    desk.open_meeting(ids["draft"])  # opened after the live one …
    step_clock.advance(minutes=1)
    desk.start_speech(ids["item"])  # … but the facilitator goes on in the live one
    db.conn.close()
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen) and app.screen.meeting_id == ids["live"]
        assert "正在发言：孙建国" in str(app.screen.query_one("#speaker-now").render())


async def test_a_dialog_submits_once_however_many_enters_reach_it(meetings_db, step_clock):
    """Two Enters already in a dialog's queue submitted twice (a second proposal) and the second
    dismissal popped the screen under the dialog, or crashed the app with a traceback."""
    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await burst(pilot, "m", *"每户一个车位", "enter")
        form = app.screen
        assert isinstance(form, FormScreen)  # on the proposer field
        form.action_submit()
        form.action_submit()
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
    db = connect(path)
    assert db.execute("SELECT COUNT(*) FROM proposals WHERE item_id = ?", [ids["item"]]).fetchone()[0] == 1


async def test_a_dialogs_text_is_on_disk_a_moment_after_the_last_key_and_gone_once_saved(meetings_db, step_clock):
    import json
    import time

    path, ids = meetings_db
    drafts = path.with_name(path.name + ".drafts.json")

    def on_disk() -> str:
        try:
            return json.dumps(json.loads(drafts.read_text("utf-8")), ensure_ascii=False)
        except (OSError, ValueError):
            return ""

    async def until(check, pilot):
        deadline = time.monotonic() + 10
        while not check():
            assert time.monotonic() < deadline
            await pilot.pause(0.05)

    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await burst(pilot, "d", *"同意重新划线")
        await until(lambda: "同意重新划线" in on_disk(), pilot)
        await burst(pilot, "escape", "d")
        assert app.screen.query_one("#f-text").value == "同意重新划线"
        await burst(pilot, "enter")
        assert isinstance(app.screen, ConsoleScreen)
        await until(lambda: "同意重新划线" not in on_disk(), pilot)
    db = connect(path)
    assert db.execute("SELECT text FROM decisions").fetchall()[-1] == ("同意重新划线",)
