"""Deciding tallies: worked examples of every rule, and properties that hold for any tally."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from yiting.domain import Outcome, Tally, VoteRule, decide, validate_tally
from yiting.errors import InvalidInput
from yiting.i18n import has

relaxed = settings(deadline=None)

ORDINARY = [
    VoteRule.PLAIN_MAJORITY,
    VoteRule.TWO_THIRDS,
    VoteRule.PRESENT_MAJORITY,
    VoteRule.CONSENSUS,
]
ART278 = [VoteRule.ART278_GENERAL, VoteRule.ART278_SPECIAL]


def owners_tally(yes=11, no=9, abstain=0, eligible=30, yes_area=1100.0, no_area=900.0,
                 abstain_area=0.0, eligible_area=3000.0) -> Tally:
    """An art. 278 tally; by default exactly 2/3 of 30 owners and of 3,000 m² take part."""
    return Tally(yes=yes, no=no, abstain=abstain, present=0, eligible=eligible,
                 yes_area=yes_area, no_area=no_area, abstain_area=abstain_area,
                 eligible_area=eligible_area)


# --- worked examples: ordinary rules -------------------------------------------------------

def test_plain_majority_example_sentence():
    outcome = decide(VoteRule.PLAIN_MAJORITY, Tally(yes=12, no=5, abstain=3, present=20, eligible=25))
    assert outcome.passed and outcome.reason == "yes_gt_no"
    assert outcome.explanation() == "赞成 12 票，反对 5 票，弃权 3 票；赞成多于反对，通过。"
    assert outcome.explanation("en") == "12 yes, 5 no, 3 abstentions; more yes than no: adopted."


def test_plain_majority_tie_fails():
    outcome = decide(VoteRule.PLAIN_MAJORITY, Tally(yes=6, no=6, abstain=0, present=12, eligible=12))
    assert not outcome.passed and outcome.reason == "tie"
    assert outcome.explanation("zh") == "赞成 6 票，反对 6 票，弃权 0 票；赞成未多于反对，未通过。"


@pytest.mark.parametrize(
    ("yes", "no", "abstain", "passed", "reason"),
    [
        (5, 7, 0, False, "no_gt_yes"),
        (0, 0, 4, False, "no_votes"),
        (1, 0, 9, True, "yes_gt_no"),  # abstentions are not counted
    ],
)
def test_plain_majority_table(yes, no, abstain, passed, reason):
    outcome = decide(VoteRule.PLAIN_MAJORITY, Tally(yes, no, abstain, present=20, eligible=20))
    assert (outcome.passed, outcome.reason) == (passed, reason)


def test_english_singular_abstention():
    outcome = decide(VoteRule.PLAIN_MAJORITY, Tally(yes=3, no=1, abstain=1, present=5, eligible=5))
    assert outcome.explanation("en") == "3 yes, 1 no, 1 abstention; more yes than no: adopted."


@pytest.mark.parametrize(
    ("yes", "no", "abstain", "passed", "reason", "share"),
    [
        (10, 5, 0, True, "yes_ge_two_thirds", "66.7"),  # exactly two thirds
        (9, 5, 0, False, "yes_lt_two_thirds", "64.3"),
        (10, 5, 30, True, "yes_ge_two_thirds", "66.7"),  # abstentions do not count
        (2, 0, 0, True, "yes_ge_two_thirds", "100.0"),
        (0, 0, 3, False, "no_votes", None),
    ],
)
def test_two_thirds_table(yes, no, abstain, passed, reason, share):
    outcome = decide(VoteRule.TWO_THIRDS, Tally(yes, no, abstain, present=50, eligible=60))
    assert (outcome.passed, outcome.reason) == (passed, reason)
    assert outcome.figures.get("yes_share") == (float(share) if share else None)


def test_two_thirds_sentence():
    outcome = decide(VoteRule.TWO_THIRDS, Tally(yes=10, no=5, abstain=1, present=16, eligible=16))
    assert outcome.explanation() == (
        "赞成 10 票，反对 5 票，弃权 1 票；赞成占赞成与反对票之和的 66.7%，达到三分之二，通过。"
    )


def test_share_just_under_a_threshold_is_not_shown_rounded_up():
    # 19,999 / 30,000 = 66.663…%: one decimal would say 66.7% beside "less than two thirds".
    outcome = decide(VoteRule.TWO_THIRDS, Tally(19_999, 10_001, 0, present=30_000, eligible=30_000))
    assert not outcome.passed
    assert outcome.figures["yes_share"] == 66.66
    assert "66.66%" in outcome.explanation()


@pytest.mark.parametrize(
    ("yes", "present", "passed", "needed"),
    [(11, 20, True, 11), (10, 20, False, 11), (11, 21, True, 11), (10, 21, False, 11), (0, 0, False, 1)],
)
def test_present_majority_table(yes, present, passed, needed):
    outcome = decide(VoteRule.PRESENT_MAJORITY, Tally(yes, 0, 0, present=present, eligible=present))
    assert outcome.passed is passed
    assert outcome.figures["needed"] == needed


def test_present_majority_counts_abstentions_against():
    outcome = decide(VoteRule.PRESENT_MAJORITY, Tally(yes=10, no=5, abstain=5, present=20, eligible=25))
    assert not outcome.passed
    assert outcome.explanation() == "赞成 10 票，反对 5 票，弃权 5 票；到会 20 人，过半数需 11 票，未通过。"


@pytest.mark.parametrize(
    ("yes", "no", "abstain", "passed", "reason", "sentence_end"),
    [
        (5, 0, 2, True, "no_objection", "无人反对，通过。"),
        (5, 1, 0, False, "objection", "有 1 票反对，未通过。"),
        (0, 0, 3, False, "no_yes", "无人赞成，未通过。"),
    ],
)
def test_consensus_table(yes, no, abstain, passed, reason, sentence_end):
    outcome = decide(VoteRule.CONSENSUS, Tally(yes, no, abstain, present=10, eligible=10))
    assert (outcome.passed, outcome.reason) == (passed, reason)
    assert outcome.explanation().endswith(sentence_end)


# --- worked examples: Civil Code art. 278 ----------------------------------------------------

def test_art278_example_sentence():
    tally = owners_tally(yes=61, no=20, abstain=5, eligible=100, yes_area=6100.0,
                         no_area=1820.5, abstain_area=500.0, eligible_area=10000.0)
    outcome = decide(VoteRule.ART278_GENERAL, tally)
    assert outcome.passed
    assert outcome.explanation() == (
        "参与表决：专有面积 8,420.5/10,000.0 m²（84.2%），业主 86/100 人（86.0%），达到三分之二；"
        "同意：面积 6,100.0 m²（占参与 72.4%），人数 61 人（占参与 70.9%），均过半数，通过。"
    )
    assert outcome.explanation("en") == (
        "Participation: exclusive area 8,420.5/10,000.0 m² (84.2%), owners 86/100 (86.0%), "
        "at least two thirds; in favour: area 6,100.0 m² (72.4% of participating), "
        "owners 61 (70.9% of participating), both more than half: adopted."
    )


@pytest.mark.parametrize(
    ("rule", "tally", "passed", "reason", "sentence_end"),
    [
        # Participation exactly 2/3 by heads (20/30) and by area (2,000/3,000).
        (VoteRule.ART278_GENERAL, owners_tally(), True, "yes_area_and_heads_met", "均过半数，通过。"),
        (VoteRule.ART278_GENERAL, owners_tally(eligible_area=3000.01), False,
         "participation_area_short", "，面积未达到三分之二，未通过。"),
        (VoteRule.ART278_GENERAL, owners_tally(eligible=31), False,
         "participation_heads_short", "，人数未达到三分之二，未通过。"),
        (VoteRule.ART278_GENERAL, owners_tally(eligible=31, eligible_area=3000.01), False,
         "participation_area_and_heads_short", "，面积和人数均未达到三分之二，未通过。"),
        # Exactly half is not more than half.
        (VoteRule.ART278_GENERAL, owners_tally(yes=10, no=10, yes_area=1000.0, no_area=1000.0),
         False, "yes_area_and_heads_short", "面积和人数均未过半数，未通过。"),
        (VoteRule.ART278_GENERAL, owners_tally(yes=10, no=10, yes_area=1200.0, no_area=800.0),
         False, "yes_heads_short", "面积过半数，但人数未过半数，未通过。"),
        (VoteRule.ART278_GENERAL, owners_tally(yes=11, no=9, yes_area=1000.0, no_area=1000.0),
         False, "yes_area_short", "人数过半数，但面积未过半数，未通过。"),
        # Abstentions participate: they count in the base, not in favour.
        (VoteRule.ART278_GENERAL, owners_tally(yes=10, no=5, abstain=5, yes_area=1100.0,
                                               no_area=450.0, abstain_area=450.0),
         False, "yes_heads_short", "面积过半数，但人数未过半数，未通过。"),
        # Special majority: exactly 3/4 of heads (15/20) and of area (1,500/2,000).
        (VoteRule.ART278_SPECIAL, owners_tally(yes=15, no=5, yes_area=1500.0, no_area=500.0),
         True, "yes_area_and_heads_met", "均达到四分之三，通过。"),
        (VoteRule.ART278_SPECIAL, owners_tally(yes=14, no=6, yes_area=1500.0, no_area=500.0),
         False, "yes_heads_short", "面积达到四分之三，但人数未达到，未通过。"),
        (VoteRule.ART278_SPECIAL, owners_tally(yes=15, no=5, yes_area=1499.99, no_area=500.01),
         False, "yes_area_short", "人数达到四分之三，但面积未达到，未通过。"),
        (VoteRule.ART278_SPECIAL, owners_tally(yes=11, no=9), False,
         "yes_area_and_heads_short", "面积和人数均未达到四分之三，未通过。"),
        (VoteRule.ART278_GENERAL, owners_tally(yes=0, no=0, yes_area=0.0, no_area=0.0), False,
         "participation_area_and_heads_short", "业主 0/30 人（0.0%），面积和人数均未达到三分之二，未通过。"),
    ],
)
def test_art278_table(rule, tally, passed, reason, sentence_end):
    outcome = decide(rule, tally)
    assert (outcome.passed, outcome.reason) == (passed, reason)
    assert outcome.explanation("zh").endswith(sentence_end)
    assert outcome.explanation("en").endswith("adopted.")


def test_art278_states_both_figures_when_one_test_fails():
    outcome = decide(VoteRule.ART278_GENERAL, owners_tally(eligible_area=3000.01))
    text = outcome.explanation()
    assert "专有面积 2,000.0/3,000.01 m²（66.666%）" in text
    assert "业主 20/30 人（66.7%）" in text


def test_art278_areas_are_exact_despite_float_sums():
    # 0.1 + 0.2 == 0.30000000000000004; taken to 0.01 m² it is 0.3, exactly 2/3 of 0.45.
    tally = owners_tally(yes=2, no=0, eligible=3, yes_area=0.1 + 0.2, no_area=0.0, eligible_area=0.45)
    assert decide(VoteRule.ART278_SPECIAL, tally).passed


def test_art278_ballots_collected_door_to_door_need_no_presence():
    outcome = decide(VoteRule.ART278_GENERAL, owners_tally())
    assert outcome.tally.present == 0 and outcome.passed


def test_rule_given_as_string():
    outcome = decide("plain_majority", Tally(2, 1, 0, present=3, eligible=3))
    assert outcome.rule is VoteRule.PLAIN_MAJORITY and outcome.passed


# --- validation -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("rule", "tally", "key"),
    [
        (VoteRule.PLAIN_MAJORITY, Tally(-1, 0, 0, 5, 5), "domain.tally_negative_yes"),
        (VoteRule.PLAIN_MAJORITY, Tally(0, -1, 0, 5, 5), "domain.tally_negative_no"),
        (VoteRule.PLAIN_MAJORITY, Tally(0, 0, -1, 5, 5), "domain.tally_negative_abstain"),
        (VoteRule.PLAIN_MAJORITY, Tally(0, 0, 0, -1, 5), "domain.tally_negative_present"),
        (VoteRule.PLAIN_MAJORITY, Tally(0, 0, 0, 0, -1), "domain.tally_negative_eligible"),
        (VoteRule.PLAIN_MAJORITY, Tally(2.5, 0, 0, 5, 5), "domain.tally_not_whole"),
        (VoteRule.PLAIN_MAJORITY, Tally(True, 0, 0, 5, 5), "domain.tally_not_whole"),
        (VoteRule.PLAIN_MAJORITY, Tally(4, 2, 0, 5, 5), "domain.tally_over_present"),
        (VoteRule.CONSENSUS, Tally(0, 0, 6, 5, 5), "domain.tally_over_present"),
        (VoteRule.PLAIN_MAJORITY, Tally(1, 0, 0, 6, 5), "domain.tally_present_over_eligible"),
        (VoteRule.ART278_GENERAL, owners_tally(yes_area=-1.0), "domain.tally_negative_yes_area"),
        (VoteRule.ART278_GENERAL, owners_tally(no_area=float("nan")), "domain.tally_area_invalid"),
        (VoteRule.ART278_GENERAL, owners_tally(eligible_area=-3.0), "domain.tally_negative_eligible_area"),
        (VoteRule.ART278_GENERAL, owners_tally(eligible=19), "domain.tally_over_eligible"),
        (VoteRule.ART278_GENERAL, owners_tally(eligible_area=1999.99), "domain.tally_area_over_eligible"),
        (VoteRule.ART278_GENERAL, owners_tally(yes=0, no=0, eligible=0, yes_area=0.0, no_area=0.0),
         "domain.tally_no_owners"),
        (VoteRule.ART278_GENERAL, owners_tally(eligible_area=0.0), "domain.tally_no_area"),
        (VoteRule.ART278_GENERAL, owners_tally(yes_area=0.0), "domain.tally_area_mismatch_yes"),
        (VoteRule.ART278_SPECIAL, owners_tally(abstain_area=5.0), "domain.tally_area_mismatch_abstain"),
    ],
)
def test_validate_refuses(rule, tally, key):
    with pytest.raises(InvalidInput) as caught:
        decide(rule, tally)
    assert caught.value.key == key
    assert has(key)
    for lang in ("zh", "en"):
        assert caught.value.message(lang) != key


# --- properties -------------------------------------------------------------------------------

@st.composite
def ordinary_tallies(draw, room: int = 0) -> Tally:
    """A valid tally for the ordinary rules, with at least `room` present who did not vote."""
    yes, no, abstain = (draw(st.integers(0, 40)) for _ in range(3))
    present = yes + no + abstain + room + draw(st.integers(0, 10))
    eligible = present + draw(st.integers(0, 10))
    return Tally(yes, no, abstain, present=present, eligible=eligible)


BALLOTS = st.sampled_from(["yes", "no", "abstain", None])


@st.composite
def owners(draw, min_size: int = 1):
    """A roster: (area in hundredths of m², ballot or None) for each owner."""
    return draw(st.lists(st.tuples(st.integers(1_000, 30_000), BALLOTS), min_size=min_size, max_size=40))


def tally_of(roster) -> Tally:
    counts = {"yes": 0, "no": 0, "abstain": 0}
    cents = {"yes": 0, "no": 0, "abstain": 0}
    for owned, ballot in roster:
        if ballot:
            counts[ballot] += 1
            cents[ballot] += owned
    return Tally(**counts, present=0, eligible=len(roster),
                 yes_area=cents["yes"] / 100, no_area=cents["no"] / 100,
                 abstain_area=cents["abstain"] / 100,
                 eligible_area=sum(owned for owned, _ in roster) / 100)


@relaxed
@given(ordinary_tallies(), st.sampled_from(ORDINARY))
def test_decide_never_raises_for_valid_ordinary_tallies(tally, rule):
    outcome = decide(rule, tally)
    assert isinstance(outcome, Outcome)
    for lang in ("zh", "en"):
        assert outcome.explanation(lang).endswith(("通过。", "adopted."))


@relaxed
@given(owners(), st.sampled_from(ART278))
def test_decide_never_raises_for_valid_owner_rosters(roster, rule):
    outcome = decide(rule, tally_of(roster))
    for lang in ("zh", "en"):
        assert outcome.explanation(lang).endswith(("通过。", "adopted."))


@relaxed
@given(ordinary_tallies())
def test_plain_passes_iff_more_yes_than_no(tally):
    assert decide(VoteRule.PLAIN_MAJORITY, tally).passed is (tally.yes > tally.no)


@relaxed
@given(ordinary_tallies(room=1))
def test_an_abstention_never_changes_a_plain_result(tally):
    more = replace(tally, abstain=tally.abstain + 1)
    assert decide(VoteRule.PLAIN_MAJORITY, more).passed == decide(VoteRule.PLAIN_MAJORITY, tally).passed


@relaxed
@given(ordinary_tallies(room=1), st.sampled_from(ORDINARY))
def test_another_yes_never_turns_pass_into_fail(tally, rule):
    if decide(rule, tally).passed:
        assert decide(rule, replace(tally, yes=tally.yes + 1)).passed


@relaxed
@given(owners(min_size=2), st.sampled_from(ART278), st.data())
def test_another_owner_in_favour_never_turns_pass_into_fail(roster, rule, data):
    silent = [i for i, (_, ballot) in enumerate(roster) if ballot is None]
    assume(silent)
    if decide(rule, tally_of(roster)).passed:
        i = data.draw(st.sampled_from(silent))
        roster = [*roster[:i], (roster[i][0], "yes"), *roster[i + 1:]]
        assert decide(rule, tally_of(roster)).passed


@relaxed
@given(owners(), st.sampled_from(ART278))
def test_art278_pass_means_both_shares_over_the_thresholds(roster, rule):
    outcome = decide(rule, tally_of(roster))
    voters = [(owned, ballot) for owned, ballot in roster if ballot]
    heads, area = len(voters), sum(owned for owned, _ in voters)
    yes_heads = sum(1 for _, ballot in voters if ballot == "yes")
    yes_area = sum(owned for owned, ballot in voters if ballot == "yes")
    all_area = sum(owned for owned, _ in roster)
    expected = (
        Fraction(heads, len(roster)) >= Fraction(2, 3)
        and Fraction(area, all_area) >= Fraction(2, 3)
        and (
            (Fraction(yes_heads, heads) > Fraction(1, 2) and Fraction(yes_area, area) > Fraction(1, 2))
            if rule is VoteRule.ART278_GENERAL
            else (Fraction(yes_heads, heads) >= Fraction(3, 4) and Fraction(yes_area, area) >= Fraction(3, 4))
        )
    )
    assert outcome.passed is expected


@relaxed
@given(owners())
def test_art278_float_sums_of_areas_validate(roster):
    # Summing floats as a store would (not exact cents) must not trip the roster limits.
    base = tally_of(roster)
    floats = {"yes": 0.0, "no": 0.0, "abstain": 0.0}
    for owned, ballot in roster:
        if ballot:
            floats[ballot] += owned / 100
    tally = replace(base, yes_area=floats["yes"], no_area=floats["no"], abstain_area=floats["abstain"],
                    eligible_area=sum(owned / 100 for owned, _ in roster))
    validate_tally(tally, VoteRule.ART278_GENERAL)


FIELDS = ["yes", "no", "abstain", "present", "eligible"]


@relaxed
@given(ordinary_tallies(), st.sampled_from(FIELDS), st.integers(-1000, -1), st.sampled_from(ORDINARY + ART278))
def test_validate_rejects_negative_counts(tally, field, value, rule):
    with pytest.raises(InvalidInput):
        validate_tally(replace(tally, **{field: value}), rule)


@relaxed
@given(owners(), st.sampled_from(["yes_area", "no_area", "abstain_area", "eligible_area"]),
       st.floats(max_value=-0.01, allow_nan=False, allow_infinity=False), st.sampled_from(ART278))
def test_validate_rejects_negative_areas(roster, field, value, rule):
    with pytest.raises(InvalidInput):
        validate_tally(replace(tally_of(roster), **{field: value}), rule)


@relaxed
@given(ordinary_tallies(), st.integers(1, 20), st.sampled_from(ORDINARY))
def test_validate_rejects_more_votes_than_present(tally, excess, rule):
    assume(tally.cast > 0)
    present = max(tally.cast - excess, 0)
    with pytest.raises(InvalidInput) as caught:
        validate_tally(replace(tally, present=present), rule)
    assert caught.value.key == "domain.tally_over_present"
