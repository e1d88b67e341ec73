"""Undo through the desk: an event of its own that puts back what the undone event changed;
the log stays append-only and verifies."""

import pytest
from record_helpers import open_meeting

from yiting.desk import Desk
from yiting.desk.undo import CHECKIN_ACTIONS, ROSTER_ACTIONS, SPEECH_ACTIONS
from yiting.errors import YitingError
from yiting.store import queries
from yiting.store.db import memory
from yiting.store.verify import verify


@pytest.fixture
def desk(clock):
    return Desk(memory(), clock=clock)


def status(desk, speech):
    return queries.row(desk.db, "speeches", speech["id"])["status"]


def test_undo_a_start_then_an_end_puts_the_floor_back(desk, clock):
    meeting, (li, wang, *_), item = open_meeting(desk)
    first = desk.queue_speaker(item["id"], li["id"], "pro")
    second = desk.queue_speaker(item["id"], wang["id"], "con")
    desk.start_speech(item["id"])
    clock.advance(seconds=30)
    desk.start_speech(item["id"])  # 王建国 starts; 李桂兰's speech ends with it
    events = desk.db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    undone = desk.undo_last(meeting["id"], SPEECH_ACTIONS)
    assert undone["action"] == "start_speech" and undone["name"] == "王建国"
    assert status(desk, second) == "queued" and status(desk, first) == "speaking"
    assert queries.row(desk.db, "speeches", second["id"])["started_at"] is None
    # the log grew by one event, the undo; nothing was taken out of it
    assert desk.db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == events + 1
    last = desk.db.execute("SELECT action, reason FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    assert last[0] == "undo" and last[1].startswith("#") and last[1].endswith("start_speech")
    # the next undo goes one further back: 李桂兰's start
    assert desk.undo_last(meeting["id"], SPEECH_ACTIONS)["name"] == "李桂兰"
    assert status(desk, first) == "queued"
    assert verify(desk.db).ok


def test_undo_an_end_lets_the_speech_run_on(desk, clock):
    meeting, (li, *_), item = open_meeting(desk)
    speech = desk.queue_speaker(item["id"], li["id"], "pro")
    desk.start_speech(item["id"])
    clock.advance(seconds=20)
    desk.end_speech(speech["id"])
    clock.advance(seconds=5)
    assert desk.undo_last(meeting["id"], SPEECH_ACTIONS)["action"] == "end_speech"
    row = queries.running_speech(desk.db, meeting["id"])
    assert row["id"] == speech["id"] and row["ended_at"] is None
    assert desk.speech_elapsed(row) == 25


def test_undo_is_refused_when_the_rows_changed_since_or_someone_else_has_the_floor(desk, clock):
    meeting, (li, wang, *_), item = open_meeting(desk)
    first = desk.queue_speaker(item["id"], li["id"], "pro")
    desk.queue_speaker(item["id"], wang["id"], "con")
    desk.start_speech(item["id"])
    desk.end_speech(first["id"])
    desk.set_summary(first["id"], "赞成拆除")
    with pytest.raises(YitingError) as refused:
        desk.undo_last(meeting["id"], SPEECH_ACTIONS)
    assert "李桂兰" in str(refused.value)
    desk.start_speech(item["id"])  # 王建国 has the floor; undoing 李桂兰's end would give two
    desk.undo_last(meeting["id"], SPEECH_ACTIONS)  # undoes 王建国's start
    with pytest.raises(YitingError):
        desk.undo_last(meeting["id"], SPEECH_ACTIONS)  # 李桂兰's end: her row has a summary since
    assert verify(desk.db).ok


def test_undo_a_withdrawal_keeps_the_speakers_place(desk, clock):
    meeting, (li, wang, zhang, *_), item = open_meeting(desk)
    for person, stance in ((li, "pro"), (wang, "pro"), (zhang, "pro")):
        desk.queue_speaker(item["id"], person["id"], stance)
    wang_speech = desk.queue(item["id"])[1]
    desk.withdraw_speaker(wang_speech["id"])
    assert desk.undo_last(meeting["id"], SPEECH_ACTIONS)["name"] == "王建国"
    assert [w["name"] for w in desk.queue(item["id"])] == ["李桂兰", "王建国", "张秀英"]


def test_undo_a_check_in_and_a_roster_removal(desk, clock):
    meeting, people, item = open_meeting(desk, people=6, present=4)
    late = people[5]
    desk.check_in(late["id"])
    assert desk.undo_last(meeting["id"], CHECKIN_ACTIONS)["name"] == late["name"]
    assert queries.row(desk.db, "participants", late["id"])["checked_in_at"] is None
    desk.remove_participant(late["id"])
    assert queries.row(desk.db, "participants", late["id"]) is None
    back = desk.undo_last(meeting["id"], ROSTER_ACTIONS)
    assert back["name"] == late["name"]
    row = queries.row(desk.db, "participants", late["id"])
    assert row["phone"] == late["phone"] and row["building"] == late["building"]
    # the check-ins of the first four were undone by nobody: the next undo is the 4th one
    assert desk.undo_last(meeting["id"], CHECKIN_ACTIONS)["name"] == people[3]["name"]
    assert verify(desk.db).ok


def test_nothing_to_undo_says_so(desk):
    meeting, _people, _item = open_meeting(desk)
    with pytest.raises(YitingError) as refused:
        desk.undo_last(meeting["id"], SPEECH_ACTIONS)
    assert str(refused.value) == "没有可以撤销的操作。"


def test_an_undone_start_out_of_turn_leaves_no_reason_in_the_minutes(desk, clock):
    from yiting.publish.record import meeting_record

    meeting, (li, wang, *_), item = open_meeting(desk)
    first = desk.queue_speaker(item["id"], li["id"], "pro")
    second = desk.queue_speaker(item["id"], wang["id"], "con")
    desk.start_speech(item["id"], second["id"], override_reason="急事要走")
    desk.undo_last(meeting["id"], SPEECH_ACTIONS)
    desk.start_speech(item["id"])  # in order after all
    clock.advance(seconds=30)
    desk.end_speech(first["id"])
    spoken = meeting_record(desk.db, meeting["id"])["agenda"][0]["speeches"]
    assert [s["overrides"] for s in spoken] == [[]]
