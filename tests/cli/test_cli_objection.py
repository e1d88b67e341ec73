"""`yiting objection period/add/answer/list`, and `yiting publish` afterwards making a new
version that lists them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from yiting.cli import main
from yiting.desk import Desk
from yiting.store.db import connect
from yiting.store.verify import verify


@pytest.fixture
def db_path(tmp_path, clock):
    path = tmp_path / "meetings.sqlite"
    desk = Desk(connect(path), clock=clock, backups=False)
    meeting = desk.create_meeting("假山议事会", venue="石榴籽长廊")
    desk.add_participants(meeting["id"], [
        {"name": "李桂兰", "phone": "13912345678"},
        {"name": "常建升", "party": "业委会", "named": True},
    ])
    desk.open_meeting(meeting["id"])
    desk.close_meeting(meeting["id"])
    desk.db.conn.close()
    return path


def run(db, *args):
    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


def test_set_the_period_record_an_objection_answer_it_and_list_it(db_path):
    result = run(db_path, "objection", "period", "1", "--days", "10", "--contact", "社区服务中心二楼")
    assert result.exit_code == 0, result.output
    assert "询异期：会议结束后 10 天；异议受理：社区服务中心二楼" in result.output
    assert "询异期至 2025-09-22（含）" in result.output
    added = run(db_path, "objection", "add", "1", "座椅离3号楼太近", "--person", "1", "--received", "2025-09-13 09:00")
    assert added.exit_code == 0 and "已登记异议 #1" in added.output
    answered = run(db_path, "objection", "answer", "1", "座椅移到东侧", "--by", "居委会", "--at", "2025-09-14 10:00")
    assert answered.exit_code == 0 and "#1" in answered.output
    listed = run(db_path, "--lang", "en", "objection", "list", "1")
    assert "#1  2025-09-13 09:00  李桂兰 (masked in public)" in listed.output
    assert "Answer (2025-09-14 10:00, 居委会): 座椅移到东侧" in listed.output
    rows = json.loads(run(db_path, "objection", "list", "1", "--json").output)
    assert [(r["name"], r["answered_by"]) for r in rows] == [("李桂兰", "居委会")]
    assert verify(connect(db_path, readonly=True)).ok
    markdown = run(db_path, "export", "1", "--format", "md").output
    assert "询异期（10 天）已于 2025-09-22 结束。" in markdown and "座椅离3号楼太近" in markdown
    assert "收到异议 1 条，均已答复。" in markdown


def test_refusals_are_one_line_in_the_users_language_and_change_nothing(db_path):
    for args, message in (
        (("objection", "period", "1", "--days", "100"), "询异天数“100”不对"),
        (("objection", "period", "1", "--contact", "李桂兰 13912345678"), "不能是居民个人的"),
        (("objection", "add", "1", ""), "请填写异议内容"),
        (("objection", "add", "7", "x"), "找不到编号为 7 的会议"),
        (("objection", "answer", "3", "x", "--by", "居委会"), "找不到编号为 3 的异议"),
        (("objection", "add", "1", "x", "--received", "明天"), "看不懂时间“明天”"),
    ):
        result = run(db_path, *args)
        assert result.exit_code == 1, args
        assert message in result.output and "Traceback" not in result.output, (args, result.output)
    english = run(db_path, "--lang", "en", "objection", "period", "1", "--days", "0")
    assert "give a whole number of days from 1 to 90" in english.output
    db = connect(db_path, readonly=True)
    assert db.execute("SELECT COUNT(*) FROM objections").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM objection_periods").fetchone()[0] == 0


def test_publishing_again_after_an_objection_makes_a_new_version(db_path, tmp_path):
    site = tmp_path / "site"
    first = run(db_path, "publish", "1", "--out", str(site), "--base-url", "http://192.168.1.5:8000")
    assert first.exit_code == 0 and "第 1 版" in first.output
    assert run(db_path, "objection", "add", "1", "应保留水池", "--name", "周大爷", "--named").exit_code == 0
    second = run(db_path, "publish", "1", "--out", str(site), "--base-url", "http://192.168.1.5:8000")
    assert second.exit_code == 0 and "第 2 版" in second.output, second.output
    page = (site / "m" / "1" / "index.html").read_text(encoding="utf-8")
    assert "周大爷" in page and "应保留水池" in page and "待答复" in page
