"""The app as a whole: the daylight theme, and an unexpected failure shown as a message, not a
traceback."""

from __future__ import annotations

from yiting.ui.app import YitingApp


async def test_daylight_theme_is_registered_and_toggles(meetings_db, step_clock):
    path, _ = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == "yiting-daylight"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == "textual-dark"


async def test_an_unexpected_failure_is_a_message_not_a_traceback(meetings_db, step_clock, isolated_home):
    path, _ = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        def broken(*_args, **_kwargs):
            raise RuntimeError("disk on fire")

        app.desk.pause_speech = broken
        await pilot.press("p")
        await pilot.pause()
        assert app.is_running
        assert "error.log" in app._notifications.__iter__().__next__().message
    assert "disk on fire" in (isolated_home / "error.log").read_text(encoding="utf-8")
