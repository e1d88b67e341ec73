"""Check-in: by name or pinyin initials; present/eligible and quorum in the header."""

from __future__ import annotations

from yiting.desk import Desk
from yiting.store.db import connect
from yiting.ui.app import YitingApp
from yiting.ui.screens.checkin import CheckinScreen
from yiting.ui.screens.console import ConsoleScreen


async def test_check_in_by_initials_then_go_live(quiet_db, step_clock):
    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_checkin(ids["draft"])
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckinScreen)
        status = screen.query_one("#checkin-status")
        assert "0/3" in str(status.render()) and status.has_class("-short")
        await pilot.press(*"sjg", "enter")  # 孙建国
        await pilot.press(*"赵", "enter")
        await pilot.pause()
        assert "2/3" in str(status.render()) and not status.has_class("-short")
        await pilot.press(*"zdm")
        await pilot.press("backspace", "backspace", "backspace")
        await pilot.pause()
        await pilot.press(*"zdm", "down", "up")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
    db = connect(path)
    rows = db.execute("SELECT name, checked_in_at IS NOT NULL FROM participants WHERE meeting_id = ? ORDER BY id",
                      [ids["draft"]]).fetchall()
    assert rows == [("赵德明", 1), ("钱秀英", 0), ("孙建国", 1)]
    assert db.execute("SELECT status FROM meetings WHERE id = ?", [ids["draft"]]).fetchone() == ("open",)


async def test_check_in_by_characters_and_undo(quiet_db, step_clock):
    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.show_checkin(ids["draft"])
        await pilot.pause()
        await pilot.press(*"钱", "enter")
        await pilot.pause()
        await pilot.press(*"钱")
        await pilot.pause()
        assert "1/3" in str(app.screen.query_one("#checkin-status").render())
        app.screen.query_one("#checkin-table").focus()
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert "0/3" in str(app.screen.query_one("#checkin-status").render())


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
