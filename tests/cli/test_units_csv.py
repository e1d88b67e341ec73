"""Reading a register of units from CSV as Excel saves it."""

from __future__ import annotations

import pytest

from yiting.errors import InvalidInput
from yiting.units_csv import parse_units


def test_semicolons_gbk_and_co_owners_on_their_own_rows():
    text = "楼栋;房号;面积;面积来源;业主;开发商\n3号楼;101;89.5;登记簿;王芳;\n3号楼;201;100;;李明;\n3号楼;201;;;张丽;\n"
    units = parse_units(text.encode("gb18030"))
    assert [(u["building"], u["label"], u["area_m2"], u["owners"], u["line"]) for u in units] == [
        ("3号楼", "101", "89.5", ["王芳"], 2), ("3号楼", "201", "100", ["李明", "张丽"], 3)]


def test_a_roster_with_names_becomes_owners_and_bom_utf8_is_read():
    units = parse_units("\ufeffname,unit,area,owners\n,101,80,\"王芳、李明\"\n".encode())
    assert units[0]["owners"] == ["王芳", "李明"]


def test_refusals_name_what_is_wrong():
    with pytest.raises(InvalidInput) as columns:
        parse_units("姓名,电话\n王芳,1390000\n".encode())
    assert "房号" in columns.value.message("zh")
    with pytest.raises(InvalidInput) as differs:
        parse_units("房号,面积,业主\n101,80,王芳\n101,81,李明\n".encode())
    assert differs.value.message("zh").startswith("第 3 行")
    with pytest.raises(InvalidInput):
        parse_units(b"")
