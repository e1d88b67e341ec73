"""The list of speakers and the timer, through the desk."""

import pytest
from record_helpers import open_meeting

from yiting.desk import Desk
from yiting.errors import RuleViolation, YitingError
from yiting.store import queries
from yiting.store.db import memory


@pytest.fixture
def desk(clock):
    return Desk(memory(), clock=clock)


def names(desk, item):
    return [entry["name"] for entry in desk.queue(item["id"])]


def test_queue_follows_the_rules_of_order(desk, clock):
    meeting, people, item = open_meeting(desk)
    li, wang, zhang, liu, chen = people
    desk.queue_speaker(item["id"], li["id"], "pro")
    desk.queue_speaker(item["id"], wang["id"], "pro")
    desk.queue_speaker(item["id"], zhang["id"], "con")
    # pro and con alternate where both wait
    assert names(desk, item) == ["李桂兰", "张秀英", "王建国"]
    first = desk.start_speech(item["id"])
    clock.advance(seconds=95)
    desk.end_speech(first["id"], "同意拆除，孩子爬假山太危险")
    # someone who already spoke goes after those who have not
    desk.queue_speaker(item["id"], li["id"], "pro")
    desk.queue_speaker(item["id"], liu["id"], "pro")
    assert names(desk, item) == ["张秀英", "王建国", "刘明", "李桂兰"]
    # a point of order goes to the front
    desk.queue_speaker(item["id"], chen["id"], "neutral", kind="point_of_order")
    assert names(desk, item)[0] == "陈静"


def test_speech_time_is_recorded_without_pauses(desk, clock):
    meeting, people, item = open_meeting(desk)
    desk.queue_speaker(item["id"], people[0]["id"], "pro")
    speech = desk.start_speech(item["id"])
    clock.advance(seconds=30)
    desk.pause_speech(speech["id"])
    clock.advance(seconds=100)
    assert desk.speech_elapsed(desk._get("speeches", speech["id"])) == 30
    desk.resume_speech(speech["id"])
    clock.advance(seconds=20)
    done = desk.end_speech(speech["id"])
    assert done["seconds"] == 50
    assert done["status"] == "done"


def test_running_timer_survives_a_restart(desk, clock):
    meeting, people, item = open_meeting(desk)
    desk.queue_speaker(item["id"], people[0]["id"], "con")
    desk.start_speech(item["id"])
    clock.advance(seconds=75)
    # a new desk on the same database (the app restarted) finds the speech still counting
    again = Desk(desk.db, clock=clock)
    running = queries.running_speech(again.db, meeting["id"])
    assert again.speech_elapsed(running) == 75
    assert again.speech_limit_seconds(running) == 120


def test_third_speech_needs_a_logged_reason(desk, clock):
    meeting, people, item = open_meeting(desk)
    person = people[0]["id"]
    for _ in range(2):
        desk.queue_speaker(item["id"], person, "pro")
        speech = desk.start_speech(item["id"])
        desk.end_speech(speech["id"])
    with pytest.raises(RuleViolation) as refused:
        desk.queue_speaker(item["id"], person, "pro")
    assert "2" in str(refused.value)
    desk.queue_speaker(item["id"], person, "pro", override_reason="补充说明施工时间")
    event = queries.events(desk.db, meeting["id"])[-1]
    assert event["action"] == "queue_speaker_override"
    assert event["reason"] == "补充说明施工时间"


def test_speaking_out_of_turn_needs_a_reason(desk):
    meeting, people, item = open_meeting(desk)
    desk.queue_speaker(item["id"], people[0]["id"], "pro")
    later = desk.queue_speaker(item["id"], people[1]["id"], "con")
    with pytest.raises(RuleViolation) as refused:
        desk.start_speech(item["id"], later["id"])
    assert "李桂兰" in str(refused.value)
    started = desk.start_speech(item["id"], later["id"], override_reason="物业经理需提前离开")
    assert started["status"] == "speaking"
    assert queries.events(desk.db, meeting["id"])[-1]["reason"] == "物业经理需提前离开"


def test_next_speaker_ends_the_running_speech(desk, clock):
    meeting, people, item = open_meeting(desk)
    first = desk.queue_speaker(item["id"], people[0]["id"], "pro")
    desk.queue_speaker(item["id"], people[1]["id"], "con")
    desk.start_speech(item["id"])
    clock.advance(seconds=130)
    desk.start_speech(item["id"])
    ended = desk._get("speeches", first["id"])
    assert ended["status"] == "done" and ended["seconds"] == 130


def test_one_matter_at_a_time(desk):
    meeting, people, item = open_meeting(desk)
    other = desk.add_item(meeting["id"], "乱停车")
    with pytest.raises(YitingError) as refused:
        desk.open_item(other["id"])
    assert "假山" in str(refused.value)
    desk.close_item(item["id"], "deferred")
    assert desk.open_item(other["id"])["status"] == "discussing"


def test_closing_an_item_drops_waiting_speakers(desk):
    meeting, people, item = open_meeting(desk)
    waiting = desk.queue_speaker(item["id"], people[0]["id"], "pro")
    desk.close_item(item["id"], "decided")
    assert desk._get("speeches", waiting["id"])["status"] == "withdrawn"
    assert desk.meeting(meeting["id"])["current_item_id"] is None


def test_a_person_waits_only_once(desk):
    meeting, people, item = open_meeting(desk)
    desk.queue_speaker(item["id"], people[0]["id"], "pro")
    with pytest.raises(YitingError, match="已经在发言名单上"):
        desk.queue_speaker(item["id"], people[0]["id"], "con")
