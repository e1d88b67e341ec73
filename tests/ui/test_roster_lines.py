"""A person in one line: the roster line typed in set-up (name, party, building, area) and the
name shown for them when two share it."""

from __future__ import annotations

import pytest

from yiting.errors import InvalidInput
from yiting.ui.people import parse_person_line
from yiting.ui.text import display_names


def test_a_bare_number_is_not_a_floor_area():
    assert parse_person_line("李四 居民 501") == {"name": "李四", "party": "居民", "building": "501"}
    assert parse_person_line("王芳 业主 3-2-501 89.5")["area_m2"] == "89.5"
    assert parse_person_line("王芳 业主 3-2-501 90㎡")["area_m2"] == "90"
    assert parse_person_line("王芳 业主 3-2-501 90平")["area_m2"] == "90"
    with pytest.raises(InvalidInput):
        parse_person_line("王芳 业主 3-2-501 -5")


def test_same_names_are_told_apart_by_building():
    names = display_names([{"id": 1, "name": "张桂兰", "building": "3-1"},
                           {"id": 2, "name": "张桂兰", "building": "5-2"},
                           {"id": 3, "name": "李四", "building": "1-1"}])
    assert names == {1: "张桂兰（3-1）", 2: "张桂兰（5-2）", 3: "李四"}


def test_a_whole_number_area_in_a_roster_line():
    assert parse_person_line("王秀兰 业主 3号楼1单元 76") == {
        "name": "王秀兰", "party": "业主", "building": "3号楼1单元", "area_m2": "76"}
    assert parse_person_line("王秀兰 业主 3号楼1单元 76.0")["area_m2"] == "76.0"
    for unit in ("平", "平米", "平方米", "m2", "㎡"):
        assert parse_person_line(f"王秀兰 业主 3号楼1单元 76{unit}")["area_m2"] == "76"
    # a bare number right after the name and party is the building (a room), as before
    assert parse_person_line("李四 居民 501") == {"name": "李四", "party": "居民", "building": "501"}
    assert "area_m2" not in parse_person_line("张三 业主 3 2 501")
