"""Who is counted in an owners' vote (Civil Code art. 278), and what is still needed.

The law's two denominators are the exclusive floor area (专有部分面积) and the number of owners
(业主人数) of the whole property voted on: every unit of it, whoever has the right to vote at a
residents' meeting. The Supreme People's Court's interpretation on 建筑物区分所有权 says how:

- art. 8: a unit's area is the one in the title register (登记簿); not yet registered, the
  surveyed area (实测); not yet surveyed, the area in the purchase contract (合同);
- art. 9: the owners are counted one per unit, except that one buyer of several units counts
  once, and the developer's unsold (or sold but undelivered) units count as one together.

A unit's holder is the set of its owners: co-owners of a unit are one holder and one head; one
person (or the developer) holding several units alone is one holder with the areas added. A
unit whose owners are not recorded is a head of its own, as the law's default counts it.

Ballots are returned per unit. A holder participates when a ballot of one of its units is in,
with the area of the units whose ballots are in; its units must say the same (one head, one
will). Everything is exact: areas as `Fraction`s of 0.01 m², thresholds as fractions.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from yiting.domain.rules import VoteRule
from yiting.domain.tally import HALF, THREE_QUARTERS, TWO_THIRDS, Tally, _percent, _percent_text, area
from yiting.errors import InvalidInput
from yiting.i18n import t

AREA_SOURCES = ("register", "survey", "contract")  # in the order the interpretation's art. 8 prefers them
CHOICES = ("yes", "no", "abstain")
CENT = Fraction(1, 100)
_CHOICE_WORDS = {"yes": "yes", "y": "yes", "同意": "yes", "赞成": "yes", "agree": "yes",
                 "no": "no", "n": "no", "反对": "no", "不同意": "no", "disagree": "no",
                 "abstain": "abstain", "a": "abstain", "弃权": "abstain"}


@dataclass(frozen=True)
class Unit:
    """One 专有部分: its id, where it is, its area (m²) and that area's source, and its owners
    (their ids; empty when not recorded)."""

    id: int
    label: str
    area_m2: float
    source: str = "register"
    owners: frozenset[int] = frozenset()
    cents: int = field(init=False, repr=False, compare=False)  # the area in whole 0.01 m², summed exactly
    holder: tuple[Any, ...] = field(init=False, repr=False, compare=False)
    """Who counts as one head for this unit: its owners together, or the unit alone."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "cents", _cents(self.area_m2))
        object.__setattr__(self, "holder", ("owners", *sorted(self.owners)) if self.owners else ("unit", self.id))

    @property
    def area(self) -> Fraction:
        return Fraction(self.cents, 100)


@dataclass(frozen=True)
class Denominators:
    """Art. 278's two denominators and where they came from."""

    units: int
    heads: int
    area: Fraction
    by_source: dict[str, tuple[int, Fraction]]  # source -> (units, area)
    merged_units: int  # units counted in a head together with another unit of the same holder
    merged_heads: int  # heads that hold more than one unit (a buyer of several, the developer)

    def sentence(self, lang: str | None = None) -> str:
        """"专有部分 24 套，总面积 2,436.55 m²（登记簿 22 套、实测 2 套）；业主 22 人（…）"."""
        sources = t("owners.source_sep", lang).join(
            t(f"owners.source_count.{name}", lang, units=count, area=area_text(owned))
            for name, (count, owned) in self.by_source.items() if count)
        text = t("owners.denominators", lang, units=self.units, area=area_text(self.area), sources=sources,
                 heads=self.heads)
        if self.merged_heads:
            key = "owners.denominators_merged_one" if self.merged_heads == 1 else "owners.denominators_merged"
            text += t(key, lang, heads=self.merged_heads,
                      units=self.merged_units + self.merged_heads)
        return text


