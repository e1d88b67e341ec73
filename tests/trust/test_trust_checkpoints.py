"""Signed checkpoints make a rewrite visible: the tamper cases that a self-consistent log used
to hide (a vote count, a proposal text or a speaker's name changed with the whole hash chain
rewritten; the last event deleted with its rows rolled back; the append-only triggers dropped;
the search index edited), each with and without the attacker re-signing with the stolen key.
`verify` names each from the checkpoints in the database, or, when the attacker re-signed
those, `verify --site` from the ones the site (the residents' copy) holds.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from trust_helpers import cli

from yiting.publish.site import publish_meeting
from yiting.store import search
from yiting.store.db import connect
from yiting.store.log import GENESIS, event_hash
from yiting.store.schema import SCHEMA_VERSION
from yiting.trust.checkpoint import ZERO, body, note_hash, short
from yiting.trust.keys import existing_key

FIXTURE = Path(__file__).resolve().parents[1] / "data" / f"yiting-v{SCHEMA_VERSION}.sqlite"  # no migration to run
BASE_URL = "http://192.168.1.23:8000"


@pytest.fixture
def published(tmp_path):
    """The demo meetings (every record table has rows), meeting 2 published to a site."""
    path = tmp_path / "yiting.sqlite"
    shutil.copy(FIXTURE, path)
    db = connect(path)
    search.update(db)
    publish_meeting(db, 2, tmp_path / "site", base_url=BASE_URL)
    db.close()
    return path, tmp_path / "site"


def raw(path):
    conn = sqlite3.connect(path)
    for name in ("events_no_update", "events_no_delete", "checkpoints_no_update", "checkpoints_no_delete"):
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    return conn


def restore_guards(conn):
    """A careful attacker puts the triggers back, so that only what was changed shows."""
    conn.executescript("""
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'x'); END;
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'x'); END;
        CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints BEGIN SELECT RAISE(ABORT, 'x'); END;
        CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints BEGIN SELECT RAISE(ABORT, 'x'); END;
    """)


def rehash(conn):
    """Rewrite every event's link and hash: a log that agrees with itself again."""
    cols = ("seq", "at", "actor", "action", "meeting_id", "reason", "changes", "prev_hash")
    previous = GENESIS
    for values in conn.execute(f"SELECT {', '.join(cols)} FROM events ORDER BY seq").fetchall():
        event = dict(zip(cols, values, strict=True))
        event["changes"] = json.loads(event["changes"])
        event["prev_hash"] = previous
        previous = event_hash(event)
        conn.execute("UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?", [event["prev_hash"], previous,
                                                                                  event["seq"]])


def rewrite_row(conn, table, row_id, column, value):
    """Change one column of one record row, in the table and in every event that wrote it."""
    conn.execute(f"UPDATE [{table}] SET [{column}] = ? WHERE id = ?", [value, row_id])
    for seq, text in conn.execute("SELECT seq, changes FROM events ORDER BY seq").fetchall():
        changes = json.loads(text)
        touched = False
        for change in changes:
            if change["t"] == table and change["id"] == row_id:
                for image in ("before", "after"):
                    if change.get(image) is not None and column in change[image]:
                        change[image][column] = value
                        touched = True
        if touched:
            conn.execute("UPDATE events SET changes = ? WHERE seq = ?",
                         [json.dumps(changes, ensure_ascii=False, sort_keys=True, separators=(",", ":")), seq])
    rehash(conn)


def roll_back_last(conn):
    """Delete the last event of the record (and the publish mark after it), undoing its rows."""
    for seq, text in conn.execute("SELECT seq, changes FROM events ORDER BY seq DESC LIMIT 2").fetchall():
        for change in json.loads(text):
            table, row_id, before = change["t"], change["id"], change.get("before")
            if before is None:
                conn.execute(f"DELETE FROM [{table}] WHERE id = ?", [row_id])
            else:
                names = ", ".join(f"[{k}] = ?" for k in before)
                conn.execute(f"UPDATE [{table}] SET {names} WHERE id = ?", [*before.values(), row_id])
        conn.execute("DELETE FROM events WHERE seq = ?", [seq])


