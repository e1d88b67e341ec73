"""Home: the meetings, overdue actions, a new meeting from a preset."""

from __future__ import annotations

from yiting.store import queries
from yiting.store.db import connect
from yiting.ui.app import YitingApp
from yiting.ui.screens.close import CloseScreen
from yiting.ui.screens.form import FormScreen
from yiting.ui.screens.home import HomeScreen
from yiting.ui.screens.setup import SetupScreen


async def test_lists_meetings_open_first_and_overdue_actions(meetings_db, step_clock):
    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape")  # from the console to home
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        table = screen.query_one("#meetings")
        assert [k.value for k in table.rows] == [str(ids["live"]), str(ids["draft"]), str(ids["past"])]
        overdue = screen.query_one("#overdue")
        assert overdue.row_count == 1  # due 2025-09-05, today is 2025-09-12
        await pilot.press("enter")  # the open meeting: back to its console
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ConsoleScreen"


async def test_enter_on_a_past_meeting_shows_its_summary(quiet_db, step_clock):
    path, _ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CloseScreen)


async def test_new_meeting_from_a_preset(quiet_db, step_clock):
    path, _ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+s")  # an empty title is refused next to the field
        await pilot.pause()
        assert "标题" in str(app.screen.query_one("#e-title").render())
        await pilot.press(*"消防系统维修议事会", "enter")
        await pilot.press("right", "right", "right", "right", "right", "enter")  # 业主大会
        await pilot.press("enter", *"明天晚上", "ctrl+s")
        await pilot.pause()
        assert "2026-12-01" in str(app.screen.query_one("#e-scheduled_at").render())
        await pilot.press("ctrl+u", *"2025-10-01 19:30", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
    db = connect(path)
    meeting = max(queries.meetings(db), key=lambda m: m["id"])
    assert meeting["title"] == "消防系统维修议事会"
    assert meeting["kind"] == "业主大会"
    assert '"art278_general"' in meeting["rules"]


async def test_the_first_screen_is_the_open_meeting_and_going_back_to_it_reuses_it(meetings_db, step_clock):
    """The console is the app's first screen (no blank frame first); home and back again
    returns to that same console, not a second copy under it."""
    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        first = app.screen
        assert first.__class__.__name__ == "ConsoleScreen" and app.screen_stack == [first]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        app.go_live(ids["live"])
        await pilot.pause()
        assert app.screen is first and app.screen_stack == [first]
        app.go_home()
        await pilot.pause()
        app.go_home()
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [type(first), HomeScreen]


async def test_home_as_first_screen_is_not_stacked_twice(quiet_db, step_clock):
    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen) and app.screen_stack == [home]
        app.show_setup(ids["draft"])
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        app.pop_or_home()
        await pilot.pause()
        app.go_home()
        await pilot.pause()
        assert app.screen_stack == [home]
