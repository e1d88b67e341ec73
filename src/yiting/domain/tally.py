"""Deciding a vote from its tally, with a sentence that says why it passed or failed.

All thresholds are computed exactly (integers and `fractions.Fraction`), so a vote that sits
on a boundary such as 2/3 or 3/4 is decided the way the rule says, never by a rounding error.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from yiting.domain.rules import VoteRule
from yiting.errors import InvalidInput
from yiting.i18n import get_language, t

_COUNTS = ("yes", "no", "abstain", "present", "eligible")
_AREAS = ("yes_area", "no_area", "abstain_area", "eligible_area")

HALF = Fraction(1, 2)
TWO_THIRDS = Fraction(2, 3)
THREE_QUARTERS = Fraction(3, 4)


@dataclass(frozen=True)
class Tally:
    """The counted votes of one vote, and who could have voted.

    For the Civil Code art. 278 rules each count comes with the exclusive floor area (m²)
    of the owners behind it, and `eligible`/`eligible_area` cover all owners.
    """

    yes: int
    no: int
    abstain: int
    present: int  # eligible voters present (checked in)
    eligible: int  # eligible voters on the roster (for art. 278: all owners)
    yes_area: float = 0.0
    no_area: float = 0.0
    abstain_area: float = 0.0
    eligible_area: float = 0.0  # total exclusive area of all owners, art. 278 only

    @property
    def cast(self) -> int:
        """Ballots cast, abstentions included."""
        return self.yes + self.no + self.abstain

    FIELDS = ("yes", "no", "abstain", "present", "eligible", "yes_area", "no_area", "abstain_area",
              "eligible_area")

    @classmethod
    def from_row(cls, row: Any, **overrides: Any) -> Tally:
        """The tally held by a stored vote (any mapping with these fields), with `overrides`."""
        values = {name: row[name] for name in cls.FIELDS}
        values.update(overrides)
        return cls(**values)


def area(value: float) -> Fraction:
    """An area as an exact number of m², taken to 0.01 m² as property certificates give it.

    Quantising first means float sums such as 0.1 + 0.2 still compare exactly.
    """
    return Fraction(round(Fraction(repr(float(value))) * 100), 100)


def validate_tally(tally: Tally, rule: VoteRule) -> None:
    """Raise `InvalidInput` unless `tally` can be decided under `rule`.

    Refused: a count that is not a whole number, a negative count or area, more present than
    eligible. Under the ordinary rules more ballots than voters present is refused; under
    art. 278 ballots may be collected door to door, so the limit is the roster instead (heads
    and area), each count must come with its area, and the roster must have owners and area.
    """
    rule = VoteRule(rule)
    for name in _COUNTS:
        value = getattr(tally, name)
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput("domain.tally_not_whole", field=name, value=value)
        if value < 0:
            raise InvalidInput(f"domain.tally_negative_{name}", value=value)
    for name in _AREAS:
        value = getattr(tally, name)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise InvalidInput("domain.tally_area_invalid", field=name, value=value)
        if value < 0:
            raise InvalidInput(f"domain.tally_negative_{name}", value=value)
    if tally.present > tally.eligible:
        raise InvalidInput(
            "domain.tally_present_over_eligible", present=tally.present, eligible=tally.eligible
        )
    if not rule.is_art278:
        if tally.cast > tally.present:
            raise InvalidInput("domain.tally_over_present", cast=tally.cast, present=tally.present)
        return
    if tally.eligible == 0:
        raise InvalidInput("domain.tally_no_owners")
    if area(tally.eligible_area) == 0:
        raise InvalidInput("domain.tally_no_area")
    if tally.cast > tally.eligible:
        raise InvalidInput("domain.tally_over_eligible", cast=tally.cast, eligible=tally.eligible)
    for stance in ("yes", "no", "abstain"):
        count, owned = getattr(tally, stance), area(getattr(tally, f"{stance}_area"))
        if (count == 0) != (owned == 0):
            raise InvalidInput(
                f"domain.tally_area_mismatch_{stance}", count=count, area=_area_text(owned)
            )
    participating = _participating_area(tally)
    eligible_area = area(tally.eligible_area)
    if participating > eligible_area:
        raise InvalidInput(
            "domain.tally_area_over_eligible",
            area=_area_text(participating),
            eligible_area=_area_text(eligible_area),
        )


@dataclass(frozen=True)
class Outcome:
    """The result of a vote: passed or not, a machine `reason`, and the figures behind it.

    `figures` holds what the explanation quotes: counts as ints, areas in m² and shares in
    percent as floats already rounded for display.
    """

    rule: VoteRule
    tally: Tally
    passed: bool
    reason: str
    figures: dict[str, Any] = field(default_factory=dict)

    def explanation(self, lang: str = "zh") -> str:
        """One or two short sentences stating the figures and the verdict, in `lang`."""
        shown = {key: _display(key, value) for key, value in self.figures.items()}
        if self.rule.is_art278:
            return _explain_art278(self, shown, lang)
        counts_key = "domain.explain.counts"
        if self.tally.abstain == 1:  # English needs the singular; Chinese reads the same
            counts_key = "domain.explain.counts_one_abstention"
        verdict = t(f"domain.explain.{self.rule.value}.{self.reason}", lang, **shown)
        return t(counts_key, lang, **shown) + verdict


def decide(rule: VoteRule, tally: Tally) -> Outcome:
    """Decide `tally` under `rule` (validating it first; see `validate_tally`)."""
    rule = VoteRule(rule)
    validate_tally(tally, rule)
    figures: dict[str, Any] = {
        "yes": tally.yes,
        "no": tally.no,
        "abstain": tally.abstain,
        "cast": tally.cast,
        "present": tally.present,
        "eligible": tally.eligible,
    }
    decider = _DECIDERS[rule]
    passed, reason = decider(tally, figures)
    return Outcome(rule=rule, tally=tally, passed=passed, reason=reason, figures=figures)


def _plain(tally: Tally, figures: dict[str, Any]) -> tuple[bool, str]:
    """Yes > no among votes cast; abstentions are not counted and a tie fails."""
    if tally.yes == tally.no == 0:
        return False, "no_votes"
    if tally.yes > tally.no:
        return True, "yes_gt_no"
    return False, "tie" if tally.yes == tally.no else "no_gt_yes"


def _two_thirds(tally: Tally, figures: dict[str, Any]) -> tuple[bool, str]:
    """Yes >= 2/3 of yes + no.

    The base is the votes cast for or against, abstentions excluded, as in Robert's Rules
    ("two-thirds of the votes cast"): an abstention means "count me out", so it must neither
    help nor hinder, exactly as under the plain majority. With no yes or no votes it fails.
    """
    base = tally.yes + tally.no
    if base == 0:
        return False, "no_votes"
    share = Fraction(tally.yes, base)
    passed = share >= TWO_THIRDS
    figures["yes_share"] = _percent(share, TWO_THIRDS, strict=False)
    return passed, "yes_ge_two_thirds" if passed else "yes_lt_two_thirds"


def _present_majority(tally: Tally, figures: dict[str, Any]) -> tuple[bool, str]:
    """Yes > half of those present: abstaining or not voting counts like voting no."""
    figures["needed"] = tally.present // 2 + 1
    passed = 2 * tally.yes > tally.present
    return passed, "yes_gt_half_present" if passed else "yes_le_half_present"


def _consensus(tally: Tally, figures: dict[str, Any]) -> tuple[bool, str]:
    """No objection, and at least one in favour."""
    if tally.no > 0:
        return False, "objection"
    if tally.yes == 0:
        return False, "no_yes"
    return True, "no_objection"


def _art278(tally: Tally, figures: dict[str, Any], threshold: Fraction, strict: bool) -> tuple[bool, str]:
    """Civil Code art. 278: participation >= 2/3 by area and by heads, then the double majority.

    Every owner who returned a ballot participates, abstaining or not. The general matters
    need more than half (`strict`) of the participating area and owners in favour; items 6–8
    need at least three quarters of both.
    """
    heads = tally.cast
    part_area = _participating_area(tally)
    eligible_area = area(tally.eligible_area)
    area_share = part_area / eligible_area
    head_share = Fraction(heads, tally.eligible)
    figures.update(
        participating=heads,
        participating_area=float(part_area),
        eligible_area=float(eligible_area),
        participation_area_share=_percent(area_share, TWO_THIRDS, strict=False),
        participation_head_share=_percent(head_share, TWO_THIRDS, strict=False),
    )
    if heads > 0:
        yes_area = area(tally.yes_area)
        yes_area_share = yes_area / part_area
        yes_head_share = Fraction(tally.yes, heads)
        figures.update(
            yes_area=float(yes_area),
            yes_area_share=_percent(yes_area_share, threshold, strict),
            yes_head_share=_percent(yes_head_share, threshold, strict),
        )
    area_ok, heads_ok = area_share >= TWO_THIRDS, head_share >= TWO_THIRDS
    if not (area_ok and heads_ok):
        return False, _which_short("participation", area_ok, heads_ok)
    yes_area_ok = _reaches(yes_area_share, threshold, strict)
    yes_heads_ok = _reaches(yes_head_share, threshold, strict)
    if yes_area_ok and yes_heads_ok:
        return True, "yes_area_and_heads_met"
    return False, _which_short("yes", yes_area_ok, yes_heads_ok)


def _which_short(test: str, area_ok: bool, heads_ok: bool) -> str:
    if not area_ok and not heads_ok:
        return f"{test}_area_and_heads_short"
    return f"{test}_area_short" if not area_ok else f"{test}_heads_short"


_DECIDERS = {
    VoteRule.PLAIN_MAJORITY: _plain,
    VoteRule.TWO_THIRDS: _two_thirds,
    VoteRule.PRESENT_MAJORITY: _present_majority,
    VoteRule.CONSENSUS: _consensus,
    VoteRule.ART278_GENERAL: lambda tally, figures: _art278(tally, figures, HALF, strict=True),
    VoteRule.ART278_SPECIAL: lambda tally, figures: _art278(tally, figures, THREE_QUARTERS, strict=False),
}


def _participating_area(tally: Tally) -> Fraction:
    return area(tally.yes_area) + area(tally.no_area) + area(tally.abstain_area)


def _reaches(share: Fraction, threshold: Fraction, strict: bool) -> bool:
    return share > threshold if strict else share >= threshold


def _percent(share: Fraction, threshold: Fraction, strict: bool) -> float:
    """`share` in percent, to one decimal, or more where one decimal would cross `threshold`.

    So a share just under two thirds never shows as "66.7%" beside "less than two thirds".
    """
    truth = _reaches(share, threshold, strict)
    percent = share * 100
    for decimals in range(1, 7):
        shown = Fraction(round(percent * 10**decimals), 10**decimals)
        if _reaches(shown / 100, threshold, strict) == truth:
            break
    return float(shown)


def _area_text(value: Fraction | float) -> str:
    """m² with a thousands separator and one decimal, or two where the area has them."""
    text = f"{float(value):,.2f}"
    return text[:-1] if text.endswith("0") else text


def _percent_text(value: float) -> str:
    text = f"{value:.6f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _display(key: str, value: Any) -> Any:
    if key.endswith("_share"):
        return _percent_text(value)
    if key.endswith("_area"):
        return _area_text(value)
    return value


def _explain_art278(outcome: Outcome, shown: dict[str, Any], lang: str) -> str:
    text = t("domain.explain.art278.participation", lang, **shown)
    if outcome.reason.startswith("participation_"):
        return text + t(f"domain.explain.art278.{outcome.reason}", lang)
    text += t("domain.explain.art278.participation_met", lang)
    text += t("domain.explain.art278.in_favour", lang, **shown)
    return text + t(f"domain.explain.{outcome.rule.value}.{outcome.reason}", lang)


def explain(rule: VoteRule, tally: Tally, lang: str = "zh", *, consultative: bool = False) -> str:
    """The sentence that explains a vote's result; a consultative vote (taken without quorum)
    says first that it decides nothing."""
    sentence = decide(rule, tally).explanation(lang)
    return t("domain.explain.consultative", lang) + sentence if consultative else sentence


def recorded_explanation(vote: Any, lang: str | None = None) -> str | None:
    """A recorded vote's sentence in `lang` (default: the current language): as the desk stored
    it, in Chinese, or for another language made anew from the vote's recorded figures. A vote
    not closed keeps what was stored."""
    if (lang or get_language()) == "zh" or vote["status"] != "closed":
        return vote["explanation"]
    return explain(VoteRule(vote["rule"]), Tally.from_row(vote), lang or get_language(),
                   consultative=bool(vote["consultative"]))
