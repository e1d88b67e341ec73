"""Closing with a summary first; help lists the current screen's keys; the QR screen."""

from __future__ import annotations

import asyncio
import urllib.request

from ui_meetings import until

from yiting.network import lan_address, server_url
from yiting.store.db import connect
from yiting.ui.app import YitingApp
from yiting.ui.screens.close import CloseScreen
from yiting.ui.screens.confirm import ConfirmScreen
from yiting.ui.screens.help import HelpScreen
from yiting.ui.screens.home import HomeScreen
from yiting.ui.screens.qr import QRScreen
from yiting.ui.widgets.qr_code import QRCode


async def test_close_shows_the_summary_then_closes(meetings_db, step_clock):
    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CloseScreen)
        summary = str(screen.query_one("#close-summary").render())
        assert "小区停车位重新划线" in summary
        await pilot.press("ctrl+o")  # asks first: closing is for good
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
        # closed, then published into the site (on a thread) and marked as such
        assert await until(pilot, lambda: "纪要已发布：第 1 版" in str(screen.query_one("#close-state").render()))
        assert "已公开" in str(screen.query_one("#close-state").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    db = connect(path)
    assert db.execute("SELECT status FROM meetings WHERE id=?", [ids["live"]]).fetchone() == ("published",)


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


async def test_qr_screen_shows_the_meeting_address(meetings_db, step_clock):
    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QRScreen)
        assert screen.url.endswith(f":8000/m/{ids['live']}/")
        code = screen.query_one(QRCode)
        assert code.size.width == len(code.matrix[0])
        await pilot.press("escape")


def test_lan_address_is_an_ipv4_address():
    parts = lan_address().split(".")
    assert len(parts) == 4 and all(p.isdigit() for p in parts)
    assert server_url("192.0.2.1", 8000) == "http://192.0.2.1:8000/"


async def test_command_palette_offers_the_screen_keys(meetings_db, step_clock):
    from yiting.ui.commands import ScreenKeys

    path, _ = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)):
        provider = ScreenKeys(app.screen)
        names = [text for text, _key, _run in provider._commands()]
        assert "下一位" in names and "登记" in names


async def test_another_window_is_seen(meetings_db, step_clock):
    from yiting.desk import Desk

    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=True)
    async with app.run_test(size=(120, 40)) as pilot:
        other = connect(path)
        Desk(other, clock=step_clock, actor="note-taker").queue_speaker(ids["item"], ids["周海"], "pro")
        other.conn.close()
        app.watch_database()
        await pilot.pause()
        assert "周海" in [w["name"] for w in app.screen.waiting]


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


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


async def test_the_console_serves_the_live_page_while_it_runs(meetings_db, step_clock):
    """Residents scan the console's QR code: the console itself answers, no second window."""
    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False, serve=("127.0.0.1", 0))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            if app.server.running:
                break
            await pilot.pause(0.05)
        assert app.server.running, app.server.status()
        url = app.server.meeting_url(ids["live"])
        assert url == f"http://127.0.0.1:{app.server.port}/m/{ids['live']}/"
        page = await asyncio.to_thread(fetch, url + "live")
        assert app.desk.meeting(ids["live"])["title"] in page
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, QRScreen)
        assert "本机正在提供此网页" in str(app.screen.query_one("#qr-serving").render())
    try:
        await asyncio.to_thread(fetch, url + "live")
    except OSError:
        pass  # stopped with the console
    else:
        raise AssertionError("the server outlived the console")


async def test_a_taken_port_is_explained_on_the_qr_screen(meetings_db, step_clock):
    import socket

    path, _ids = meetings_db
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        app = YitingApp(path, clock=step_clock, poll=False, serve=("127.0.0.1", port))
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(100):
                if app.server.problem:
                    break
                await pilot.pause(0.05)
            await pilot.pause()
            assert any(f"端口 {port} 已被占用" in n.message for n in app._notifications)  # said at once
            await pilot.press("ctrl+r")
            await pilot.pause()
            shown = str(app.screen.query_one("#qr-serving").render())
            assert f"端口 {port} 已被占用" in shown


async def test_the_qr_screen_follows_the_server_as_it_starts(meetings_db, step_clock):
    path, _ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.server.started = True  # as the worker leaves it while the server binds its port
        await pilot.press("ctrl+r")
        await pilot.pause()
        line = app.screen.query_one("#qr-serving")
        assert "正在开启" in str(line.render())
        app.server.running = True
        await pilot.pause(0.7)
        assert "本机正在提供此网页" in str(line.render())
