"""The owners' register and owners' votes counted per unit, through the desk."""

from __future__ import annotations

import pytest

from yiting.desk import Desk
from yiting.domain.owners import stored_denominators
from yiting.errors import InvalidInput, YitingError
from yiting.store import owners as register
from yiting.store.db import memory
from yiting.store.verify import verify


@pytest.fixture
def desk(clock):
    return Desk(memory(), clock=clock)


def assembly(desk, units):
    """An open owners' assembly whose property has `units` ((building, label, area, owners, developer))."""
    meeting = desk.create_meeting("业主大会", kind="业主大会", rules={"vote_rule": "art278_general"})
    desk.add_participants(meeting["id"], [{"name": "赵凤艳", "party": "社区党委", "voting": False}])
    for building, label, area, owners, developer in units:
        desk.add_unit(meeting["id"], label, area, building=building, owners=owners, developer=developer)
    desk.open_meeting(meeting["id"])
    item = desk.add_item(meeting["id"], "选聘新物业")
    desk.open_item(item["id"])
    proposal = desk.submit_proposal(item["id"], "选聘建发物业")
    return meeting, proposal


def events(desk, action):
    return desk.db.execute("SELECT COUNT(*) FROM events WHERE action = ?", [action]).fetchone()[0]


def test_heads_and_areas_as_the_law_counts_them(desk, clock):
    meeting, proposal = assembly(desk, [
        ("1号楼", "101", 90, "王芳", False), ("1号楼", "102", 80, "王芳", False),  # one buyer, two units
        ("1号楼", "201", 100, "李明、张丽", False),  # co-owners: one head
        ("2号楼", "101", 70, "", True), ("2号楼", "102", 60, "", True),  # the developer's unsold units
        ("2号楼", "201", 50, "周强", False)])
    den = desk.owners_denominators(meeting["id"])
    assert (den.units, den.heads, float(den.area)) == (6, 4, 450.0)
    vote = desk.open_vote(proposal["id"], "paper_ballot")
    assert (vote["eligible"], vote["eligible_area"]) == (4, 450.0)
    assert stored_denominators(register.unit_vote(desk.db, vote["id"])["denominators"]).heads == 4
    units = {(u["building"], u["label"]): u["id"] for u in register.units(desk.db, meeting["id"])}
    desk.record_unit_ballot(vote["id"], units[("1号楼", "101")], "yes", collected_by="孙立国",
                            collected_at="2025-09-12 10:30")
    desk.record_unit_ballot(vote["id"], units[("1号楼", "102")], "yes", collected_by="孙立国")
    desk.record_unit_ballot(vote["id"], units[("1号楼", "201")], "no", collected_by="陈思雨")
    row = desk._get("votes", vote["id"])
    assert (row["yes"], row["no"], row["yes_area"], row["no_area"]) == (1, 1, 170.0, 100.0)
    needed = desk.owners_count(vote["id"])["needed"]
    assert needed.participation_heads == 1  # 2 of 4 heads in, two thirds is 3
    closed = desk.close_vote(vote["id"])
    assert closed["passed"] == 0 and "参与" in closed["explanation"]
    assert events(desk, "record_unit_ballot") == 3
    assert verify(desk.db).ok


def test_a_unit_counts_once_and_an_owner_has_one_say(desk):
    meeting, proposal = assembly(desk, [("", "101", 90, "王芳", False), ("", "102", 80, "王芳", False),
                                        ("", "201", 100, "李明", False)])
    vote = desk.open_vote(proposal["id"], "paper_ballot")
    ids = [u["id"] for u in register.units(desk.db, meeting["id"])]
    desk.record_unit_ballot(vote["id"], ids[0], "yes")
    with pytest.raises(InvalidInput) as twice:
        desk.record_unit_ballot(vote["id"], ids[0], "no")
    assert twice.value.message("zh") == "101 的选票已经计入（同意），一套房只能计一次。要更正，请先撤回该票。"
    with pytest.raises(InvalidInput) as split:
        desk.record_unit_ballot(vote["id"], ids[1], "no")
    assert "同一业主" in split.value.message("zh")
    assert events(desk, "record_unit_ballot") == 1
    desk.withdraw_unit_ballot(vote["id"], ids[0], "录错了房号")
    desk.record_unit_ballot(vote["id"], ids[1], "no")
    assert desk._get("votes", vote["id"])["no"] == 1
    with pytest.raises(YitingError) as per_unit:
        desk.adjust_count(vote["id"], "yes")
    assert per_unit.value.key == "owners.enter_per_unit"
    with pytest.raises(YitingError) as locked:
        desk.add_unit(meeting["id"], "301", 60, owners="新业主")
    assert locked.value.key == "owners.vote_open_register"
    assert verify(desk.db).ok


