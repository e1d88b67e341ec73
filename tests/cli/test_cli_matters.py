"""The six steps from the command line: `yiting matter …` and `yiting duty …` as a user types them."""

import json

import pytest
from click.testing import CliRunner

from yiting.cli import main
from yiting.desk import Desk
from yiting.store.db import connect
from yiting.store.verify import verify


def run(db, *args):
    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


@pytest.fixture
def db(tmp_path, clock):
    path = tmp_path / "matters.sqlite"
    desk = Desk(connect(path), clock=clock)
    desk.create_meeting("十月议事会", community="富平社区")
    desk.db.close()
    return path


def test_raise_sort_merge_dispatch_follow_evaluate_close_and_show_the_path(db):
    assert run(db, "matter", "add", "3号楼楼顶漏水", "-c", "漏水", "--by", "李桂兰", "-b", "3号楼").exit_code == 0
    assert run(db, "matter", "add", "3号楼顶层漏雨", "--by", "王建国", "--named").exit_code == 0
    assert run(db, "matter", "sort", "1", "-u", "high").exit_code == 0
    assert "合并" in run(db, "matter", "merge", "1", "2").output
    listed = json.loads(run(db, "matter", "list", "--json").output)
    assert [(m["id"], m["raisers"], m["raised_by"], m["status"]) for m in listed] == [(1, 2, "李**", "classified")]
    assert "李桂兰" not in run(db, "matter", "list").output
    out = run(db, "matter", "dispatch", "1", "修补屋面防水", "--party", "物业公司", "--due", "2099-01-01",
              "--by", "居委会").output
    assert "任务 #1" in out
    assert run(db, "duty", "accept", "1").exit_code == 0
    assert run(db, "duty", "note", "1", "已进场施工", "--by", "郑国强").exit_code == 0
    assert run(db, "duty", "done", "1").exit_code == 0
    judged = run(db, "duty", "evaluate", "1", "10", "3", "1", "--paper")
    assert "满意率 93%" in judged.output and "纸质评议表" in judged.output
    assert run(db, "matter", "close", "1").exit_code == 0
    shown = run(db, "matter", "show", "1").output
    for words in ("[提出] 李** (居民)", "[也提出（已合并）] 王建国", "[分类] 漏水 · 较急", "居委会派单", "[接单]",
                  "[进展] 已进场施工 · 郑国强", "[办结]", "[评议] 修补屋面防水 · 满意 10", "[结案]"):
        assert words in shown, words
    assert shown.index("[提出]") < shown.index("[接单]") < shown.index("[评议]") < shown.index("[结案]")
    english = run(db, "--lang", "en", "matter", "show", "1").output
    assert "[evaluated] 修补屋面防水 · satisfied 10" in english and "Leaks · high" in english
    path = json.loads(run(db, "matter", "show", "1", "--json").output)
    assert [r["name"] for r in path["raisers"]] == ["李**", "王建国"]
    assert [m["kind"] for m in path["path"]][-1] == "closed"
    assert verify(connect(db)).ok


def test_not_satisfied_reopens_and_the_duty_list_says_so(db):
    run(db, "matter", "add", "垃圾清运不及时", "-c", "环境卫生")
    run(db, "matter", "dispatch", "1", "每日清运两次", "--party", "物业公司")
    run(db, "duty", "done", "1")
    out = run(db, "duty", "evaluate", "1", "1", "2", "8")
    assert "重新打开" in out.output
    duties = json.loads(run(db, "duty", "list", "--json").output)
    assert [(d["status"], d["reopened"], d["meeting_title"]) for d in duties] == [("open", 1, None)]
    refused = run(db, "matter", "close", "1")
    assert refused.exit_code == 1 and "没有办结" in refused.output


def test_take_into_a_meeting(db):
    run(db, "matter", "add", "北门拓宽", "-c", "道路出入")
    out = run(db, "matter", "take", "1", "--meeting", "1")
    assert out.exit_code == 0 and "第 1 项" in out.output
    assert json.loads(run(db, "matter", "list", "--json").output)[0]["status"] == "deliberating"


def test_bad_input_one_line_no_traceback(db):
    refused = run(db, "matter", "add", "路灯", "-c", "灯泡")
    assert refused.exit_code == 1 and "类别" in refused.output and "Traceback" not in refused.output
    assert run(db, "matter", "show", "99").exit_code == 1
    assert "There is no matter" in run(db, "--lang", "en", "matter", "show", "99").output
    assert run(db, "duty", "evaluate", "7", "a", "b", "c").exit_code == 1


def test_a_grid_workers_csv_imports_with_refusals_by_line(db, tmp_path):
    csv = tmp_path / "网格员.csv"
    csv.write_bytes(("事项,类别,紧急程度,提出人,身份,楼栋,日期,公开姓名\n"
                     "楼道灯不亮,照明,较急,李桂兰,居民,2号楼,2026/11/2,否\n"
                     "消防通道被占,消防,紧急,周敏,网格员,,2026-11-03,\n"
                     "楼道灯不亮,照明,,王强,居民,2号楼,,\n"
                     ",照明,,,,,,\n"
                     "井盖松动,道路,一般,,,,,\n"
                     "电梯异响,设施维修,很急,,,,,\n").encode("gbk"))
    out = run(db, "matter", "import", str(csv))
    assert out.exit_code == 1
    assert "已导入 2 件事项，4 行未导入" in out.output
    for line in ("第 4 行", "第 5 行", "第 6 行", "第 7 行"):
        assert line in out.output
    listed = json.loads(run(db, "matter", "list", "--json").output)
    assert {(m["title"], m["category"], m["urgency"], m["raiser_kind"], m["raised_by"]) for m in listed} == {
        ("楼道灯不亮", "lighting", "high", "resident", "李**"),
        ("消防通道被占", "fire_safety", "urgent", "grid_worker", "周敏"),
    }
    again = run(db, "matter", "import", str(csv))
    assert "已导入 0 件事项" in again.output  # already there: nothing twice
    empty = tmp_path / "empty.csv"
    empty.write_text("姓名,电话\n张三,1\n", encoding="utf-8")
    assert "找不到“事项”" in run(db, "matter", "import", str(empty)).output
