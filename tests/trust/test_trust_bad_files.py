"""A file yiting cannot use gets one clear line from the real CLI, exit code 1, and is left
byte for byte as it was: a database from a newer yiting, a truncated file, a file that is not
SQLite, a read-only file, a locked file. (tests/record/test_store.py checks the same files
through `connect()`; this is what a facilitator at the terminal sees.)
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from trust_helpers import digest

from yiting.desk import Desk
from yiting.store import backup
from yiting.store.db import connect
from yiting.store.schema import SCHEMA_VERSION
from yiting.store.verify import verify

DATA = Path(__file__).resolve().parents[1] / "data"
ROSTER = "姓名,楼栋\n王建国,1号楼\n"
COMMANDS = (("check",), ("verify",), ("export", "1"), ("list",), ("backup",), ("import", "roster", "{roster}", "-m", "1"))


def make_db(path: Path) -> Path:
    desk = Desk(connect(path), backups=False)
    meeting = desk.create_meeting("假山议事会")
    desk.add_participant(meeting["id"], "李桂兰", phone="13912345678")
    desk.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    desk.db.conn.close()
    return path


EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def fingerprint(path: Path) -> dict[str, str]:
    """The digest of the database and of each of its side files, an empty one left out: a
    read-only look at a WAL-mode file makes SQLite create an empty -wal (and the -shm, its
    shared memory), which changes nothing that is stored."""
    found = {suffix: digest(Path(f"{path}{suffix}")) for suffix in ("", "-wal", "-journal")
             if Path(f"{path}{suffix}").exists()}
    return {suffix: value for suffix, value in found.items() if suffix == "" or value != EMPTY}


def run_all(path: Path, commands, tmp_path: Path) -> list[tuple[tuple, subprocess.CompletedProcess]]:
    """Run each command at once in its own process (the locked cases each wait out the busy timeout)."""
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    env = {**os.environ, "YITING_LANG": "zh"}
    procs = []
    for command in commands:
        args = [a.format(roster=roster) for a in command]
        procs.append((command, subprocess.Popen([sys.executable, "-m", "yiting", "--db", str(path), *args],
                                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)))
    results = []
    for command, proc in procs:
        out, err = proc.communicate(timeout=60)
        results.append((command, subprocess.CompletedProcess(proc.args, proc.returncode, out, err)))
    return results


def assert_refused(results, fragment: str) -> None:
    for command, result in results:
        shown = f"{command}: exit {result.returncode}, stdout {result.stdout[-200:]!r}, stderr {result.stderr[-400:]!r}"
        assert result.returncode == 1, shown
        assert "Traceback" not in result.stdout + result.stderr, shown
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("错误：") and fragment in lines[0], shown


def newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


def truncate_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def truncate_to_header(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:100])


def cut_in_the_header(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:10])


def spreadsheet(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4)


def text(path: Path) -> None:
    path.write_text("姓名,楼栋\n王建国,1号楼\n", encoding="gbk")


def another_programs_database(path: Path) -> None:
    """A browser's history, say: SQLite, but user_version 0 and tables of its own. Before the fix
    `yiting check` wrote its schema into it, switched it to WAL and said it passed."""
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(("damage", "fragment"), [
    (another_programs_database, "别的程序的 SQLite 数据库"),
    (newer, "更新版本"),
    (truncate_half, "损坏"),
    (truncate_to_header, "损坏"),
    (cut_in_the_header, "不是议亭的数据库"),
    (spreadsheet, "不是议亭的数据库"),
    (text, "不是议亭的数据库"),
])
def test_a_file_yiting_cannot_use_is_refused_by_every_command_and_left_untouched(tmp_path, damage, fragment):
    path = make_db(tmp_path / "meeting.sqlite")
    damage(path)
    before = fingerprint(path)
    assert_refused(run_all(path, COMMANDS, tmp_path), fragment)
    assert fingerprint(path) == before
    assert not (tmp_path / "backups").exists() or not list((tmp_path / "backups").iterdir())


def test_a_read_only_file_is_refused_for_writing_and_still_read(tmp_path):
    path = make_db(tmp_path / "meeting.sqlite")
    path.chmod(0o444)
    try:
        before = fingerprint(path)
        results = run_all(path, COMMANDS, tmp_path)
        writing = [(c, r) for c, r in results if c[0] in ("check", "import")]
        assert_refused(writing, "只读")
        for command, result in results:
            if command[0] in ("verify", "export", "list", "backup"):
                assert result.returncode == 0, (command, result.stderr)
        assert fingerprint(path) == before
    finally:
        path.chmod(0o644)


HOLD = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
conn.execute("BEGIN EXCLUSIVE")
if sys.argv[2] != "rollback":
    conn.execute("INSERT INTO matters (title, raised_at) VALUES ('未提交', '2025-09-12')")
print("locked", flush=True)
sys.stdin.read()
"""


