"""The rules of order a meeting runs under: speaking limits, the voting rule, the quorum."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from yiting.errors import InvalidInput
from yiting.i18n import t


class Stance(StrEnum):
    PRO = "pro"
    CON = "con"
    NEUTRAL = "neutral"


class SpeechKind(StrEnum):
    NORMAL = "normal"
    POINT_OF_ORDER = "point_of_order"
    REPLY = "reply"


class VoteRule(StrEnum):
    PLAIN_MAJORITY = "plain_majority"
    TWO_THIRDS = "two_thirds"
    PRESENT_MAJORITY = "present_majority"
    CONSENSUS = "consensus"
    ART278_GENERAL = "art278_general"
    ART278_SPECIAL = "art278_special"

    @property
    def is_art278(self) -> bool:
        """True for the Civil Code art. 278 rules, which count floor area as well as heads."""
        return self in (VoteRule.ART278_GENERAL, VoteRule.ART278_SPECIAL)


class VoteMethod(StrEnum):
    SHOW_OF_HANDS = "show_of_hands"
    ROLL_CALL = "roll_call"
    PAPER_BALLOT = "paper_ballot"


class QuorumKind(StrEnum):
    NONE = "none"
    COUNT = "count"
    SHARE = "share"


# The catalogue section of each enum's display names: "domain.label.<section>.<value>".
_LABEL_SECTIONS: dict[type, str] = {
    Stance: "stance",
    SpeechKind: "speech_kind",
    VoteRule: "vote_rule",
    VoteMethod: "vote_method",
    QuorumKind: "quorum_kind",
}


def label(enum_member: StrEnum, lang: str | None = None) -> str:
    """The display name of a member of any enum in this module, in `lang` (default: current).

    >>> label(Stance.PRO, "zh")
    '赞成'
    """
    section = _LABEL_SECTIONS.get(type(enum_member))
    if section is None:
        raise TypeError(f"no display name for {enum_member!r}")
    return t(f"domain.label.{section}.{enum_member.value}", lang)


_SPEECH_SECONDS = (10, 3600)
_SPEECHES_PER_PERSON = (1, 20)
_WARN_SECONDS = (0, 3600)


def _invalid(field: str, value: Any, allowed: str) -> InvalidInput:
    return InvalidInput("domain.rules_invalid", field=field, value=value, allowed=allowed)


def _whole(field: str, value: Any, low: int, high: int | None) -> int:
    """`value` as an int within [low, high]; accepts whole floats and digit strings (CLI, JSON)."""
    allowed = f"{low}–{high}" if high is not None else f"≥ {low}"
    number: Any = value
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            raise _invalid(field, value, allowed) from None
    if isinstance(number, bool) or not isinstance(number, (int, float)):
        raise _invalid(field, value, allowed)
    if isinstance(number, float) and not (math.isfinite(number) and number.is_integer()):
        raise _invalid(field, value, allowed)
    whole = int(number)
    if whole < low or (high is not None and whole > high):
        raise _invalid(field, value, allowed)
    return whole


def _member(enum: type[StrEnum], field: str, value: Any) -> Any:
    try:
        return enum(value)
    except ValueError:
        raise _invalid(field, value, ", ".join(m.value for m in enum)) from None


def _quorum_value(kind: QuorumKind, value: Any) -> int | float:
    if kind is QuorumKind.COUNT:
        return _whole("quorum_value", value, 0, None)
    number: Any = value
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            number = None
    allowed = "0 < x ≤ 1" if kind is QuorumKind.SHARE else "≥ 0"
    if isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number):
        raise _invalid("quorum_value", value, allowed)
    if kind is QuorumKind.SHARE and not 0 < number <= 1:
        raise _invalid("quorum_value", value, allowed)
    if number < 0:
        raise _invalid("quorum_value", value, allowed)
    return float(number) if kind is QuorumKind.SHARE else number


@dataclass(frozen=True)
class Rules:
    """The rules in force at one meeting; the defaults follow Robert's Rules as 南塘 adapts them.

    Every instance is valid: the constructor checks the fields (and accepts enum values given
    as strings), raising `InvalidInput("domain.rules_invalid", field=..., value=..., allowed=...)`.
    """

    speech_seconds: int = 120  # per speech
    speeches_per_person: int = 2  # per person per proposal (per item when no proposal)
    warn_seconds: int = 30  # the countdown turns to a warning at this many seconds left
    vote_rule: VoteRule = VoteRule.PLAIN_MAJORITY
    quorum_kind: QuorumKind = QuorumKind.NONE
    quorum_value: float = 0  # a head count (COUNT) or a share 0 < x <= 1 (SHARE)

    def __post_init__(self) -> None:
        kind = _member(QuorumKind, "quorum_kind", self.quorum_kind)
        checked = {
            "speech_seconds": _whole("speech_seconds", self.speech_seconds, *_SPEECH_SECONDS),
            "speeches_per_person": _whole(
                "speeches_per_person", self.speeches_per_person, *_SPEECHES_PER_PERSON
            ),
            "warn_seconds": _whole("warn_seconds", self.warn_seconds, *_WARN_SECONDS),
            "vote_rule": _member(VoteRule, "vote_rule", self.vote_rule),
            "quorum_kind": kind,
            "quorum_value": _quorum_value(kind, self.quorum_value),
        }
        # Frozen: normalise in place once, so equal settings compare equal.
        for name, value in checked.items():
            object.__setattr__(self, name, value)

    def to_dict(self) -> dict[str, Any]:
        """The rules as a JSON-ready dict, enums as their string values."""
        data = asdict(self)
        data["vote_rule"] = self.vote_rule.value
        data["quorum_kind"] = self.quorum_kind.value
        return data

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None) -> Rules:
        """Rules from a dict such as `to_dict()` gives: unknown keys ignored, missing keys default.

        Raises `InvalidInput("domain.rules_invalid", ...)` for a value out of range.
        """
        if d is None:
            return cls()
        if not isinstance(d, Mapping):
            raise _invalid("rules", d, "{…}")
        known = cls.__dataclass_fields__
        return cls(**{key: value for key, value in d.items() if key in known})
