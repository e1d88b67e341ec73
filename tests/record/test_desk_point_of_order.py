"""A point of order pauses the speech it interrupts; the speaker then goes on with the same
speech and the time it had left. Points of order never count toward the speech limit."""

import pytest
from record_helpers import open_meeting

from yiting.desk import Desk
from yiting.errors import RuleViolation
from yiting.store import queries
from yiting.store.db import memory


@pytest.fixture
def desk(clock):
    return Desk(memory(), clock=clock)


def test_a_point_of_order_pauses_the_speech_and_the_speaker_resumes_it(desk, clock):
    meeting, people, item = open_meeting(desk)
    li, wang, zhang = people[:3]
    speech = desk.queue_speaker(item["id"], li["id"], "pro")
    desk.queue_speaker(item["id"], zhang["id"], "con")
    desk.start_speech(item["id"])
    clock.advance(seconds=40)
    point = desk.queue_speaker(item["id"], wang["id"], "neutral", kind="point_of_order")
    assert desk.start_speech(item["id"])["id"] == point["id"]
    held = desk._get("speeches", speech["id"])
    assert held["status"] == "interrupted" and held["ended_at"] is None
    # the interrupted speaker waits at the head of the list, with the time left, still one speech
    clock.advance(seconds=25)
    head = desk.queue(item["id"])[0]
    assert (head["id"], head["resumes"], head["left"], head["spoken"]) == (speech["id"], True, 80, 1)
    assert desk.spoken(item["id"], li["id"]) == 1
    desk.end_speech(point["id"])
    clock.advance(seconds=5)
    resumed = desk.start_speech(item["id"])  # space: the next in order is the same speech
    assert resumed["id"] == speech["id"] and resumed["status"] == "speaking"
    assert desk.speech_limit_seconds(resumed) - desk.speech_elapsed(resumed) == 80
    clock.advance(seconds=30)
    done = desk.end_speech(speech["id"])
    assert done["seconds"] == 70 and done["started_at"] == "2025-09-12T19:00:00+08:00"
    assert desk.spoken(item["id"], li["id"]) == 1
    assert [w["name"] for w in desk.queue(item["id"])] == ["张秀英"]
    given = [s for s in queries.speeches(desk.db, item["id"]) if s["status"] == "done"]
    assert sorted((s["participant_id"], s["kind"], s["seconds"]) for s in given) == [
        (li["id"], "normal", 70), (wang["id"], "point_of_order", 25)]


def test_points_of_order_do_not_count_toward_the_limit(desk, clock):
    meeting, people, item = open_meeting(desk)
    person = people[0]["id"]
    for _ in range(2):
        desk.queue_speaker(item["id"], person, "neutral", kind="point_of_order")
        desk.end_speech(desk.start_speech(item["id"])["id"])
    assert desk.spoken(item["id"], person) == 0
    # an ordinary request after two points of order needs no reason: it is the first speech
    first = desk.queue_speaker(item["id"], person, "pro")
    assert queries.events(desk.db, meeting["id"])[-1]["action"] == "queue_speaker"
    assert desk.queue(item["id"])[0]["spoken"] == 0
    desk.end_speech(desk.start_speech(item["id"])["id"])
    desk.queue_speaker(item["id"], person, "pro")
    desk.end_speech(desk.start_speech(item["id"])["id"])
    assert first["kind"] == "normal" and desk.spoken(item["id"], person) == 2
    with pytest.raises(RuleViolation):  # the limit (2) is reached by speeches, not by points of order
        desk.queue_speaker(item["id"], person, "pro")


def test_a_speech_paused_twice_records_the_seconds_spoken(desk, clock):
    meeting, people, item = open_meeting(desk)
    desk.queue_speaker(item["id"], people[0]["id"], "pro")
    speech = desk.start_speech(item["id"])
    clock.advance(seconds=20)
    desk.pause_speech(speech["id"])
    clock.advance(seconds=300)
    desk.resume_speech(speech["id"])
    clock.advance(seconds=15)
    desk.pause_speech(speech["id"])
    clock.advance(seconds=45)
    assert desk.speech_elapsed(desk._get("speeches", speech["id"])) == 35
    desk.resume_speech(speech["id"])
    clock.advance(seconds=10)
    done = desk.end_speech(speech["id"])
    assert (done["seconds"], done["paused_seconds"]) == (45, 345)


