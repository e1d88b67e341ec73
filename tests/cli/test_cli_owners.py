"""The owners' commands: a register from a semicolon CSV, ballots entered from the command line."""

from __future__ import annotations

from datetime import date, timedelta

from click.testing import CliRunner

from yiting.cli import main
from yiting.desk import Desk
from yiting.store.db import connect
from yiting.store.verify import verify

CSV = "楼栋;房号;面积;面积来源;业主;开发商\n3号楼;101;89.5;登记簿;王芳;\n3号楼;102;76.4;实测;王芳;\n" \
      "3号楼;201;100;;李明;\n3号楼;201;;;张丽;\n3号楼;202;64.2;合同;;是\n3号楼;301;99;合同;;是\n"


def run(db, *args):
    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


def test_register_and_ballots_from_the_command_line(tmp_path):
    db = tmp_path / "m.sqlite"
    desk = Desk(connect(db))
    meeting = desk.create_meeting("3号楼业主表决", kind="业主大会")
    (tmp_path / "units.csv").write_text(CSV, encoding="utf-8")
    done = run(db, "units", "import", str(tmp_path / "units.csv"), "-m", str(meeting["id"]))
    assert done.exit_code == 0, done.output
    assert "专有部分 5 套，总面积 429.1 m²" in done.output and "业主总人数 3 人" in done.output
    listed = run(db, "units", "list", "-m", str(meeting["id"])).output
    assert "3号楼 201  100.00 m²（登记簿）  业主：李明、张丽" in listed
    desk.open_meeting(meeting["id"])
    item = desk.add_item(meeting["id"], "外墙维修")
    desk.open_item(item["id"])
    vote = desk.open_vote(desk.submit_proposal(item["id"], "动用维修资金修外墙")["id"], "paper_ballot",
                          "art278_special")
    vote_id = str(vote["id"])
    done = run(db, "owners-vote", "ballot", vote_id, "3号楼 101", "同意", "--by", "孙立国", "--at", "2025-09-01 10:00")
    assert done.exit_code == 0 and "已计入：3号楼 101 同意" in done.output
    again = run(db, "owners-vote", "ballot", vote_id, "101", "反对")
    assert again.exit_code == 1 and "已经计入" in again.output
    run(db, "owners-vote", "ballot", vote_id, "201", "同意")
    status = run(db, "owners-vote", "status", vote_id).output
    assert "已交回选票 2/5 套" in status and "参与即达到三分之二" in status
    until = (date.today() + timedelta(days=14)).isoformat()
    assert run(db, "owners-vote", "objection", vote_id, until).exit_code == 0
    assert "早于表决开始" in run(db, "owners-vote", "objection", vote_id, "2001-01-01").output
    papers = run(db, "owners-vote", "papers", vote_id, "-o", str(tmp_path / "out"))
    assert papers.exit_code == 0
    assert (tmp_path / "out" / f"vote-{vote_id}-ballots.pdf").read_bytes().count(b"/Type /Page ") == 5
    assert verify(Desk(connect(db)).db).ok


def test_status_of_the_demo_vote_says_its_result(tmp_path, isolated_home):
    from yiting.demo import build_file

    db = tmp_path / "demo.sqlite"
    build_file(db)
    status = run(db, "owners-vote", "status", "1").output
    assert "已交回选票 30/36 套" in status and "业主 28/32 人" in status and status.strip().endswith("通过。")
    english = run(db, "--lang", "en", "owners-vote", "status", "1").output
    assert "36 units with a total exclusive area of 3,553.09 m²" in english and "32 owners by head count" in english


def test_a_unit_that_is_not_there_is_named_in_words(tmp_path):
    db = tmp_path / "m.sqlite"
    Desk(connect(db)).create_meeting("3号楼业主表决", kind="业主大会")
    for args in (["units", "edit", "abc", "--area", "80"], ["units", "remove", "999"]):
        done = run(db, *args)
        assert done.exit_code == 1 and "找不到编号为" in done.output and "desk.no_units" not in done.output
    english = run(db, "--lang", "en", "units", "remove", "999")
    assert "There is no unit with id 999" in english.output