def re_sign(conn):
    """With the stolen key, replace the database's checkpoints by ones that sign the log as it
    now is: the database then agrees with itself, signatures and all."""
    key = existing_key()
    size, head = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    rows = conn.execute("SELECT id, at, meeting_id, version, note FROM checkpoints ORDER BY id").fetchall()
    conn.execute("DELETE FROM checkpoints")
    previous = ZERO
    for _id, at, meeting_id, version, _note in rows:
        note = key.sign(body(size=size, head=head, prev=previous, time=at, meeting=meeting_id, version=version,
                             minutes="0" * 64, public_key=key.public_key))
        conn.execute("INSERT INTO checkpoints (at, size, head, hash, fingerprint, meeting_id, version, note)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [at, size, head, note_hash(note), key.fingerprint,
                                                          meeting_id, version, note])
        previous = note_hash(note)


def finish(conn, path):
    """Commit, and bring the search index in line with the changed record (as a careful
    attacker would: it is rebuilt from the tables)."""
    restore_guards(conn)
    conn.commit()
    conn.close()
    db = connect(path)
    search.rebuild(db)
    db.close()


def first_id(conn, sql):
    return conn.execute(sql).fetchone()[0]


def vote_count(conn):
    rewrite_row(conn, "votes", first_id(conn, "SELECT id FROM votes WHERE status = 'closed' ORDER BY id"), "yes", 99)


def proposal_text(conn):
    rewrite_row(conn, "proposals", first_id(conn, "SELECT id FROM proposals ORDER BY id"), "text", "保留假山")


def speaker_name(conn):
    rewrite_row(conn, "participants", first_id(conn, "SELECT participant_id FROM speeches ORDER BY id"), "name", "赵某某")


REWRITES = {"vote_count": vote_count, "proposal_text": proposal_text, "speaker_name": speaker_name,
            "last_event_deleted": roll_back_last}


@pytest.mark.parametrize("case", sorted(REWRITES))
def test_a_rewrite_the_log_agrees_with_is_named_by_the_published_checkpoints(published, case):
    path, site = published
    conn = raw(path)
    REWRITES[case](conn)
    finish(conn, path)
    kind = "回退" if case == "last_event_deleted" else "改写"
    result = cli(path, "verify")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    problems = [line for line in result.stdout.splitlines() if line.startswith("  - ")]
    # the log and the tables agree with each other: only the checkpoint gives it away
    assert problems and all(f"日志被{kind}：已发布的检查点" in line for line in problems), result.stdout
    refused = cli(path, "publish", "2", "--out", str(site), "--base-url", BASE_URL)
    assert refused.returncode == 1 and "拒绝发布" in refused.stderr and "yiting backup --list" in refused.stderr


@pytest.mark.parametrize("case", sorted(REWRITES))
def test_a_rewrite_re_signed_with_the_stolen_key_is_named_by_the_site(published, case):
    path, site = published
    conn = raw(path)
    REWRITES[case](conn)
    re_sign(conn)
    finish(conn, path)
    kind = "回退" if case == "last_event_deleted" else "改写"
    alone = cli(path, "verify")
    assert alone.returncode == 0, alone.stdout  # the database agrees with itself, signatures and all
    result = cli(path, "verify", "--site", str(site))
    assert result.returncode == 1
    assert f"日志被{kind}：网站上 第 2 号会议第 1 版" in result.stdout, result.stdout
    assert "网站上 第 2 号会议第 1 版 的检查点不在数据库的记录中" in result.stdout
    # a photo of the notice does the same: the short head beside its QR code
    head = json.loads((site / "m" / "2" / "versions.json").read_text(encoding="utf-8"))["versions"][-1]["log_head"]
    by_notice = cli(path, "verify", "--head", short(head))
    assert by_notice.returncode == 1 and f"告示上的记录头 {head[:16]} 不在日志中" in by_notice.stdout


@pytest.mark.parametrize("re_signed", [False, True])
def test_dropped_triggers_are_named(published, re_signed):
    path, _ = published
    conn = raw(path)  # drops all four
    if re_signed:
        re_sign(conn)
    conn.commit()
    conn.close()
    result = cli(path, "verify")
    assert result.returncode == 1
    for name in ("events_no_update", "events_no_delete", "checkpoints_no_update", "checkpoints_no_delete"):
        assert f"只追加保护（触发器 {name}）被删除了" in result.stdout


@pytest.mark.parametrize("re_signed", [False, True])
def test_an_edited_search_index_is_named_and_said_to_be_derived(published, re_signed):
    path, _ = published
    conn = raw(path)
    key = first_id(conn, "SELECT id FROM search_text WHERE kind = 5 ORDER BY id")  # a proposal's text
    conn.execute("UPDATE search_text SET text = '保留假山' WHERE id = ?", [key])
    if re_signed:
        re_sign(conn)
    restore_guards(conn)
    conn.commit()
    conn.close()
    result = cli(path, "verify")
    assert result.returncode == 1
    assert f"搜索索引第 {key} 项与记录不符（索引由日志派生，不是记录" in result.stdout
    assert "不在核对范围内：搜索索引" in result.stdout


