"""SQLite's refusals, told apart by SQLite's error name (never by the wording of its message),
each turned into the message a facilitator reads; real errors from real files throughout."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from yiting.store.failures import is_locked, primary_name, refusal


def table(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE IF NOT EXISTS t (x)")
    return conn


def raised(call) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as caught:
        call()
    return caught.value


def test_another_window_holding_the_write_lock_is_busy(tmp_path):
    path = tmp_path / "x.sqlite"
    first, second = table(path), sqlite3.connect(path, isolation_level=None, timeout=0)
    first.execute("BEGIN IMMEDIATE")
    exc = raised(lambda: second.execute("BEGIN IMMEDIATE"))
    assert primary_name(exc) == "SQLITE_BUSY" and is_locked(exc)
    assert refusal(exc, str(path)).key == "store.locked"
    assert "正被另一个程序占用" in refusal(exc, str(path)).message()


def test_a_read_only_database_is_read_only(tmp_path):
    path = tmp_path / "x.sqlite"
    table(path).close()
    ro = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    exc = raised(lambda: ro.execute("INSERT INTO t VALUES (1)"))
    assert primary_name(exc) == "SQLITE_READONLY" and not is_locked(exc)
    assert refusal(exc, str(path)).key == "store.readonly"


def test_a_full_disk_is_a_write_that_failed(tmp_path):
    conn = table(tmp_path / "x.sqlite")
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    exc = raised(lambda: conn.execute("INSERT INTO t VALUES (randomblob(100000))"))
    assert primary_name(exc) == "SQLITE_FULL"
    shown = refusal(exc, "x.sqlite")
    assert shown.key == "store.write_failed" and "没有记录" in shown.message()


def test_a_file_that_is_not_a_database_is_damaged(tmp_path):
    path = tmp_path / "x.sqlite"
    path.write_bytes(b"\x00" * 4096)
    exc = raised(lambda: sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall())
    assert primary_name(exc) == "SQLITE_NOTADB"
    assert refusal(exc, str(path)).key == "store.corrupt"


def test_extended_names_count_as_their_primary_one():
    class Refused(sqlite3.OperationalError):
        sqlite_errorname = "SQLITE_IOERR_WRITE"

    assert primary_name(Refused("disk I/O error")) == "SQLITE_IOERR"
    assert refusal(Refused("disk I/O error"), "x").key == "store.write_failed"


def test_the_wording_of_a_message_decides_nothing(tmp_path):
    """A bug (a typo in SQL) whose text happens to say "locked" or "full" keeps its traceback;
    so does an error Python raised itself (no SQLite name)."""
    conn = table(tmp_path / "x.sqlite")
    exc = raised(lambda: conn.execute("SELECT locked_or_full FROM t"))
    assert "locked" in str(exc) and primary_name(exc) == "SQLITE_ERROR"
    assert refusal(exc, "x") is None and not is_locked(exc)
    conn.close()
    closed = raised(lambda: conn.execute("SELECT 1"))
    assert primary_name(closed) is None and refusal(closed, "x") is None
    assert refusal(sqlite3.OperationalError("database is locked"), "x") is None
