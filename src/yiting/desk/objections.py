"""The objection period (询异期): once the meeting has ended and its result is published, residents
may object for a number of days (seven unless the meeting says otherwise: the days after the one
the meeting ended, as the Civil Code counts a period), to a contact the facilitator sets;
each objection and its answer is recorded here, and the next version of the minutes shows them."""

from __future__ import annotations

import re
from typing import Any

from yiting.desk.base import DeskBase, Row, action, clean_text, parse_datetime, parse_iso
from yiting.errors import InvalidInput, YitingError
from yiting.store import objections as stored

MAX_DAYS = 90
_DAYS = re.compile(r"^\s*(\d{1,3})\s*(天|日|days?|d)?\s*$", re.IGNORECASE)


def parse_days(value: Any) -> int:
    """The length of the period: a whole number of days, 1 to 90 (`7`, `7天`, `10 days`)."""
    match = _DAYS.match(str(value if value is not None else ""))
    days = int(match[1]) if match else 0
    if not 1 <= days <= MAX_DAYS:
        raise InvalidInput("objection.bad_days", field="objection_days", value=str(value), limit=MAX_DAYS)
    return days


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


class ObjectionDesk(DeskBase):
    def objection_period(self, meeting_id: Any) -> Row:
        """The meeting's objection period: `days`, `contact`, and `from` and `until` (the day the
        meeting ended and the last day to object; None while it has not ended)."""
        return stored.period(self.db, self.meeting(meeting_id)["id"])

    def objections(self, meeting_id: Any) -> list[Row]:
        """The objections recorded for a meeting, oldest first."""
        return stored.objections(self.db, self.meeting(meeting_id)["id"])

    @action
    def set_objection_period(self, meeting_id: Any, *, days: Any = None, contact: Any = None, reason: str = "") -> Row:
        """How long residents may object once the minutes are published, and whom they tell (an
        office, a phone of the committee: never a resident's). Once the period has begun, a
        change needs a reason (it is logged)."""
        meeting = self.meeting(meeting_id)
        setting = stored.period(self.db, meeting["id"])
        values: dict[str, Any] = {}
        if days is not None:
            values["days"] = parse_days(days)
        if contact is not None:
            values["contact"] = clean_text(contact, "objection_contact", limit=200)
            typed = _digits(values["contact"])
            for phone in stored.resident_phones(self.db, meeting["id"]):
                if len(_digits(phone)) >= 5 and _digits(phone) in typed:
                    raise InvalidInput("objection.resident_phone", field="objection_contact")
        reason = clean_text(reason, "reason", limit=500)
        changed = {k: v for k, v in values.items() if setting.get(k) != v}
        if not changed:
            return self.objection_period(meeting["id"])
        if meeting["status"] == "published" and not reason:
            raise YitingError("objection.reason_after_publish")
        with self._change("set_objection_period", meeting["id"], reason) as cs:
            if setting["id"] is None:
                cs.insert("objection_periods", {"meeting_id": meeting["id"], "days": setting["days"],
                                                "contact": setting["contact"], **changed})
            else:
                cs.update("objection_periods", setting["id"], **changed)
        return self.objection_period(meeting["id"])

    def _moment(self, text: Any, field: str, *, not_before: str | None, earliest_key: str) -> str:
        """A time typed for an objection or its answer (now when empty): never in the future,
        never before `not_before`."""
        at = parse_datetime(text, self.clock) if text not in (None, "") else self.now()
        assert at is not None
        moment = parse_iso(at).replace(second=0)
        if moment > self.clock().replace(second=0, microsecond=0):
            raise InvalidInput("objection.in_future", field=field, value=str(text))
        if not_before and moment < parse_iso(not_before).replace(second=0):
            raise InvalidInput(earliest_key, field=field, value=str(text or at),
                               earliest=not_before[:16].replace("T", " "))
        return at

    @action
    def add_objection(self, meeting_id: Any, text: str, *, participant_id: Any = None, name: str = "",
                      named: bool = False, received_at: Any = None) -> Row:
        """An objection to a closed meeting's result: what, when it was received and from whom —
        someone on the roster, a name as given, or nobody named. A resident appears in public by
        name only with their consent (`named`, or as the roster says)."""
        meeting = self.meeting(meeting_id)
        if meeting["status"] not in ("closed", "published"):
            raise YitingError("objection.meeting_not_closed", title=meeting["title"])
        values: dict[str, Any] = {
            "meeting_id": meeting["id"],
            "text": clean_text(text, "objection_text", required=True, limit=2000, multiline=True),
            "name": clean_text(name, "objector", limit=100),
            "named": 1 if named else 0,
            "received_at": self._moment(received_at, "received_at", not_before=meeting["ended_at"],
                                        earliest_key="objection.before_meeting_end"),
        }
        if participant_id not in (None, ""):
            person = self._get("participants", participant_id)
            if person["meeting_id"] != meeting["id"]:
                raise InvalidInput("desk.other_meeting")
            values["participant_id"] = person["id"]
            values["name"] = person["name"]
        with self._change("add_objection", meeting["id"]) as cs:
            return self._get("objections", cs.insert("objections", values))

    @action
    def answer_objection(self, objection_id: Any, answer: str, *, answered_by: str, answered_at: Any = None,
                         reason: str = "") -> Row:
        """The answer to an objection, who gave it (an office or a person in an official
        capacity) and when. Changing an answer already given needs a reason (it is logged)."""
        objection = self._get("objections", objection_id)
        values = {
            "answer": clean_text(answer, "answer", required=True, limit=2000, multiline=True),
            "answered_by": clean_text(answered_by, "answered_by", required=True, limit=100),
            "answered_at": self._moment(answered_at, "answered_at", not_before=objection["received_at"],
                                        earliest_key="objection.answer_before_objection"),
        }
        reason = clean_text(reason, "reason", limit=500) if objection["answer"] else ""  # only a change has one
        if objection["answer"] and not reason:
            raise YitingError("objection.reason_to_change_answer")
        with self._change("answer_objection", objection["meeting_id"], reason) as cs:
            return cs.update("objections", objection["id"], **values)