def _cents(value: float) -> int:
    """An area in whole 0.01 m², as `tally.area` takes it (the quick way for the two decimals a
    register holds; `area` for any other value)."""
    scaled = float(value) * 100
    near = round(scaled)
    return near if abs(scaled - near) < 1e-6 else int(area(value) * 100)


def units_from_rows(rows: Iterable[Mapping[str, Any]], owners_of: Mapping[int, Iterable[int]]) -> list[Unit]:
    """Units from stored rows (`id`, `building`, `label`, `area_m2`, `area_source`) and a map of
    unit id to its owners' ids."""
    return [Unit(id=row["id"], label=unit_label(row), area_m2=row["area_m2"], source=row["area_source"],
                 owners=frozenset(owners_of.get(row["id"], ()))) for row in rows]


def unit_label(row: Mapping[str, Any]) -> str:
    """"12号楼1单元 301": the building and the unit, as a ballot names them."""
    return " ".join(part for part in (str(row.get("building") or "").strip(), str(row["label"]).strip()) if part)


def denominators(units: Iterable[Unit]) -> Denominators:
    units = list(units)
    by_source: dict[str, tuple[int, int]] = {name: (0, 0) for name in AREA_SOURCES}
    holders: dict[tuple[Any, ...], int] = {}
    for unit in units:
        count, cents = by_source.get(unit.source, (0, 0))
        by_source[unit.source] = (count + 1, cents + unit.cents)
        holders[unit.holder] = holders.get(unit.holder, 0) + 1
    merged = [n for n in holders.values() if n > 1]
    return Denominators(units=len(units), heads=len(holders), area=Fraction(sum(u.cents for u in units), 100),
                        by_source={k: (n, Fraction(c, 100)) for k, (n, c) in by_source.items()},
                        merged_units=sum(merged) - len(merged), merged_heads=len(merged))


def check_ballot(units: Iterable[Unit], ballots: Mapping[int, str], unit_id: int, choice: str) -> None:
    """Raise `InvalidInput` unless a ballot `choice` for `unit_id` can be counted beside `ballots`
    (unit id -> choice): the unit is one of the property's, it has no ballot yet, and another
    unit of the same holder did not say otherwise."""
    if choice not in CHOICES:
        raise InvalidInput("owners.bad_choice", value=choice)
    by_id = {u.id: u for u in units}
    unit = by_id.get(unit_id)
    if unit is None:
        raise InvalidInput("owners.unit_not_in_vote")
    if unit_id in ballots:
        raise InvalidInput("owners.already_counted", unit=unit.label, choice=t(f"owners.choice.{ballots[unit_id]}"))
    for other_id, other_choice in ballots.items():
        other = by_id.get(other_id)
        if other is not None and other.holder == unit.holder and other_choice != choice:
            raise InvalidInput("owners.holder_disagrees", unit=unit.label, other=other.label,
                               choice=t(f"owners.choice.{other_choice}"))


def owners_tally(units: Iterable[Unit], ballots: Mapping[int, str]) -> Tally:
    """The art. 278 tally of the ballots returned so far: heads and areas by stance, over every
    unit of the property. Raises `InvalidInput` when a holder's ballots disagree."""
    units = list(units)
    den = denominators(units)
    stance: dict[tuple[Any, ...], str] = {}
    first: dict[tuple[Any, ...], str] = {}
    cents = dict.fromkeys(CHOICES, 0)
    for unit in units:
        choice = ballots.get(unit.id)
        if choice is None:
            continue
        if choice not in CHOICES:
            raise InvalidInput("owners.bad_choice", value=choice)
        first.setdefault(unit.holder, unit.label)
        if stance.setdefault(unit.holder, choice) != choice:
            raise InvalidInput("owners.holder_disagrees", unit=unit.label, other=first[unit.holder],
                               choice=t(f"owners.choice.{stance[unit.holder]}"))
        cents[choice] += unit.cents
    heads = {choice: sum(1 for s in stance.values() if s == choice) for choice in CHOICES}
    areas = {choice: float(Fraction(cents[choice], 100)) for choice in CHOICES}
    return Tally(yes=heads["yes"], no=heads["no"], abstain=heads["abstain"], present=den.heads, eligible=den.heads,
                 yes_area=areas["yes"], no_area=areas["no"], abstain_area=areas["abstain"],
                 eligible_area=float(den.area))