def test_a_vote_of_one_building_counts_that_building_alone(desk):
    meeting, proposal = assembly(desk, [("3号楼", "101", 100, "甲", False), ("3号楼", "102", 100, "乙", False),
                                        ("5号楼", "101", 100, "丙", False)])
    with pytest.raises(InvalidInput):
        desk.open_vote(proposal["id"], "paper_ballot", scope="9号楼")
    vote = desk.open_vote(proposal["id"], "paper_ballot", scope="3号楼")
    assert (vote["eligible"], vote["eligible_area"]) == (2, 200.0)
    other = register.unit_by_label(desk.db, meeting["id"], "5号楼", "101")
    with pytest.raises(InvalidInput) as outside:
        desk.record_unit_ballot(vote["id"], other["id"], "yes")
    assert outside.value.key == "owners.unit_not_in_vote"


def test_owners_without_a_say_at_residents_meetings_still_count(desk):
    """Issue 12: 9 owners of 100 m², two marked 表决权 否, five take part: 5/9 is short of 2/3."""
    meeting = desk.create_meeting("业主大会", kind="业主大会")
    people = desk.add_participants(meeting["id"], [
        {"name": f"业主{i}", "area_m2": 100, "voting": i >= 2} for i in range(9)])
    desk.open_meeting(meeting["id"])
    item = desk.add_item(meeting["id"], "选聘物业")
    desk.open_item(item["id"])
    vote = desk.open_vote(desk.submit_proposal(item["id"], "选聘")["id"], "roll_call", "art278_general")
    assert (vote["eligible"], vote["eligible_area"]) == (9, 900.0)
    for person in people[2:7]:
        desk.cast_ballot(vote["id"], person["id"], "yes")
    closed = desk.close_vote(vote["id"])
    assert closed["passed"] == 0
    assert closed["explanation"].startswith("参与表决：专有面积 500.0/900.0 m²（55.6%），业主 5/9 人（55.6%）")


def test_import_is_all_or_nothing_and_names_the_line(desk):
    meeting = desk.create_meeting("业主大会", kind="业主大会")
    rows = [{"line": 2, "label": "101", "area_m2": "89.5", "owners": "王芳"},
            {"line": 3, "label": "102", "area_m2": "-3", "owners": "李明"}]
    with pytest.raises(InvalidInput) as bad:
        desk.import_units(meeting["id"], rows)
    assert bad.value.message("zh").startswith("第 3 行：")
    assert register.units(desk.db, meeting["id"]) == []
    rows[1]["area_m2"] = "76.4"
    rows.append({"line": 4, "label": "103", "area_m2": "80", "owners": "", "developer": "开发商",
                 "area_source": "实测"})
    assert len(desk.import_units(meeting["id"], rows)) == 3
    assert register.units(desk.db, meeting["id"])[2]["area_source"] == "survey"
    assert [o["developer"] for o in register.owners(desk.db, meeting["id"])] == [0, 0, 1]
    with pytest.raises(InvalidInput):
        desk.add_unit(meeting["id"], "101", 60)  # already on the register
    edited = desk.edit_unit(register.units(desk.db, meeting["id"])[0]["id"], owners="王芳、王强", area_m2="90")
    assert edited["area_m2"] == 90
    assert [r["owner_names"] for r in register.register(desk.db, meeting["id"])][0] == ["王芳", "王强"]
    desk.remove_unit(edited["id"])
    assert [o["name"] for o in register.owners(desk.db, meeting["id"])] == ["李明", "开发商"]
    assert verify(desk.db).ok


def test_the_objection_period(desk):
    meeting, proposal = assembly(desk, [("", "101", 90, "王芳", False)])
    vote = desk.open_vote(proposal["id"], "paper_ballot", objection_until="2025-09-30")
    assert register.unit_vote(desk.db, vote["id"])["objection_until"] == "2025-09-30"
    with pytest.raises(InvalidInput):
        desk.set_vote_objection_period(vote["id"], "2025-01-01")
    desk.set_vote_objection_period(vote["id"], "2025-10-08")
    assert register.unit_vote(desk.db, vote["id"])["objection_until"] == "2025-10-08"
    assert verify(desk.db).ok


def test_verify_covers_the_register_and_the_ballots(desk):
    """Each change is an event: a unit's area or a ballot changed behind yiting's back is found."""
    meeting, proposal = assembly(desk, [("", "101", 90, "王芳", False), ("", "102", 80, "李明", False)])
    vote = desk.open_vote(proposal["id"], "paper_ballot")
    unit = register.units(desk.db, meeting["id"])[0]
    desk.record_unit_ballot(vote["id"], unit["id"], "yes", collected_by="孙立国")
    assert verify(desk.db).ok
    assert events(desk, "add_unit") == 2 and events(desk, "open_vote") == 1
    with desk.db.transaction():
        desk.db.execute("UPDATE units SET area_m2 = 900 WHERE id = ?", [unit["id"]])
        desk.db.execute("UPDATE unit_ballots SET choice = 'no'")
    found = {(f.kind, f.table) for f in verify(desk.db).findings}
    assert found == {("row_changed", "units"), ("row_changed", "unit_ballots")}


