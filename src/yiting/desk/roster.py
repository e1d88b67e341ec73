"""The roster: participants and check-in."""

from __future__ import annotations

from typing import Any

from yiting.desk.base import DeskBase, Row, action, clean_text, parse_area
from yiting.errors import InvalidInput, YitingError
from yiting.presets import official_by_default
from yiting.store import lookups, queries

PRIVACY_FIELDS = frozenset({"named", "official", "employer"})
PARTICIPANT_FIELDS = ("name", "party", "building", "voting", "area_m2", "phone", "address", "named", "official",
                      "employer")


class RosterDesk(DeskBase):
    def _participant_values(self, fields: dict[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, value in fields.items():
            if name not in PARTICIPANT_FIELDS:
                raise TypeError(f"unknown participant field: {name}")
            if name == "official" and value is None:
                continue  # not said: the party's preset decides (`_with_default_official`)
            if name in ("voting", "named", "official"):
                values[name] = 1 if value else 0
            elif name == "area_m2":
                values[name] = parse_area(value)
            else:
                values[name] = clean_text(value, name, required=name == "name", limit=100)
        return values

    @staticmethod
    def _with_default_official(values: dict[str, Any]) -> dict[str, Any]:
        """A new person appears in an official capacity when the facilitator said so, else when
        their party is an official party of the presets (exactly: never by its ending)."""
        if "official" not in values:
            values["official"] = 1 if official_by_default(values.get("party")) else 0
        return values

    @action
    def add_participant(
        self,
        meeting_id: Any,
        name: str,
        *,
        party: str = "",
        building: str = "",
        voting: bool = True,
        area_m2: Any = None,
        phone: str = "",
        address: str = "",
        named: bool = False,
        official: bool | None = None,
        employer: str = "",
    ) -> Row:
        """Add a person to a meeting's roster. `phone`, `address` and `employer` (their 单位)
        stay in the database; `named` means the person agreed to be named in the published
        minutes; `official` that they take part in an official capacity and are named for it
        (None: as their party's preset says)."""
        meeting = self.meeting(meeting_id)
        self._require_status(meeting, "draft", "open")
        values = self._with_default_official(self._participant_values(dict(
            name=name, party=party, building=building, voting=voting, area_m2=area_m2,
            phone=phone, address=address, named=named, official=official, employer=employer,
        )))
        values.update(meeting_id=meeting["id"], created_at=self.now())
        with self._change("add_participant", meeting["id"]) as cs:
            return self._get("participants", cs.insert("participants", values))

    @action
    def add_participants(self, meeting_id: Any, people: list[dict[str, Any]]) -> list[Row]:
        """Add several people in one transaction: all of them or, on any error, none."""
        meeting = self.meeting(meeting_id)
        self._require_status(meeting, "draft", "open")
        rows = []
        for person in people:
            values = self._with_default_official(self._participant_values(person))
            if "name" not in values:
                raise InvalidInput("desk.required", field="name")
            values.update(meeting_id=meeting["id"], created_at=self.now())
            rows.append(values)
        with self._change("add_participants", meeting["id"]) as cs:
            ids = [cs.insert("participants", values) for values in rows]
        return [self._get("participants", i) for i in ids]

    @action
    def update_participant(self, participant_id: Any, **fields: Any) -> Row:
        """Change a person's roster entry. Consent (`named`), official capacity and employer may
        change after the meeting too (a resident withdraws consent before the minutes go out):
        they decide only how the minutes show the person, never what was decided."""
        person = self._get("participants", participant_id)
        meeting = self.meeting(person["meeting_id"])
        if not set(fields) <= PRIVACY_FIELDS:
            self._require_status(meeting, "draft", "open")
        values = self._participant_values(fields)
        changes_electorate = any(name in values and values[name] != person[name] for name in ("voting", "area_m2"))
        if changes_electorate and queries.open_vote(self.db, meeting["id"]) is not None:
            # the open vote's tally was checked against the voters (and owners' area) as they were
            raise YitingError("desk.vote_in_progress_roster", name=person["name"])
        with self._change("update_participant", meeting["id"]) as cs:
            return cs.update("participants", person["id"], **values)

    @action
    def remove_participant(self, participant_id: Any) -> None:
        """Take someone off the roster; refused once they have spoken, proposed or voted."""
        person = self._get("participants", participant_id)
        meeting = self.meeting(person["meeting_id"])
        self._require_status(meeting, "draft", "open")
        used = lookups.participant_uses(self.db, person["id"])
        if used:
            raise YitingError("desk.participant_in_record", name=person["name"])
        if person["voting"] and queries.open_vote(self.db, meeting["id"]) is not None:
            raise YitingError("desk.vote_in_progress_roster", name=person["name"])
        with self._change("remove_participant", meeting["id"]) as cs:
            cs.delete("participants", person["id"])

    @action
    def check_in(self, participant_id: Any) -> Row:
        """Mark a person present now (late arrivals get their own time)."""
        person = self._get("participants", participant_id)
        meeting = self.meeting(person["meeting_id"])
        self._require_status(meeting, "draft", "open")
        if person["checked_in_at"]:
            return person
        with self._change("check_in", meeting["id"]) as cs:
            return cs.update("participants", person["id"], checked_in_at=self.now())

    @action
    def undo_check_in(self, participant_id: Any) -> Row:
        person = self._get("participants", participant_id)
        meeting = self.meeting(person["meeting_id"])
        self._require_status(meeting, "draft", "open")
        if queries.open_vote(self.db, meeting["id"]) is not None and person["voting"]:
            raise YitingError("desk.vote_in_progress")
        with self._change("undo_check_in", meeting["id"]) as cs:
            return cs.update("participants", person["id"], checked_in_at=None)