def hold_lock(path: Path, mode: str) -> subprocess.Popen:
    """Another program holding the write lock, in its own process (a lock taken in this process
    would be dropped by POSIX rules the moment the test reads the file for its digest)."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path), mode], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def release(proc: subprocess.Popen) -> None:
    proc.stdin.close()
    proc.wait(timeout=30)
    proc.stdout.close()


def rollback_journal_db(path: Path) -> Path:
    """A database in rollback-journal mode, as tests/data keeps the old versions."""
    path.write_bytes((DATA / f"yiting-v{SCHEMA_VERSION}.sqlite").read_bytes())
    return path


def test_a_locked_database_gets_a_clear_message_and_is_left_untouched(tmp_path):
    """Three ways another program can hold a database, tried at once (each refusal first
    waits out the 5 s busy timeout):

    - rollback: a database in rollback-journal mode (as tests/data keeps old versions) under
      BEGIN EXCLUSIVE: nobody can even read, so every command says the database is busy;
    - exclusive: a WAL database held with locking_mode=EXCLUSIVE and a write: the same;
    - write: a WAL database with another window's write transaction open. WAL lets readers
      through, so check, verify, export, list and backup work; the command that writes waits,
      then says the database is busy.

    Every file is left byte for byte as it was, and the uncommitted write stays out.
    """
    cases = {}
    for mode in ("rollback", "exclusive", "write"):
        folder = tmp_path / mode
        folder.mkdir()
        path = folder / "meeting.sqlite"
        rollback_journal_db(path) if mode == "rollback" else make_db(path)
        cases[mode] = path
    holders = {mode: hold_lock(path, mode) for mode, path in cases.items()}
    try:
        before = {mode: fingerprint(path) for mode, path in cases.items()}
        with ThreadPoolExecutor(max_workers=3) as pool:
            futures = {mode: pool.submit(run_all, path, COMMANDS, path.parent) for mode, path in cases.items()}
            results = {mode: dict(future.result()) for mode, future in futures.items()}
        for mode in ("rollback", "exclusive"):
            assert_refused(list(results[mode].items()), "正被另一个程序占用")
        writing = results["write"]
        assert_refused([(c, r) for c, r in writing.items() if c[0] == "import"], "正被另一个程序占用")
        for command in (("check",), ("verify",), ("export", "1"), ("list",), ("backup",)):
            assert writing[command].returncode == 0, (command, writing[command].stderr)
        assert "记录完整" in writing[("check",)].stdout
        assert {mode: fingerprint(path)[""] for mode, path in cases.items()} == \
            {mode: value[""] for mode, value in before.items()}
        for mode in ("rollback", "exclusive"):
            assert fingerprint(cases[mode]) == before[mode]
            backups = cases[mode].parent / "backups"
            assert not backups.exists() or not list(backups.iterdir())
    finally:
        for holder in holders.values():
            release(holder)
    db = connect(cases["write"])
    assert verify(db).ok
    assert db.execute("SELECT COUNT(*) FROM participants").fetchone()[0] == 1
    assert db.execute("SELECT COUNT(*) FROM matters").fetchone()[0] == 0


def test_a_backup_killed_half_way_is_never_offered_as_a_backup(tmp_path):
    """The automatic copy at a meeting's open is written under a temporary name and renamed
    when whole; before that fix a process killed during the copy left a torn `*.sqlite` in
    backups/ that `yiting backup --list` offered for a restore."""
    path = make_db(tmp_path / "meeting.sqlite")
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE ballast (b BLOB)")  # a big file, so the copy takes a while
    conn.executemany("INSERT INTO ballast VALUES (randomblob(1000000))", [()] * 60)
    conn.commit()
    conn.close()
    code = ("import sys; from yiting.store.db import connect; from yiting.store.backup import snapshot;"
            "db = connect(sys.argv[1]); print('go', flush=True); snapshot(db, 'auto-open-m1')")
    proc = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "go"
    folder = tmp_path / "backups"
    while proc.poll() is None and not (folder.exists() and list(folder.iterdir())):
        pass
    proc.kill()
    proc.wait()
    proc.stdout.close()
    left = sorted(p.name for p in folder.iterdir())
    assert left, "the copy was not under way when the process was killed"
    for listed in folder.glob("*.sqlite"):
        assert verify(connect(listed, readonly=True)).ok
    # the next snapshot still works beside the leftover
    assert backup.snapshot(connect(path), "auto-close-m1").exists()
