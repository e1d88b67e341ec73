"""Closing in the console shows the summary first, then publishes the minutes into the site it
serves; phones then read them from this laptop with no other command. Re-publishing says what
changed; closing with a passed proposal and no decision asks first."""

from __future__ import annotations

import asyncio
import os
import sys
import urllib.request

import pytest
from ui_meetings import until

from yiting.demo import build_demo
from yiting.desk import Desk
from yiting.locations import site_dir
from yiting.store import queries
from yiting.store.db import connect
from yiting.ui.app import YitingApp
from yiting.ui.screens.close import CloseScreen
from yiting.ui.screens.confirm import ConfirmScreen
from yiting.ui.screens.console import ConsoleScreen
from yiting.ui.screens.home import HomeScreen


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=15) as answer:
        return answer.status, answer.read().decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for xdg-open")
async def test_closing_the_demo_meeting_publishes_it_and_the_console_serves_the_minutes(tmp_path, monkeypatch):
    path = tmp_path / "demo.sqlite"
    db = connect(path)
    build_demo(db)
    [live] = [m for m in queries.meetings(db) if m["status"] == "open"]
    decisions = [d["text"] for d in queries.decisions(db, live["id"])]
    db.conn.close()
    assert decisions
    opened = tmp_path / "opened.txt"
    bin_dir = tmp_path / "bin"  # the system's opener, recording what it was asked to open
    bin_dir.mkdir()
    (bin_dir / "xdg-open").write_text(f'#!/bin/sh\necho "$1" >> {opened}\necho noise >&2\n', encoding="utf-8")
    (bin_dir / "xdg-open").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")

    app = YitingApp(path, "zh", poll=False, serve=("127.0.0.1", 0))
    async with app.run_test(size=(120, 40)) as pilot:
        assert await until(pilot, lambda: app.server.running)
        base = f"http://127.0.0.1:{app.server.port}"
        assert isinstance(app.screen, ConsoleScreen)
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CloseScreen)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        minutes = await until(pilot, lambda: screen.minutes)
        assert minutes is not None, str(screen.query_one("#close-state").render())
        # The close screen's QR code names the address the console's QR names, on this server.
        assert minutes.url == app.server.meeting_url(live["id"]) == f"{base}/m/{live['id']}/"
        where = str(screen.query_one("#close-where").render())
        assert "第 1 版" in where and str(minutes.notice) in where
        assert minutes.notice.is_file() and minutes.notice.parent == site_dir(path) / "m" / str(live["id"])
        assert "纪要已发布：第 1 版" in str(screen.query_one("#close-state").render())

        status, page = await asyncio.to_thread(fetch, minutes.url)
        assert status == 200
        for text in decisions:
            assert text in page
        status, home = await asyncio.to_thread(fetch, base + "/")
        assert status == 200 and f'href="m/{live["id"]}/"' in home and live["title"] in home
        status, live_page = await asyncio.to_thread(fetch, f"{base}/m/{live['id']}/live")
        assert f'href="/m/{live["id"]}/"' in live_page and decisions[0] in live_page

        await pilot.press("o")  # the notice, in the system's viewer
        assert await until(pilot, opened.is_file)
        assert opened.read_text(encoding="utf-8").split() == [str(minutes.notice)]

        await pilot.press("p")  # publishing again with nothing changed makes no new version
        assert await until(pilot, lambda: "内容未变" in str(screen.query_one("#close-state").render()))
        assert "第 1 版" in str(screen.query_one("#close-state").render())
    db = connect(path, readonly=True)
    assert queries.row(db, "meetings", live["id"])["status"] == "published"
    db.conn.close()


async def test_publish_again_after_a_correction_makes_a_new_version(quiet_db, step_clock):
    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_close(ids["past"], publish=True)  # what p on the home screen does
        await pilot.pause()
        screen = app.screen
        assert await until(pilot, lambda: screen.minutes)
        assert screen.minutes.version == 1
        [action] = queries.actions(app.db, ids["past"])
        db = connect(path)  # a follow-up noted after the meeting
        Desk(db, clock=step_clock).update_action(action["id"], status="done", notes="已清运完毕")
        db.conn.close()
        await pilot.press("p")
        assert await until(pilot, lambda: screen.minutes.version == 2)
        assert "纪要已发布：第 2 版" in str(screen.query_one("#close-state").render())
        assert "第 2 版" in str(screen.query_one("#close-where").render())


async def test_closing_with_a_passed_proposal_and_no_decision_asks_first(meetings_db, step_clock):
    path, ids = meetings_db
    db = connect(path)
    desk = Desk(db, clock=step_clock)
    proposal = desk.submit_proposal(ids["item"], "按现状重新划线，每户一个车位")
    vote = desk.open_vote(proposal["id"])
    for _ in range(4):
        desk.adjust_count(vote["id"], "yes")
    desk.close_vote(vote["id"])
    db.conn.close()
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", "ctrl+o")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert question.question == "方案已通过，但没有记录决议"
        assert "1. 小区停车位重新划线" in question.detail
        await pilot.press("n")  # back to the console, to record the decision
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
        assert app.desk.meeting(ids["live"])["status"] == "open"
        await pilot.press("c", "ctrl+o")
        await pilot.pause()
        await pilot.press("y")  # close anyway
        await pilot.pause()
        assert app.desk.meeting(ids["live"])["status"] in ("closed", "published")


async def test_a_decision_recorded_means_no_question(meetings_db, step_clock):
    path, ids = meetings_db
    db = connect(path)
    desk = Desk(db, clock=step_clock)
    proposal = desk.submit_proposal(ids["item"], "按现状重新划线，每户一个车位")
    vote = desk.open_vote(proposal["id"])
    for _ in range(4):
        desk.adjust_count(vote["id"], "yes")
    desk.close_vote(vote["id"])
    desk.record_decision(ids["item"], "按现状重新划线。", proposal_id=proposal["id"])
    db.conn.close()
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", "ctrl+o")
        await pilot.pause()
        assert app.screen.question == "结束会议？结束后记录不再更改。"


async def test_the_command_palette_finds_publishing(quiet_db, step_clock):
    from yiting.ui.commands import ScreenKeys

    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for screen in ("home", "close"):
            if screen == "close":
                app.show_close(ids["past"])
                await pilot.pause()
            provider = ScreenKeys(app.screen)
            for query in ("发布", "纪要"):
                hits = [hit async for hit in provider.search(query)]
                assert [str(hit.text) for hit in hits if "发布纪要" in str(hit.text)], (screen, query)
        await pilot.press("ctrl+e")  # the key, anywhere: here, on the past meeting's close screen
        assert await until(pilot, lambda: app.screen.minutes)


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="xdg-open is the opener on Linux")
async def test_a_notice_nothing_can_open_says_where_it_is(quiet_db, step_clock, tmp_path, monkeypatch):
    path, ids = quiet_db
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "xdg-open").write_text("#!/bin/sh\necho 'no method available' >&2\nexit 3\n", encoding="utf-8")
    (bin_dir / "xdg-open").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_close(ids["past"], publish=True)
        await pilot.pause()
        screen = app.screen
        assert await until(pilot, lambda: screen.minutes)
        await pilot.press("o")
        said = await until(pilot, lambda: [n.message for n in app._notifications if "没有能打开它的程序" in n.message])
        assert said and str(screen.minutes.notice) in said[0]


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
