"""Quorum: how many eligible voters must be present before a vote counts."""

from __future__ import annotations

import math
from fractions import Fraction

from yiting.domain.rules import QuorumKind, Rules
from yiting.errors import InvalidInput, Phrase


def _share(value: float) -> Fraction:
    # A share typed as 0.55 or 2/3 (stored as 0.666…) means the simple fraction behind it,
    # so 2/3 of 30 is 20, not 20.000000000000004 rounded up to 21.
    return Fraction(repr(float(value))).limit_denominator(10**6)


def _check_counts(present: int, eligible: int) -> None:
    for name, value in (("present", present), ("eligible", eligible)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput("domain.tally_not_whole", field=name, value=value)
        if value < 0:
            raise InvalidInput(f"domain.tally_negative_{name}", value=value)


def quorum_needed(rules: Rules, eligible: int) -> int:
    """The fewest eligible voters present for a quorum: 0 without one, ceil(share × eligible)."""
    _check_counts(0, eligible)
    if rules.quorum_kind is QuorumKind.COUNT:
        return int(rules.quorum_value)
    if rules.quorum_kind is QuorumKind.SHARE:
        return math.ceil(_share(rules.quorum_value) * eligible)
    return 0


def quorum_met(rules: Rules, present: int, eligible: int) -> bool:
    """True when `present` reaches the quorum the rules set for `eligible` voters. With nobody
    on the roster there is no quorum to reach (0 of 0 is not a meeting)."""
    _check_counts(present, eligible)
    if eligible == 0 and rules.quorum_kind is not QuorumKind.NONE:
        return False
    return present >= quorum_needed(rules, eligible)


def quorum_phrase(rules: Rules, present: int, eligible: int) -> Phrase:
    """Where the quorum stands, as a catalogue key and its figures (see `quorum_sentence`)."""
    _check_counts(present, eligible)
    if eligible == 0:
        return Phrase("domain.quorum.no_roster")
    if rules.quorum_kind is QuorumKind.NONE:
        return Phrase("domain.quorum.none", present=present, eligible=eligible)
    needed = quorum_needed(rules, eligible)
    if present >= needed:
        return Phrase("domain.quorum.met", present=present, eligible=eligible, needed=needed)
    return Phrase("domain.quorum.short", present=present, eligible=eligible, needed=needed, missing=needed - present)


def quorum_sentence(rules: Rules, present: int, eligible: int, lang: str | None = None) -> str:
    """E.g. "到会 14/20 人，法定人数 11 人，已达到。"; `lang` defaults to the current language."""
    return quorum_phrase(rules, present, eligible).text(lang)
