"""The speakers' queue, the speaking limit and the speech timer."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yiting.domain import (
    Rules,
    SpeechKind,
    Stance,
    Waiting,
    order_queue,
    remaining_seconds,
    speech_limit_violation,
    timer_state,
)
from yiting.errors import RuleViolation

relaxed = settings(deadline=None)
PRO, CON, NEUTRAL = Stance.PRO, Stance.CON, Stance.NEUTRAL
NORMAL, POINT, REPLY = SpeechKind.NORMAL, SpeechKind.POINT_OF_ORDER, SpeechKind.REPLY


def w(entry_id: int, stance: Stance = PRO, kind: SpeechKind = NORMAL, spoken: int = 0,
      seq: int | None = None) -> Waiting:
    return Waiting(entry_id=entry_id, participant_id=100 + entry_id, stance=stance, kind=kind,
                   queued_seq=entry_id if seq is None else seq, spoken=spoken)


def ids(entries) -> list[int]:
    return [entry.entry_id for entry in entries]


# --- worked examples ----------------------------------------------------------------------------

def test_empty_queue():
    assert order_queue([], PRO) == []


def test_alternates_after_a_pro_speech():
    queue = [w(1, PRO), w(2, PRO), w(3, CON), w(4, NEUTRAL)]
    assert ids(order_queue(queue, PRO)) == [3, 1, 2, 4]


def test_alternates_after_a_con_speech():
    queue = [w(1, CON), w(2, PRO), w(3, CON), w(4, PRO)]
    assert ids(order_queue(queue, CON)) == [2, 1, 4, 3]


def test_no_last_speech_starts_with_the_earliest():
    queue = [w(1, CON), w(2, CON), w(3, PRO)]
    assert ids(order_queue(queue, None)) == [1, 3, 2]


def test_neutral_speeches_keep_fifo():
    queue = [w(1, NEUTRAL), w(2, NEUTRAL), w(3, NEUTRAL)]
    assert ids(order_queue(queue, PRO)) == [1, 2, 3]


def test_point_of_order_goes_first():
    queue = [w(1, PRO), w(2, CON, spoken=1), w(3, NEUTRAL, POINT, spoken=5), w(4, NEUTRAL, POINT)]
    assert ids(order_queue(queue, None)) == [3, 4, 1, 2]


def test_first_time_speakers_before_those_speaking_again():
    queue = [w(1, PRO, spoken=1), w(2, CON, spoken=0), w(3, PRO, spoken=2), w(4, PRO, spoken=0)]
    # tier 0: after a pro speech the con (2), then the pro (4); then tier 1, then tier 2.
    assert ids(order_queue(queue, PRO)) == [2, 4, 1, 3]


def test_alternation_carries_over_between_tiers():
    queue = [w(1, PRO, spoken=0), w(2, PRO, spoken=1), w(3, CON, spoken=1)]
    assert ids(order_queue(queue, None)) == [1, 3, 2]


def test_replies_take_their_place_by_stance():
    queue = [w(1, PRO), w(2, CON, REPLY)]
    assert ids(order_queue(queue, PRO)) == [2, 1]


def test_queued_seq_not_entry_id_decides_fifo():
    queue = [w(1, PRO, seq=20), w(2, PRO, seq=10)]
    assert ids(order_queue(queue, None)) == [2, 1]


def test_stances_as_plain_strings_from_the_store():
    queue = [w(1, "pro"), w(2, "con")]
    assert ids(order_queue(queue, "pro")) == [2, 1]


@pytest.mark.parametrize(
    ("spoken", "kind", "violates"),
    [(0, NORMAL, False), (1, NORMAL, False), (2, NORMAL, True), (3, REPLY, True), (9, POINT, False)],
)
def test_speech_limit(spoken, kind, violates):
    violation = speech_limit_violation(spoken, kind, Rules())
    assert (violation is not None) is violates
    if violation:
        assert isinstance(violation, RuleViolation)
        assert violation.key == "domain.speech_limit"
        assert violation.params == {"spoken": spoken, "limit": 2}
        assert violation.message("zh") == f"同一方案每人最多发言 2 次，此人已发言 {spoken} 次。"


def test_speech_limit_follows_the_rules():
    assert speech_limit_violation(2, NORMAL, Rules(speeches_per_person=3)) is None


def test_remaining_seconds():
    assert remaining_seconds(started_at_s=100.0, now_s=150.0, paused_s=10.0, limit_s=120) == 80.0
    assert remaining_seconds(started_at_s=0.0, now_s=125.5, paused_s=0.0, limit_s=120) == -5.5


@pytest.mark.parametrize(
    ("remaining", "state"),
    [(120, "normal"), (30.5, "normal"), (30, "warning"), (0, "warning"), (-0.1, "overtime")],
)
def test_timer_state(remaining, state):
    assert timer_state(remaining, Rules()) == state


# --- properties -------------------------------------------------------------------------------

@st.composite
def queues(draw) -> list[Waiting]:
    size = draw(st.integers(0, 14))
    seqs = draw(st.permutations(range(size)))
    return [
        Waiting(
            entry_id=i,
            participant_id=draw(st.integers(1, 6)),
            stance=draw(st.sampled_from(Stance)),
            kind=draw(st.sampled_from([NORMAL, NORMAL, REPLY, POINT])),
            queued_seq=seqs[i],
            spoken=draw(st.integers(0, 3)),
        )
        for i in range(size)
    ]


LAST = st.one_of(st.none(), st.sampled_from(Stance))
OPPOSITE = {PRO: CON, CON: PRO}


@relaxed
@given(queues(), LAST)
def test_order_is_a_permutation(queue, last):
    assert sorted(ids(order_queue(queue, last))) == sorted(ids(queue))


@relaxed
@given(queues(), LAST)
def test_points_of_order_first_in_fifo(queue, last):
    ordered = order_queue(queue, last)
    points = [entry for entry in ordered if entry.kind == POINT]
    assert ordered[: len(points)] == points
    assert [p.queued_seq for p in points] == sorted(p.queued_seq for p in points)


@relaxed
@given(queues(), LAST)
def test_fewer_speeches_go_first(queue, last):
    spoken = [entry.spoken for entry in order_queue(queue, last) if entry.kind != POINT]
    assert spoken == sorted(spoken)


@relaxed
@given(queues(), LAST)
def test_fifo_within_tier_and_stance(queue, last):
    groups: dict[tuple[int, Stance], list[int]] = {}
    for entry in order_queue(queue, last):
        if entry.kind != POINT:
            groups.setdefault((entry.spoken, entry.stance), []).append(entry.queued_seq)
    for seqs in groups.values():
        assert seqs == sorted(seqs)


@relaxed
@given(queues(), LAST)
def test_pro_and_con_alternate_while_both_wait(queue, last):
    debate = [entry for entry in order_queue(queue, last) if entry.kind != POINT]
    previous = last
    for i, entry in enumerate(debate):
        rest_of_tier = [later for later in debate[i:] if later.spoken == entry.spoken]
        wanted = OPPOSITE.get(previous)
        if wanted is not None and any(later.stance == wanted for later in rest_of_tier):
            assert entry.stance == wanted
        else:
            assert entry.queued_seq == min(later.queued_seq for later in rest_of_tier)
        previous = entry.stance


def test_an_interrupted_speech_resumes_after_the_points_of_order_before_anyone_else():
    from dataclasses import replace

    from yiting.domain import interrupts

    held = replace(w(5, CON, spoken=1), resumes=True)
    order = order_queue([w(1, PRO), w(2, NEUTRAL, POINT), held, w(3, PRO, POINT)], last_stance=PRO)
    assert [e.entry_id for e in order] == [2, 3, 5, 1]
    assert interrupts(NORMAL, POINT) and interrupts(REPLY, POINT)
    assert not interrupts(POINT, POINT) and not interrupts(NORMAL, NORMAL)
