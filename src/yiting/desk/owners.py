"""The owners' register (units and their owners) and owners' votes counted per unit, with
ballots entered over days as they come back from the doors."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from yiting.desk.base import DeskBase, Row, action, clean_text, parse_area, parse_date, parse_datetime, parse_iso
from yiting.domain import VoteRule
from yiting.domain.owners import (
    AREA_SOURCES,
    Denominators,
    Unit,
    check_ballot,
    denominators,
    denominators_figures,
    owners_tally,
    still_needed,
    unit_label,
    units_from_rows,
)
from yiting.errors import InvalidInput, Phrase, YitingError
from yiting.store import owners as register
from yiting.store.log import Changeset

DEVELOPER_NAME = "开发商"
_NAME_SPLIT = re.compile(r"[、，,;；/／]+")
_SOURCE_WORDS = {
    "register": "register", "登记簿": "register", "登记": "register", "产权证": "register", "不动产登记": "register",
    "survey": "survey", "实测": "survey", "测绘": "survey",
    "contract": "contract", "合同": "contract", "购房合同": "contract",
}
_DEVELOPER_WORDS = {"开发商", "建设单位", "未售", "developer", "unsold"}


def owner_names(value: Any) -> list[str]:
    """"王芳、李明" (or a list) -> ["王芳", "李明"]: a unit's co-owners, as typed."""
    parts = value if isinstance(value, (list, tuple)) else _NAME_SPLIT.split(str(value or ""))
    names = []
    for part in parts:
        name = clean_text(part, "owner", limit=100)
        if name and name not in names:
            names.append(name)
    return names


def area_source(value: Any) -> str:
    text = str(value or "").strip()
    if not text:
        return "register"
    found = _SOURCE_WORDS.get(text.lower()) or _SOURCE_WORDS.get(text)
    if found is None:
        raise InvalidInput("owners.bad_source", value=text)
    return found


