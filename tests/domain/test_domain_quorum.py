"""Quorum: how many must be present, and the sentence that says so."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yiting.domain import QuorumKind, Rules, quorum_met, quorum_needed, quorum_sentence
from yiting.errors import InvalidInput

relaxed = settings(deadline=None)


def share(value: float) -> Rules:
    return Rules(quorum_kind=QuorumKind.SHARE, quorum_value=value)


def count(value: int) -> Rules:
    return Rules(quorum_kind=QuorumKind.COUNT, quorum_value=value)


@pytest.mark.parametrize(
    ("rules", "eligible", "needed"),
    [
        (Rules(), 20, 0),
        (count(11), 20, 11),
        (count(0), 20, 0),
        (share(0.55), 20, 11),  # 0.55 × 20 is 11.000000000000002 in floats
        (share(0.5), 21, 11),
        (share(0.5), 20, 10),
        (share(2 / 3), 30, 20),
        (share(2 / 3), 31, 21),
        (share(1.0), 7, 7),
        (share(0.1), 0, 0),
    ],
)
def test_quorum_needed(rules, eligible, needed):
    assert quorum_needed(rules, eligible) == needed


def test_quorum_met():
    assert quorum_met(share(0.55), present=11, eligible=20)
    assert not quorum_met(share(0.55), present=10, eligible=20)
    assert quorum_met(Rules(), present=0, eligible=20)
    assert not quorum_met(count(25), present=20, eligible=20)


def test_quorum_sentences():
    rules = count(11)
    assert quorum_sentence(rules, 14, 20, "zh") == "到会 14/20 人，法定人数 11 人，已达到。"
    assert quorum_sentence(rules, 8, 20, "zh") == "到会 8/20 人，法定人数 11 人，未达到，还差 3 人。"
    assert quorum_sentence(rules, 14, 20, "en") == "14 of 20 present; quorum 11: met."
    assert quorum_sentence(rules, 8, 20, "en") == "8 of 20 present; quorum 11: not met, 3 short."
    assert quorum_sentence(Rules(), 14, 20, "zh") == "到会 14/20 人，不设法定人数。"
    # An empty roster is never a quorum reached, whatever the rule.
    assert not quorum_met(rules, 0, 0)
    assert quorum_sentence(rules, 0, 0, "zh") == "名单上还没有可以表决的人，谈不上法定人数。"
    assert quorum_sentence(Rules(), 0, 0, "en") == "Nobody with a vote is on the roster yet: there is no quorum to reach."


def test_quorum_refuses_negative_counts():
    with pytest.raises(InvalidInput):
        quorum_met(count(3), present=-1, eligible=5)
    with pytest.raises(InvalidInput):
        quorum_needed(share(0.5), -4)


@relaxed
@given(st.integers(1, 100), st.integers(0, 500))
def test_share_quorum_is_the_smallest_count_reaching_the_share(percent, eligible):
    needed = quorum_needed(share(percent / 100), eligible)
    exact = Fraction(percent, 100) * eligible
    assert needed >= exact and needed - 1 < exact
    assert needed == math.ceil(exact)


@relaxed
@given(st.integers(1, 100), st.integers(0, 200), st.integers(0, 200))
def test_quorum_met_agrees_with_needed(percent, present, extra):
    eligible = present + extra
    rules = share(percent / 100)
    assert quorum_met(rules, present, eligible) is (eligible > 0 and present >= quorum_needed(rules, eligible))
