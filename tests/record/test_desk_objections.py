"""The objection period (询异期) at the desk: its setting, objections and answers, each an
event that `verify` replays; every refusal says why in the facilitator's language."""

from __future__ import annotations

import json

import pytest
from record_helpers import open_meeting

from yiting.desk import Desk
from yiting.errors import InvalidInput, NotFound, YitingError
from yiting.store.db import connect
from yiting.store.verify import verify


@pytest.fixture
def desk(tmp_path, clock):
    return Desk(connect(tmp_path / "m.sqlite"), clock=clock, backups=False)


@pytest.fixture
def closed(desk, clock):
    """A closed meeting and its roster (李桂兰 first, phone 13800000000)."""
    meeting, roster, item = open_meeting(desk)
    desk.close_item(item["id"], "decided")
    clock.advance(minutes=40)
    desk.close_meeting(meeting["id"])
    clock.advance(hours=1)
    return meeting, roster


def events(desk, action):
    return [e for e in desk.db.execute("SELECT action, reason, changes FROM events ORDER BY seq").fetchall()
            if e[0] == action]


def objection_event(desk, objection_id):
    """The seq of the event that recorded objection `objection_id`."""
    for seq, action, changes in desk.db.execute("SELECT seq, action, changes FROM events ORDER BY seq"):
        if action == "add_objection" and json.loads(changes)[0]["id"] == objection_id:
            return seq
    return None


def test_a_meeting_has_seven_days_after_the_day_it_ended_and_no_contact_until_set(desk, clock):
    meeting, _, item = open_meeting(desk)
    assert desk.objection_period(meeting["id"])["until"] is None  # not ended: no last day yet
    desk.close_meeting(meeting["id"])
    period = desk.objection_period(meeting["id"])
    assert (period["days"], period["contact"], period["from"], period["until"]) == (7, "", "2025-09-12", "2025-09-19")


def test_setting_the_period_is_an_event_and_verify_replays_it(desk, closed):
    meeting, _ = closed
    period = desk.set_objection_period(meeting["id"], days="10天", contact="社区服务中心二楼 0951-5012345")
    assert (period["days"], period["contact"]) == (10, "社区服务中心二楼 0951-5012345")
    desk.set_objection_period(meeting["id"], days=10)  # unchanged: no event
    assert len(events(desk, "set_objection_period")) == 1
    assert verify(desk.db).ok
    desk.db.execute("UPDATE objection_periods SET days = 30")  # behind yiting's back
    report = verify(desk.db)
    assert [(f.kind, f.table, f.columns) for f in report.findings] == [("row_changed", "objection_periods", ("days",))]


@pytest.mark.parametrize("days", ["0", "91", "-3", "七天", "1.5", ""])
def test_a_period_that_is_not_1_to_90_whole_days_is_refused(desk, closed, days):
    with pytest.raises(InvalidInput) as refused:
        desk.set_objection_period(closed[0]["id"], days=days)
    assert "1 到 90" in str(refused.value)
    assert desk.objection_period(closed[0]["id"])["days"] == 7


def test_a_residents_phone_is_never_the_contact(desk, closed):
    meeting, roster = closed
    with pytest.raises(InvalidInput) as refused:
        desk.set_objection_period(meeting["id"], contact="找李桂兰 138-0000-0000")
    assert "居民个人" in refused.value.message("zh") and "resident" in refused.value.message("en")
    assert desk.objection_period(meeting["id"])["contact"] == ""


def test_once_published_a_change_needs_a_reason_and_the_reason_is_logged(desk, closed):
    meeting, _ = closed
    desk.mark_published(meeting["id"])
    with pytest.raises(YitingError) as refused:
        desk.set_objection_period(meeting["id"], days=14)
    assert refused.value.key == "objection.reason_after_publish"
    desk.set_objection_period(meeting["id"], days=14, reason="春节假期顺延")
    assert events(desk, "set_objection_period")[0][1] == "春节假期顺延"


def test_an_objection_and_its_answer_are_events_with_who_when_and_what(desk, closed, clock):
    meeting, roster = closed
    received = desk.add_objection(meeting["id"], "座椅离3号楼太近，晚上有噪音。", participant_id=roster[0]["id"],
                                  received_at="2025-09-12 20:30")
    assert (received["name"], received["participant_id"], received["named"]) == ("李桂兰", roster[0]["id"], 0)
    assert received["received_at"].startswith("2025-09-12T20:30")
    clock.advance(days=1)
    answered = desk.answer_objection(received["id"], "物业将座椅移到广场东侧。", answered_by="居委会")
    assert (answered["answer"], answered["answered_by"]) == ("物业将座椅移到广场东侧。", "居委会")
    assert answered["answered_at"] == desk.now()
    add, answer = events(desk, "add_objection"), events(desk, "answer_objection")
    assert len(add) == len(answer) == 1
    assert json.loads(answer[0][2])[0]["before"]["answer"] == ""
    assert verify(desk.db).ok
    desk.db.execute("UPDATE objections SET answer = '不予答复'")
    assert [f.table for f in verify(desk.db).findings] == ["objections"]


def test_an_objector_not_on_the_roster_or_not_named_at_all(desk, closed):
    meeting, _ = closed
    typed = desk.add_objection(meeting["id"], "应保留一部分水池。", name="周大爷", named=True)
    nobody = desk.add_objection(meeting["id"], "施工噪音太大。")
    assert (typed["name"], typed["named"], typed["participant_id"]) == ("周大爷", 1, None)
    assert (nobody["name"], nobody["named"]) == ("", 0)
    assert [o["id"] for o in desk.objections(meeting["id"])] == [typed["id"], nobody["id"]]


