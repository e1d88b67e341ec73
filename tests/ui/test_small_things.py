"""The small things a facilitator trips on (issue 11, part 8), each as a user would notice it."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable

from yiting.desk import Desk
from yiting.store import queries
from yiting.store.db import connect
from yiting.ui.app import YitingApp
from yiting.ui.people import parse_person_line
from yiting.ui.screens.console import ConsoleScreen, top_height
from yiting.ui.screens.form import FormScreen
from yiting.ui.screens.help import HelpScreen


def add_tasks(path, ids, clock, n: int) -> list[str]:
    db = connect(path)
    desk = Desk(db, clock=clock)
    tasks = [f"第{i}项任务：清理{i}号楼道杂物" for i in range(1, n + 1)]
    for task in tasks:
        desk.add_action(ids["live"], task, owner_party="物业公司", due="2025-10-01")
    db.conn.close()
    return tasks


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


# -- the console's space ------------------------------------------------------------------------
async def test_outcomes_are_reached_by_tab_and_scrolled_by_keys_at_80x24(meetings_db, step_clock):
    path, ids = meetings_db
    tasks = add_tasks(path, ids, step_clock, 15)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#outcomes-box")
        reached = []
        for _ in range(3):
            await pilot.press("tab")
            await pilot.pause()
            reached.append(app.focused.id)
        # agenda, queue and outcomes, each in turn
        assert set(reached) == {"agenda", "queue", "outcomes-box"}
        while app.focused is not box:
            await pilot.press("tab")
            await pilot.pause()
        assert box.max_scroll_y > 0  # more tasks than lines: it scrolls
        await pilot.press("home")
        await pilot.pause()
        assert box.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert box.scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y
        shown = str(box.query_one("#outcomes").render())
        assert tasks[-1] in shown
        # the outcomes panel holds at least a few lines at 80×24
        assert box.size.height >= 5


async def test_queue_is_sized_to_its_rows_and_the_outcomes_take_the_rest_at_120x40(meetings_db, step_clock):
    path, _ = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        queue = screen.query_one("#queue", DataTable)
        box = screen.query_one("#outcomes-box")
        assert queue.row_count == 2
        # border, header and room for three names: not twenty-five empty lines under two
        assert queue.outer_size.height == 2 + 1 + 3
        # everything under the top is the outcomes' (header, status line and footer aside)
        body = screen.query_one("#console-body")
        assert body.outer_size.height + box.outer_size.height == 40 - 3
        assert box.outer_size.height > 20


def test_top_and_outcomes_share_the_room():
    assert top_height(21, 12, 7) == 12  # both fit: the top gets what it needs
    assert top_height(21, 30, 7) == 14  # a long queue: the outcomes keep their lines (a third)
    assert top_height(21, 12, 40) == 12  # many outcomes: they scroll, the top stays whole
    assert top_height(37, 40, 6) == 31
    assert top_height(8, 30, 30) == 10  # tiny terminal: at least one queue row


# -- the roster line, the due date, the quorum ---------------------------------------------------
def test_a_whole_number_area_in_a_roster_line():
    assert parse_person_line("王秀兰 业主 3号楼1单元 76") == {
        "name": "王秀兰", "party": "业主", "building": "3号楼1单元", "area_m2": "76"}
    assert parse_person_line("王秀兰 业主 3号楼1单元 76.0")["area_m2"] == "76.0"
    for unit in ("平", "平米", "平方米", "m2", "㎡"):
        assert parse_person_line(f"王秀兰 业主 3号楼1单元 76{unit}")["area_m2"] == "76"
    # a bare number right after the name and party is the building (a room), as before
    assert parse_person_line("李四 居民 501") == {"name": "李四", "party": "居民", "building": "501"}
    assert "area_m2" not in parse_person_line("张三 业主 3 2 501")


async def test_a_whole_number_area_typed_in_set_up_is_stored(quiet_db, step_clock):
    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.show_setup(ids["draft"])
        await pilot.pause()
        await pilot.press("f4", *"王秀兰 业主 3号楼1单元 76", "enter")
        await pilot.pause()
        person = [p for p in queries.participants(app.db, ids["draft"]) if p["name"] == "王秀兰"][0]
        assert person["building"] == "3号楼1单元" and person["area_m2"] == 76


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


async def test_an_empty_meeting_is_never_shown_with_a_quorum(empty_db, step_clock):
    db = connect(empty_db)
    desk = Desk(db, clock=step_clock)
    meeting = desk.create_meeting("空会", rules={"quorum_kind": "share", "quorum_value": 0.5})
    desk.open_meeting(meeting["id"])
    db.conn.close()
    app = YitingApp(empty_db, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        status = str(app.screen.query_one("#console-status").render())
        assert "0/0" not in status and "法定人数已到" not in status
        assert "名单上还没有" in status


# -- keys that would do nothing ----------------------------------------------------------------
async def test_every_console_key_without_its_precondition_says_why(empty_db, step_clock):
    db = connect(empty_db)
    desk = Desk(db, clock=step_clock)
    meeting = desk.create_meeting("空会")
    desk.open_meeting(meeting["id"])
    db.conn.close()
    app = YitingApp(empty_db, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("o", "enter", "space", "a", "e", "p", "plus", "m", "v", "x", "w", "ctrl+z", "s", "l", "d"):
            app.clear_notifications()
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, ConsoleScreen), key
            assert messages(app), f"{key} did nothing and said nothing"


async def test_speech_keys_with_nobody_speaking_say_so(meetings_db, step_clock):
    path, ids = meetings_db
    db = connect(path)
    Desk(db, clock=step_clock).end_speech(queries.running_speech(db, ids["live"])["id"])
    db.conn.close()
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("e", "p", "plus"):
            app.clear_notifications()
            await pilot.press(key)
            await pilot.pause()
            assert "没有人在发言" in " ".join(messages(app)), key


# -- F1 and the command palette -----------------------------------------------------------------
async def test_f1_lists_every_key_of_the_console_even_those_not_usable_now(meetings_db, step_clock):
    path, ids = meetings_db
    db = connect(path)
    Desk(db, clock=step_clock).end_speech(queries.running_speech(db, ids["live"])["id"])
    db.conn.close()
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        console = app.screen
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = {key for shown, _what, _enabled in app.screen.keys for key in shown.split()}
        # every key bound on the console (and the app) is listed, e p + included
        listed = {what for _key, what, _enabled in app.screen.keys}
        bound = {b.description for node in (console, app) for _k, b in node._bindings
                 if b.description and b.action != "screen.copy_text"}
        assert bound <= listed
        assert {"p", "e", "+"} <= keys
        table = app.screen.query_one(DataTable)
        assert table.row_count == len(app.screen.keys)
        usable = {key: enabled for shown, _what, enabled in app.screen.keys for key in shown.split()}
        assert usable["e"] is False and usable["space"] is True


async def test_f1_in_set_up_lists_the_keys_a_text_field_takes_as_typing(quiet_db, step_clock):
    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.show_setup(ids["draft"])
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        rows = {what: shown for shown, what, _enabled in app.screen.keys}
        # typed into the title field, [ is text; F1 still says what it does on the agenda
        assert rows["上移"].split() == ["[", "^↑"] and rows["下移"].split() == ["]", "^↓"]
        assert "移出名单" in rows and "撤下议题" in rows


async def test_the_command_palette_speaks_chinese_and_finds_by_pinyin_initials(meetings_db, step_clock):
    from textual.command import CommandInput, CommandList

    path, _ = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert "查找命令" in palette.query_one(CommandInput).placeholder
        await pilot.press(*"jsyt")  # 结束议题
        for _ in range(50):
            await pilot.pause(0.02)
            found = [str(o.prompt) for o in palette.query_one(CommandList).options]
            if any("结束议题" in f for f in found):
                break
        assert any("结束议题" in f for f in found)
        await pilot.press(*"qqqq")
        for _ in range(100):
            await pilot.pause(0.02)
            found = [str(o.prompt) for o in palette.query_one(CommandList).options]
            if any("没有找到" in f for f in found):
                break
        assert any("没有找到" in f for f in found)
        assert not any("No matches" in f for f in found)


# -- set-up: Esc with unsaved edits ------------------------------------------------------------
async def test_esc_in_set_up_with_unsaved_edits_asks_save_discard_or_stay(quiet_db, step_clock):
    from textual.widgets import Input

    from yiting.ui.screens.confirm import UnsavedScreen
    from yiting.ui.screens.home import HomeScreen
    from yiting.ui.screens.setup import SetupScreen

    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        async def edit_then_esc(title: str):
            app.show_setup(ids["draft"])
            await pilot.pause()
            app.screen.query_one("#m-title", Input).value = title
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, UnsavedScreen)
            assert "基本信息" in app.screen.detail

        await edit_then_esc("改过的标题")
        await pilot.press("escape")  # stay: the edit is still there, unsaved
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#m-title", Input).value == "改过的标题"
        assert app.desk.meeting(ids["draft"])["title"] == "北门拓宽议事会"
        await pilot.press("escape", "d")  # discard: home, nothing saved
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.desk.meeting(ids["draft"])["title"] == "北门拓宽议事会"
        await edit_then_esc("北门拓宽现场会")
        await pilot.press("s")  # save: home, saved
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.desk.meeting(ids["draft"])["title"] == "北门拓宽现场会"
        app.show_setup(ids["draft"])  # nothing changed: Esc goes straight home
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


# -- text cut with an ellipsis ---------------------------------------------------------------
async def test_home_list_cuts_long_titles_with_an_ellipsis_and_never_scrolls_sideways(quiet_db, step_clock):
    path, ids = quiet_db
    db = connect(path)
    long_title = "黄河水韵小区长廊议事会：广场假山拆除改造及小区环境问题和停车规划的第二次讨论"
    Desk(db, clock=step_clock).update_meeting(ids["draft"], title=long_title, venue="问题现场：黄河水韵小区北门外的长廊")
    db.conn.close()
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#meetings", DataTable)
        assert table.max_scroll_x == 0  # no sideways scrolling, no sliver of a scrollbar
        titles = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        cut = [title for title in titles if title not in {m["title"] for m in queries.meetings(app.db)}]
        assert cut and all(title.endswith("…") for title in cut)
        assert any(long_title.startswith(title[:-1]) for title in cut)
        # wider, the whole title shows
        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        titles = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        assert long_title in titles


async def test_agenda_status_keeps_its_whole_word_when_an_item_is_taken_up(quiet_db, step_clock):
    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.go_live(ids["draft"])
        await pilot.pause()
        agenda = app.screen.query_one("#agenda", DataTable)
        assert str(agenda.get_row_at(0)[2]) == "待议"
        await pilot.press("o")
        await pilot.pause()
        assert str(agenda.get_row_at(0)[2]) == "讨论中"
        status = agenda.columns[agenda.ordered_columns[2].key]
        assert status.get_render_width(agenda) - 2 * agenda.cell_padding >= 6  # 讨论中 is six cells


async def test_amendment_choice_cuts_a_long_proposal_with_an_ellipsis(meetings_db, step_clock):
    from yiting.ui.widgets.choice import ChoiceBar

    path, ids = meetings_db
    db = connect(path)
    text = "在小区东侧空地建设集中充电棚，安装智能充电桩20个，由物业公司引进运营商建设"
    Desk(db, clock=step_clock).submit_proposal(ids["item"], text, proposer_id=ids["钱秀英"])
    db.conn.close()
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        labels = [label for label, _key in app.screen.query_one("#f-amends", ChoiceBar).options]
        assert labels[-1].endswith("…") and text.startswith(labels[-1][:-1])


async def test_keys_on_an_empty_home_and_empty_set_up_lists_say_why(empty_db, step_clock):
    from yiting.ui.screens.setup import SetupScreen

    app = YitingApp(empty_db, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("s", "c"):
            app.clear_notifications()
            await pilot.press(key)
            await pilot.pause()
            assert "还没有会议" in " ".join(messages(app)), key
        meeting = app.desk.create_meeting("空会")
        app.show_setup(meeting["id"])
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        app.clear_notifications()
        await pilot.press("f4")
        app.screen.query_one("#roster-table").focus()
        await pilot.press("delete")
        await pilot.pause()
        assert "名单是空的" in " ".join(messages(app))
        await pilot.press("f5")
        app.screen.query_one("#agenda-table").focus()
        for key in ("left_square_bracket", "delete"):
            app.clear_notifications()
            await pilot.press(key)
            await pilot.pause()
            assert "议程是空的" in " ".join(messages(app)), key
