"""The rules of order as pure functions: no I/O, no database, no UI, no clock of its own.

Who speaks next, whether a speech is over its limit, whether a quorum is present and how a
tally is decided (plain majority, two thirds, majority of those present, consensus, and the
Civil Code art. 278 double majority by floor area and head count).
"""

from yiting.domain.queue import (
    Waiting,
    given_order,
    interrupts,
    order_queue,
    party_budget_violation,
    remaining_seconds,
    speech_limit_violation,
    timer_state,
)
from yiting.domain.quorum import quorum_met, quorum_needed, quorum_phrase, quorum_rule_phrase, quorum_sentence
from yiting.domain.rules import (
    QuorumKind,
    Rules,
    SpeechKind,
    Stance,
    VoteMethod,
    VoteRule,
    label,
)
from yiting.domain.speaking import SpeakingTime, Spoken, speaking_time
from yiting.domain.tally import Outcome, Tally, decide, explain, recorded_explanation, validate_tally

__all__ = [
    "Outcome",
    "QuorumKind",
    "Rules",
    "SpeakingTime",
    "SpeechKind",
    "Spoken",
    "Stance",
    "Tally",
    "VoteMethod",
    "VoteRule",
    "Waiting",
    "decide",
    "explain",
    "given_order",
    "interrupts",
    "label",
    "order_queue",
    "party_budget_violation",
    "quorum_met",
    "quorum_needed",
    "quorum_phrase",
    "quorum_rule_phrase",
    "quorum_sentence",
    "recorded_explanation",
    "remaining_seconds",
    "speaking_time",
    "speech_limit_violation",
    "timer_state",
    "validate_tally",
]