def test_objections_wait_for_the_meeting_to_end(desk, clock):
    meeting, _, _ = open_meeting(desk)
    with pytest.raises(YitingError) as refused:
        desk.add_objection(meeting["id"], "不同意")
    assert refused.value.key == "objection.meeting_not_closed" and "尚未结束" in str(refused.value)
    assert desk.objections(meeting["id"]) == []


@pytest.mark.parametrize(("when", "key"), [
    ("2025-09-12 18:00", "objection.before_meeting_end"),
    ("2030-01-01 10:00", "objection.in_future"),
    ("昨天", "desk.bad_datetime"),
])
def test_a_received_time_before_the_meeting_ended_in_the_future_or_unreadable_is_refused(desk, closed, when, key):
    with pytest.raises(InvalidInput) as refused:
        desk.add_objection(closed[0]["id"], "不同意", received_at=when)
    assert refused.value.key == key
    assert desk.objections(closed[0]["id"]) == []


def test_refusals_name_the_field(desk, closed):
    meeting, roster = closed
    with pytest.raises(InvalidInput) as empty:
        desk.add_objection(meeting["id"], "   ")
    assert str(empty.value) == "请填写异议内容。" and empty.value.message("en") == "Please fill in the objection."
    objection = desk.add_objection(meeting["id"], "不同意")
    with pytest.raises(InvalidInput) as no_one:
        desk.answer_objection(objection["id"], "已解释", answered_by="")
    assert "答复人" in str(no_one.value)
    with pytest.raises(InvalidInput) as early:
        desk.answer_objection(objection["id"], "已解释", answered_by="居委会", answered_at="2025-09-12 19:30")
    assert early.value.key == "objection.answer_before_objection"
    with pytest.raises(NotFound) as missing:
        desk.answer_objection(999, "x", answered_by="居委会")
    assert str(missing.value) == "找不到编号为 999 的异议。"


def test_changing_an_answer_needs_a_reason_that_the_record_keeps(desk, closed, clock):
    meeting, _ = closed
    objection = desk.add_objection(meeting["id"], "不同意")
    desk.answer_objection(objection["id"], "座椅移到东侧", answered_by="居委会")
    with pytest.raises(YitingError) as refused:
        desk.answer_objection(objection["id"], "座椅移到西侧", answered_by="居委会")
    assert refused.value.key == "objection.reason_to_change_answer"
    clock.advance(hours=2)
    desk.answer_objection(objection["id"], "座椅移到西侧", answered_by="居委会", reason="东侧是消防通道")
    assert desk.objections(meeting["id"])[0]["answer"] == "座椅移到西侧"
    assert [e[1] for e in events(desk, "answer_objection")] == ["", "东侧是消防通道"]


def test_a_person_of_another_meeting_is_refused(desk, closed):
    meeting, _ = closed
    other = desk.create_meeting("另一个会")
    stranger = desk.add_participant(other["id"], "外人")
    with pytest.raises(InvalidInput):
        desk.add_objection(meeting["id"], "不同意", participant_id=stranger["id"])


def test_an_objection_or_answer_just_recorded_can_be_undone_and_the_undo_is_logged(desk, closed, clock):
    from yiting.desk.undo import OBJECTION_ACTIONS

    meeting, _ = closed
    objection = desk.add_objection(meeting["id"], "记错了会议")
    kept = desk.add_objection(meeting["id"], "座椅太吵", name="周大爷")
    desk.answer_objection(kept["id"], "已移走", answered_by="居委会")
    clock.advance(minutes=2)
    undone = desk.undo_last(meeting["id"], OBJECTION_ACTIONS)
    assert (undone["action"], undone["name"]) == ("answer_objection", "周大爷")
    assert desk.objections(meeting["id"])[1]["answer"] == ""
    assert desk.undo_last(meeting["id"], OBJECTION_ACTIONS)["action"] == "add_objection"  # 周大爷's
    assert desk.undo_last(meeting["id"], OBJECTION_ACTIONS)["name"] == "记错了会议"
    assert desk.objections(meeting["id"]) == []
    assert events(desk, "undo")[-1][1] == f"#{objection_event(desk, objection['id'])} add_objection"
    assert verify(desk.db).ok
    with pytest.raises(YitingError) as nothing:
        desk.undo_last(meeting["id"], OBJECTION_ACTIONS)
    assert nothing.value.key == "desk.undo_nothing"


def test_an_objection_recorded_a_while_ago_is_not_undone_it_is_answered(desk, closed, clock):
    from yiting.desk.undo import OBJECTION_ACTIONS

    meeting, _ = closed
    desk.add_objection(meeting["id"], "不同意")
    clock.advance(minutes=11)
    with pytest.raises(YitingError) as refused:
        desk.undo_last(meeting["id"], OBJECTION_ACTIONS)
    assert refused.value.key == "objection.undo_too_late" and "10 分钟" in str(refused.value)
    assert len(desk.objections(meeting["id"])) == 1


def test_an_answered_objection_is_not_undone_under_its_answer(desk, closed, clock):

    meeting, _ = closed
    objection = desk.add_objection(meeting["id"], "不同意")
    desk.answer_objection(objection["id"], "已解释", answered_by="居委会")
    desk.undo_last(meeting["id"], ("answer_objection",))
    desk.answer_objection(objection["id"], "已上门解释", answered_by="居委会")
    with pytest.raises(YitingError) as refused:
        desk.undo_last(meeting["id"], ("add_objection",))
    assert refused.value.key == "desk.undo_changed"
