"""The agenda: items, their order, and one item under discussion at a time."""

from __future__ import annotations

from typing import Any

from yiting.desk.base import DeskBase, Row, action, clean_text
from yiting.domain.matters import advanced
from yiting.errors import InvalidInput, YitingError
from yiting.parsing import parse_minutes
from yiting.store import lookups, queries

ITEM_OUTCOMES = ("decided", "deferred", "withdrawn")


class AgendaDesk(DeskBase):
    def item(self, item_id: Any) -> Row:
        return self._get("agenda_items", item_id)

    @action
    def add_item(
        self,
        meeting_id: Any,
        title: str,
        *,
        description: str = "",
        timebox_minutes: Any = 10,
        matter_id: Any = None,
    ) -> Row:
        """Add an agenda item at the end, optionally taking up a matter from the backlog."""
        meeting = self.meeting(meeting_id)
        self._require_status(meeting, "draft", "open")
        if matter_id is not None:
            matter_id = self._get("matters", matter_id)["id"]
        position = lookups.next_item_position(self.db, meeting["id"])
        values = {
            "meeting_id": meeting["id"],
            "position": position,
            "title": clean_text(title, "title", required=True, limit=200),
            "description": clean_text(description, "description"),
            "timebox_minutes": parse_minutes(timebox_minutes),
            "matter_id": matter_id,
            "status": "pending",
        }
        with self._change("add_item", meeting["id"]) as cs:
            item_id = cs.insert("agenda_items", values)
            if matter_id is not None:
                matter = self._get("matters", matter_id)
                cs.update("matters", matter_id, status=advanced(matter["status"], "deliberating"),
                          sorted_at=matter["sorted_at"] or self.now())
        return self.item(item_id)

    @action
    def update_item(self, item_id: Any, *, title: Any = None, description: Any = None,
                    timebox_minutes: Any = None) -> Row:
        item = self.item(item_id)
        self._require_status(self._meeting_of_item(item), "draft", "open")
        values: dict[str, Any] = {}
        if title is not None:
            values["title"] = clean_text(title, "title", required=True, limit=200)
        if description is not None:
            values["description"] = clean_text(description, "description")
        if timebox_minutes is not None:
            values["timebox_minutes"] = parse_minutes(timebox_minutes)
        with self._change("update_item", item["meeting_id"]) as cs:
            return cs.update("agenda_items", item["id"], **values)

    @action
    def move_item(self, item_id: Any, delta: int) -> list[Row]:
        """Move an item up (delta < 0) or down the agenda; returns the agenda in its new order."""
        item = self.item(item_id)
        self._require_status(self._meeting_of_item(item), "draft", "open")
        items = queries.agenda(self.db, item["meeting_id"])
        index = next(i for i, row in enumerate(items) if row["id"] == item["id"])
        target = max(0, min(len(items) - 1, index + delta))
        if target != index:
            items.insert(target, items.pop(index))
            with self._change("move_item", item["meeting_id"]) as cs:
                for position, row in enumerate(items, start=1):
                    if row["position"] != position:
                        cs.update("agenda_items", row["id"], position=position)
        return queries.agenda(self.db, item["meeting_id"])

    @action
    def open_item(self, item_id: Any) -> Row:
        """Take up an item (pending or deferred): one matter at a time, so any other item under
        discussion must be closed first."""
        item = self.item(item_id)
        meeting = self._meeting_of_item(item)
        self._require_status(meeting, "open")
        if item["status"] in ("discussing", "voting"):
            return item
        if item["status"] not in ("pending", "deferred"):
            raise YitingError("desk.item_finished", title=item["title"])
        for other in queries.agenda(self.db, meeting["id"]):
            if other["status"] in ("discussing", "voting"):
                raise YitingError("desk.other_item_open", title=other["title"])
        with self._change("open_item", meeting["id"]) as cs:
            cs.update("meetings", meeting["id"], current_item_id=item["id"])
            return cs.update("agenda_items", item["id"], status="discussing",
                             started_at=item["started_at"] or self.now(), ended_at=None)

    @action
    def close_item(self, item_id: Any, outcome: str = "decided", reason: str = "") -> Row:
        """Finish an item as decided, deferred or withdrawn (with the reason, if given, logged);
        a running speech ends and waiting speakers are dropped. Refused while a vote is open."""
        if outcome not in ITEM_OUTCOMES:
            raise InvalidInput("desk.bad_choice", field="outcome", value=outcome)
        item = self.item(item_id)
        meeting = self._meeting_of_item(item)
        if outcome == "withdrawn" and item["status"] == "pending":
            self._require_status(meeting, "draft", "open")  # taken off the agenda before it began
        else:
            self._require_status(meeting, "open")
        if item["status"] == "voting":
            raise YitingError("desk.vote_still_open")
        if item["status"] in ITEM_OUTCOMES and item["status"] != "deferred":
            raise YitingError("desk.item_finished", title=item["title"])
        if item["status"] in ("pending", "deferred") and outcome == "decided":
            raise YitingError("desk.item_not_open", title=item["title"])
        now = self.now()
        reason = clean_text(reason, "reason", limit=500)
        with self._change("close_item", meeting["id"], reason) as cs:
            self._finish_speeches(cs, item["id"], now)
            if meeting["current_item_id"] == item["id"]:
                cs.update("meetings", meeting["id"], current_item_id=None)
            return cs.update("agenda_items", item["id"], status=outcome, ended_at=now)