@dataclass(frozen=True)
class Needed:
    """What an owners' vote still needs, from the ballots in so far.

    Participation: heads and area short of two thirds of all owners, and whether the ballots
    still out could bring them (`participation_reachable`). Agreement: heads and area in favour
    short of the rule's share of those participating now (more will be needed as more take part).
    """

    participation_heads: int
    participation_area: Fraction
    participation_reachable: bool
    agree_heads: int
    agree_area: Fraction
    outstanding_heads: int
    outstanding_area: Fraction
    returned_heads: int = 0  # owners whose ballot is in: no agreement to speak of before the first

    @property
    def participation_met(self) -> bool:
        return self.participation_heads == 0 and self.participation_area == 0

    @property
    def agreement_met(self) -> bool:
        return self.agree_heads == 0 and self.agree_area == 0


def still_needed(rule: VoteRule, units: Iterable[Unit], ballots: Mapping[int, str]) -> Needed:
    units = list(units)
    tally = owners_tally(units, ballots)
    part_heads = tally.cast
    part_area = area(tally.yes_area) + area(tally.no_area) + area(tally.abstain_area)
    total_area = area(tally.eligible_area)
    heads_short = max(0, math.ceil(TWO_THIRDS * tally.eligible) - part_heads)
    area_short = max(Fraction(0), _cents_up(TWO_THIRDS * total_area) - part_area)
    returned = {u.holder for u in units if u.id in ballots}
    out_heads = len({u.holder for u in units} - returned)
    out_area = Fraction(sum(u.cents for u in units if u.id not in ballots), 100)
    yes_area = area(tally.yes_area)
    if VoteRule(rule) == VoteRule.ART278_SPECIAL:
        heads_goal = max(1, math.ceil(THREE_QUARTERS * part_heads))
        area_goal = max(CENT, _cents_up(THREE_QUARTERS * part_area))
    else:  # more than half
        heads_goal = part_heads // 2 + 1
        area_goal = _cents_above(HALF * part_area)
    return Needed(
        participation_heads=heads_short, participation_area=area_short,
        participation_reachable=heads_short <= out_heads and area_short <= out_area,
        agree_heads=max(0, heads_goal - tally.yes),
        agree_area=max(Fraction(0), area_goal - yes_area),
        outstanding_heads=out_heads, outstanding_area=out_area, returned_heads=len(returned))


def _cents_up(value: Fraction) -> Fraction:
    """The least multiple of 0.01 m² not below `value`."""
    return Fraction(math.ceil(value / CENT), 100)


def _cents_above(value: Fraction) -> Fraction:
    """The least multiple of 0.01 m² strictly above `value`."""
    return Fraction(math.floor(value / CENT) + 1, 100)


def area_text(value: Fraction | float) -> str:
    """m² with a thousands separator, to two decimals at most ("2,436.55", "210.5", "98")."""
    text = f"{float(value):,.2f}".rstrip("0").rstrip(".")
    return text


def needed_sentences(rule: VoteRule, needed: Needed, lang: str | None = None) -> list[str]:
    """The panel's lines: "还需 3 户、210.5 m² 参与即达到三分之二", then agreement likewise."""
    rule = VoteRule(rule)
    if needed.participation_met:
        lines = [t("owners.participation_met", lang)]
    else:
        key = "owners.needed_participation" if needed.participation_reachable else "owners.participation_unreachable"
        lines = [t(key, lang, what=_parts(needed.participation_heads, needed.participation_area, lang),
                   outstanding=_parts(needed.outstanding_heads, needed.outstanding_area, lang))]
    share = t(f"owners.share.{rule.value}", lang)
    if not needed.returned_heads:
        lines.append(t("owners.agreement_pending", lang, share=share))
    elif needed.agreement_met:
        lines.append(t("owners.agreement_met", lang, share=share))
    else:
        lines.append(t("owners.needed_agreement", lang, what=_parts(needed.agree_heads, needed.agree_area, lang),
                       share=share))
    return lines


