"""More than half is a quorum that exactly half does not reach; a vote taken without quorum is
consultative and records no verdict."""

import pytest
from record_helpers import open_meeting

from yiting.desk import Desk
from yiting.errors import RuleViolation
from yiting.store.db import memory


@pytest.fixture
def desk(clock):
    return Desk(memory(), clock=clock)


@pytest.mark.parametrize(("strict", "refused"), [(True, True), (False, False)])
def test_exactly_half_present_is_no_quorum_of_more_than_half(desk, strict, refused):
    rules = {"quorum_kind": "share", "quorum_value": 0.5, "quorum_strict": strict}
    meeting, people, item = open_meeting(desk, people=6, present=3, rules=rules)
    proposal = desk.submit_proposal(item["id"], "按现状重新划线")
    if refused:
        with pytest.raises(RuleViolation) as no_quorum:
            desk.open_vote(proposal["id"])
        assert "法定人数 4 人" in str(no_quorum.value)
    else:
        assert desk.open_vote(proposal["id"])["status"] == "open"


def test_a_consultative_vote_records_no_verdict(desk):
    meeting, people, item = open_meeting(desk, people=6, present=2)  # the 南塘 default: more than half
    proposal = desk.submit_proposal(item["id"], "按现状重新划线")
    vote = desk.open_vote(proposal["id"], consultative=True, reason="人少，先听意见")
    desk.adjust_count(vote["id"], "yes")
    desk.adjust_count(vote["id"], "yes")
    closed = desk.close_vote(vote["id"])
    assert closed["passed"] is None and closed["consultative"] == 1
    assert desk._get("proposals", proposal["id"])["status"] == "submitted"  # decided nothing
    corrected = desk.correct_vote(closed["id"], "漏记一票", 2, 0, 0)
    assert corrected["passed"] is None
