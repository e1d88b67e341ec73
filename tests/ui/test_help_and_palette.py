"""F1's help and the command palette: the current screen's keys, in Chinese, found by pinyin
initials, with no English built-ins."""

from __future__ import annotations

from textual.widgets import DataTable
from ui_meetings import until

from yiting.desk import Desk
from yiting.store import queries
from yiting.store.db import connect
from yiting.ui.app import YitingApp
from yiting.ui.screens.help import HelpScreen


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

        def offered(text: str) -> list[str] | None:
            found = [str(o.prompt) for o in palette.query_one(CommandList).options]
            return found if any(text in f for f in found) else None

        assert await until(pilot, lambda: offered("结束议题"), 10)
        await pilot.press(*"qqqq")
        found = await until(pilot, lambda: offered("没有找到"), 10)
        assert found
        assert not any("No matches" in f for f in found)


async def test_help_lists_the_keys_of_the_screen(meetings_db, step_clock):
    path, _ = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        texts = [what for _, what, _enabled in app.screen.keys]
        assert "下一位" in texts and "表决" in texts and "帮助" in texts
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_command_palette_offers_the_screen_keys(meetings_db, step_clock):
    from yiting.ui.commands import ScreenKeys

    path, _ = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)):
        provider = ScreenKeys(app.screen)
        names = [text for text, _key, _run in provider._commands()]
        assert "下一位" in names and "登记" in names