def test_a_paused_speech_interrupted_by_a_point_of_order_keeps_its_time(desk, clock):
    meeting, people, item = open_meeting(desk)
    speech = desk.queue_speaker(item["id"], people[0]["id"], "pro")
    desk.start_speech(item["id"])
    clock.advance(seconds=30)
    desk.pause_speech(speech["id"])
    clock.advance(seconds=10)
    desk.queue_speaker(item["id"], people[1]["id"], "neutral", kind="point_of_order")
    point = desk.start_speech(item["id"])
    clock.advance(seconds=20)
    # a second point of order ends the first (it does not interrupt it)
    desk.queue_speaker(item["id"], people[2]["id"], "neutral", kind="point_of_order")
    second = desk.start_speech(item["id"])
    assert desk._get("speeches", point["id"])["status"] == "done"
    clock.advance(seconds=20)
    desk.end_speech(second["id"])
    assert desk.queue(item["id"])[0]["left"] == 90
    desk.start_speech(item["id"])
    clock.advance(seconds=5)
    assert desk.end_speech(speech["id"])["seconds"] == 35


def test_undo_of_a_point_of_order_gives_the_floor_back(desk, clock):
    meeting, people, item = open_meeting(desk)
    speech = desk.queue_speaker(item["id"], people[0]["id"], "pro")
    desk.start_speech(item["id"])
    clock.advance(seconds=30)
    point = desk.queue_speaker(item["id"], people[1]["id"], "neutral", kind="point_of_order")
    desk.start_speech(item["id"])
    desk.undo_last(meeting["id"])
    assert desk._get("speeches", speech["id"])["status"] == "speaking"
    assert desk._get("speeches", point["id"])["status"] == "queued"


def test_an_interrupted_speech_ends_with_the_item_or_when_withdrawn(desk, clock):
    meeting, people, item = open_meeting(desk)
    speech = desk.queue_speaker(item["id"], people[0]["id"], "pro")
    desk.start_speech(item["id"])
    clock.advance(seconds=30)
    desk.queue_speaker(item["id"], people[1]["id"], "neutral", kind="point_of_order")
    point = desk.start_speech(item["id"])
    clock.advance(seconds=10)
    desk.end_speech(point["id"])
    ended = desk.withdraw_speaker(speech["id"])
    assert (ended["status"], ended["seconds"]) == ("done", 30)
    assert desk.queue(item["id"]) == []


def test_a_party_past_its_time_on_the_item_needs_a_logged_reason(clock):
    desk = Desk(memory(), clock=clock)
    meeting = desk.create_meeting("物业费议事会", rules={"party_seconds": 180})
    people = desk.add_participants(meeting["id"], [
        {"name": "潘国栋", "party": "物业公司"}, {"name": "贺志强", "party": "物业公司"},
        {"name": "李桂兰", "party": "居民"}, {"name": "王建国", "party": "居民"}])
    for person in people:
        desk.check_in(person["id"])
    desk.open_meeting(meeting["id"])
    item = desk.add_item(meeting["id"], "物业费调整")
    desk.open_item(item["id"])
    pan, he, li, _wang = (p["id"] for p in people)
    for who, seconds in ((pan, 120), (he, 60)):  # the property company: 3 minutes on this item
        desk.queue_speaker(item["id"], who, "pro")
        speech = desk.start_speech(item["id"])
        clock.advance(seconds=seconds)
        desk.end_speech(speech["id"])
    with pytest.raises(RuleViolation) as refused:
        desk.queue_speaker(item["id"], pan, "pro")
    assert refused.value.key == "order.party_budget" and "物业公司" in str(refused.value)
    assert "3:00" in str(refused.value)
    desk.queue_speaker(item["id"], li, "con")  # residents have spoken 0 s: no reason needed
    desk.queue_speaker(item["id"], he, "neutral", kind="point_of_order")  # a point of order is exempt
    desk.queue_speaker(item["id"], pan, "pro", override_reason="回答居民关于账目的提问")
    event = queries.events(desk.db, meeting["id"])[-1]
    assert (event["action"], event["reason"]) == ("queue_speaker_over_budget", "回答居民关于账目的提问")
