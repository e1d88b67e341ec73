"""The art. 278 count over units and owners, against a second count written from the law's text."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yiting.domain import VoteRule, decide
from yiting.domain.owners import (
    Unit,
    check_ballot,
    denominators,
    needed_sentences,
    owners_tally,
    still_needed,
)
from yiting.errors import InvalidInput

DEVELOPER = 999


def law_count(units: list[tuple[int, int, frozenset[int]]], ballots: dict[int, str], special: bool) -> bool:
    """Civil Code art. 278 with the SPC interpretation arts. 8-9, counted in whole cents.

    `units`: (unit id, area in cents, owners). Each unit is one owner, except: all units with
    the same buyer(s) are one owner; the developer's unsold units are one owner; a unit
    without recorded owners is one owner by itself. Returns whether the matter passes.
    """
    buyer_of = {}
    for unit_id, _, owners in units:
        buyer_of[unit_id] = ",".join(str(o) for o in sorted(owners)) if owners else f"unit-{unit_id}"
    all_buyers = set(buyer_of.values())
    total_cents = sum(cents for _, cents, _ in units)
    said = {}
    part_cents = yes_cents = 0
    for unit_id, cents, _ in units:
        if unit_id in ballots:
            said[buyer_of[unit_id]] = ballots[unit_id]
            part_cents += cents
            if ballots[unit_id] == "yes":
                yes_cents += cents
    part_heads = len(said)
    yes_heads = sum(1 for v in said.values() if v == "yes")
    # 1. two thirds of all area and of all owners take part
    if not (3 * part_cents >= 2 * total_cents and 3 * part_heads >= 2 * len(all_buyers)):
        return False
    # 2. of those taking part: three quarters (items 6-8), else more than half, by area and by head
    if special:
        return 4 * yes_cents >= 3 * part_cents and 4 * yes_heads >= 3 * part_heads
    return 2 * yes_cents > part_cents and 2 * yes_heads > part_heads


@st.composite
def properties(draw):
    people = list(range(1, draw(st.integers(1, 12)) + 1))
    count = draw(st.integers(1, 25))
    units = []
    for unit_id in range(1, count + 1):
        cents = draw(st.integers(1, 30000))
        kind = draw(st.sampled_from(["one", "one", "co", "developer", "none"]))
        if kind == "one":
            owners = frozenset({draw(st.sampled_from(people))})
        elif kind == "co":
            owners = frozenset(draw(st.lists(st.sampled_from(people), min_size=2, max_size=3, unique=True))
                               if len(people) > 1 else people)
        elif kind == "developer":
            owners = frozenset({DEVELOPER})
        else:
            owners = frozenset()
        units.append((unit_id, cents, owners))
    # one will per holder; each of its units returned or not
    will = {}
    ballots = {}
    for unit_id, _, owners in units:
        key = owners or unit_id
        choice = will.setdefault(key, draw(st.sampled_from(["yes", "yes", "no", "abstain", None])))
        if choice is not None and draw(st.booleans()):
            ballots[unit_id] = choice
    return units, ballots


def as_units(units):
    return [Unit(id=i, label=f"{i}室", area_m2=cents / 100, owners=owners) for i, cents, owners in units]


@settings(max_examples=300, deadline=None)
@given(properties(), st.booleans())
def test_art278_count_matches_the_law(prop, special):
    units, ballots = prop
    rule = VoteRule.ART278_SPECIAL if special else VoteRule.ART278_GENERAL
    tally = owners_tally(as_units(units), ballots)
    assert decide(rule, tally).passed == law_count(units, ballots, special)
    assert tally.eligible_area == pytest.approx(sum(c for _, c, _ in units) / 100)


@settings(max_examples=200, deadline=None)
@given(properties(), st.booleans())
def test_still_needed_is_exactly_enough(prop, special):
    """Adding exactly what the panel says is needed reaches participation; one cent less does not."""
    units, ballots = prop
    rule = VoteRule.ART278_SPECIAL if special else VoteRule.ART278_GENERAL
    needed = still_needed(rule, as_units(units), ballots)
    tally = owners_tally(as_units(units), ballots)
    part_area = Fraction(round((tally.yes_area + tally.no_area + tally.abstain_area) * 100), 100)
    total = Fraction(round(tally.eligible_area * 100), 100)
    assert 3 * (part_area + needed.participation_area) >= 2 * total
    if needed.participation_area:
        assert 3 * (part_area + needed.participation_area - Fraction(1, 100)) < 2 * total
    assert 3 * (tally.cast + needed.participation_heads) >= 2 * tally.eligible
    if needed.participation_heads:
        assert 3 * (tally.cast + needed.participation_heads - 1) < 2 * tally.eligible


def test_one_buyer_of_several_units_the_developer_and_co_owners():
    units = [Unit(1, "1-101", 90, owners=frozenset({1})), Unit(2, "1-102", 80, owners=frozenset({1})),
             Unit(3, "1-201", 100, owners=frozenset({2, 3})), Unit(4, "1-202", 70, "survey", frozenset({DEVELOPER})),
             Unit(5, "1-301", 60, "contract", frozenset({DEVELOPER})), Unit(6, "1-302", 50)]
    den = denominators(units)
    assert (den.units, den.heads, den.area) == (6, 4, 450)
    assert den.by_source["survey"] == (1, 70) and den.by_source["contract"] == (1, 60)
    assert (den.merged_heads, den.merged_units) == (2, 2)
    text = den.sentence("zh")
    assert "专有部分 6 套" in text and "总面积 450 m²" in text and "业主总人数 4 人" in text
    assert "实测 1 套 70 m²" in text
    tally = owners_tally(units, {1: "yes", 2: "yes", 3: "no"})
    assert (tally.yes, tally.no, tally.yes_area, tally.no_area) == (1, 1, 170, 100)


def test_a_unit_is_counted_once_and_one_owner_has_one_say():
    units = [Unit(1, "1-101", 90, owners=frozenset({1})), Unit(2, "1-102", 80, owners=frozenset({1}))]
    with pytest.raises(InvalidInput) as twice:
        check_ballot(units, {1: "yes"}, 1, "yes")
    assert "已经计入" in twice.value.message("zh")
    with pytest.raises(InvalidInput) as split:
        check_ballot(units, {1: "yes"}, 2, "no")
    assert "同一业主" in split.value.message("zh")
    check_ballot(units, {1: "yes"}, 2, "yes")
    with pytest.raises(InvalidInput):
        check_ballot(units, {}, 7, "yes")


def _owners(*areas):
    return [Unit(i, f"{i}", a, owners=frozenset({i})) for i, a in enumerate(areas, start=1)]


def test_two_thirds_reached_exactly_and_missed_by_a_cent():
    even = _owners(100, 100, 100)
    assert decide(VoteRule.ART278_GENERAL, owners_tally(even, {1: "yes", 2: "yes"})).passed
    short = _owners(100, 99.99, 100.01)  # 199.99 of 300.00 m²: one cent short of two thirds
    outcome = decide(VoteRule.ART278_GENERAL, owners_tally(short, {1: "yes", 2: "yes"}))
    assert not outcome.passed and outcome.reason == "participation_area_short"
    needed = still_needed(VoteRule.ART278_GENERAL, short, {1: "yes", 2: "yes"})
    assert (needed.participation_heads, needed.participation_area) == (0, Fraction(1, 100))
    assert needed_sentences(VoteRule.ART278_GENERAL, needed, "zh")[0] == "还需 0.01 m² 参与即达到三分之二"


def test_three_quarters_reached_exactly_and_missed_by_a_cent():
    even = _owners(100, 100, 100, 100)
    assert decide(VoteRule.ART278_SPECIAL, owners_tally(even, {1: "yes", 2: "yes", 3: "yes", 4: "no"})).passed
    short = _owners(100, 100, 99.99, 100.01)  # 299.99 of 400 m² agree
    outcome = decide(VoteRule.ART278_SPECIAL, owners_tally(short, {1: "yes", 2: "yes", 3: "yes", 4: "no"}))
    assert not outcome.passed and outcome.reason == "yes_area_short"
    needed = still_needed(VoteRule.ART278_SPECIAL, short, {1: "yes", 2: "yes", 3: "yes", 4: "no"})
    assert (needed.agree_heads, needed.agree_area) == (0, Fraction(1, 100))


def test_still_needed_in_words():
    units = _owners(*([100.5] * 9))
    needed = still_needed(VoteRule.ART278_GENERAL, units, {1: "yes", 2: "yes", 3: "no"})
    zh = needed_sentences(VoteRule.ART278_GENERAL, needed, "zh")
    assert zh[0] == "还需 3 户、301.5 m² 参与即达到三分之二"
    assert zh[1] == "同意已达到参与者面积、人数的过半数。"
    en = needed_sentences(VoteRule.ART278_GENERAL, needed, "en")
    assert en[0] == "Two thirds take part once 3 owners and 301.5 m² more do"


def test_before_the_first_ballot_agreement_is_not_said_to_be_one_cent_short():
    units = _owners(*([100.5] * 9))
    zh = needed_sentences(VoteRule.ART278_GENERAL, still_needed(VoteRule.ART278_GENERAL, units, {}), "zh")
    assert zh == ["还需 6 户、603 m² 参与即达到三分之二", "同意须达到参与者面积、人数的过半数：收回第一张选票后计算"]
