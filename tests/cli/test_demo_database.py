"""One database the user can see: `yiting demo` writes only a database it made (marked), never
one that is open, never without a backup and saying what the user made in it; the console names
its database and, on one with no meetings, offers the demo."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from yiting.cli import main
from yiting.desk import Desk
from yiting.store.db import DEMO_MARK, connect, is_demo

CONSOLE = """
import sys
from yiting.ui.app import YitingApp

class Console(YitingApp):
    def on_ready(self):
        super().on_ready()
        print("ready", flush=True)

Console(sys.argv[1], "zh", serve=None).run(headless=True)
"""


def demo(*args: str):
    return CliRunner().invoke(main, [*args, "demo", "--no-open", "--yes"])


def own_database(path: Path, title: str = "我们楼的议事会") -> Path:
    desk = Desk(connect(path), backups=False)
    desk.create_meeting(title)
    desk.db.close()
    return path


def application_id(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA application_id").fetchone()[0]
    finally:
        conn.close()


def test_the_demo_marks_the_database_it_makes(isolated_home):
    result = demo()
    assert result.exit_code == 0, result.output
    assert "正在新建示例数据库" in result.output
    path = isolated_home / "demo.sqlite"
    assert application_id(path) == DEMO_MARK and is_demo(path)
    assert not list(isolated_home.glob("*.building*"))


def test_the_demo_refuses_a_database_it_did_not_make_and_leaves_it_as_it_was(tmp_path, isolated_home):
    path = own_database(tmp_path / "meetings.sqlite")
    before = path.read_bytes()
    result = demo("--db", str(path))
    assert result.exit_code == 1
    assert result.output.startswith("错误：") and "不是 yiting demo 生成的示例数据库" in result.output
    assert path.read_bytes() == before
    assert not (tmp_path / "backups").exists()


def test_the_demo_refuses_a_file_that_is_not_a_database(tmp_path, isolated_home):
    path = tmp_path / "notes.sqlite"
    path.write_text("会议记录", encoding="utf-8")
    result = demo("--db", str(path))
    assert result.exit_code == 1 and "不是议亭的数据库" in result.output
    assert path.read_text(encoding="utf-8") == "会议记录"


def test_rebuilding_says_what_the_user_made_and_keeps_a_backup(isolated_home):
    assert demo().exit_code == 0
    path = isolated_home / "demo.sqlite"
    desk = Desk(connect(path), backups=False)
    desk.create_meeting("我自己加的会")
    desk.db.close()
    result = demo()
    assert result.exit_code == 0, result.output
    assert "1 场不是示例脚本生成的会议" in result.output and "我自己加的会" in result.output
    backups = list((isolated_home / "backups").glob("demo-before-demo-*.sqlite"))
    assert len(backups) == 1 and str(backups[0]) in result.output
    kept = sqlite3.connect(backups[0])
    assert ("我自己加的会",) in kept.execute("SELECT title FROM meetings").fetchall()
    kept.close()
    rebuilt = sqlite3.connect(path)
    assert ("我自己加的会",) not in rebuilt.execute("SELECT title FROM meetings").fetchall()
    rebuilt.close()
    assert is_demo(path)


def test_a_demo_without_meetings_of_the_users_is_rebuilt_without_a_warning(isolated_home):
    assert demo().exit_code == 0
    result = demo()
    assert result.exit_code == 0 and "不是示例脚本生成的会议" not in result.output
    assert "已备份到" in result.output


def test_an_unmarked_database_at_the_demos_own_place_is_an_older_demo(isolated_home):
    own_database(isolated_home / "demo.sqlite", "旧版本的示例")
    result = demo()
    assert result.exit_code == 0, result.output
    assert "旧版本的示例" in result.output and is_demo(isolated_home / "demo.sqlite")


def test_the_demo_refuses_while_a_console_has_it_open(isolated_home):
    assert demo().exit_code == 0
    path = isolated_home / "demo.sqlite"
    console = subprocess.Popen([sys.executable, "-c", CONSOLE, str(path)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env={**os.environ, "YITING_HOME": str(isolated_home)})
    try:
        assert console.stdout.readline().strip() == "ready", console.stderr.read()
        before = path.read_bytes()
        result = demo()
        assert result.exit_code == 1, result.output
        assert "正被另一个议亭窗口或命令打开" in result.output
        assert path.read_bytes() == before
        assert not (isolated_home / "backups").exists()
    finally:
        console.kill()  # as a crash or kill -9 would: the hold goes with the process
        console.wait(timeout=30)
    result = demo()
    assert result.exit_code == 0, result.output


def test_the_demo_refuses_while_a_command_reads_it(isolated_home):
    assert demo().exit_code == 0
    path = isolated_home / "demo.sqlite"
    reader = connect(path, readonly=True)  # `yiting serve`, say
    try:
        assert demo().exit_code == 1
    finally:
        reader.close()
    assert demo().exit_code == 0


def test_a_console_waits_out_a_rebuild_and_then_opens(isolated_home):
    from yiting.store import holders

    assert demo().exit_code == 0
    path = isolated_home / "demo.sqlite"
    with holders.exclusive(path) as alone:
        assert alone
        from yiting.errors import StoreError

        with pytest.raises(StoreError):
            connect(path)
    connect(path).close()


# -- the console: which database, and the demo offered on an empty one -------------------------

def run_console(app, steps):
    async def go():
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            return await steps(pilot)

    return asyncio.run(go())


def header_text(app) -> str:
    from textual.widgets._header import HeaderTitle

    return str(app.screen.query_one(HeaderTitle).render())


def test_the_console_names_its_database(tmp_path):
    from yiting.ui.app import YitingApp

    path = own_database(tmp_path / "楼栋" / "meetings.sqlite")

    async def look(pilot):
        return header_text(pilot.app)

    shown = run_console(YitingApp(path, "zh", poll=False), look)
    assert "meetings.sqlite" in shown and "楼栋" in shown


def test_the_console_on_the_demo_says_demo(isolated_home):
    from yiting.ui.app import YitingApp

    assert demo().exit_code == 0

    async def look(pilot):
        return header_text(pilot.app)

    assert "示例数据库" in run_console(YitingApp(isolated_home / "demo.sqlite", "zh", poll=False), look)


@pytest.mark.parametrize(("key", "result"), [("y", "demo"), ("n", None)])
def test_an_empty_database_offers_the_demo(tmp_path, isolated_home, key, result):
    from yiting.ui.app import YitingApp
    from yiting.ui.screens.confirm import ConfirmScreen
    from yiting.ui.screens.home import HomeScreen

    app = YitingApp(tmp_path / "meetings.sqlite", "zh", poll=False, offer_demo=True)

    async def answer(pilot):
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert "还没有会议" in pilot.app.screen.question
        await pilot.press(key)
        await pilot.pause()
        return pilot.app.screen if pilot.app.is_running else None

    screen = run_console(app, answer)
    assert app.return_value == result
    if result is None:
        assert isinstance(screen, HomeScreen)


def test_a_database_with_meetings_and_the_demo_are_not_offered_the_demo(tmp_path, isolated_home):
    from yiting.ui.app import YitingApp
    from yiting.ui.screens.confirm import ConfirmScreen

    assert demo().exit_code == 0

    async def screen(pilot):
        await pilot.pause()
        return type(pilot.app.screen)

    for path in (own_database(tmp_path / "meetings.sqlite"), isolated_home / "demo.sqlite"):
        assert run_console(YitingApp(path, "zh", poll=False, offer_demo=True), screen) is not ConfirmScreen


def test_taking_the_offer_builds_and_opens_the_demo_then_says_where_each_database_is(tmp_path, isolated_home,
                                                                                     monkeypatch):
    opened = []

    def run_app(path, lang, serve):
        opened.append(Path(path))
        return "demo" if len(opened) == 1 else None

    monkeypatch.setattr("yiting.ui.app.run_app", run_app)
    own = tmp_path / "meetings.sqlite"
    result = CliRunner().invoke(main, ["--db", str(own)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    demo_path = isolated_home / "demo.sqlite"
    assert opened == [own, demo_path] and is_demo(demo_path)
    assert "刚才打开的是示例数据库" in result.output and str(own) in result.output


def test_the_console_on_db_demo_builds_the_demo_first(isolated_home, monkeypatch):
    opened = []
    monkeypatch.setattr("yiting.ui.app.run_app", lambda path, lang, serve: opened.append(Path(path)))
    result = CliRunner().invoke(main, ["--db", "demo"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert opened == [isolated_home / "demo.sqlite"] and is_demo(opened[0])
    assert "正在新建示例数据库" in result.output
