"""The `yiting` command as a user types it."""

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from yiting.cli import main
from yiting.desk import Desk
from yiting.store.db import connect

README = Path(__file__).resolve().parents[2] / "README.md"


def all_commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        path = (*prefix, name)
        yield path, command
        if isinstance(command, click.Group):
            yield from all_commands(command, path)


@pytest.fixture
def db_path(tmp_path, clock):
    path = tmp_path / "meetings.sqlite"
    desk = Desk(connect(path), clock=clock)
    meeting = desk.create_meeting("假山议事会", community="富平社区", venue="石榴籽长廊", kind="长廊议事",
                                  facilitator="马佳", note_taker="王芳")
    people = desk.add_participants(meeting["id"], [
        {"name": "李桂兰", "phone": "13912345678", "address": "3号楼2单元501", "building": "3号楼"},
        {"name": "常建升", "party": "业委会", "named": True},
        {"name": "张秀英"},
    ])
    for person in people:
        desk.check_in(person["id"])
    desk.open_meeting(meeting["id"])
    item = desk.add_item(meeting["id"], "假山和旱池如何处理")
    desk.open_item(item["id"])
    desk.queue_speaker(item["id"], people[0]["id"], "pro")
    speech = desk.start_speech(item["id"])
    clock.advance(seconds=80)
    desk.end_speech(speech["id"], "=SUM(A1) 孩子爬假山太危险")
    proposal = desk.submit_proposal(item["id"], "<script>alert(1)</script>由物业拆除假山", proposer_id=people[1]["id"])
    vote = desk.open_vote(proposal["id"])
    desk.adjust_count(vote["id"], "yes")
    desk.adjust_count(vote["id"], "yes")
    vote = desk.close_vote(vote["id"])
    desk.record_decision(item["id"], "拆除假山，改建座椅和乒乓球台", proposal_id=proposal["id"], vote_id=vote["id"])
    desk.add_action(meeting["id"], "拆除假山", owner_party="物业公司", due="2025-09-18", item_id=item["id"])
    desk.close_item(item["id"])
    desk.close_meeting(meeting["id"])
    desk.db.conn.close()
    return path


def run(*args, db=None):
    prefix = ["--db", str(db)] if db else []
    return CliRunner().invoke(main, [*prefix, *args], catch_exceptions=False)


def test_every_command_has_help_and_a_line_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    for path, command in all_commands(main):
        result = run(*path, "--help")
        assert result.exit_code == 0, path
        assert command.help and len(command.help.strip()) > 10, path
        if not isinstance(command, click.Group):
            assert f"`yiting {' '.join(path)}" in readme, f"README lacks yiting {' '.join(path)}"


def test_global_options_may_follow_the_command(db_path):
    result = CliRunner().invoke(main, ["list", "--db", str(db_path), "--lang", "en"])
    assert result.exit_code == 0 and "closed" in result.output


def test_list(db_path):
    result = run("list", db=db_path)
    assert "假山议事会" in result.output and "已结束" in result.output
    listed = json.loads(run("list", "--json", db=db_path).output)
    assert listed[0]["title"] == "假山议事会" and listed[0]["status"] == "closed"


def test_export_json_is_the_documented_format_and_keeps_contacts_private(db_path):
    record = json.loads(run("export", "1", db=db_path).output)
    assert record["format"] == "yiting.meeting/1"
    for key in ("id", "title", "community", "venue", "kind", "status", "scheduled_at", "started_at",
                "ended_at", "facilitator", "note_taker", "rules", "participants", "agenda", "log_head"):
        assert key in record
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$", record["started_at"])
    [item] = record["agenda"]
    [vote] = item["proposals"][0]["votes"]
    assert vote["passed"] is True and vote["explanation"].endswith("通过。")
    assert item["speeches"][0]["seconds"] == 80
    assert record["actions"][0]["due"] == "2025-09-18"
    verify_output = run("verify", db=db_path).output
    assert record["log_head"] in verify_output
    for fmt in ("json", "md", "csv"):
        output = run("export", "1", "--format", fmt, db=db_path).output
        assert "13912345678" not in output and "501" not in output


def test_export_markdown_and_csv(db_path, tmp_path):
    md = run("export", "1", "--format", "md", db=db_path).output
    assert md.startswith("# 假山议事会")
    assert "<script>" not in md and "\\<script\\>" in md
    out = tmp_path / "minutes.csv"
    run("export", "1", "--format", "csv", "--out", str(out), db=db_path)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM: Excel on a Chinese Windows reads UTF-8
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("类别,议题序号,议题,")
    assert "'=SUM(A1)" in text  # typed text never runs as a spreadsheet formula
    english = tmp_path / "minutes-en.csv"
    run("--lang", "en", "export", "1", "--format", "csv", "--out", str(english), db=db_path)
    assert english.read_text(encoding="utf-8-sig").splitlines()[0].startswith("section,item,item_title,")


