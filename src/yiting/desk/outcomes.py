"""What a meeting produces: decisions (决议) and action items (任务) followed to the end."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from yiting.desk.base import DeskBase, Row, action, clean_text, parse_date
from yiting.domain.matters import DUTY_STATUSES, VERDICTS, advanced
from yiting.domain.matters import duty_state as action_state
from yiting.errors import InvalidInput, YitingError

ACTION_STATUSES = DUTY_STATUSES
EVALUATIONS = VERDICTS
DEFAULT_DUE_DAYS = 7
__all__ = ["ACTION_STATUSES", "EVALUATIONS", "OutcomeDesk", "action_state"]


class OutcomeDesk(DeskBase):
    @action
    def record_decision(self, item_id: Any, text: str, *, proposal_id: Any = None, vote_id: Any = None) -> Row:
        """Write down what was decided on an item, linked to the proposal and vote behind it."""
        item = self._get("agenda_items", item_id)
        meeting = self._meeting_of_item(item)
        self._require_status(meeting, "open")
        values: dict[str, Any] = {"meeting_id": meeting["id"], "item_id": item["id"],
                                  "text": clean_text(text, "text", required=True, limit=2000),
                                  "decided_at": self.now()}
        if proposal_id not in (None, ""):
            proposal = self._get("proposals", proposal_id)
            if proposal["item_id"] != item["id"]:
                raise InvalidInput("desk.amends_other_item")
            values["proposal_id"] = proposal["id"]
        if vote_id not in (None, ""):
            vote = self._get("votes", vote_id)
            if vote["status"] != "closed":
                raise YitingError("desk.vote_not_closed")
            if self._get("proposals", vote["proposal_id"])["item_id"] != item["id"]:
                raise InvalidInput("desk.amends_other_item")
            values["vote_id"] = vote["id"]
        with self._change("record_decision", meeting["id"]) as cs:
            return self._get("decisions", cs.insert("decisions", values))

    def default_due(self) -> str:
        """The due date a new action item is offered: a week from today."""
        return (self.clock().date() + timedelta(days=DEFAULT_DUE_DAYS)).isoformat()

    @action
    def add_action(
        self,
        meeting_id: Any,
        task: str,
        *,
        owner_party: str = "",
        owner_person: str = "",
        due: Any = None,
        item_id: Any = None,
        decision_id: Any = None,
        matter_id: Any = None,
    ) -> Row:
        """明责办事: who (party and person) does what, by when. An action item is a duty of the
        list of duties; it serves the matter its item took up unless another is named."""
        meeting = self.meeting(meeting_id)
        values = {"meeting_id": meeting["id"], **self._duty_values(task, owner_party, owner_person, due)}
        for field, table, ref in (("item_id", "agenda_items", item_id), ("decision_id", "decisions", decision_id),
                                  ("matter_id", "matters", matter_id)):
            if ref not in (None, ""):
                linked = self._get(table, ref)
                if table != "matters" and linked["meeting_id"] != meeting["id"]:
                    raise InvalidInput("desk.other_meeting")
                values[field] = linked["id"]
        if "matter_id" not in values and values.get("item_id"):
            values["matter_id"] = self._get("agenda_items", values["item_id"])["matter_id"]
        meeting_day = (meeting["started_at"] or meeting["scheduled_at"] or meeting["created_at"])[:10]
        if values["due"] and values["due"] < meeting_day:
            raise InvalidInput("desk.due_before_meeting", due=values["due"], day=meeting_day)
        with self._change("add_action", meeting["id"]) as cs:
            action_id = cs.insert("actions", values)
            if values.get("matter_id"):
                matter = self._get("matters", values["matter_id"])
                cs.update("matters", matter["id"], status=advanced(matter["status"], "assigned"),
                          sorted_at=matter["sorted_at"] or self.now())
        return self._get("actions", action_id)

    @action
    def update_action(self, action_id: Any, *, status: str | None = None, notes: str | None = None,
                      due: Any = None, evaluation: str | None = None) -> Row:
        """Follow an action up: progress, a follow-up note (a progress note of today, by the
        desk's actor), a new due date, residents' verdict when done (their counts:
        `record_evaluation`)."""
        action = self._get("actions", action_id)
        values: dict[str, Any] = {}
        if status is not None:
            if status not in ACTION_STATUSES:
                raise InvalidInput("desk.bad_choice", field="status", value=status)
            values["status"] = status
            values["done_at"] = self.now() if status == "done" else None
        note = None if notes is None else clean_text(notes, "notes", required=True, limit=2000)
        if due is not None:
            values["due"] = parse_date(due)
        if evaluation is not None:
            if evaluation not in EVALUATIONS:
                raise InvalidInput("desk.bad_choice", field="evaluation", value=evaluation)
            if values.get("status", action["status"]) != "done":
                raise YitingError("desk.evaluate_when_done")
            values["evaluation"] = evaluation
        if values.get("status") == action["status"]:
            del values["status"], values["done_at"]  # done again keeps when it was done
        with self._change("update_action", action["meeting_id"]) as cs:
            if note is not None:
                cs.insert("duty_notes", {"action_id": action["id"], "noted_on": self.now()[:10], "author": self.actor,
                                         "text": note, "created_at": self.now()})
            return cs.update("actions", action["id"], **values)
