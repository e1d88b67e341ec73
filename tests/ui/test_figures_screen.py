"""The console's Figures screen (统计): g from home or the command palette; the hand-counted
figures of tests/board_fixture.py, as the published figures page shows them."""

from __future__ import annotations

from datetime import datetime

from board_fixture import CST, build_matters
from textual.command import CommandInput, CommandList
from ui_meetings import until

from yiting.desk import Desk
from yiting.store.db import connect
from yiting.ui.app import YitingApp
from yiting.ui.screens.figures import FiguresScreen
from yiting.ui.screens.home import HomeScreen


class Clock:
    def __init__(self) -> None:
        self.moment = datetime(2025, 8, 1, 9, 0, tzinfo=CST)

    def __call__(self) -> datetime:
        return self.moment


def record(tmp_path):
    path = tmp_path / "matters.sqlite"
    db = connect(path)
    clock = Clock()
    build_matters(Desk(db, clock=clock), clock)
    db.close()
    return path, clock


def shown(app) -> str:
    return str(app.screen.query_one("#figures-text").render()).replace("· ", "  ")


async def test_g_on_home_shows_the_figures_and_esc_goes_back(tmp_path):
    path, clock = record(tmp_path)
    app = YitingApp(path, clock=clock, poll=False)
    async with app.run_test(size=(100, 40)) as pilot:
        if not isinstance(app.screen, HomeScreen):
            await pilot.press("escape")
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, FiguresScreen)
        text = shown(app)
        assert "截至 2025-11-05" in text
        assert "事项 4 件，已结案 1 件；议事会 1 次；逾期任务 2 项" in text
        assert "全部：47 天（2 件）" in text and "物业公司  2" in text
        assert "道路出入  提出 1  结案 1  从提出到办结的天数（中位数） 88" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_the_command_palette_finds_the_figures_by_pinyin(tmp_path):
    path, clock = record(tmp_path)
    app = YitingApp(path, clock=clock, poll=False)
    async with app.run_test(size=(100, 40)) as pilot:
        if not isinstance(app.screen, HomeScreen):
            await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert palette.query_one(CommandInput)
        await pilot.press(*"ystj")  # 议事统计

        def offered() -> bool:
            return any("议事统计" in str(o.prompt) for o in palette.query_one(CommandList).options)

        assert await until(pilot, offered, 10)
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, FiguresScreen), 10)
        assert "全部：47 天（2 件）" in shown(app)