def test_english_export(db_path):
    md = run("--lang", "en", "export", "1", "--format", "md", db=db_path).output
    assert "more yes than no" in md and "Action items" in md


def test_unknown_meeting_is_one_clear_line(db_path):
    result = CliRunner().invoke(main, ["--db", str(db_path), "export", "42"])
    assert result.exit_code == 1
    assert result.output.strip() == "错误：找不到编号为 42 的会议。"


def test_import_roster_utf8_and_gbk(db_path, tmp_path, clock):
    desk = Desk(connect(db_path), clock=clock)
    meeting = desk.create_meeting("业主大会")
    rows = "姓名,身份,楼栋,表决权,面积,电话\n王建国,业主,1号楼,是,89.5,13800000001\n赵磊,志愿者,,否,,\n"
    (tmp_path / "utf8.csv").write_bytes(("\ufeff" + rows).encode("utf-8"))
    (tmp_path / "gbk.csv").write_bytes(rows.replace("王建国", "周强").replace("赵磊", "黄丽").encode("gbk"))
    result = run("import", "roster", str(tmp_path / "utf8.csv"), "--meeting", str(meeting["id"]), db=db_path)
    assert result.exit_code == 0 and "已导入 2 人" in result.output
    result = run("import", "roster", str(tmp_path / "gbk.csv"), "--meeting", str(meeting["id"]), db=db_path)
    assert "已导入 2 人" in result.output
    people = {p["name"]: p for p in json.loads(run("export", str(meeting["id"]), db=db_path).output)["participants"]}
    assert people["王建国"]["area_m2"] == 89.5 and people["赵磊"]["voting"] is False
    assert set(people) == {"王建国", "赵磊", "周强", "黄丽"}


def test_import_roster_reports_refused_lines_and_keeps_the_good_ones(db_path, tmp_path, clock):
    desk = Desk(connect(db_path), clock=clock)
    meeting = desk.create_meeting("议事会")
    (tmp_path / "r.csv").write_text(
        "name,building,voting,area\n李四,2号楼,yes,80\n,3号楼,yes,\n王五,4号楼,maybe,\n李四,2号楼,yes,80\n陈六,,1,-3\n",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(db_path), "import", "roster", str(tmp_path / "r.csv"),
                                       "--meeting", str(meeting["id"])])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("第 3 行") and "没有姓名" in lines[0]
    assert lines[1].startswith("第 4 行（王五）") and "maybe" in lines[1]
    assert lines[2].startswith("第 5 行（李四）") and "已有" in lines[2]
    assert lines[3].startswith("第 6 行（陈六）") and "面积" in lines[3]
    assert lines[4] == "已导入 1 人，4 行未导入。"


def test_import_roster_without_a_name_column(db_path, tmp_path, clock):
    meeting = Desk(connect(db_path), clock=clock).create_meeting("议事会")
    (tmp_path / "r.csv").write_text("who,where\nA,B\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(db_path), "import", "roster", str(tmp_path / "r.csv"),
                                       "--meeting", str(meeting["id"])])
    assert result.exit_code == 1 and "姓名" in result.output


def test_import_into_a_closed_meeting_says_so_first(db_path, tmp_path):
    (tmp_path / "r.csv").write_text("name\n王五\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(db_path), "import", "roster", str(tmp_path / "r.csv"),
                                       "--meeting", "1"])
    assert result.exit_code == 1 and result.output.strip() == "错误：会议“假山议事会”已结束，记录不能再修改。"


def test_verify_and_check_find_tampering(db_path):
    assert "记录完整" in run("check", db=db_path).output
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE votes SET yes = 30")
    conn.commit()
    conn.close()
    result = CliRunner().invoke(main, ["--db", str(db_path), "verify"])
    assert result.exit_code == 1
    assert "表 votes 第 1 行的 yes 与日志不符" in result.output


def test_backup(db_path, tmp_path):
    target = tmp_path / "copy.sqlite"
    assert "已备份" in run("backup", "--to", str(target), db=db_path).output
    assert "记录完整" in run("verify", db=target).output
    run("backup", db=db_path)
    listing = run("backup", "--list", db=db_path).output
    assert "manual" in listing


