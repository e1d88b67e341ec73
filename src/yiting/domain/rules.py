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
_PARTY_SECONDS = (0, 36000)


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


def _flag(field: str, value: Any) -> bool:
    """A yes/no setting: a bool, 0/1, or "true"/"false" as a form or JSON may give it."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0"):
        return value.strip().lower() in ("true", "1")
    raise _invalid(field, value, "true, false")


def _quorum_value(kind: QuorumKind, value: Any, strict: bool = False) -> int | float:
    if kind is QuorumKind.COUNT:
        return _whole("quorum_value", value, 0, None)
    number: Any = value
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            number = None
    allowed = ("0 < x < 1" if strict else "0 < x ≤ 1") if kind is QuorumKind.SHARE else "≥ 0"
    if isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number):
        raise _invalid("quorum_value", value, allowed)
    if kind is QuorumKind.SHARE and not (0 < number < 1 if strict else 0 < number <= 1):
        raise _invalid("quorum_value", value, allowed)
    if number < 0:
        raise _invalid("quorum_value", value, allowed)
    return float(number) if kind is QuorumKind.SHARE else number


@dataclass(frozen=True)
class Rules:
    """The rules in force at one meeting. The defaults are the 南塘 rules (the `nantang` rule set
    of data/presets.json leaves every rule to them; this is the one place they are written):
    two speeches of two minutes each per person and proposal, a warning at 30 s left, a plain
    majority of the votes cast, and a quorum of more than half the voters, as Robert's Rules
    have it (a majority of the members).

    Every instance is valid: the constructor checks the fields (and accepts enum values given
    as strings), raising `InvalidInput("domain.rules_invalid", field=..., value=..., allowed=...)`;
    a warning time longer than the speech raises `InvalidInput("domain.rules_warn_over_speech")`.
    """

    speech_seconds: int = 120  # per speech
    speeches_per_person: int = 2  # per person per proposal (per item when no proposal)
    warn_seconds: int = 30  # the countdown turns to a warning at this many seconds left
    vote_rule: VoteRule = VoteRule.PLAIN_MAJORITY
    quorum_kind: QuorumKind = QuorumKind.SHARE
    quorum_value: float = 0.5  # a head count (COUNT) or a share 0 < x <= 1 (SHARE)
    # More than the count or share ("过半数": 16 of 30) rather than at least it (15 of 30).
    quorum_strict: bool = True
    # Each party's (业委会, 物业公司, 居民 …) speaking time on one item; 0: no such budget.
    party_seconds: int = 0

    def __post_init__(self) -> None:
        kind = _member(QuorumKind, "quorum_kind", self.quorum_kind)
        strict = _flag("quorum_strict", self.quorum_strict)
        checked = {
            "speech_seconds": _whole("speech_seconds", self.speech_seconds, *_SPEECH_SECONDS),
            "speeches_per_person": _whole(
                "speeches_per_person", self.speeches_per_person, *_SPEECHES_PER_PERSON
            ),
            "warn_seconds": _whole("warn_seconds", self.warn_seconds, *_WARN_SECONDS),
            "vote_rule": _member(VoteRule, "vote_rule", self.vote_rule),
            "quorum_kind": kind,
            "quorum_value": _quorum_value(kind, self.quorum_value, strict),
            "quorum_strict": strict,
            "party_seconds": _whole("party_seconds", self.party_seconds, *_PARTY_SECONDS),
        }
        if checked["warn_seconds"] > checked["speech_seconds"]:
            raise InvalidInput("domain.rules_warn_over_speech", field="warn_seconds",
                               warn=checked["warn_seconds"], speech=checked["speech_seconds"])
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

    @classmethod
    def stored(cls, d: Mapping[str, Any] | None) -> Rules:
        """The rules a meeting was saved with. A meeting saved before this yiting knew a field has
        the value it ran under, not today's default: no strict quorum, no quorum at all; and a
        warning time longer than the speech (accepted then) warns from the speech's start."""
        data = {"quorum_kind": QuorumKind.NONE.value, "quorum_value": 0, "quorum_strict": False, **(d or {})}
        try:
            speech, warn = int(data.get("speech_seconds", cls.speech_seconds)), int(data.get("warn_seconds", 0))
        except (TypeError, ValueError):
            return cls.from_dict(data)
        if warn > speech:
            data["warn_seconds"] = speech
        return cls.from_dict(data)
