"""Roster imports from the files people really have: each row is taken or refused with its line
and reason, and a file or batch that fails leaves the roster exactly as it was."""

from __future__ import annotations

import random
import zipfile
from io import BytesIO

import pytest
from click.testing import CliRunner
from trust_helpers import cli

from yiting.cli import main
from yiting.desk import Desk
from yiting.errors import InvalidInput
from yiting.roster_csv import parse
from yiting.store import queries
from yiting.store.db import connect
from yiting.store.log import Changeset
from yiting.store.verify import verify

HEADER = "姓名,身份,楼栋,表决权,面积,电话\r\n"


def reasons(result):
    return [(r.line, r.name, r.key) for r in result.refused]


def test_gbk_from_excel():
    text = HEADER + "王建国,业主,1号楼,是,89.5,13800000001\r\n赵磊,志愿者,,否,,\r\n龚喆,业主,2号楼,是,120㎡,\r\n"
    result = parse(text.encode("gbk"))
    assert [p["name"] for p in result.people] == ["王建国", "赵磊", "龚喆"]
    assert result.lines == [2, 3, 4] and not result.refused
    assert result.people[0]["area_m2"] == 89.5 and result.people[2]["area_m2"] == 120
    assert result.people[1]["voting"] is False


def test_utf8_with_bom_and_utf16_unicode_text():
    text = HEADER + "李桂兰,居民代表,3号楼,是,,\r\n"
    for raw in (b"\xef\xbb\xbf" + text.encode("utf-8"), text.replace(",", "\t").encode("utf-16")):
        result = parse(raw)
        assert [(p["name"], p["party"], p["building"]) for p in result.people] == [("李桂兰", "居民代表", "3号楼")]


def test_missing_columns():
    with pytest.raises(InvalidInput) as refused:
        parse("身份,楼栋\n业主,1号楼\n".encode())
    assert refused.value.key == "roster.no_name_column" and "身份" in refused.value.message()
    # only a name column: everyone votes, nothing else known
    result = parse("姓名\n王建国\n李桂兰\n".encode())
    assert [(p["name"], p["voting"], p["area_m2"]) for p in result.people] == [("王建国", True, None),
                                                                              ("李桂兰", True, None)]
    # rows shorter or longer than the header
    result = parse((HEADER + "王建国\r\n赵磊,志愿者,,否,,,多余,多余\r\n").encode())
    assert [p["name"] for p in result.people] == ["王建国", "赵磊"]


def test_duplicate_names():
    text = "姓名,楼栋\n王建国,1号楼\n王建国,2号楼\n王建国,1号楼\n李桂兰,3号楼\n"
    result = parse(text.encode(), existing={("李桂兰", "3号楼")})
    assert [(p["name"], p["building"]) for p in result.people] == [("王建国", "1号楼"), ("王建国", "2号楼")]
    assert reasons(result) == [(4, "王建国", "roster.duplicate"), (5, "李桂兰", "roster.duplicate")]
    # the same person typed with stray spaces or a NUL is still the same person
    result = parse("姓名,楼栋\n王建国 ,1号楼\n王\x00建国,1号楼 \n".encode("gbk").replace(b"\x00", b""))
    assert reasons(result) == [(3, "王建国", "roster.duplicate")]


def test_a_10_kb_cell_refuses_its_row_only():
    big = "长" * 10_240
    text = (f"姓名,身份,楼栋,电话,备注\n{big},业主,1号楼,,\n王建国,{big},1号楼,,\n李桂兰,业主,{big},,\n"
            f"张秀英,业主,2号楼,{big},\n刘明,业主,2号楼,,{big}\n")
    result = parse(text.encode("utf-8"))
    assert [p["name"] for p in result.people] == ["刘明"]  # an unknown column is not read
    assert [(r.line, r.key, r.params.get("field")) for r in result.refused] == [
        (2, "desk.too_long", "name"), (3, "desk.too_long", "party"), (4, "desk.too_long", "building"),
        (5, "desk.too_long", "phone")]
    assert result.refused[0].message() == "姓名太长了（最多 100 个字）。"
    assert result.refused[1].message() == "身份/单位太长了（最多 100 个字）。"
    assert len(result.refused[0].name) == 20


def test_a_cell_larger_than_csv_allows_refuses_the_file_with_its_line():
    text = "姓名,备注\n王建国,\n李桂兰," + "长" * 200_000 + "\n"
    with pytest.raises(InvalidInput) as refused:
        parse(text.encode())
    assert refused.value.key == "roster.bad_csv" and refused.value.params["line"] == 3


def test_formula_like_cells_are_names_like_any_other():
    cells = ["=SUM(A1:A9)", "+86 139", "-1", "@cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\")"]
    text = "姓名,身份\n" + "".join(f'"{c.replace(chr(34), chr(34) * 2)}",{c[:3]}\n' for c in cells)
    result = parse(text.encode())
    assert [p["name"] for p in result.people] == cells and not result.refused


