"""Votes through the desk: quorum, tallies, roll call, owners' vote, corrections."""

import pytest
from record_helpers import open_meeting

from yiting.desk import Desk
from yiting.errors import InvalidInput, RuleViolation, YitingError
from yiting.store import queries
from yiting.store.db import memory

QUORUM_HALF = {"quorum_kind": "share", "quorum_value": 0.5}


@pytest.fixture
def desk(clock):
    return Desk(memory(), clock=clock)


def proposal(desk, item, text="由物业拆除假山，改建休闲座椅和乒乓球台"):
    return desk.submit_proposal(item["id"], text)


def test_show_of_hands_passes_with_its_sentence(desk):
    meeting, people, item = open_meeting(desk, people=10)
    vote = desk.open_vote(proposal(desk, item)["id"])
    for choice, n in (("yes", 6), ("no", 3), ("abstain", 1)):
        for _ in range(n):
            vote = desk.adjust_count(vote["id"], choice)
    closed = desk.close_vote(vote["id"])
    assert closed["passed"] == 1
    assert closed["explanation"] == "赞成 6 票，反对 3 票，弃权 1 票；赞成多于反对，通过。"
    assert queries.row(desk.db, "proposals", closed["proposal_id"])["status"] == "adopted"


def test_counts_never_exceed_those_present(desk):
    meeting, people, item = open_meeting(desk, people=5, present=3)
    vote = desk.open_vote(proposal(desk, item)["id"])
    for _ in range(3):
        desk.adjust_count(vote["id"], "yes")
    with pytest.raises(InvalidInput):
        desk.adjust_count(vote["id"], "no")
    with pytest.raises(InvalidInput):
        desk.set_counts(vote["id"], 1, -1, 0)
    with pytest.raises(InvalidInput):
        desk.adjust_count(vote["id"], "abstain", -1)
    assert queries.row(desk.db, "votes", vote["id"])["yes"] == 3


def test_no_quorum_refuses_the_vote_unless_consultative(desk):
    meeting, people, item = open_meeting(desk, people=10, present=4, rules=QUORUM_HALF)
    p = proposal(desk, item)
    with pytest.raises(RuleViolation) as refused:
        desk.open_vote(p["id"])
    assert "法定人数" in str(refused.value)
    # the whole message, its quorum sentence too, in the language it is shown in
    english = refused.value.message("en")
    assert "quorum" in english.lower() and "4 of 10" in english and not any("\u4e00" <= c <= "\u9fff" for c in english)
    vote = desk.open_vote(p["id"], consultative=True)
    desk.adjust_count(vote["id"], "yes")
    closed = desk.close_vote(vote["id"])
    assert closed["consultative"] == 1
    # a consultative vote decides nothing
    assert queries.row(desk.db, "proposals", p["id"])["status"] == "submitted"


def test_roll_call_one_vote_per_person(desk):
    meeting, people, item = open_meeting(desk, people=4, present=3)
    vote = desk.open_vote(proposal(desk, item)["id"], method="roll_call")
    desk.cast_ballot(vote["id"], people[0]["id"], "yes")
    desk.cast_ballot(vote["id"], people[0]["id"], "no")  # changes the vote, does not add one
    desk.cast_ballot(vote["id"], people[1]["id"], "yes")
    with pytest.raises(InvalidInput, match="还没有签到"):
        desk.cast_ballot(vote["id"], people[3]["id"], "yes")
    row = queries.row(desk.db, "votes", vote["id"])
    assert (row["yes"], row["no"], row["abstain"]) == (1, 1, 0)
    assert len(queries.ballots(desk.db, vote["id"])) == 2
    closed = desk.close_vote(vote["id"])
    assert closed["passed"] == 0 and "未通过" in closed["explanation"]


def test_a_closed_vote_is_never_edited_but_can_be_corrected(desk):
    meeting, people, item = open_meeting(desk, people=10)
    p = proposal(desk, item)
    vote = desk.open_vote(p["id"], method="paper_ballot")
    desk.set_counts(vote["id"], 4, 5, 1)
    closed = desk.close_vote(vote["id"])
    assert closed["passed"] == 0
    with pytest.raises(YitingError, match="已经结束"):
        desk.set_counts(vote["id"], 6, 3, 1)
    with pytest.raises(YitingError, match="理由"):
        desk.correct_vote(vote["id"], "", 6, 3, 1)
    fixed = desk.correct_vote(vote["id"], "有两张选票计入了反对栏，复核后更正", 6, 3, 1)
    assert fixed["corrects_vote_id"] == vote["id"] and fixed["passed"] == 1
    assert queries.row(desk.db, "votes", vote["id"])["no"] == 5  # the original stands as it was
    assert queries.row(desk.db, "proposals", p["id"])["status"] == "adopted"


def test_owners_vote_under_article_278(desk):
    meeting = desk.create_meeting("香溪美地业主大会", kind="业主大会", rules={"vote_rule": "art278_general"})
    areas = [89.5, 120.0, 76.3, 105.8, 95.0, 132.4]
    owners = desk.add_participants(meeting["id"], [
        {"name": f"业主{i + 1}", "area_m2": a, "party": "业主"} for i, a in enumerate(areas)
    ])
    desk.check_in(owners[0]["id"])
    # what the vote screen shows before a vote opens, and what the vote will count: the same figures
    assert desk.electorate(meeting["id"]) == {"present": 1, "eligible": 6, "eligible_area": 0}
    assert desk.electorate(meeting["id"], "art278_general") == {"present": 6, "eligible": 6,
                                                               "eligible_area": pytest.approx(sum(areas))}
    desk.open_meeting(meeting["id"])
    item = desk.add_item(meeting["id"], "选聘新的物业服务企业")
    desk.open_item(item["id"])
    p = desk.submit_proposal(item["id"], "选聘新物业公司")
    with pytest.raises(InvalidInput):
        desk.open_vote(p["id"], method="show_of_hands")
    vote = desk.open_vote(p["id"], method="roll_call")
    assert vote["eligible"] == 6 and vote["eligible_area"] == pytest.approx(sum(areas))
    for owner, choice in zip(owners, ["yes", "yes", "yes", "yes", "no"], strict=False):
        desk.cast_ballot(vote["id"], owner["id"], choice)  # door to door: no check-in needed
    closed = desk.close_vote(vote["id"])
    assert closed["passed"] == 1
    assert "面积" in closed["explanation"] and "人" in closed["explanation"]
    assert closed["yes_area"] == pytest.approx(89.5 + 120.0 + 76.3 + 105.8)


def test_one_vote_open_at_a_time_and_meeting_cannot_close_during_it(desk):
    meeting, people, item = open_meeting(desk)
    first = proposal(desk, item, "方案一")
    second = proposal(desk, item, "方案二")
    desk.open_vote(first["id"])
    with pytest.raises(YitingError):
        desk.open_vote(second["id"])
    with pytest.raises(YitingError):
        desk.close_meeting(meeting["id"])


def test_cancelled_vote_returns_the_proposal(desk):
    meeting, people, item = open_meeting(desk)
    p = proposal(desk, item)
    vote = desk.open_vote(p["id"])
    desk.cancel_vote(vote["id"], "表决方式选错了")
    assert queries.row(desk.db, "proposals", p["id"])["status"] == "submitted"
    assert desk.item(item["id"])["status"] == "discussing"
