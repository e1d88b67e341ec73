"""Rules that hold however the desk is driven: limits, item states, presence, two windows."""

import pytest
from record_helpers import open_meeting

from yiting.desk import Desk
from yiting.errors import InvalidInput, RuleViolation, StoreError, YitingError
from yiting.store import queries
from yiting.store.db import connect, memory


@pytest.fixture
def desk(clock):
    return Desk(memory(), clock=clock)


def test_a_reply_cannot_slip_past_the_speech_limit(desk):
    meeting, people, item = open_meeting(desk, rules={"speeches_per_person": 2})
    person = people[0]["id"]
    desk.queue_speaker(item["id"], person, "pro")
    desk.end_speech(desk.start_speech(item["id"])["id"])
    desk.queue_speaker(item["id"], person, "pro")
    with pytest.raises(YitingError, match="已经在发言名单上"):
        desk.queue_speaker(item["id"], person, "pro", kind="reply")
    desk.end_speech(desk.start_speech(item["id"])["id"])
    assert desk.spoken(item["id"], person) == 2
    with pytest.raises(RuleViolation):
        desk.queue_speaker(item["id"], person, "neutral", kind="reply")
    # a point of order is no speech: it may always be raised
    desk.queue_speaker(item["id"], person, "neutral", kind="point_of_order")


def test_only_people_present_join_the_list_of_speakers(desk):
    meeting, people, item = open_meeting(desk, people=5, present=3)
    with pytest.raises(InvalidInput, match="还没有签到"):
        desk.queue_speaker(item["id"], people[4]["id"], "pro")
    desk.check_in(people[4]["id"])
    desk.queue_speaker(item["id"], people[4]["id"], "pro")


def test_items_close_only_from_a_state_that_allows_it(desk):
    meeting, people, item = open_meeting(desk)
    pending = desk.add_item(meeting["id"], "乒乓球台选址")
    with pytest.raises(YitingError):
        desk.close_item(pending["id"], "decided")  # never discussed
    desk.close_item(item["id"], "decided")
    with pytest.raises(YitingError, match="已经结束"):
        desk.close_item(item["id"], "withdrawn")  # a decision is not rewritten
    assert desk.close_item(pending["id"], "withdrawn")["status"] == "withdrawn"


def test_consultative_vote_says_so_in_its_sentence(desk):
    meeting, people, item = open_meeting(desk, people=10, present=3,
                                         rules={"quorum_kind": "share", "quorum_value": 0.5})
    proposal = desk.submit_proposal(item["id"], "先听取大家意见")
    vote = desk.open_vote(proposal["id"], consultative=True, reason="人没到齐，先摸底")
    assert queries.events(desk.db, meeting["id"])[-1]["reason"] == "人没到齐，先摸底"
    desk.adjust_count(vote["id"], "yes")
    closed = desk.close_vote(vote["id"])
    assert closed["explanation"].startswith("（仅供参考")
    from yiting.publish.record import meeting_record

    [exported] = meeting_record(desk.db, meeting["id"], "en")["agenda"][0]["proposals"][0]["votes"]
    assert exported["explanation"].startswith("(Consultative only")


def test_actions_link_only_to_their_own_meeting_and_are_not_due_before_it(desk):
    meeting, people, item = open_meeting(desk)
    other, _, other_item = open_meeting(desk)
    with pytest.raises(InvalidInput, match="本次会议"):
        desk.add_action(meeting["id"], "拆除假山", owner_party="物业公司", item_id=other_item["id"])
    with pytest.raises(InvalidInput, match="早于会议日期"):
        desk.add_action(meeting["id"], "拆除假山", owner_party="物业公司", due="2020-01-01")


def test_a_second_window_cannot_slip_between_a_check_and_its_write(tmp_path, clock):
    path = tmp_path / "meetings.sqlite"
    first = Desk(connect(path), clock=clock)
    meeting, people, item = open_meeting(first)
    one = first.submit_proposal(item["id"], "方案一")
    two = first.submit_proposal(item["id"], "方案二")
    second = Desk(connect(path), clock=clock)
    second.db.execute("PRAGMA busy_timeout = 50")
    from yiting.desk.votes import VoteDesk

    real_electorate = VoteDesk._electorate
    seen = {}

    def electorate_with_interruption(self, *args):
        # the second window tries to open a vote while the first is between its checks and write
        if self is first and "tried" not in seen:
            seen["tried"] = True
            with pytest.raises(StoreError):
                second.open_vote(two["id"])
        return real_electorate(self, *args)

    VoteDesk._electorate = electorate_with_interruption
    try:
        first.open_vote(one["id"])
    finally:
        VoteDesk._electorate = real_electorate
    assert seen == {"tried": True}
    with pytest.raises(YitingError, match="已经有一项表决"):
        second.open_vote(two["id"])
    assert len([v for v in queries.votes_of_meeting(first.db, meeting["id"]) if v["status"] == "open"]) == 1


def test_a_pending_item_can_be_taken_off_a_draft_agenda(desk):
    meeting = desk.create_meeting("板凳会")
    item = desk.add_item(meeting["id"], "乒乓球台选址")
    assert desk.close_item(item["id"], "withdrawn")["status"] == "withdrawn"
    other = desk.add_item(meeting["id"], "楼道照明")
    with pytest.raises(YitingError):
        desk.close_item(other["id"], "decided")


def test_speeches_are_counted_per_proposal(desk):
    meeting, people, item = open_meeting(desk)
    person = people[0]["id"]
    desk.queue_speaker(item["id"], person, "pro")
    desk.end_speech(desk.start_speech(item["id"])["id"])
    first = desk.submit_proposal(item["id"], "方案一")
    assert desk.spoken(item["id"], person) == 0  # a new proposal, a new count
    assert desk.spoken(item["id"], person, proposal_id=None) == 1
    desk.queue_speaker(item["id"], person, "con")
    assert desk.queue(item["id"])[0]["building"] == "1号楼"
    desk.end_speech(desk.start_speech(item["id"])["id"])
    assert desk.spoken(item["id"], person, proposal_id=first["id"]) == 1
