"""The QR screen and the live page the console serves: the meeting's address, a taken port explained,
the screen following the server as it starts."""

from __future__ import annotations

import asyncio
import urllib.request

from ui_meetings import until

from yiting.network import lan_address, server_url
from yiting.ui.app import YitingApp
from yiting.ui.screens.qr import QRScreen
from yiting.ui.widgets.qr_code import QRCode


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


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


async def test_the_console_serves_the_live_page_while_it_runs(meetings_db, step_clock):
    """Residents scan the console's QR code: the console itself answers, no second window."""
    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False, serve=("127.0.0.1", 0))
    async with app.run_test(size=(120, 40)) as pilot:
        assert await until(pilot, lambda: app.server.running, 10), app.server.status()
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
            assert await until(pilot, lambda: app.server.problem, 10)
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
        assert await until(pilot, lambda: "本机正在提供此网页" in str(line.render()), 10)
