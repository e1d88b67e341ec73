"""Meetings: create, edit, rules in force, open, close."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from yiting.desk.base import DeskBase, Row, action, clean_text, parse_datetime
from yiting.domain import Rules
from yiting.errors import YitingError
from yiting.store import queries
from yiting.store.backup import snapshot

MEETING_FIELDS = ("title", "community", "venue", "kind", "scheduled_at", "facilitator", "note_taker")


class MeetingDesk(DeskBase):
    def rules(self, meeting_id: Any) -> Rules:
        """The rules of order in force at a meeting."""
        return Rules.stored(json.loads(self.meeting(meeting_id)["rules"] or "{}"))

    @action
    def create_meeting(
        self,
        title: str,
        *,
        community: str = "",
        venue: str = "",
        kind: str = "",
        scheduled_at: str | None = None,
        facilitator: str = "",
        note_taker: str = "",
        rules: Rules | dict | None = None,
    ) -> Row:
        """Create a draft meeting; `rules` defaults to the rules of order of docs/domain.md."""
        if isinstance(rules, dict):
            rules = Rules.from_dict(rules)
        row = {
            "title": clean_text(title, "title", required=True, limit=200),
            "community": clean_text(community, "community", limit=200),
            "venue": clean_text(venue, "venue", limit=200),
            "kind": clean_text(kind, "kind", limit=100),
            "scheduled_at": parse_datetime(scheduled_at, self.clock),
            "facilitator": clean_text(facilitator, "facilitator", limit=100),
            "note_taker": clean_text(note_taker, "note_taker", limit=100),
            "rules": json.dumps((rules or Rules()).to_dict(), ensure_ascii=False, sort_keys=True),
            "status": "draft",
            "created_at": self.now(),
        }
        with self._change("create_meeting", None) as cs:
            meeting_id = cs.insert("meetings", row)
            cs.meeting_id = meeting_id
        return self.meeting(meeting_id)

    @action
    def update_meeting(self, meeting_id: Any, **fields: Any) -> Row:
        """Change the meeting's facts (title, venue, time, …) while it is not closed."""
        meeting = self.meeting(meeting_id)
        self._require_status(meeting, "draft", "open")
        unknown = set(fields) - set(MEETING_FIELDS)
        if unknown:
            raise TypeError(f"unknown meeting fields: {sorted(unknown)}")
        values: dict[str, Any] = {}
        for name, value in fields.items():
            if name == "scheduled_at":
                values[name] = parse_datetime(value, self.clock)
            else:
                values[name] = clean_text(value, name, required=name == "title", limit=200)
        with self._change("update_meeting", meeting["id"]) as cs:
            return cs.update("meetings", meeting["id"], **values)

    @action
    def set_rules(self, meeting_id: Any, rules: Rules | dict, reason: str = "") -> Row:
        """Set the rules of order; once the meeting is open a change needs a reason (it is logged)."""
        meeting = self.meeting(meeting_id)
        self._require_status(meeting, "draft", "open")
        if isinstance(rules, dict):
            rules = Rules.from_dict(rules)
        reason = clean_text(reason, "reason", limit=500)
        if meeting["status"] == "open" and not reason:
            raise YitingError("desk.reason_required")
        with self._change("set_rules", meeting["id"], reason) as cs:
            return cs.update("meetings", meeting["id"],
                             rules=json.dumps(rules.to_dict(), ensure_ascii=False, sort_keys=True))

    @action
    def open_meeting(self, meeting_id: Any) -> Row:
        """Start the meeting: draft → open, with its start time."""
        meeting = self.meeting(meeting_id)
        self._require_status(meeting, "draft")
        with self._change("open_meeting", meeting["id"]) as cs:
            row = cs.update("meetings", meeting["id"], status="open", started_at=self.now())
        self._backup(f"auto-open-m{meeting['id']}")
        return row

    @action
    def close_meeting(self, meeting_id: Any) -> Row:
        """End the meeting: open → closed. A running speech ends; waiting speakers are dropped;
        an item still under discussion is deferred. Refused while a vote is open."""
        meeting = self.meeting(meeting_id)
        self._require_status(meeting, "open")
        if queries.open_vote(self.db, meeting["id"]) is not None:
            raise YitingError("desk.vote_still_open")
        now = self.now()
        with self._change("close_meeting", meeting["id"]) as cs:
            for item in queries.agenda(self.db, meeting["id"]):
                if item["status"] in ("discussing", "voting"):
                    self._finish_speeches(cs, item["id"], now)
                    cs.update("agenda_items", item["id"], status="deferred", ended_at=now)
            row = cs.update("meetings", meeting["id"], status="closed", ended_at=now, current_item_id=None)
        self._backup(f"auto-close-m{meeting['id']}")
        return row

    def _backup(self, label: str) -> None:
        """A copy at a meeting's open and close, once the action is committed; a failed copy
        never stops the meeting."""
        if not self.backups:
            return

        def copy() -> None:
            try:
                snapshot(self.db, label)
            except (OSError, sqlite3.Error):
                pass

        self._after_commit.append(copy)

    @action
    def mark_published(self, meeting_id: Any) -> Row:
        """Record that a closed meeting's minutes were published: closed → published."""
        meeting = self.meeting(meeting_id)
        if meeting["status"] == "published":
            return meeting
        self._require_status(meeting, "closed")
        with self._change("mark_published", meeting["id"]) as cs:
            return cs.update("meetings", meeting["id"], status="published")

    def summary(self, meeting_id: Any) -> dict[str, Any]:
        """What a facilitator checks before closing: items by status, decisions, actions."""
        meeting = self.meeting(meeting_id)
        items = queries.agenda(self.db, meeting["id"])
        by_status: dict[str, int] = {}
        for item in items:
            by_status[item["status"]] = by_status.get(item["status"], 0) + 1
        return {
            "items": by_status,
            "decisions": len(queries.decisions(self.db, meeting["id"])),
            "actions": len(queries.actions(self.db, meeting["id"])),
            "open_vote": queries.open_vote(self.db, meeting["id"]) is not None,
        }