def is_developer(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in _DEVELOPER_WORDS | {"1", "yes", "true", "是", "y"}


class OwnersDesk(DeskBase):
    # -- the register ------------------------------------------------------------------------
    @action
    def add_unit(self, meeting_id: Any, label: Any, area_m2: Any, *, building: Any = "", area_source: Any = "",
                 owners: Any = "", developer: Any = False) -> Row:
        """Add a unit (专有部分) to the meeting's property, with its owners (co-owners share it);
        `developer` marks it unsold: the developer's units count as one owner together."""
        meeting = self._register_open(meeting_id)
        with self._change("add_unit", meeting["id"]) as cs:
            return self._insert_unit(cs, meeting["id"], label, area_m2, building, area_source, owners, developer)

    @action
    def import_units(self, meeting_id: Any, rows: Iterable[dict[str, Any]]) -> list[Row]:
        """Add many units at once (a roster file): all of them or, on any error, none. An error
        names the line (`line` in a row, else its position)."""
        meeting = self._register_open(meeting_id)
        added = []
        with self._change("import_units", meeting["id"]) as cs:
            for position, row in enumerate(rows, start=1):
                try:
                    added.append(self._insert_unit(cs, meeting["id"], row.get("label"), row.get("area_m2"),
                                                   row.get("building", ""), row.get("area_source", ""),
                                                   row.get("owners", ""), row.get("developer", False)))
                except YitingError as exc:
                    raise InvalidInput("owners.import_line", line=row.get("line", position),
                                       detail=Phrase(exc.key, **exc.params)) from exc
        return added

    @action
    def edit_unit(self, unit_id: Any, **fields: Any) -> Row:
        """Change a unit: `building`, `label`, `area_m2`, `area_source`, `owners`, `developer`."""
        unit = self._get("units", unit_id)
        meeting = self._register_open(unit["meeting_id"])
        unknown = set(fields) - {"building", "label", "area_m2", "area_source", "owners", "developer"}
        if unknown:
            raise InvalidInput("desk.bad_choice", field="field", value=", ".join(sorted(unknown)))
        values: dict[str, Any] = {}
        if "building" in fields or "label" in fields:
            building = clean_text(fields.get("building", unit["building"]), "building", limit=100)
            label = clean_text(fields.get("label", unit["label"]), "unit_label", required=True, limit=100)
            self._unique_unit(meeting["id"], building, label, unit["id"])
            values.update(building=building, label=label)
        if "area_m2" in fields:
            values["area_m2"] = self._unit_area(fields["area_m2"])
        if "area_source" in fields:
            values["area_source"] = area_source(fields["area_source"])
        with self._change("edit_unit", meeting["id"]) as cs:
            row = cs.update("units", unit["id"], **values)
            if "owners" in fields or "developer" in fields:
                for link in register.unit_owner_links(self.db, unit["id"]):
                    cs.delete("unit_owners", link["id"])
                self._link_owners(cs, meeting["id"], unit["id"], fields.get("owners", ""),
                                  fields.get("developer", False))
                self._drop_orphans(cs, meeting["id"])
            return row

    @action
    def remove_unit(self, unit_id: Any) -> None:
        """Take a unit off the register; refused once a ballot was entered for it."""
        unit = self._get("units", unit_id)
        meeting = self._register_open(unit["meeting_id"])
        if register.unit_has_ballots(self.db, unit["id"]):
            raise YitingError("owners.unit_has_ballots", unit=unit_label(unit))
        with self._change("remove_unit", meeting["id"]) as cs:
            for link in register.unit_owner_links(self.db, unit["id"]):
                cs.delete("unit_owners", link["id"])
            cs.delete("units", unit["id"])
            self._drop_orphans(cs, meeting["id"])

    def _register_open(self, meeting_id: Any) -> Row:
        meeting = self.meeting(meeting_id)
        self._require_status(meeting, "draft", "open")
        if any(v["status"] == "open" for v in register.unit_votes(self.db, meeting["id"])):
            # the open vote's denominators were fixed when it opened
            raise YitingError("owners.vote_open_register")
        if register.meeting_has_unit_ballots(self.db, meeting["id"]):
            # the counting sheet and verdict of a vote with ballots rest on the register as it was
            raise YitingError("owners.ballots_register")
        return meeting

    def _unit_area(self, value: Any) -> float:
        area = parse_area(value)
        if area is None:
            raise InvalidInput("desk.required", field="area_m2")
        if area <= 0:
            raise InvalidInput("owners.area_zero", value=str(value))
        return area

    def _unique_unit(self, meeting_id: int, building: str, label: str, unit_id: int | None = None) -> None:
        found = register.unit_by_label(self.db, meeting_id, building, label)
        if found is not None and found["id"] != unit_id:
            raise InvalidInput("owners.unit_exists", unit=unit_label(found))

    def _insert_unit(self, cs: Changeset, meeting_id: int, label: Any, area_m2: Any, building: Any,
                     source: Any, owners: Any, developer: Any) -> Row:
        building = clean_text(building, "building", limit=100)
        label = clean_text(label, "unit_label", required=True, limit=100)
        self._unique_unit(meeting_id, building, label)
        unit_id = cs.insert("units", {"meeting_id": meeting_id, "building": building, "label": label,
                                      "area_m2": self._unit_area(area_m2), "area_source": area_source(source),
                                      "created_at": self.now()})
        self._link_owners(cs, meeting_id, unit_id, owners, developer)
        return self._get("units", unit_id)

    def _link_owners(self, cs: Changeset, meeting_id: int, unit_id: int, owners: Any, developer: Any) -> None:
        """The same name is the same owner across the register (one buyer of several units); the
        developer is one owner for all its unsold units."""
        if is_developer(developer):
            wanted = [((owner_names(owners) or [DEVELOPER_NAME])[0], True)]
        else:
            wanted = [(name, False) for name in owner_names(owners)]
        for name, dev in wanted:
            found = register.owner_by_name(self.db, meeting_id, name, dev)
            owner_id = found["id"] if found else cs.insert(
                "owners", {"meeting_id": meeting_id, "name": name, "developer": 1 if dev else 0, "created_at": self.now()})
            cs.insert("unit_owners", {"unit_id": unit_id, "owner_id": owner_id})

    def _drop_orphans(self, cs: Changeset, meeting_id: int) -> None:
        for owner in register.owners(self.db, meeting_id):
            if register.owner_unit_count(self.db, owner["id"]) == 0:
                cs.delete("owners", owner["id"])

    # -- counting ----------------------------------------------------------------------------
    def property_units(self, meeting_id: Any, scope: str = "") -> list[Unit]:
        """The units of the property voted on (a building when `scope` names one), as counted."""
        meeting = self.meeting(meeting_id)
        return units_from_rows(register.units(self.db, meeting["id"], scope, ordered=False),
                               register.owners_of_units(self.db, meeting["id"]))

    def owners_denominators(self, meeting_id: Any, scope: str = "") -> Denominators:
        return denominators(self.property_units(meeting_id, scope))

    def owners_count(self, vote_id: Any) -> dict[str, Any]:
        """Where an owners' vote counted per unit stands: its tally, denominators and what is still needed."""
        vote = self._get("votes", vote_id)
        extra = register.unit_vote(self.db, vote["id"])
        if extra is None:
            raise YitingError("owners.not_unit_vote")
        meeting_id = self._meeting_of_vote(vote)
        units = self.property_units(meeting_id, extra["scope"])
        ballots = {b["unit_id"]: b["choice"] for b in register.unit_ballots(self.db, vote["id"])}
        rule = VoteRule(vote["rule"])
        return {"vote": vote, "meeting_id": meeting_id, "unit_vote": extra, "units": units, "ballots": ballots, "tally": owners_tally(units, ballots),
                "denominators": denominators(units), "needed": still_needed(rule, units, ballots)}

    def _meeting_of_vote(self, vote: Row) -> int:
        proposal = self._get("proposals", vote["proposal_id"])
        return self._get("agenda_items", proposal["item_id"])["meeting_id"]

    def _unit_electorate(self, meeting_id: int, scope: str) -> dict[str, Any]:
        """An owners' vote's figures from the register: heads and area of every unit in scope."""
        units = self.property_units(meeting_id, scope)
        den = denominators(units)
        return {"present": den.heads, "eligible": den.heads, "eligible_area": float(den.area),
                "denominators": json.dumps(denominators_figures(den), ensure_ascii=False, sort_keys=True)}

    def find_unit(self, meeting_id: Any, text: Any) -> Row:
        """A unit of the meeting's register by its id or as a ballot names it ("12号楼1单元 301",
        or "301" when only one unit has that number)."""
        meeting = self.meeting(meeting_id)
        typed = " ".join(str(text or "").split())
        rows = register.units(self.db, meeting["id"])
        if typed.isdigit():
            by_id = [r for r in rows if r["id"] == int(typed)]
            if by_id:
                return by_id[0]
        exact = [r for r in rows if unit_label(r) == typed or unit_label(r).replace(" ", "") == typed.replace(" ", "")]
        alone = [r for r in rows if r["label"] == typed]
        found = exact or alone
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise InvalidInput("owners.unit_ambiguous", unit=typed, count=len(found))
        raise InvalidInput("owners.no_such_unit", unit=typed)

    # -- ballots -----------------------------------------------------------------------------
    def _unit_vote(self, vote_id: Any) -> tuple[Row, int, str]:
        """An open vote counted per unit: its row, its meeting and the building it covers."""
        vote = self._get("votes", vote_id)
        extra = register.unit_vote(self.db, vote["id"])
        if extra is None:
            raise YitingError("owners.not_unit_vote")
        if vote["status"] != "open":
            raise YitingError("desk.vote_closed")
        return vote, self._meeting_of_vote(vote), extra["scope"]

    @action
    def record_unit_ballot(self, vote_id: Any, unit_id: Any, choice: str, *, collected_by: Any = "",
                           collected_at: Any = None) -> Row:
        """Enter one returned ballot: the unit, 同意/反对/弃权, who collected it and when (default:
        now). A unit is counted once; one owner's units must say the same."""
        vote, meeting_id, scope = self._unit_vote(vote_id)
        unit = self._get("units", unit_id)
        units = self.property_units(meeting_id, scope)
        ballots = {b["unit_id"]: b["choice"] for b in register.unit_ballots(self.db, vote["id"])}
        check_ballot(units, ballots, unit["id"], str(choice))
        values = {"vote_id": vote["id"], "unit_id": unit["id"], "choice": str(choice),
                  "collected_by": clean_text(collected_by, "collected_by", limit=100),
                  "collected_at": parse_datetime(collected_at, self.clock) or self.now(), "entered_at": self.now()}
        if parse_iso(values["collected_at"]) > parse_iso(values["entered_at"]):
            raise InvalidInput("owners.collected_in_future", value=str(collected_at))
        with self._change("record_unit_ballot", meeting_id) as cs:
            ballot_id = cs.insert("unit_ballots", values)
            self._recount_units(cs, vote, units, {**ballots, unit["id"]: str(choice)})
        return self._get("unit_ballots", ballot_id)

    @action
    def withdraw_unit_ballot(self, vote_id: Any, unit_id: Any, reason: str) -> Row:
        """Take back a ballot entered by mistake (the wrong unit or choice), with the reason logged."""
        vote, meeting_id, scope = self._unit_vote(vote_id)
        reason = clean_text(reason, "reason", required=True, limit=500)
        unit = self._get("units", unit_id)
        ballot = register.unit_ballot(self.db, vote["id"], unit["id"])
        if ballot is None:
            raise YitingError("owners.no_ballot", unit=unit_label(unit))
        units = self.property_units(meeting_id, scope)
        ballots = {b["unit_id"]: b["choice"] for b in register.unit_ballots(self.db, vote["id"])}
        del ballots[unit["id"]]
        with self._change("withdraw_unit_ballot", meeting_id, reason) as cs:
            cs.delete("unit_ballots", ballot["id"])
            return self._recount_units(cs, vote, units, ballots)

    def _recount_units(self, cs: Changeset, vote: Row, units: list[Unit], ballots: dict[int, str]) -> Row:
        tally = owners_tally(units, ballots)
        return cs.update("votes", vote["id"], yes=tally.yes, no=tally.no, abstain=tally.abstain,
                         yes_area=tally.yes_area, no_area=tally.no_area, abstain_area=tally.abstain_area)

    @action
    def set_vote_objection_period(self, vote_id: Any, until: Any, reason: str = "") -> Row:
        """The last day of the objection period (询异期), during which owners may check that their
        ballot was counted; the minutes and the counting sheet state it, and the meeting's period
        lasts at least that long. As for the meeting's period, a change once the minutes are
        published needs a reason (it is logged)."""
        vote = self._get("votes", vote_id)
        extra = register.unit_vote(self.db, vote["id"])
        if extra is None:
            raise YitingError("owners.not_unit_vote")
        day = parse_date(until)
        if day is None:
            raise InvalidInput("desk.required", field="objection_until")
        opened = vote["opened_at"][:10]
        if day < opened:
            raise InvalidInput("owners.objection_before_vote", day=day, opened=opened)
        reason = clean_text(reason, "reason", limit=500)
        if day == extra["objection_until"]:
            return vote
        meeting = self.meeting(self._meeting_of_vote(vote))
        if meeting["status"] == "published" and not reason:
            raise YitingError("objection.reason_after_publish")
        with self._change("set_vote_objection_period", meeting["id"], reason) as cs:
            cs.update("unit_votes", extra["id"], objection_until=day)
        return vote


__all__ = ["AREA_SOURCES", "DEVELOPER_NAME", "OwnersDesk", "area_source", "owner_names"]