def test_errors_never_show_a_traceback(tmp_path):
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("这不是数据库", encoding="utf-8")
    for args in (["list"], ["export", "1"], ["verify"], ["check"]):
        proc = subprocess.run([sys.executable, "-m", "yiting", "--db", str(bogus), *args],
                              check=False, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 1
        assert "Traceback" not in proc.stderr + proc.stdout
        assert "不是议亭的数据库" in proc.stderr
    assert bogus.read_text(encoding="utf-8") == "这不是数据库"


def test_demo_then_use_it_with_db_demo(isolated_home):
    result = CliRunner().invoke(main, ["demo", "--no-open"])
    assert result.exit_code == 0 and "--db demo" in result.output
    assert (isolated_home / "demo.sqlite").exists()
    listed = json.loads(run("--db", "demo", "list", "--json").output)
    assert any(m["status"] == "open" for m in listed)


def test_a_file_that_cannot_be_written_is_one_clear_line(db_path, tmp_path):
    result = CliRunner().invoke(main, ["--db", str(db_path), "export", "1", "--out",
                                       str(tmp_path / "no-such-folder" / "x.json")])
    assert result.exit_code == 1
    assert result.output.startswith("错误：无法读写") and "no-such-folder" in result.output


def test_a_mistyped_database_path_is_reported_not_created(tmp_path):
    missing = tmp_path / "typo" / "meetings.sqlite"
    for args in (["list"], ["check"], ["verify"], ["export", "1"]):
        result = CliRunner().invoke(main, ["--db", str(missing), *args])
        assert result.exit_code == 1 and "找不到数据库" in result.output, args
    assert not missing.parent.exists()
    assert "还没有会议" in CliRunner().invoke(main, ["list"]).output  # the default, before first use


@pytest.mark.parametrize(("args", "serve"), [
    ([], ("0.0.0.0", 8000)), (["--port", "8123"], ("0.0.0.0", 8123)), (["--no-serve"], None),
])
def test_the_console_serves_residents_unless_told_not_to(db_path, monkeypatch, args, serve):
    opened = {}
    monkeypatch.setattr("yiting.ui.app.run_app", lambda path, lang, serve: opened.update(path=path, serve=serve))
    result = CliRunner().invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert opened == {"path": db_path, "serve": serve}


def test_a_port_out_of_range_is_refused(db_path):
    result = CliRunner().invoke(main, ["--db", str(db_path), "--port", "70000"])
    assert result.exit_code == 2 and "70000" in result.output


# click's own usage errors: (arguments, what the facilitator reads in Chinese, in English)
USAGE_ERRORS = {
    "missing argument": (["export"], "错误：缺少参数 'MEETING'。", "Error: Missing argument 'MEETING'."),
    "port out of range": (["--port", "70000"], "错误：'--port' 的值不对：70000 不在 0<=x<=65535 范围内。",
                          "Error: Invalid value for '--port': 70000 is not in the range 0<=x<=65535."),
    "port not a number": (["--port", "x"], "错误：'--port' 的值不对：'x' 不是数字。",
                          "Error: Invalid value for '--port': 'x' is not a valid integer range."),
    "unknown option": (["list", "--bogus"], "错误：没有 --bogus 这个选项。", "Error: No such option '--bogus'."),
    "not a choice": (["export", "1", "--format", "xml"], "'xml' 不是可选的值（'json', 'md', 'csv'）。",
                     "'xml' is not one of 'json', 'md', 'csv'."),
    "unknown command": (["nosuch"], "错误：没有 'nosuch' 这个命令。", "Error: No such command 'nosuch'."),
    "missing file": (["import", "roster", "no-such.csv", "-m", "1"], "错误：'FILE' 的值不对：'no-such.csv' 不存在。",
                     "File 'no-such.csv' does not exist."),
    "option without its value": (["--db"], "错误：选项 '--db' 后面要跟一个值。", "Error: Option '--db' requires an argument."),
    "extra argument": (["export", "1", "2"], "错误：多出了参数：2", "Error: Got unexpected extra argument (2)"),
}


@pytest.fixture
def no_locale(monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)


@pytest.mark.parametrize("name", list(USAGE_ERRORS))
def test_usage_errors_are_said_in_chinese_by_default(no_locale, name):
    args, chinese, _ = USAGE_ERRORS[name]
    result = CliRunner().invoke(main, args, prog_name="yiting")
    assert result.exit_code == 2
    assert chinese in result.output, result.output
    assert not re.search(r"Error|Usage|Try|Missing|Invalid|No such", result.output), result.output
    if args != ["--db"]:  # click shows no usage for an option left without its value
        assert "用法：yiting" in result.output and "查看帮助" in result.output


@pytest.mark.parametrize("name", list(USAGE_ERRORS))
def test_usage_errors_are_said_in_english_with_lang_en(no_locale, name):
    args, _, english = USAGE_ERRORS[name]
    result = CliRunner().invoke(main, ["--lang=en", *args], prog_name="yiting")
    assert result.exit_code == 2
    assert english in result.output, result.output
    assert not re.search(r"[\u4e00-\u9fff]", result.output), result.output


def test_usage_errors_follow_the_chosen_language_wherever_it_is_chosen(no_locale, monkeypatch):
    assert "Error: Missing argument" in CliRunner().invoke(main, ["export", "--lang", "en"]).output
    monkeypatch.setenv("YITING_LANG", "en")
    assert "Error: Missing argument" in CliRunner().invoke(main, ["export"]).output
    assert "错误：缺少参数" in CliRunner().invoke(main, ["export", "--lang=zh"]).output
    assert "Bring data into a meeting." in CliRunner().invoke(main, ["import"]).output  # help, not an error
    # a language that does not exist is itself an error, said in the environment's language
    assert "Error: Invalid value for '--lang'" in CliRunner().invoke(main, ["--lang", "fr", "list"]).output
