"""Numbers as people write them, through the one parser (`yiting.parsing`) the console, the
roster CSV and typed counts share: a decimal comma, thousands, units, full-width digits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yiting.errors import InvalidInput
from yiting.parsing import parse_area, parse_count
from yiting.roster_csv import parse as parse_roster
from yiting.ui.people import describe_person_line, parse_person_line


@pytest.mark.parametrize(("typed", "area"), [
    ("89,5", 89.5), ("89.5", 89.5), ("400,5", 400.5), ("89,25", 89.25), ("1,234.5", 1234.5),
    ("12,345.67", 12345.67), ("76", 76.0), ("1234", 1234.0),
    ("89.5平", 89.5), ("89,5平", 89.5), ("89.5平米", 89.5), ("89.5平方米", 89.5), ("89.5㎡", 89.5),
    ("89.5m²", 89.5), ("89.5m2", 89.5), ("89.5 M2", 89.5), ("89,5 平方米", 89.5),
    ("８９．５", 89.5), ("８９，５平", 89.5), ("１２０㎡", 120.0),
])
def test_areas_as_people_write_them(typed, area):
    assert parse_area(typed) == area


@pytest.mark.parametrize("typed", ["1,234", "1,234平", "120,000㎡", "１，２３４"])
def test_an_ambiguous_area_is_refused_with_both_readings(typed):
    with pytest.raises(InvalidInput) as refused:
        parse_area(typed)
    assert refused.value.key == "parsing.ambiguous_number"
    text = refused.value.message("zh")
    digits = typed.translate(str.maketrans("１２３４，", "1234,")).rstrip("平㎡")
    whole, decimal = digits.replace(",", ""), digits.replace(",", ".")
    assert whole in text and decimal in text
    assert whole in refused.value.message("en")


@pytest.mark.parametrize("typed", ["8,9,5", "89.5.1", "abc", "平", "-5", "1.234,5", "100001", "89,5,0"])
def test_what_is_not_an_area_is_refused(typed):
    with pytest.raises(InvalidInput):
        parse_area(typed)


@pytest.mark.parametrize(("typed", "count"), [("12", 12), ("１２", 12), ("12人", 12), ("7票", 7),
                                             ("1,234", 1234), ("0", 0)])
def test_counts_as_people_write_them(typed, count):
    assert parse_count(typed, "yes") == count


@pytest.mark.parametrize(("typed", "key"), [("12,5", "desk.bad_count"), ("12.5", "desk.bad_count"),
                                           ("-3", "desk.negative_count"), ("x", "desk.bad_count")])
def test_a_count_that_is_not_whole_is_refused(typed, key):
    with pytest.raises(InvalidInput) as refused:
        parse_count(typed, "yes")
    assert refused.value.key == key


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 99_999), st.integers(0, 99))
def test_a_decimal_comma_is_a_decimal_point(whole, cents):
    typed = f"{whole},{cents:02d}"
    assert parse_area(typed) == parse_area(typed.replace(",", ".")) == round(whole + cents / 100, 2)


def test_the_roster_csv_reads_decimal_commas_and_every_unit():
    text = ("姓名,身份,楼栋,面积\n王建国,业主,1号楼,\"89,5\"\n龚喆,业主,2号楼,120平\n"
            "李桂兰,业主,3号楼,76.5平方米\n赵磊,业主,4号楼,\"1,234\"\n")
    result = parse_roster(text.encode())
    assert [(p["name"], p["area_m2"]) for p in result.people] == [("王建国", 89.5), ("龚喆", 120.0),
                                                                  ("李桂兰", 76.5)]
    assert [(r.name, r.key) for r in result.refused] == [("赵磊", "parsing.ambiguous_number")]


def test_the_one_line_roster_entry_reads_areas_as_the_csv_does():
    for typed in ("89.5平", "89,5平", "89,5", "89.5㎡", "89.5m2", "89.5平方米", "８９．５平米"):
        line = f"王芳 业主 3-2-501 {typed}"
        assert parse_area(parse_person_line(line)["area_m2"]) == 89.5, typed
        assert "面积 89.5 m²" in describe_person_line(line)
    assert "1234" in describe_person_line("王芳 业主 3-2-501 1,234平")  # refused, saying why
    with pytest.raises(InvalidInput):
        parse_person_line("王芳 业主 3-2-501 1,234平")


def test_a_typed_paper_ballot_area_with_a_decimal_comma_is_not_multiplied(clock):
    from yiting.desk import Desk
    from yiting.store.db import memory

    desk = Desk(memory(), clock=clock, backups=False)
    meeting = desk.create_meeting("香溪美地业主大会", rules={"vote_rule": "art278_general"})
    desk.add_participants(meeting["id"], [{"name": f"业主{i}", "area_m2": "200,25", "party": "业主"}
                                          for i in range(3)])
    desk.open_meeting(meeting["id"])
    item = desk.add_item(meeting["id"], "选聘新的物业服务企业")
    desk.open_item(item["id"])
    vote = desk.open_vote(desk.submit_proposal(item["id"], "选聘新物业公司")["id"], method="paper_ballot")
    counted = desk.set_counts(vote["id"], "２", "1", 0, yes_area="400,5平", no_area="200,25")
    assert (counted["yes"], counted["yes_area"], counted["no_area"]) == (2, 400.5, 200.25)
    assert counted["eligible_area"] == 600.75
    with pytest.raises(InvalidInput) as refused:
        desk.set_counts(vote["id"], 2, 1, 0, yes_area="1,234", no_area="200,25")
    assert refused.value.key == "parsing.ambiguous_number"
