"""A key that cannot act now says why (nobody speaking, no meeting, an empty roster or agenda)
instead of doing nothing."""

from __future__ import annotations

from yiting.desk import Desk
from yiting.store import queries
from yiting.store.db import connect
from yiting.ui.app import YitingApp
from yiting.ui.screens.console import ConsoleScreen


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


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
