"""Matters (议事清单) and duties (履职清单): the six steps around the meetings.

随时说事 raise → 分类理事 sort, merge duplicates, dispatch (派单) or take into a meeting →
明责办事 the duty accepted (接单), followed with progress notes → 公开评事 residents' evaluation,
which reopens a duty they are not satisfied with → 全程查事 the matter closed. A duty is a row of
`actions` (docs/domain.md "Matters and duties").
"""

from __future__ import annotations

from typing import Any

from yiting.desk.base import DeskBase, Row, action, clean_text, parse_date, parse_datetime
from yiting.domain import matters as rules
from yiting.domain.naming import Roster
from yiting.errors import InvalidInput, YitingError
from yiting.i18n import t
from yiting.presets import category_key, party_names
from yiting.store import board as board_reads
from yiting.store import matters as reads
from yiting.store import queries

# What a slip of a key on the Matters and Duties screens does, and ctrl+z puts back.
UNDO_MATTER = "undo_matter"
MATTER_UNDOABLE = ("raise_matter", "sort_matter", "merge_matters", "dispatch_matter", "accept_duty", "update_action", "add_duty_note", "record_evaluation", "reopen_duty",
                   "close_matter")


class MatterDesk(DeskBase):
    def today(self) -> str:
        """The day by the desk's clock (YYYY-MM-DD): what overdue is measured against."""
        return self.now()[:10]

    def _matter_values(self, fields: dict[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, value in fields.items():
            if name == "title":
                values[name] = clean_text(value, "title", required=True, limit=200)
            elif name == "description":
                values[name] = clean_text(value, "description")
            elif name in ("community", "building", "raised_by"):
                values[name] = clean_text(value, name, limit=200 if name == "community" else 100)
            elif name == "category":
                typed = clean_text(value, "category", limit=50)
                key = category_key(typed)
                if typed and key is None:
                    raise InvalidInput("matters.bad_category", value=typed)
                values[name] = key or ""
            elif name == "urgency":
                if value not in rules.URGENCIES:
                    raise InvalidInput("desk.bad_choice", field="urgency", value=str(value))
                values[name] = value
            elif name == "raiser_kind":
                if value not in ("", *rules.RAISER_KINDS):
                    raise InvalidInput("desk.bad_choice", field="raiser_kind", value=str(value))
                values[name] = value
            elif name == "raiser_named":
                values[name] = 1 if value else 0
            else:
                raise TypeError(f"unknown matter field: {name}")
        return values

    def _new_matter(self, title: str, raised_at: Any, **fields: Any) -> dict[str, Any]:
        values = self._matter_values({"title": title, **fields})
        values.setdefault("urgency", "normal")
        values["raised_at"] = parse_datetime(raised_at, self.clock) or self.now()
        values["status"] = "raised"
        return values

    @action
    def raise_matter(
        self,
        title: str,
        *,
        community: str = "",
        description: str = "",
        category: str = "",
        urgency: str = "normal",
        raised_by: str = "",
        raiser_kind: str = "resident",
        raiser_named: bool = False,
        building: str = "",
        raised_at: str | None = None,
    ) -> Row:
        """随时说事: put a problem on the list of matters. `raised_by` is who raised it, a
        resident (named in public only when `raiser_named`), a grid worker, the committee or a
        building head; `category` a preset (漏水, leaks …)."""
        values = self._new_matter(title, raised_at, community=community, description=description,
                                  category=category, urgency=urgency, raised_by=raised_by,
                                  raiser_kind=raiser_kind, raiser_named=raiser_named, building=building)
        with self._change("raise_matter", None) as cs:
            return self._get("matters", cs.insert("matters", values))

    @action
    def raise_matters(self, matters: list[dict[str, Any]]) -> list[Row]:
        """Several matters at once (a grid worker's CSV): all of them or, on any error, none."""
        rows = [self._new_matter(m.get("title", ""), m.get("raised_at"),
                                 **{k: v for k, v in m.items() if k not in ("title", "raised_at")})
                for m in matters]
        with self._change("raise_matters", None) as cs:
            ids = [cs.insert("matters", values) for values in rows]
        return [self._get("matters", i) for i in ids]

    def matter(self, matter_id: Any) -> Row:
        return self._get("matters", matter_id)

    @action
    def set_matter_status(self, matter_id: Any, status: str, reason: str = "") -> Row:
        """Put a matter at a step of the six by hand (with the reason), forwards or back."""
        matter = self.matter(matter_id)
        rules.step_index(status)
        values: dict[str, Any] = {"status": status}
        if status == "closed" and not matter["closed_at"]:
            values["closed_at"] = self.now()
        elif status != "closed":
            values["closed_at"] = None
        with self._change("set_matter_status", None, clean_text(reason, "reason", limit=500)) as cs:
            return cs.update("matters", matter["id"], **values)

    def _live_matter(self, matter_id: Any) -> Row:
        matter = self.matter(matter_id)
        if matter["merged_into"]:
            raise YitingError("matters.is_merged", id=matter["id"], into=matter["merged_into"])
        if matter["status"] == "closed":
            raise YitingError("matters.is_closed", title=matter["title"])
        return matter

    def _moved(self, matter: Row, reached: str) -> dict[str, Any]:
        """The changes of a matter reaching a step: its step, and when it was sorted."""
        values: dict[str, Any] = {"status": rules.advanced(matter["status"], reached)}
        if not matter["sorted_at"] and rules.step_index(reached) >= rules.step_index("classified"):
            values["sorted_at"] = self.now()
        return values

    @action
    def sort_matter(self, matter_id: Any, *, category: Any = None, urgency: Any = None,
                    title: Any = None, description: Any = None) -> Row:
        """分类理事: give a matter its category and urgency (or correct its wording); it is sorted."""
        matter = self._live_matter(matter_id)
        fields = {k: v for k, v in (("category", category), ("urgency", urgency), ("title", title),
                                    ("description", description)) if v is not None}
        values = {**self._matter_values(fields), **self._moved(matter, "classified")}
        with self._change("sort_matter", None) as cs:
            return cs.update("matters", matter["id"], **values)

    @action
    def merge_matters(self, kept_id: Any, duplicate_id: Any) -> Row:
        """Two people reported the same problem: the duplicate is merged into the matter kept,
        and its raisers (with theirs, if it had merged others) are kept on it."""
        kept, duplicate = self.matter(kept_id), self.matter(duplicate_id)
        refusal = rules.can_merge(kept, duplicate)
        if refusal:
            raise YitingError(refusal, kept=kept["title"], duplicate=duplicate["title"])
        raisers = reads.matter_raisers(self.db, duplicate["id"])
        with self._change("merge_matters", None) as cs:
            for raiser in raisers:
                if raiser["id"] is None:  # the duplicate's own raiser
                    cs.insert("matter_raisers", {
                        "matter_id": kept["id"], "from_matter_id": duplicate["id"], "name": raiser["name"],
                        "kind": raiser["kind"], "named": raiser["named"], "building": raiser["building"],
                        "raised_at": raiser["raised_at"]})
                else:  # raisers of matters merged into the duplicate before
                    cs.update("matter_raisers", raiser["id"], matter_id=kept["id"])
            cs.update("matters", duplicate["id"], merged_into=kept["id"], **self._moved(duplicate, "classified"))
            return cs.update("matters", kept["id"], **self._moved(kept, "classified"))

    @action
    def dispatch_matter(self, matter_id: Any, task: str, *, owner_party: str = "", owner_person: str = "",
                        due: Any = None, dispatched_by: str = "") -> Row:
        """派单: give a matter straight to a party as a duty, without a meeting."""
        matter = self._live_matter(matter_id)
        values = self._duty_values(task, owner_party, owner_person, due)
        if values["due"] and values["due"] < self.today():
            raise InvalidInput("matters.due_past", due=values["due"], day=self.today())
        values.update(matter_id=matter["id"], meeting_id=None,
                      dispatched_by=clean_text(dispatched_by, "dispatched_by", limit=100))
        with self._change("dispatch_matter", None) as cs:
            duty_id = cs.insert("actions", values)
            cs.update("matters", matter["id"], **self._moved(matter, "assigned"))
        return self._get("actions", duty_id)

    @action
    def take_matter_into_meeting(self, matter_id: Any, meeting_id: Any, *, timebox_minutes: Any = 10) -> Row:
        """多方议事: put a matter on a meeting's agenda; the item keeps the link."""
        matter = self._live_matter(matter_id)
        return self.add_item(meeting_id, matter["title"], description=matter["description"],  # type: ignore[attr-defined]
                             timebox_minutes=timebox_minutes, matter_id=matter["id"])

    def last_matter_undoable(self) -> Row | None:
        """The newest change to matters and duties not undone yet (a read), with its changes."""
        import json

        undone = reads.undone_matter_seqs(self.db, UNDO_MATTER)
        for event in reads.events_of(self.db, MATTER_UNDOABLE):
            if event["seq"] not in undone:
                return dict(event, changes=json.loads(event["changes"]))
        return None

    @action
    def undo_matter_change(self) -> Row:
        """Undo the newest change to matters and duties (a merge, a duty marked done, counts
        typed wrong …) if nothing changed its rows since. Returns {"action", "seq", "rows"}."""
        event = self.last_matter_undoable()
        if event is None:
            raise YitingError("desk.undo_nothing")
        what = t(f"ui.matters.undo.{event['action']}")
        self._require_unchanged(event, what)  # type: ignore[attr-defined]
        # The undone event's own meeting (a duty note's row has none): its minutes change back.
        with self._change(UNDO_MATTER, event["meeting_id"], f"#{event['seq']} {event['action']}") as cs:
            rows = self._put_back(cs, event["changes"])  # type: ignore[attr-defined]
        return {"action": event["action"], "seq": event["seq"], "what": what, "rows": rows}

    def _duty(self, action_id: Any) -> Row:
        return self._get("actions", action_id)

    @action
    def accept_duty(self, action_id: Any) -> Row:
        """接单: the party takes the duty on; it is in progress."""
        duty = self._duty(action_id)
        if duty["status"] == "done":
            raise YitingError("matters.duty_done", task=duty["task"])
        with self._change("accept_duty", duty["meeting_id"]) as cs:
            return cs.update("actions", duty["id"], status="in_progress", accepted_at=duty["accepted_at"] or self.now())

    @action
    def add_duty_note(self, action_id: Any, text: str, *, author: str = "", noted_on: Any = None) -> Row:
        """A progress note on a duty: the day (today unless given), who wrote it, what happened."""
        duty = self._duty(action_id)
        values = {"action_id": duty["id"], "text": clean_text(text, "notes", required=True, limit=2000),
                  "author": clean_text(author, "author", limit=100),
                  "noted_on": parse_date(noted_on) or self.today(), "created_at": self.now()}
        if values["noted_on"] > self.today():
            raise InvalidInput("matters.note_future", day=values["noted_on"])
        with self._change("add_duty_note", duty["meeting_id"]) as cs:
            return self._get("duty_notes", cs.insert("duty_notes", values))

    @action
    def record_evaluation(self, action_id: Any, satisfied: Any, fairly_satisfied: Any, dissatisfied: Any, *,
                          method: str = "show_of_hands", meeting_id: Any = None, taken_on: Any = None,
                          note: str = "") -> Row:
        """公开评事: residents' judgement of a duty done, as counts (a show of hands at a meeting,
        or paper forms typed in). Not satisfied (more than half 不满意): the duty is reopened.
        Returns the evaluation row."""
        duty = self._duty(action_id)
        if duty["status"] != "done":
            raise YitingError("desk.evaluate_when_done")
        if method not in rules.EVALUATION_METHODS:
            raise InvalidInput("desk.bad_choice", field="method", value=str(method))
        judged = rules.evaluation(satisfied, fairly_satisfied, dissatisfied)
        values: dict[str, Any] = {
            "action_id": duty["id"], "method": method, "satisfied": judged.satisfied,
            "fairly_satisfied": judged.fairly_satisfied, "dissatisfied": judged.dissatisfied,
            "verdict": judged.verdict, "taken_on": parse_date(taken_on) or self.today(),
            "note": clean_text(note, "notes", limit=500), "recorded_at": self.now(), "meeting_id": None,
        }
        if meeting_id not in (None, ""):
            values["meeting_id"] = self.meeting(meeting_id)["id"]
        if values["taken_on"] > self.today():
            raise InvalidInput("matters.note_future", day=values["taken_on"])
        with self._change("record_evaluation", duty["meeting_id"]) as cs:
            evaluation_id = cs.insert("evaluations", values)
            if judged.reopens:
                cs.update("actions", duty["id"], evaluation=judged.verdict, status="open", done_at=None,
                          reopened=duty["reopened"] + 1)
            else:
                cs.update("actions", duty["id"], evaluation=judged.verdict)
            if duty["matter_id"]:
                self._matter_after_evaluation(cs, duty["matter_id"])
        return self._get("evaluations", evaluation_id)

    def _matter_after_evaluation(self, cs: Any, matter_id: int) -> None:
        """A matter is evaluated once every duty of it is done and judged satisfactory; a duty
        reopened puts it back at 明责办事."""
        matter = self.matter(matter_id)
        duties = [entry["duty"] for entry in reads.matter_path(self.db, matter_id, self.today())["duties"]]
        judged = all(d["status"] == "done" and d["evaluation"] for d in duties)
        if judged and matter["status"] != "closed":
            cs.update("matters", matter_id, status=rules.advanced(matter["status"], "evaluated"))
        elif not judged and matter["status"] == "evaluated":
            cs.update("matters", matter_id, status="assigned")

    @action
    def reopen_duty(self, action_id: Any, reason: str) -> Row:
        """Open a duty marked done again (the work did not hold), with the reason."""
        duty = self._duty(action_id)
        if duty["status"] != "done":
            raise YitingError("matters.duty_not_done", task=duty["task"])
        why = clean_text(reason, "reason", required=True, limit=500)
        with self._change("reopen_duty", duty["meeting_id"], why) as cs:
            row = cs.update("actions", duty["id"], status="open", done_at=None, reopened=duty["reopened"] + 1)
            if duty["matter_id"]:
                self._matter_after_evaluation(cs, duty["matter_id"])
            return row

    @action
    def close_matter(self, matter_id: Any, reason: str = "") -> Row:
        """全程查事: the matter's path is complete; refused while a duty of it is not done."""
        matter = self._live_matter(matter_id)
        path = reads.matter_path(self.db, matter["id"], self.today())
        waiting = [entry["duty"]["task"] for entry in path["duties"] if entry["duty"]["status"] != "done"]
        if waiting:
            raise YitingError("matters.duties_not_done", task=waiting[0], count=len(waiting))
        with self._change("close_matter", None, clean_text(reason, "reason", limit=500)) as cs:
            return cs.update("matters", matter["id"], status="closed", closed_at=self.now(),
                             sorted_at=matter["sorted_at"] or self.now())

    @action
    def add_follow_up_item(self, meeting_id: Any) -> Row | None:
        """Offer the open action items of earlier meetings as a meeting's first agenda item
        (上次议定事项落实情况), each listed with its owner, due date and state. None when there
        is nothing open, or the meeting has such an item already."""
        meeting = self.meeting(meeting_id)
        self._require_status(meeting, "draft")
        title = t(rules.FOLLOW_UP_TITLE_KEY)
        agenda = queries.agenda(self.db, meeting["id"])
        if any(item["title"] == title for item in agenda):
            return None
        open_duties = reads.open_duties_of_other_meetings(self.db, meeting["id"])
        if not open_duties:
            return None
        rosters: dict[Any, Roster] = {}
        for duty in open_duties:
            if duty["meeting_id"] not in rosters:
                rosters[duty["meeting_id"]] = Roster(board_reads.meeting_people(self.db, duty["meeting_id"]),
                                                     party_names())
        lines = [self._follow_up_line(d, rosters[d["meeting_id"]]) for d in open_duties]
        item = self.add_item(meeting["id"], title, description="\n".join(lines),  # type: ignore[attr-defined]
                             timebox_minutes=min(30, 5 + 2 * len(lines)))
        if len(agenda) > 0:
            self.move_item(item["id"], -len(agenda))  # type: ignore[attr-defined]
        return self._get("agenda_items", item["id"])

    def _follow_up_line(self, duty: Row, roster: Roster) -> str:
        """One open duty as the item lists it: the task, the party, the due date and its state.
        The item is published as it stands, so the owner person stays out and a party typed as
        a resident's name is masked as the minutes of the duty's meeting mask it (`roster`)."""
        state = t(f"matters.duty_state.{rules.duty_state(duty, self.today())}")
        due = t("matters.due_on", due=duty["due"]) if duty["due"] else ""
        return t("matters.follow_up_line", task=duty["task"], party=roster.owner_party(duty["owner_party"]) or "—",
                 due=due, state=state)
