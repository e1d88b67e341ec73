"""The record cannot be quietly changed: whoever edits the file behind yiting's back (drops the
append-only triggers, deletes, swaps or rewrites log rows) is named by `verify`, event and row.
Beyond tests/record/test_store.py, which edits a vote count, a log row's actor, and inserts
and deletes record rows.
"""

from __future__ import annotations

import json
import sqlite3

import pytest
from trust_helpers import cli

from yiting.desk import Desk
from yiting.errors import StoreError
from yiting.store.db import connect
from yiting.store.log import GENESIS, canonical, event_hash
from yiting.store.verify import verify


@pytest.fixture
def db_path(tmp_path, clock):
    path = tmp_path / "meeting.sqlite"
    desk = Desk(connect(path), clock=clock, backups=False)
    meeting = desk.create_meeting("假山议事会")
    people = desk.add_participants(meeting["id"], [{"name": n} for n in ("李桂兰", "王建国", "张秀英")])
    for person in people:
        desk.check_in(person["id"])
    desk.open_meeting(meeting["id"])
    item = desk.add_item(meeting["id"], "假山和旱池如何处理")
    desk.open_item(item["id"])
    proposal = desk.submit_proposal(item["id"], "拆除假山")
    vote = desk.open_vote(proposal["id"])
    for choice in ("yes", "yes", "no"):
        desk.adjust_count(vote["id"], choice)
    desk.close_vote(vote["id"])
    desk.db.conn.close()
    return path


def tamper(path, *statements):
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER IF EXISTS events_no_update")
    conn.execute("DROP TRIGGER IF EXISTS events_no_delete")
    for sql, *params in statements:
        conn.execute(sql, *params)
    conn.commit()
    conn.close()


def seq_of(path, action, nth=0):
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT seq FROM events WHERE action = ? ORDER BY seq", [action]).fetchall()
    conn.close()
    return rows[nth][0]


def findings(path):
    return [(f.kind, f.seq, f.table, f.row_id) for f in verify(connect(path)).findings]


def test_an_event_deleted_from_the_middle_of_the_log_is_named(db_path):
    gone = seq_of(db_path, "check_in", 1)  # 王建国's check-in
    tamper(db_path, ("DELETE FROM events WHERE seq = ?", [gone]))
    found = findings(db_path)
    assert ("event_missing", gone, "", None) in found
    assert ("chain", gone + 1, "", None) in found
    # the row that event wrote no longer matches the log either
    assert ("row_changed", seq_of(db_path, "add_participants"), "participants", 2) in found
    result = cli(db_path, "verify")
    assert result.returncode == 1
    assert f"操作日志缺少第 {gone} 条" in result.stdout and f"在第 {gone + 1} 条处断链" in result.stdout


def test_a_swapped_pair_of_events_is_named(db_path):
    first = seq_of(db_path, "adjust_count", 0)
    conn = sqlite3.connect(db_path)
    a, b = (conn.execute("SELECT at, actor, action, meeting_id, reason, changes, prev_hash, hash FROM events"
                         " WHERE seq = ?", [s]).fetchone() for s in (first, first + 1))
    conn.close()
    update = ("UPDATE events SET at = ?, actor = ?, action = ?, meeting_id = ?, reason = ?, changes = ?,"
              " prev_hash = ?, hash = ? WHERE seq = ?")
    tamper(db_path, (update, [*b, first]), (update, [*a, first + 1]))
    found = {(kind, seq) for kind, seq, _, _ in findings(db_path)}
    assert {("chain", first), ("hash", first), ("chain", first + 1), ("hash", first + 1)} <= found
    assert ("chain", first + 2) in found


def test_a_rewritten_change_that_still_parses_is_named(db_path):
    """Someone makes the vote read 30 yes: the row, and the after-image in the log to match."""
    close = seq_of(db_path, "close_vote")
    conn = sqlite3.connect(db_path)
    changes = json.loads(conn.execute("SELECT changes FROM events WHERE seq = ?", [close]).fetchone()[0])
    conn.close()
    for change in changes:
        if change["t"] == "votes":
            change["after"]["yes"] = 30
    tamper(db_path, ("UPDATE events SET changes = ? WHERE seq = ?", [canonical(changes), close]),
           ("UPDATE votes SET yes = 30",))
    assert findings(db_path) == [("hash", close, "", None)]
    result = cli(db_path, "verify")
    assert result.returncode == 1 and f"第 {close} 条的内容被改动过" in result.stdout


def test_a_rewritten_event_with_a_fresh_hash_breaks_the_chain_after_it(db_path):
    close = seq_of(db_path, "close_vote")
    conn = sqlite3.connect(db_path)
    cols = ("seq", "at", "actor", "action", "meeting_id", "reason", "changes", "prev_hash")
    row = dict(zip(cols, conn.execute(f"SELECT {', '.join(cols)} FROM events WHERE seq = ?", [close - 1]).fetchone(), strict=True))
    conn.close()
    row["changes"] = json.loads(row["changes"])
    row["actor"] = "someone else"
    tamper(db_path, ("UPDATE events SET actor = ?, hash = ? WHERE seq = ?",
                     [row["actor"], event_hash(row), close - 1]))
    assert [(k, s) for k, s, _, _ in findings(db_path)] == [("chain", close)]