def test_line_numbers_count_a_cell_that_spans_lines():
    text = '姓名,身份\n"王\n建国",业主\n,业主\n李桂兰,"业\n主",x\n王五,业主\n'
    result = parse(text.encode())
    assert result.lines == [2, 5, 7]
    assert reasons(result) == [(4, "", "roster.no_name")]


@pytest.mark.parametrize("raw", [b"", b"\r\n\r\n", b" , ,\n"])
def test_an_empty_file(raw):
    with pytest.raises(InvalidInput) as refused:
        parse(raw)
    assert refused.value.key == "roster.empty"


def _xlsx() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<sheetData><row><c>王建国</c></row></sheetData>")
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


@pytest.mark.parametrize("raw", [_xlsx(), PNG, random.Random(7).randbytes(4096), "姓名\n王\x00建国\n".encode(),
                                 b"\xff\xfe" + b"\x00\xd8"])  # UTF-16 with a lone surrogate
def test_a_binary_file_is_refused_whole(raw):
    with pytest.raises(InvalidInput) as refused:
        parse(raw)
    assert refused.value.key in ("roster.not_text", "roster.bad_encoding")
    assert refused.value.message().endswith("。")


@pytest.fixture
def db_path(tmp_path, clock):
    path = tmp_path / "meetings.sqlite"
    desk = Desk(connect(path), clock=clock, backups=False)
    meeting = desk.create_meeting("业主大会")
    desk.add_participant(meeting["id"], "李桂兰", building="3号楼")
    desk.db.conn.close()
    return path


def roster(path):
    db = connect(path)
    try:
        return [(p["name"], p["building"]) for p in queries.participants(db, 1)], len(queries.events(db))
    finally:
        db.conn.close()


def test_the_cli_reports_each_refused_line_and_takes_the_rest(db_path, tmp_path):
    text = (HEADER + "王建国,业主,1号楼,是,89.5,13800000001\r\n,业主,1号楼,,,\r\n李桂兰,业主,3号楼,,,\r\n"
            + "赵磊," + "志" * 10_240 + ",,否,,\r\n=SUM(A1),业主,2号楼,是,,\r\n周强,业主,4号楼,也许,,\r\n")
    (tmp_path / "excel.csv").write_bytes(text.encode("gbk"))
    result = cli(db_path, "import", "roster", str(tmp_path / "excel.csv"), "-m", "1")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        "第 3 行（）未导入：没有姓名",
        "第 4 行（李桂兰）未导入：名单上已有同名同楼栋的人（3号楼）",
        "第 5 行（赵磊）未导入：身份/单位太长了（最多 100 个字）。",
        "第 7 行（周强）未导入：“也许”应为 是/否",
        "已导入 2 人，4 行未导入。",
    ]
    people, _ = roster(db_path)
    assert people == [("李桂兰", "3号楼"), ("王建国", "1号楼"), ("=SUM(A1)", "2号楼")]
    assert verify(connect(db_path)).ok


@pytest.mark.parametrize("raw", [b"", _xlsx(), "姓名,备注\n王建国," .encode() + "长".encode() * 200_000 + b"\n",
                                 b"who,where\nA,B\n"])
def test_a_file_that_fails_imports_nobody(db_path, tmp_path, raw):
    before = roster(db_path)
    (tmp_path / "bad.csv").write_bytes(raw)
    result = CliRunner().invoke(main, ["--db", str(db_path), "import", "roster", str(tmp_path / "bad.csv"),
                                       "-m", "1"])
    assert result.exit_code == 1 and result.output.startswith("错误：")
    assert roster(db_path) == before


def test_a_batch_that_fails_half_way_leaves_the_roster_unchanged(db_path, tmp_path, monkeypatch):
    """If the write fails after some rows went in (disk full, a bug), none of them stay."""
    before = roster(db_path)
    (tmp_path / "r.csv").write_text("姓名\n王建国\n赵磊\n周强\n", encoding="utf-8")
    real_insert, calls = Changeset.insert, []

    def failing_insert(self, table, row):
        calls.append(table)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_insert(self, table, row)

    monkeypatch.setattr(Changeset, "insert", failing_insert)
    result = CliRunner().invoke(main, ["--db", str(db_path), "import", "roster", str(tmp_path / "r.csv"), "-m", "1"])
    assert result.exit_code in (1, 2) and "Traceback" not in result.output  # a message, not a crash
    monkeypatch.undo()
    assert roster(db_path) == before and verify(connect(db_path)).ok


def test_an_import_into_a_closed_meeting_is_refused_whole(db_path, tmp_path, clock):
    desk = Desk(connect(db_path), clock=clock, backups=False)
    desk.open_meeting(1)
    desk.close_meeting(1)
    desk.db.conn.close()
    before = roster(db_path)
    (tmp_path / "r.csv").write_text("姓名\n王建国\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(db_path), "import", "roster", str(tmp_path / "r.csv"), "-m", "1"])
    assert result.exit_code == 1 and "已结束" in result.output
    assert roster(db_path) == before
