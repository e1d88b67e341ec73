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


NONE = Rules(quorum_kind=QuorumKind.NONE, quorum_value=0)


def share(value: float, strict: bool = False) -> Rules:
    return Rules(quorum_kind=QuorumKind.SHARE, quorum_value=value, quorum_strict=strict)


def count(value: int, strict: bool = False) -> Rules:
    return Rules(quorum_kind=QuorumKind.COUNT, quorum_value=value, quorum_strict=strict)


@pytest.mark.parametrize(
    ("rules", "eligible", "needed"),
    [
        (NONE, 20, 0),
        (count(11), 20, 11),
        (count(11, strict=True), 20, 12),  # more than 11
        (share(0.5, strict=True), 30, 16),  # more than half of 30: 15 is only half
        (share(0.5), 30, 15),  # at least half
        (share(0.5, strict=True), 31, 16),
        (share(2 / 3, strict=True), 30, 21),
        (share(2 / 3, strict=True), 31, 21),
        (Rules(), 30, 16),  # the 南塘 default: more than half
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
    assert quorum_met(NONE, present=0, eligible=20)
    assert not quorum_met(share(0.5, strict=True), present=15, eligible=30)
    assert quorum_met(share(0.5, strict=True), present=16, eligible=30)
    assert not quorum_met(count(25), present=20, eligible=20)


def test_quorum_sentences():
    rules = count(11)
    assert quorum_sentence(rules, 14, 20, "zh") == "到会 14/20 人，法定人数 11 人，已达到。"
    assert quorum_sentence(rules, 8, 20, "zh") == "到会 8/20 人，法定人数 11 人，未达到，还差 3 人。"
    assert quorum_sentence(rules, 14, 20, "en") == "14 of 20 present; quorum 11: met."
    assert quorum_sentence(rules, 8, 20, "en") == "8 of 20 present; quorum 11: not met, 3 short."
    assert quorum_sentence(NONE, 14, 20, "zh") == "到会 14/20 人，不设法定人数。"
    # An empty roster is never a quorum reached, whatever the rule.
    assert not quorum_met(rules, 0, 0)
    assert quorum_sentence(rules, 0, 0, "zh") == "名单上还没有可以表决的人，谈不上法定人数。"
    assert quorum_sentence(NONE, 0, 0, "en") == "Nobody with a vote is on the roster yet: there is no quorum to reach."


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


@relaxed
@given(st.integers(1, 99), st.integers(0, 500))
def test_a_strict_quorum_is_the_smallest_count_above_the_share(percent, eligible):
    needed = quorum_needed(share(percent / 100, strict=True), eligible)
    exact = Fraction(percent, 100) * eligible
    assert needed > exact and needed - 1 <= exact


def test_the_quorum_rule_in_words():
    from yiting.domain import quorum_rule_phrase

    def words(rules, lang="zh"):
        return quorum_rule_phrase(rules).text(lang)

    assert words(Rules()) == "到会须过半数（超过有表决权者的一半）"
    assert words(share(0.5)) == "到会不少于有表决权者的半数"
    assert words(share(2 / 3, strict=True), "en") == "more than 2/3 of the voters present"
    assert words(share(2 / 3)) == "到会不少于有表决权者的 2/3"
    assert words(count(11)) == "到会不少于 11 人"
    assert words(count(11, strict=True), "en") == "more than 11 voters present"
    assert words(NONE) == "不设法定人数"


def test_a_share_of_all_cannot_be_exceeded():
    with pytest.raises(InvalidInput):
        share(1.0, strict=True)
