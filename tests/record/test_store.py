"""The database: opening, refusing what it must, the hash chain, verify, backups."""

import hashlib
import sqlite3

import pytest
from record_helpers import open_meeting

from yiting.desk import Desk
from yiting.errors import StoreError
from yiting.store import backup
from yiting.store.db import connect
from yiting.store.schema import SCHEMA_VERSION
from yiting.store.verify import verify


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db_path(tmp_path, clock):
    path = tmp_path / "yiting.sqlite"
    desk = Desk(connect(path), clock=clock)
    meeting, people, item = open_meeting(desk)
    vote = desk.open_vote(desk.submit_proposal(item["id"], "拆除假山")["id"])
    desk.adjust_count(vote["id"], "yes")
    desk.close_vote(vote["id"])
    desk.db.conn.close()
    return path


def test_a_new_database_has_the_current_schema(tmp_path):
    db = connect(tmp_path / "new.sqlite")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_every_action_is_on_disk_when_the_call_returns(db_path, clock):
    desk = Desk(connect(db_path), clock=clock)
    meeting = desk.create_meeting("另一场会")
    # a second connection (another window, or the app after a crash) sees it at once
    other = sqlite3.connect(db_path)
    assert other.execute("SELECT title FROM meetings WHERE id = ?", [meeting["id"]]).fetchone() == ("另一场会",)


def test_a_lone_write_is_committed_at_once_and_a_transaction_undoes_only_its_own_block(tmp_path):
    db = connect(tmp_path / "yiting.sqlite")
    db.execute("CREATE TABLE scratch (n INTEGER CHECK (n > 0))")
    db.execute("INSERT INTO scratch VALUES (1)")
    assert not db.conn.in_transaction
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO scratch VALUES (-1)")
    assert not db.conn.in_transaction  # a refused write leaves no transaction open behind it
    with db.transaction():
        db.execute("INSERT INTO scratch VALUES (2)")
        with pytest.raises(RuntimeError), db.transaction():
            db.execute("INSERT INTO scratch VALUES (3)")
            raise RuntimeError("undo")
    with pytest.raises(RuntimeError), db.transaction():
        db.execute("INSERT INTO scratch VALUES (4)")
        raise RuntimeError("undo")
    other = sqlite3.connect(tmp_path / "yiting.sqlite")
    assert other.execute("SELECT n FROM scratch ORDER BY n").fetchall() == [(1,), (2,)]


def test_newer_database_is_refused_and_left_untouched(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = digest(db_path)
    with pytest.raises(StoreError, match="更新版本"):
        connect(db_path)
    assert digest(db_path) == before


@pytest.mark.parametrize("content", [b"name,party\n\xe6\x9d\x8e,\n", b"\x00" * 100])
def test_a_file_that_is_not_sqlite_is_refused(tmp_path, content):
    path = tmp_path / "roster.sqlite"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="不是议亭的数据库"):
        connect(path)
    assert path.read_bytes() == content


def test_a_truncated_database_is_refused_and_left_untouched(db_path):
    # fold the WAL into the file first, as a cleanly closed database would be
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])
    before = digest(db_path)
    with pytest.raises(StoreError, match="损坏"):
        connect(db_path)
    assert digest(db_path) == before


def test_a_read_only_file_is_refused_for_writing(db_path):
    db_path.chmod(0o444)
    try:
        before = digest(db_path)
        with pytest.raises(StoreError, match="只读"):
            connect(db_path)
        assert verify(connect(db_path, readonly=True)).ok
        assert digest(db_path) == before
    finally:
        db_path.chmod(0o644)


def test_verify_names_a_vote_count_changed_behind_the_apps_back(db_path):
    assert verify(connect(db_path)).ok
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE votes SET yes = 12 WHERE id = 1")
    conn.commit()
    report = verify(connect(db_path))
    assert not report.ok
    [finding] = report.findings
    assert (finding.kind, finding.table, finding.row_id, finding.columns) == ("row_changed", "votes", 1, ("yes",))
    assert finding.seq is not None


def test_verify_finds_an_edited_log_row(db_path):
    conn = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE events SET actor = 'someone' WHERE seq = 3")
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("UPDATE events SET actor = 'someone' WHERE seq = 3")
    conn.commit()
    report = verify(connect(db_path))
    assert [(f.kind, f.seq) for f in report.findings] == [("hash", 3)]


def test_verify_finds_inserted_and_deleted_rows(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO decisions (meeting_id, text, decided_at) VALUES (1, '伪造的决议', '2025-09-12')")
    conn.execute("DELETE FROM participants WHERE id = 5")
    conn.commit()
    kinds = {(f.kind, f.table) for f in verify(connect(db_path)).findings}
    assert kinds == {("row_unlogged", "decisions"), ("row_missing", "participants")}


def test_backup_copies_a_consistent_database(db_path, tmp_path):
    target = backup.copy_database(db_path, tmp_path / "copy.sqlite")
    report = verify(connect(target))
    assert report.ok and report.events > 10
    with pytest.raises(StoreError, match="已存在"):
        backup.copy_database(db_path, target)


def test_meetings_are_backed_up_when_they_open_and_close(tmp_path, clock):
    path = tmp_path / "yiting.sqlite"
    desk = Desk(connect(path), clock=clock)
    meeting = desk.create_meeting("议事会")
    desk.open_meeting(meeting["id"])
    desk.close_meeting(meeting["id"])
    copies = sorted(p.name for p in (tmp_path / "backups").glob("*.sqlite"))
    assert [name.split("-")[2] for name in copies] == ["close", "open"]
    closed_copy = [p for p in (tmp_path / "backups").glob("*close*")][0]
    assert verify(connect(closed_copy)).ok


def test_automatic_backups_are_rotated(tmp_path, clock):
    path = tmp_path / "yiting.sqlite"
    desk = Desk(connect(path), clock=clock)
    for _ in range(4):
        backup.snapshot(desk.db, "auto-test", keep=3)
    assert len(list((tmp_path / "backups").glob("*.sqlite"))) == 3


def test_a_large_database_skips_the_page_scan_on_open_but_check_still_finds_damage(db_path, monkeypatch):
    import yiting.store.db as store_db

    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    data = bytearray(db_path.read_bytes())
    start = page_size * (pages - 2)
    data[start:start + page_size] = b"\xff" * page_size  # a damaged page in the middle
    db_path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="损坏"):
        connect(db_path)  # small file: scanned on open
    monkeypatch.setattr(store_db, "QUICK_CHECK_MAX_BYTES", 0)  # as if it held ten years of meetings
    connect(db_path, readonly=True).conn.close()
    from click.testing import CliRunner

    from yiting.cli import main

    result = CliRunner().invoke(main, ["--db", str(db_path), "check"])
    assert result.exit_code == 1 and "损坏" in result.output