def _parts(heads: int, owned: Fraction, lang: str | None) -> str:
    """"3 户、210.5 m²", or the one part that is not zero."""
    parts = []
    if heads:
        parts.append(t("owners.heads_part_one" if heads == 1 else "owners.heads_part", lang, heads=heads))
    if owned or not heads:
        parts.append(t("owners.area_part", lang, area=area_text(owned)))
    return t("owners.list_sep", lang).join(parts)


def denominators_figures(den: Denominators) -> dict[str, Any]:
    """The denominators as stored with a vote (exact areas as text to the cent)."""
    return {"units": den.units, "heads": den.heads, "area": f"{float(den.area):.2f}",
            "by_source": {k: [n, f"{float(a):.2f}"] for k, (n, a) in den.by_source.items()},
            "merged_heads": den.merged_heads, "merged_units": den.merged_units}


def stored_denominators(text: str) -> Denominators | None:
    """A vote's stored denominators, or None for a vote not counted per unit."""
    if not text:
        return None
    data = json.loads(text)
    return Denominators(units=data["units"], heads=data["heads"], area=Fraction(data["area"]),
                        by_source={k: (data["by_source"][k][0], Fraction(data["by_source"][k][1]))
                   for k in sorted(data["by_source"], key=_source_order)},
                        merged_heads=data["merged_heads"], merged_units=data["merged_units"])


def _source_order(name: str) -> int:
    return AREA_SOURCES.index(name) if name in AREA_SOURCES else len(AREA_SOURCES)


def choice_from_text(text: str) -> str:
    """"同意" / "yes" / "y" -> "yes", and so on; InvalidInput for anything else."""
    found = _CHOICE_WORDS.get(str(text).strip().lower())
    if found is None:
        raise InvalidInput("owners.bad_choice", value=str(text).strip()[:40])
    return found


@dataclass(frozen=True)
class Test:
    """One of the four tests of art. 278: `part` of `whole` against `threshold`."""

    name: str  # participation_area, participation_heads, agree_area, agree_heads
    part: Fraction
    whole: Fraction
    threshold: Fraction
    strict: bool  # more than (the general matters' agreement), else at least

    @property
    def share(self) -> Fraction:
        return self.part / self.whole if self.whole else Fraction(0)

    @property
    def reached(self) -> bool:
        if not self.whole:
            return False
        return self.share > self.threshold if self.strict else self.share >= self.threshold

    @property
    def percent(self) -> str:
        """The share in percent, never rounded across the threshold ("66.6" beside "not two thirds")."""
        return _percent_text(_percent(self.share, self.threshold, self.strict)) if self.whole else "0.0"


def standing(rule: VoteRule, tally: Tally) -> list[Test]:
    """The four tests as they stand: participation by area and by head (of all owners), then
    agreement by area and by head (of those taking part)."""
    threshold, strict = (THREE_QUARTERS, False) if VoteRule(rule) == VoteRule.ART278_SPECIAL else (HALF, True)
    part_area = area(tally.yes_area) + area(tally.no_area) + area(tally.abstain_area)
    return [
        Test("participation_area", part_area, area(tally.eligible_area), TWO_THIRDS, False),
        Test("participation_heads", Fraction(tally.cast), Fraction(tally.eligible), TWO_THIRDS, False),
        Test("agree_area", area(tally.yes_area), part_area, threshold, strict),
        Test("agree_heads", Fraction(tally.yes), Fraction(tally.cast), threshold, strict),
    ]
