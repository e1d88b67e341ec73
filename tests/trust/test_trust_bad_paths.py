"""Database paths that are not a database file: an empty file, a FIFO, a device, a folder, a
folder that does not exist. Every command refuses at once with one clear line, and nothing is
created or turned into a database (only the console and `yiting demo` create one, and say so).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_trust_bad_files import ROSTER, assert_refused

from yiting.cli import main
from yiting.store.db import connect

READ_AND_ADD = (("check",), ("verify",), ("list",), ("search", "假山"), ("export", "1"), ("backup",),
                ("import", "roster", "{roster}", "-m", "1"), ("publish", "--all", "--out", "{site}"), ("qr", "1"))


def run_each(path: Path, tmp_path: Path, commands=READ_AND_ADD, timeout: float = 30):
    """Each command in its own process; one that hangs (a FIFO opened for reading) fails the test."""
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    env = {**os.environ, "YITING_LANG": "zh", "YITING_HOME": str(tmp_path / "home")}
    results = []
    for command in commands:
        args = [a.format(roster=roster, site=tmp_path / "site") for a in command]
        results.append((command, subprocess.run([sys.executable, "-m", "yiting", "--db", str(path), *args],
                                                capture_output=True, text=True, env=env, timeout=timeout)))
    return results


def console_refuses(path: Path, fragment: str) -> None:
    """`yiting` (the console) fails before it takes the terminal, with the same one line."""
    result = CliRunner().invoke(main, ["--db", str(path), "--no-serve"])
    assert result.exit_code == 1, result.output
    assert result.output.startswith("错误：") and fragment in result.output, result.output


def test_an_empty_file_is_never_made_into_a_database(tmp_path):
    path = tmp_path / "meetings.sqlite"
    path.write_bytes(b"")
    assert_refused(run_each(path, tmp_path), "空文件（0 字节）")
    console_refuses(path, "空文件（0 字节）")
    result = CliRunner().invoke(main, ["--db", str(path), "demo", "--no-open", "--yes"])
    assert result.exit_code == 1 and "不是 yiting demo 生成的示例数据库" in result.output
    assert path.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["meetings.sqlite", "roster.csv"]


def test_an_empty_file_is_refused_in_english_too(tmp_path):
    path = tmp_path / "meetings.sqlite"
    path.write_bytes(b"")
    result = CliRunner().invoke(main, ["--db", str(path), "--lang", "en", "check"])
    assert result.exit_code == 1 and "is an empty file (0 bytes)" in result.output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_refused_at_once_by_every_command(tmp_path):
    path = tmp_path / "meetings.sqlite"
    os.mkfifo(path)
    assert_refused(run_each(path, tmp_path, timeout=20), "不是普通文件")
    console_refuses(path, "不是普通文件")
    result = CliRunner().invoke(main, ["--db", str(path), "demo", "--no-open", "--yes"])
    assert result.exit_code == 1 and "不是普通文件" in result.output


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_is_refused(tmp_path):
    assert_refused(run_each(Path("/dev/null"), tmp_path, commands=(("list",), ("check",), ("search", "x"))),
                   "不是普通文件")
    console_refuses(Path("/dev/null"), "不是普通文件")


def test_a_folder_is_refused(tmp_path):
    folder = tmp_path / "meetings"
    folder.mkdir()
    from yiting.errors import StoreError

    with pytest.raises(StoreError) as refused:
        connect(folder)
    assert "是一个文件夹" in refused.value.message()
    result = CliRunner().invoke(main, ["--db", str(folder), "list"])  # click says it first
    assert result.exit_code == 2 and "是文件夹" in result.output
    assert list(folder.iterdir()) == []


def test_read_commands_create_no_folder_and_no_database(tmp_path):
    missing = tmp_path / "missing" / "dir" / "meetings.sqlite"
    assert_refused(run_each(missing, tmp_path), "找不到数据库")
    assert not (tmp_path / "missing").exists()


def test_the_console_creates_a_new_database_and_knows_it_did(tmp_path):
    from yiting.ui.app import YitingApp

    path = tmp_path / "new" / "meetings.sqlite"
    app = YitingApp(path, "zh", poll=False)
    assert path.exists() and app.created
    app.db.close()
    again = YitingApp(path, "zh", poll=False)
    assert not again.created
    again.db.close()


def test_the_console_notifies_the_new_database(tmp_path):
    from yiting.ui.app import YitingApp

    path = tmp_path / "meetings.sqlite"
    app = YitingApp(path, "zh", poll=False)

    async def look() -> list[str]:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            return [n.message for n in app._notifications]

    assert any("已新建数据库" in m and str(path) in m for m in asyncio.run(look()))