def test_a_whole_rewritten_chain_still_differs_from_the_published_head(db_path):
    """Rewriting every hash from the edit onwards makes a log that agrees with itself; what
    gives it away is the head the published minutes carry, which a resident can compare."""
    published_head = verify(connect(db_path)).head
    conn = sqlite3.connect(db_path)
    cols = ("seq", "at", "actor", "action", "meeting_id", "reason", "changes", "prev_hash")
    rows = [dict(zip(cols, r, strict=True)) for r in conn.execute(f"SELECT {', '.join(cols)} FROM events ORDER BY seq")]
    conn.close()
    statements, previous = [], GENESIS
    for row in rows:
        row["changes"] = json.loads(row["changes"])
        if row["action"] == "close_vote":
            row["actor"] = "someone else"
        row["prev_hash"] = previous
        previous = event_hash(row)
        statements.append(("UPDATE events SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                           [row["actor"], row["prev_hash"], previous, row["seq"]]))
    tamper(db_path, *statements)
    report = verify(connect(db_path))
    assert report.ok and report.head != published_head


@pytest.mark.parametrize("changes", ["null", "{}", "[1, 2]", '"text"', '[{"t": ["votes"], "id": 1}]',
                                     '[{"t": "votes", "id": "1"}]', '[{"t": "votes", "id": 1, "after": [1]}]',
                                     "{not json"])
def test_a_log_row_of_the_wrong_shape_is_named_not_a_crash(db_path, changes):
    close = seq_of(db_path, "close_vote")
    tamper(db_path, ("UPDATE events SET changes = ? WHERE seq = ?", [changes, close]))
    found = findings(db_path)
    assert ("bad_event", close, "", None) in found
    result = cli(db_path, "verify")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"第 {close} 条无法读取" in result.stdout


def test_a_dropped_log_is_a_clear_message(db_path):
    tamper(db_path, ("DROP TABLE events",))
    with pytest.raises(StoreError, match="损坏"):
        verify(connect(db_path))
    for command in ("verify", "check"):
        result = cli(db_path, command)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith("错误：") and "events" in result.stderr


# One column of one row of every table of the record, edited behind yiting's back (the triggers
# left alone: they guard the log, not the tables): a verify that skipped a table would miss it.
EVERY_TABLE = {
    "meetings": ("title", "另一个会"), "participants": ("name", "赵某某"), "matters": ("title", "别的事"),
    "agenda_items": ("title", "别的议题"), "speeches": ("summary", "没说过的话"), "proposals": ("text", "保留假山"),
    "votes": ("yes", 99), "ballots": ("choice", "no"), "decisions": ("text", "不拆"), "actions": ("task", "不做了"),
    "objection_periods": ("contact", "别处"), "objections": ("answer", "不答复"),
    "matter_raisers": ("name", "别人"), "duty_notes": ("text", "没做"), "evaluations": ("dissatisfied", 99),
    "units": ("label", "999"), "owners": ("name", "别人"), "unit_owners": ("owner_id", 1),
    "unit_votes": ("objection_until", "2099-01-01"), "unit_ballots": ("choice", "no"),
}


def test_every_record_table_is_covered():
    from yiting.store.schema import RECORD_TABLES

    assert set(EVERY_TABLE) == set(RECORD_TABLES)


@pytest.fixture
def demo_copy(tmp_path):
    import shutil
    from pathlib import Path

    path = tmp_path / "demo.sqlite"
    from yiting.store.schema import SCHEMA_VERSION

    shutil.copy(Path(__file__).resolve().parents[1] / "data" / f"yiting-v{SCHEMA_VERSION}.sqlite", path)
    return path


@pytest.mark.parametrize("table", sorted(EVERY_TABLE))
def test_one_column_of_one_row_of_each_table_edited_is_named(demo_copy, table):
    column, value = EVERY_TABLE[table]
    conn = sqlite3.connect(demo_copy)
    row_id = conn.execute(f"SELECT MAX(id) FROM [{table}] WHERE [{column}] IS NOT ?", [value]).fetchone()[0]
    conn.execute(f"UPDATE [{table}] SET [{column}] = ? WHERE id = ?", [value, row_id])
    conn.commit()
    conn.close()
    found = [(f.kind, f.table, f.row_id, f.columns) for f in verify(connect(demo_copy)).findings]
    assert found == [("row_changed", table, row_id, (column,))]
    result = cli(demo_copy, "verify")
    assert result.returncode == 1 and f"表 {table} 第 {row_id} 行的 {column} 与日志不符" in result.stdout


def test_an_event_whose_reason_alone_was_edited_is_named(demo_copy):
    conn = sqlite3.connect(demo_copy)
    seq = conn.execute("SELECT MIN(seq) FROM events WHERE reason != ''").fetchone()[0]
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("UPDATE events SET reason = reason || '。' WHERE seq = ?", [seq])
    conn.commit()
    conn.close()
    assert findings(demo_copy) == [("hash", seq, "", None)]
    result = cli(demo_copy, "verify")
    assert result.returncode == 1 and f"第 {seq} 条的内容被改动过" in result.stdout
    assert "只追加保护（触发器 events_no_update）被删除了" in result.stdout
