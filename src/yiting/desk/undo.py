"""Undo of the misfires that matter: a speech started or ended, a speaker withdrawn, a check-in,
a roster removal; after the meeting, an objection or an answer recorded a moment ago. The record stays append-only: an undo is an event of its own (action
`undo`, reason `#SEQ ACTION` naming the event it undoes) that puts back the rows that event
changed, as they were before it."""

from __future__ import annotations

import json
from typing import Any

from yiting.desk.base import DeskBase, Row, action, parse_iso
from yiting.errors import YitingError
from yiting.store import lookups, queries

UNDO = "undo"
SPEECH_ACTIONS = ("start_speech", "start_speech_out_of_turn", "end_speech", "withdraw_speaker")
CHECKIN_ACTIONS = ("check_in",)
ROSTER_ACTIONS = ("remove_participant",)
OBJECTION_ACTIONS = ("add_objection", "answer_objection")
UNDOABLE = (*SPEECH_ACTIONS, *CHECKIN_ACTIONS, *ROSTER_ACTIONS, *OBJECTION_ACTIONS)
# An objection or an answer is undone only as a slip just made: one that residents may have
# read in published minutes is answered, or its answer changed with a reason, not taken back.
OBJECTION_UNDO_MINUTES = 10
ON_THE_FLOOR = ("speaking", "paused")


class UndoDesk(DeskBase):
    def last_undoable(self, meeting_id: Any, actions: tuple[str, ...] = UNDOABLE) -> Row | None:
        """The newest event of `actions` in a meeting that was not undone yet (a read)."""
        meeting = self.meeting(meeting_id)
        wanted = tuple(a for a in actions if a in UNDOABLE)
        if not wanted:
            return None
        undone = queries.undone_seqs(self.db, meeting["id"])
        for event in queries.events_of_meeting(self.db, meeting["id"], wanted):
            if event["seq"] not in undone:
                return dict(event, changes=json.loads(event["changes"]))
        return None

    @action
    def undo_last(self, meeting_id: Any, actions: tuple[str, ...] = UNDOABLE) -> Row:
        """Undo the newest of `actions` in a meeting not undone yet, if nothing changed its rows
        since. Returns {"action", "seq", "name", "rows"}: what was undone, for whom, and the
        rows as they are now."""
        meeting = self.meeting(meeting_id)
        if actions and set(actions) <= set(OBJECTION_ACTIONS):
            self._require_status(meeting, "closed", "published")
        else:
            self._require_status(meeting, "draft", "open")
        event = self.last_undoable(meeting["id"], actions)
        if event is None:
            raise YitingError("desk.undo_nothing")
        self._require_unchanged(event, self._undo_name(event))
        self._undo_allowed(meeting, event)
        with self._change(UNDO, meeting["id"], f"#{event['seq']} {event['action']}") as cs:
            rows = self._put_back(cs, event["changes"])
        return {"action": event["action"], "seq": event["seq"], "name": self._undo_name(event), "rows": rows}

    def _require_unchanged(self, event: Row, what: str) -> None:
        """Refuse to undo an event whose rows changed since (a later action built on them)."""
        for change in event["changes"]:
            now = queries.row(self.db, change["t"], change["id"])
            after = change["after"]
            if (now is None) != (after is None) or (
                    now is not None and any(now.get(k) != v for k, v in after.items())):
                raise YitingError("desk.undo_changed", what=what)

    def _put_back(self, cs: Any, changes: list[Row]) -> list[Row]:
        """Put the rows an event changed back as they were before it; the rows as they are now."""
        rows = []
        for change in reversed(changes):
            table, before = change["t"], change["before"]
            if before is None:
                cs.delete(table, change["id"])
            elif change["after"] is None:
                cs.insert(table, before)
                rows.append(queries.row(self.db, table, change["id"]))
            else:
                rows.append(cs.update(table, change["id"], **{k: v for k, v in before.items() if k != "id"}))
        return rows

    def _undo_name(self, event: Row) -> str:
        """The person the undone action was about (the speech started, ended or withdrawn; who
        objected)."""
        if event["action"] in OBJECTION_ACTIONS:
            row = event["changes"][0]["after"] or event["changes"][0]["before"] or {}
            return row.get("name") or " ".join(str(row.get("text", "")).split())[:20]
        target = {"end_speech": "done", "withdraw_speaker": "withdrawn"}.get(event["action"], "speaking")
        for change in event["changes"]:
            row = change["after"] or change["before"] or {}
            if change["t"] == "participants":
                return row.get("name", "")
            if change["t"] == "speeches" and row.get("status") == target:
                person = queries.row(self.db, "participants", row["participant_id"])
                return person["name"] if person else ""
        return ""

    def _undo_allowed(self, meeting: Row, event: Row) -> None:
        """The rules the undone state must still meet."""
        action = event["action"]
        if action in SPEECH_ACTIONS:
            speeches = [c for c in event["changes"] if c["t"] == "speeches"]
            items = {c["before"]["item_id"] for c in speeches}
            if meeting["status"] != "open" or items != {meeting["current_item_id"]}:
                raise YitingError("desk.undo_item_moved")
            item = self._get("agenda_items", meeting["current_item_id"])
            if item["status"] not in ("discussing", "voting"):
                raise YitingError("desk.undo_item_moved")
            # one speech on the floor at most, once the rows are put back
            restored = {c["id"]: c["before"]["status"] for c in speeches}
            running = queries.running_speech(self.db, meeting["id"])
            floor = [sid for sid, status in restored.items() if status in ON_THE_FLOOR]
            if running is not None and running["id"] not in restored:
                floor.append(running["id"])
            if len(floor) > 1:
                raise YitingError("desk.undo_floor_taken")
            if action == "withdraw_speaker":
                before = speeches[0]["before"]
                kinds = lookups.waiting_kinds(self.db, before["item_id"], before["participant_id"])
                if before["kind"] in kinds or (before["kind"] != "point_of_order" and kinds - {"point_of_order"}):
                    raise YitingError("desk.already_waiting", name=self._undo_name(event))
        elif action in OBJECTION_ACTIONS:
            from datetime import timedelta

            if self.clock() - parse_iso(event["at"]) > timedelta(minutes=OBJECTION_UNDO_MINUTES):
                raise YitingError("objection.undo_too_late", minutes=OBJECTION_UNDO_MINUTES)
        elif action in CHECKIN_ACTIONS + ROSTER_ACTIONS:
            person = next(c["before"] or c["after"] for c in event["changes"] if c["t"] == "participants")
            if person["voting"] and queries.open_vote(self.db, meeting["id"]) is not None:
                raise YitingError("desk.vote_in_progress_roster", name=person["name"])
