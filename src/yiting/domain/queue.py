"""The speakers' queue and the speech timer, by the rules of order in docs/domain.md."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from yiting.domain.rules import Rules, SpeechKind, Stance
from yiting.errors import RuleViolation

_OPPOSITE = {Stance.PRO: Stance.CON, Stance.CON: Stance.PRO}


@dataclass(frozen=True)
class Waiting:
    """Someone waiting to speak."""

    entry_id: int
    participant_id: int
    stance: Stance
    kind: SpeechKind
    queued_seq: int  # increases with queue time (the FIFO tiebreak)
    spoken: int  # speeches this person has already made on this item/proposal
    resumes: bool = False  # a speech a point of order interrupted: it goes on where it stopped


def _fifo(entry: Waiting) -> tuple[int, int]:
    return entry.queued_seq, entry.entry_id


def order_queue(waiting: Sequence[Waiting], last_stance: Stance | None) -> list[Waiting]:
    """The order in which `waiting` should be called; a permutation of it.

    1. Points of order first, first come first served.
    2. Then the speech a point of order interrupted, which resumes with the time it had left
       (it is the same speech, not a new one: it stays at the head of the debate).
    3. Then everyone else in tiers by `spoken`, fewest first: those who have not yet spoken
       go before those speaking again.
    4. Within a tier pro and con alternate: after a pro speech the earliest con waiting in the
       tier goes next, after a con the earliest pro; when the opposite stance does not wait
       (or the last speech was neutral or none), the earliest in the tier. Replies take their
       place by their stance like any other speech.

    `last_stance` is the stance of the last debate speech that ended (not a point of order);
    the simulation then carries on from each speaker it picks.
    """
    points = sorted((w for w in waiting if w.kind == SpeechKind.POINT_OF_ORDER and not w.resumes), key=_fifo)
    resuming = sorted((w for w in waiting if w.resumes), key=_fifo)
    tiers: dict[int, list[Waiting]] = {}
    for entry in sorted((w for w in waiting if w.kind != SpeechKind.POINT_OF_ORDER and not w.resumes), key=_fifo):
        tiers.setdefault(entry.spoken, []).append(entry)

    ordered = [*points, *resuming]
    last = last_stance
    for spoken in sorted(tiers):
        tier = tiers[spoken]  # already in FIFO order
        while tier:
            wanted = _OPPOSITE.get(last) if last is not None else None
            index = next((i for i, w in enumerate(tier) if w.stance == wanted), 0)
            picked = tier.pop(index)
            ordered.append(picked)
            last = picked.stance
    return ordered


def given_order(speech: Mapping[str, Any]) -> tuple[str, str, int]:
    """Sort key of speeches in the order they were given: by start (to the second), then the one
    that ended first (two started within one second), then as they were queued."""
    return (speech["started_at"] or "", speech["ended_at"] or "9", speech["id"])


def interrupts(running_kind: SpeechKind, next_kind: SpeechKind) -> bool:
    """Whether giving the floor to a speech of `next_kind` pauses the running one (which then
    resumes) rather than ending it: a point of order interrupts a debate speech, but not
    another point of order."""
    return next_kind == SpeechKind.POINT_OF_ORDER and running_kind != SpeechKind.POINT_OF_ORDER


def speech_limit_violation(spoken: int, kind: SpeechKind, rules: Rules) -> RuleViolation | None:
    """The violation (returned, not raised) if one more speech would pass the per-person limit.

    Points of order are exempt: they are about procedure, not the question.
    """
    if kind == SpeechKind.POINT_OF_ORDER or spoken < rules.speeches_per_person:
        return None
    return RuleViolation("domain.speech_limit", spoken=spoken, limit=rules.speeches_per_person)


def party_budget_violation(used_seconds: float, party: str, kind: SpeechKind, rules: Rules) -> RuleViolation | None:
    """The violation (returned, not raised) if `party` has already used its speaking time on the
    item (`rules.party_seconds`; 0 sets no budget). Points of order and people of no party are
    exempt."""
    budget = rules.party_seconds
    if not budget or not party or kind == SpeechKind.POINT_OF_ORDER or used_seconds < budget:
        return None
    return RuleViolation("order.party_budget", party=party, used=_clock(used_seconds), budget=_clock(budget))


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def remaining_seconds(started_at_s: float, now_s: float, paused_s: float, limit_s: int) -> float:
    """Seconds left in a speech that started at `started_at_s` and was paused `paused_s` in all.

    Negative means overtime. Times are plain seconds from any one clock the caller keeps.
    """
    return limit_s - (now_s - started_at_s - paused_s)


def timer_state(remaining: float, rules: Rules) -> str:
    """The countdown's look: "overtime" below zero, "warning" at `rules.warn_seconds` or less,
    else "normal"."""
    if remaining < 0:
        return "overtime"
    if remaining <= rules.warn_seconds:
        return "warning"
    return "normal"
