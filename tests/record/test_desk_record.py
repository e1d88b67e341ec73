"""Meetings, rosters, decisions and actions through the desk; every change is logged."""

from datetime import date

import pytest
from record_helpers import open_meeting

from yiting.desk import Desk, action_state
from yiting.errors import InvalidInput, NotFound, YitingError
from yiting.i18n import set_language
from yiting.store import queries
from yiting.store.db import memory
from yiting.store.verify import verify


@pytest.fixture
def desk(clock):
    return Desk(memory(), clock=clock)


def test_every_action_writes_one_event(desk):
    meeting, people, item = open_meeting(desk)
    before = len(queries.events(desk.db))
    desk.queue_speaker(item["id"], people[0]["id"], "pro")
    desk.start_speech(item["id"])
    assert len(queries.events(desk.db)) == before + 2
    report = verify(desk.db)
    assert report.ok and report.events == before + 2


def test_meeting_lifecycle(desk, clock):
    meeting = desk.create_meeting("板凳会", venue="睦邻议事亭", scheduled_at="2026-12-05 15:00")
    assert meeting["status"] == "draft"
    assert meeting["scheduled_at"] == "2026-12-05T15:00:00+08:00"
    desk.open_meeting(meeting["id"])
    with pytest.raises(YitingError):
        desk.open_meeting(meeting["id"])
    clock.advance(minutes=45)
    closed = desk.close_meeting(meeting["id"])
    assert closed["status"] == "closed" and closed["ended_at"] == "2025-09-12T19:45:00+08:00"
    with pytest.raises(YitingError, match="已结束"):
        desk.add_item(meeting["id"], "迟到的议题")
    assert desk.mark_published(meeting["id"])["status"] == "published"


def test_decisions_and_actions(desk):
    meeting, people, item = open_meeting(desk)
    decision = desk.record_decision(item["id"], "由物业公司拆除假山，改建休闲座椅和乒乓球台")
    action = desk.add_action(meeting["id"], "拆除假山", owner_party="物业公司", due="2025/9/18",
                             decision_id=decision["id"], item_id=item["id"])
    assert action["due"] == "2025-09-18"
    assert action_state(action, date(2025, 9, 20)) == "overdue"
    with pytest.raises(YitingError, match="完成后"):
        desk.update_action(action["id"], evaluation="satisfied")
    done = desk.update_action(action["id"], status="done", evaluation="satisfied")
    assert done["done_at"] and action_state(done, date(2025, 9, 20)) == "done"


@pytest.mark.parametrize("due", ["明天", "2025-13-01", "2025-02-30", "9/18"])
def test_a_due_date_that_does_not_parse_is_refused(desk, due):
    meeting, people, item = open_meeting(desk)
    with pytest.raises(InvalidInput, match="看不懂日期"):
        desk.add_action(meeting["id"], "拆除假山", owner_party="物业公司", due=due)
    assert queries.actions(desk.db, meeting["id"]) == []


def test_bad_input_is_refused_with_a_message_and_nothing_written(desk):
    meeting, people, item = open_meeting(desk)
    events = len(queries.events(desk.db))
    with pytest.raises(InvalidInput, match="请填写姓名"):
        desk.add_participant(meeting["id"], "   ")
    with pytest.raises(InvalidInput, match="面积"):
        desk.add_participant(meeting["id"], "王五", area_m2="-5")
    with pytest.raises(NotFound, match="找不到编号为 999 的会议"):
        desk.add_item(999, "不存在的会")
    with pytest.raises(NotFound):
        desk.add_item("abc", "不存在的会")
    with pytest.raises(InvalidInput):
        desk.add_item(meeting["id"], "议题", timebox_minutes="半小时")
    assert len(queries.events(desk.db)) == events


def test_messages_in_english(desk):
    set_language("en")
    with pytest.raises(NotFound, match="There is no meeting with id 42"):
        desk.meeting(42)


def test_roster_batch_is_all_or_nothing(desk):
    meeting = desk.create_meeting("议事会")
    with pytest.raises(InvalidInput):
        desk.add_participants(meeting["id"], [{"name": "甲"}, {"name": "乙", "area_m2": "abc"}])
    assert queries.participants(desk.db, meeting["id"]) == []


def test_people_who_spoke_stay_on_the_roster(desk):
    meeting, people, item = open_meeting(desk)
    desk.queue_speaker(item["id"], people[0]["id"], "pro")
    with pytest.raises(YitingError):
        desk.remove_participant(people[0]["id"])
    desk.remove_participant(people[4]["id"])
    assert len(queries.participants(desk.db, meeting["id"])) == 4


def test_rules_changed_mid_meeting_need_a_reason(desk):
    meeting, people, item = open_meeting(desk)
    with pytest.raises(YitingError, match="理由"):
        desk.set_rules(meeting["id"], {"speech_seconds": 180})
    desk.set_rules(meeting["id"], {"speech_seconds": 180}, reason="议题复杂，大家同意每人三分钟")
    assert desk.rules(meeting["id"]).speech_seconds == 180
    assert queries.events(desk.db, meeting["id"])[-1]["reason"].startswith("议题复杂")


def test_matters_move_through_the_six_steps(desk):
    matter = desk.raise_matter("北门拓宽", category="停车", raised_by="李君", community="富平社区")
    meeting = desk.create_meeting("议事会")
    desk.add_item(meeting["id"], "北门拓宽", matter_id=matter["id"])
    assert queries.row(desk.db, "matters", matter["id"])["status"] == "deliberating"
    desk.add_action(meeting["id"], "拓宽北门至 9.6 米", owner_party="业委会", matter_id=matter["id"])
    assert queries.row(desk.db, "matters", matter["id"])["status"] == "assigned"
    assert desk.set_matter_status(matter["id"], "closed")["status"] == "closed"
