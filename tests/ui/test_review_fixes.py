"""What a review and a newcomer's trial found: each fixed behaviour, checked as a user meets it."""

from __future__ import annotations

import pytest
from ui_meetings import with_proposal

from yiting.desk import Desk
from yiting.errors import InvalidInput
from yiting.store import queries
from yiting.store.db import connect
from yiting.ui.app import YitingApp
from yiting.ui.people import parse_person_line
from yiting.ui.screens.confirm import ConfirmScreen
from yiting.ui.screens.console import ConsoleScreen
from yiting.ui.screens.form import FormScreen
from yiting.ui.screens.setup import SetupScreen, parse_item_line
from yiting.ui.screens.speeches import SpeechesScreen
from yiting.ui.text import display_names


def footer_keys(screen) -> dict[str, str]:
    return {b.binding.key: b.binding.description for b in screen.active_bindings.values()
            if b.binding.show and screen.check_action(b.binding.action, ()) is not False}


# -- 4, 10: lines typed in set-up --------------------------------------------------------------
def test_a_bare_number_is_not_a_floor_area():
    assert parse_person_line("李四 居民 501") == {"name": "李四", "party": "居民", "building": "501"}
    assert parse_person_line("王芳 业主 3-2-501 89.5")["area_m2"] == "89.5"
    assert parse_person_line("王芳 业主 3-2-501 90㎡")["area_m2"] == "90"
    assert parse_person_line("王芳 业主 3-2-501 90平")["area_m2"] == "90"
    with pytest.raises(InvalidInput):
        parse_person_line("王芳 业主 3-2-501 -5")


def test_a_negative_time_box_is_refused_not_kept_in_the_title():
    with pytest.raises(InvalidInput) as refused:
        parse_item_line("加装电梯费用分摊 -5")
    assert "-5" in str(refused.value)
    with pytest.raises(InvalidInput):
        parse_item_line("加装电梯 0")
    assert parse_item_line("加装电梯 20分钟") == ("加装电梯", "20")
    assert parse_item_line("3号楼 加装电梯") == ("3号楼 加装电梯", 10)


def test_same_names_are_told_apart_by_building():
    names = display_names([{"id": 1, "name": "张桂兰", "building": "3-1"},
                           {"id": 2, "name": "张桂兰", "building": "5-2"},
                           {"id": 3, "name": "李四", "building": "1-1"}])
    assert names == {1: "张桂兰（3-1）", 2: "张桂兰（5-2）", 3: "李四"}


async def test_setup_saves_typed_facts_before_going_live_and_warns_on_duplicates(quiet_db, step_clock):
    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_setup(ids["draft"])
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        await pilot.press("f4", *"赵德明 居民 9-9", "enter")
        await pilot.pause()
        assert "赵德明" in str(screen.query_one("#e-person").render())  # already on the roster
        await pilot.press(*"李四 居民 501")
        await pilot.pause()
        assert "楼栋 501" in str(screen.query_one("#person-preview").render())
        await pilot.press("ctrl+u", "f5", *"加装电梯费用分摊 -5", "enter")
        await pilot.pause()
        assert "-5" in str(screen.query_one("#e-item").render())
        await pilot.press("f3", "tab", "tab", "tab", "tab", "tab")  # the rules' number of seats
        await pilot.press("f2", "end", "改")
        await pilot.press("ctrl+o")  # not saved with ctrl+s: going live saves it first
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
    db = connect(path)
    assert Desk(db).meeting(ids["draft"])["title"] == "北门拓宽议事会改"


async def test_rules_errors_name_the_field_and_a_quorum_over_the_roster_is_refused(quiet_db, step_clock):
    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_setup(ids["draft"])
        await pilot.pause()
        screen = app.screen
        await pilot.press("f3", "ctrl+u", "0", "ctrl+s")
        await pilot.pause()
        message = str(screen.query_one("#e-rules").render())
        assert "speech_seconds" not in message and "每次发言" in message
        await pilot.press("ctrl+u", *"120")
        screen.query_one("#r-quorum_kind").value = "count"
        screen.query_one("#r-quorum_value").value = "50"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "50" in str(screen.query_one("#e-rules").render())


# -- 2, 6, 9: voting ------------------------------------------------------------------------------
async def test_paper_ballot_does_not_close_on_stale_counts(meetings_db, step_clock):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v", "right", "right", "o")  # paper ballot
        await pilot.pause()
        screen = app.screen
        await pilot.press("ctrl+u", "3", "tab", "ctrl+u", "1", "ctrl+s")
        await pilot.pause()
        assert (screen.vote["yes"], screen.vote["no"]) == (3, 1)
        await pilot.press("shift+tab", "ctrl+u", "9")  # more than present: saving it is refused
        screen.set_focus(None)
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert screen.stage == "open" and screen.vote["yes"] == 3
        assert str(screen.query_one("#paper-error").render())  # the refusal is shown
        await pilot.press("ctrl+u", "4", "ctrl+s", "c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # closing asks first
        await pilot.press("n")
        await pilot.pause()
        assert screen.stage == "open"
        await pilot.press("c", "enter")
        await pilot.pause()
        assert screen.stage == "closed" and screen.vote["yes"] == 4


async def test_consultative_vote_is_marked_in_result_and_header(meetings_db, step_clock):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    db = connect(path)
    desk = Desk(db, clock=step_clock)
    for name in ("赵德明", "钱秀英", "孙建国", "李桂兰"):
        desk.undo_check_in(ids[name])
    db.conn.close()
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("v", "o")
        await pilot.pause()
        await pilot.press(*"先听意见", "enter", "y", "c", "enter")
        await pilot.pause()
        screen = app.screen
        assert screen.stage == "closed"
        assert str(screen.query_one("#vote-quorum").render()).startswith("【仅供参考】")
        assert "仅供参考" in str(screen.query_one("#vote-result").render())


async def test_english_results_are_in_english(meetings_db, step_clock):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    app = YitingApp(path, lang="en", clock=step_clock, poll=False)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("v", "o", "y", "y", "n", "c", "enter")
            await pilot.pause()
            result = str(app.screen.query_one("#vote-result").render())
            assert "ADOPTED" in result and "通过" not in result
            await pilot.press("escape")
            await pilot.pause()
            outcomes = str(app.screen.query_one("#outcomes").render())
            assert "通过" not in outcomes
    finally:
        from yiting.i18n import set_language

        set_language("zh")


# -- 5, 7, 9, 12, 14: the console ------------------------------------------------------------------
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


async def test_command_palette_has_no_english_builtins(meetings_db, step_clock):
    from yiting.ui.commands import ScreenKeys

    path, _ = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)):
        assert app.COMMANDS == {ScreenKeys}
        names = [text for text, _key, _run in ScreenKeys(app.screen)._commands()]
        assert "结束会议" in names and "首页" in names


async def test_help_lists_the_console_keys_first_and_brackets_move_items(quiet_db, step_clock):
    from yiting.ui.screens.help import help_rows

    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.show_setup(ids["draft"])
        await pilot.pause()
        await pilot.press("f5", *"楼道照明 10", "enter", "tab", "[")
        await pilot.pause()
        titles = [i["title"] for i in queries.agenda(app.db, ids["draft"])]
        assert titles[0] == "楼道照明"
        keys = {key: what for keys, what, _enabled in help_rows(app.screen) for key in keys.split()}
        assert keys.get("[") == "上移"


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