def test_a_text_removed_from_the_search_index_is_named(published):
    path, _ = published
    conn = raw(path)
    key = first_id(conn, "SELECT id FROM search_text WHERE kind = 6 ORDER BY id")  # a decision's text
    conn.execute("DELETE FROM search_text WHERE id = ?", [key])
    restore_guards(conn)  # and no rebuild: the index keeps its gap
    conn.commit()
    conn.close()
    result = cli(path, "verify")
    assert result.returncode == 1 and f"搜索索引第 {key} 项与记录不符" in result.stdout


def test_an_untouched_published_record_verifies_against_database_site_and_notice(published):
    path, site = published
    head = json.loads((site / "m" / "2" / "versions.json").read_text(encoding="utf-8"))["versions"][-1]["log_head"]
    result = cli(path, "verify", "--site", str(site), "--head", short(head))
    assert result.returncode == 0, result.stdout
    assert "已对照 1 个已发布的检查点" in result.stdout and "已对照网站" in result.stdout
    assert f"告示上的记录头 {head[:16]} 在日志中" in result.stdout


def test_a_removed_checkpoint_breaks_the_checkpoints_chain(published, tmp_path):
    path, site = published
    db = connect(path)
    publish_meeting(db, 3, site, base_url=BASE_URL)
    db.close()
    conn = raw(path)
    conn.execute("DELETE FROM checkpoints WHERE id = 1")
    restore_guards(conn)
    conn.commit()
    conn.close()
    result = cli(path, "verify")
    assert result.returncode == 1 and "检查点链在第 2 个处断开" in result.stdout


def test_publish_compares_hashes_not_counts_of_events(published):
    """A meeting whose history was rewritten (same number of events) is not 'unchanged': even
    with every checkpoint gone from the database and the site's versions stripped of theirs
    (publish would refuse otherwise), the rewritten minutes are a new version."""
    path, site = published
    state_path = site / "m" / "2" / "versions.json"
    state = json.loads(state_path.read_text(encoding="utf-8"))
    for version in state["versions"]:
        for name in ("size", "log_head", "checkpoint", "key"):
            version.pop(name, None)
    state_path.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    conn = raw(path)
    conn.execute("DELETE FROM checkpoints")
    proposal = first_id(conn, "SELECT p.id FROM proposals p JOIN agenda_items i ON i.id = p.item_id"
                              " WHERE i.meeting_id = 2 ORDER BY p.id")
    rewrite_row(conn, "proposals", proposal, "text", "保留假山")
    finish(conn, path)
    result = cli(path, "publish", "2", "--out", str(site), "--base-url", BASE_URL)
    assert result.returncode == 0, result.stderr
    assert "第 2 版" in result.stdout and "内容未变" not in result.stdout
    assert "保留假山" in (site / "m" / "2" / "minutes.json").read_text(encoding="utf-8")


def test_the_notice_prints_the_short_head_and_fingerprint_beside_its_qr_code(published, monkeypatch):
    """What a photo of the board witnesses: the head the version signed, and the key."""
    from yiting.publish import notice

    printed = []
    original = notice.t

    def spy(key, *args, **params):
        text = original(key, *args, **params)
        if key == "pub.notice_head":
            printed.append(text)
        return text

    monkeypatch.setattr(notice, "t", spy)
    path, site = published
    db = connect(path)
    publish_meeting(db, 3, site, base_url=BASE_URL)
    db.close()
    version = json.loads((site / "m" / "3" / "versions.json").read_text(encoding="utf-8"))["versions"][-1]
    assert printed == [f"记录头 {short(version['log_head'])} · 密钥 {short(version['key'])}"]
    assert (site / "m" / "3" / "notice.pdf").is_file()


def test_publish_refuses_from_the_site_when_the_database_forgot_its_checkpoints(published):
    path, site = published
    conn = raw(path)
    vote_count(conn)
    conn.execute("DELETE FROM checkpoints")
    finish(conn, path)
    refused = cli(path, "publish", "2", "--out", str(site), "--base-url", BASE_URL)
    assert refused.returncode == 1 and "拒绝发布" in refused.stderr
    named = cli(path, "verify", "--site", str(site))
    assert named.returncode == 1 and "日志被改写：网站上 第 2 号会议第 1 版" in named.stdout
