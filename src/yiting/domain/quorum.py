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
    """The fewest eligible voters present for a quorum: 0 without one; at least the count or
    ceil(share × eligible); or, when the rules say "more than" (`quorum_strict`), one more than
    the count or floor(share × eligible) + 1 — more than half of 30 is 16, at least half is 15."""
    _check_counts(0, eligible)
    if rules.quorum_kind is QuorumKind.COUNT:
        return int(rules.quorum_value) + (1 if rules.quorum_strict else 0)
    if rules.quorum_kind is QuorumKind.SHARE:
        share = _share(rules.quorum_value) * eligible
        return math.floor(share) + 1 if rules.quorum_strict else math.ceil(share)
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


def quorum_rule_phrase(rules: Rules) -> Phrase:
    """The quorum rule itself, in words: "到会须超过有表决权者的 1/2" (more than half),
    "到会不少于 20 人", "不设法定人数"."""
    if rules.quorum_kind is QuorumKind.NONE:
        return Phrase("order.quorum_rule.none")
    strictness = "more" if rules.quorum_strict else "least"
    if rules.quorum_kind is QuorumKind.COUNT:
        return Phrase(f"order.quorum_rule.count_{strictness}", n=int(rules.quorum_value))
    share = _share(rules.quorum_value)
    if share == Fraction(1, 2):
        return Phrase(f"order.quorum_rule.half_{strictness}")
    return Phrase(f"order.quorum_rule.share_{strictness}", share=f"{share.numerator}/{share.denominator}")


def quorum_sentence(rules: Rules, present: int, eligible: int, lang: str | None = None) -> str:
    """E.g. "到会 14/20 人，法定人数 11 人，已达到。"; `lang` defaults to the current language."""
    return quorum_phrase(rules, present, eligible).text(lang)