def test_a_building_holds_its_entrances(desk):
    meeting, proposal = assembly(desk, [("3号楼1单元", "101", 100, "甲", False), ("3号楼2单元", "101", 50, "乙", False),
                                        ("31号楼1单元", "101", 70, "丙", False), ("3_号楼", "1", 10, "丁", False)])
    assert set(register.buildings(desk.db, meeting["id"])) == {"3号楼", "3号楼1单元", "3号楼2单元", "3_号楼",
                                                               "31号楼", "31号楼1单元"}
    vote = desk.open_vote(proposal["id"], "paper_ballot", scope="3号楼")
    assert (vote["eligible"], vote["eligible_area"]) == (2, 150.0)  # not 31号楼, not 3_号楼


def ended_assembly(desk, clock, units):
    """An owners' assembly voted per unit (the first unit's ballot entered), its vote closed and the meeting ended."""
    meeting, proposal = assembly(desk, units)
    vote = desk.open_vote(proposal["id"], "paper_ballot", objection_until="2025-09-30")
    first = register.units(desk.db, meeting["id"])[0]
    desk.record_unit_ballot(vote["id"], first["id"], "yes")
    desk.close_vote(vote["id"])
    return meeting, vote


def test_a_votes_objection_date_changes_with_a_reason_once_published(desk, clock):
    meeting, vote = ended_assembly(desk, clock, [("", "101", 90, "王芳", False)])
    desk.close_meeting(meeting["id"])
    desk.mark_published(meeting["id"])
    with pytest.raises(YitingError) as refused:
        desk.set_vote_objection_period(vote["id"], "2025-10-08")
    assert refused.value.key == "objection.reason_after_publish"
    assert register.unit_vote(desk.db, vote["id"])["objection_until"] == "2025-09-30"
    desk.set_vote_objection_period(vote["id"], "2025-10-08", reason="选票上印错了日期")
    assert register.unit_vote(desk.db, vote["id"])["objection_until"] == "2025-10-08"
    from yiting.publish.record import meeting_record

    changes = meeting_record(desk.db, meeting["id"])["objection_period"]["changes"]
    assert [c["reason"] for c in changes] == ["选票上印错了日期"]
    assert verify(desk.db).ok


def test_a_vote_counted_per_unit_is_corrected_by_its_ballots_not_a_typed_count(desk, clock):
    meeting, proposal = assembly(desk, [("", "101", 90, "王芳", False), ("", "102", 80, "李明", False)])
    vote = desk.open_vote(proposal["id"], "paper_ballot")
    with pytest.raises(YitingError) as refused:
        desk.correct_vote(vote["id"], "录错了", 1, 0)
    assert refused.value.key == "owners.correct_open" and "撤回" in str(refused.value)
    desk.close_vote(vote["id"])
    with pytest.raises(YitingError) as refused:
        desk.correct_vote(vote["id"], "录错了", 2, 0, yes_area=170, no_area=0)
    assert refused.value.key == "owners.correct_closed"
    assert len(register.unit_votes(desk.db, meeting["id"])) == 1  # no second vote without its ballots


@pytest.mark.parametrize("change", ["add", "edit", "remove", "import"])
def test_the_register_is_frozen_once_a_vote_has_ballots(desk, clock, change):
    meeting, proposal = assembly(desk, [("", "101", 90, "王芳", False), ("", "102", 80, "李明", False)])
    vote = desk.open_vote(proposal["id"], "paper_ballot")
    first, second = register.units(desk.db, meeting["id"])
    desk.record_unit_ballot(vote["id"], first["id"], "yes")
    desk.close_vote(vote["id"])
    attempts = {
        "add": lambda: desk.add_unit(meeting["id"], "103", 70, owners="周强"),
        "edit": lambda: desk.edit_unit(second["id"], area_m2=200),
        "remove": lambda: desk.remove_unit(second["id"]),
        "import": lambda: desk.import_units(meeting["id"], [{"label": "104", "area_m2": 60, "owners": "陈"}]),
    }
    with pytest.raises(YitingError) as refused:
        attempts[change]()
    assert refused.value.key == "owners.ballots_register"
    assert [u["area_m2"] for u in register.units(desk.db, meeting["id"])] == [90, 80]
