"""The list of speakers and the speech timer, under the rules of order."""

from __future__ import annotations

from typing import Any

from yiting.desk.base import DeskBase, Row, action, clean_text, parse_iso
from yiting.domain import (
    SpeakingTime,
    SpeechKind,
    Spoken,
    Stance,
    Waiting,
    interrupts,
    order_queue,
    party_budget_violation,
    speaking_time,
    speech_limit_violation,
)
from yiting.errors import InvalidInput, NotFound, RuleViolation, YitingError
from yiting.store import lookups, queries
from yiting.store.log import Changeset

SPOKEN_STATUSES = ("speaking", "paused", "interrupted", "done")
# A speech that stopped for a point of order: it keeps its time and its place, and goes on.
INTERRUPTED = "interrupted"
HELD = ("paused", INTERRUPTED)  # the clock of such a speech stands still
CURRENT = object()  # `spoken()`: the proposal now under discussion


def _seconds_between(start: str, end: str) -> float:
    return (parse_iso(end) - parse_iso(start)).total_seconds()


class SpeechDesk(DeskBase):
    def _current_proposal_id(self, item_id: int) -> int | None:
        """The proposal under discussion: the newest one not yet adopted, rejected or withdrawn."""
        return lookups.current_proposal_id(self.db, item_id)

    def _spoken(self, item_id: int, participant_id: int, proposal_id: int | None) -> int:
        return lookups.speeches_counted(self.db, item_id, participant_id, proposal_id)

    def _last_stance(self, item_id: int) -> Stance | None:
        stance = lookups.last_stance(self.db, item_id)
        return Stance(stance) if stance else None

    def spoken(self, item_id: Any, participant_id: Any, proposal_id: Any = CURRENT) -> int:
        """Speeches a person has made on an item's proposal (what the limit counts): by default
        the proposal now under discussion; `proposal_id=None` counts those before any proposal."""
        item = self._get("agenda_items", item_id)
        person = self._get("participants", participant_id)
        if proposal_id is CURRENT:
            proposal_id = self._current_proposal_id(item["id"])
        elif proposal_id is not None:
            proposal_id = self._get("proposals", proposal_id)["id"]
        return self._spoken(item["id"], person["id"], proposal_id)

    def queue(self, item_id: Any) -> list[Row]:
        """Waiting speakers of an item in the order the rules give, each with `spoken`
        (speeches already made on the current proposal), `name` and `building`. A speech a
        point of order interrupted waits here too, with `resumes` and the seconds it has `left`."""
        item = self._get("agenda_items", item_id)
        rows = lookups.queued_speeches(self.db, item["id"])
        waiting = {}
        for sid, pid, stance, kind, proposal_id, name, building, status in rows:
            spoken = self._spoken(item["id"], pid, proposal_id)
            waiting[sid] = (Waiting(sid, pid, Stance(stance), SpeechKind(kind), sid, spoken,
                                    resumes=status == INTERRUPTED), name, building)
        ordered = order_queue([entry[0] for entry in waiting.values()], self._last_stance(item["id"]))
        entries = []
        for w in ordered:
            entry = {"id": w.entry_id, "participant_id": w.participant_id, "name": waiting[w.entry_id][1],
                     "building": waiting[w.entry_id][2], "stance": w.stance.value, "kind": w.kind.value,
                     "spoken": w.spoken, "resumes": w.resumes}
            if w.resumes:
                speech = self._get("speeches", w.entry_id)
                entry["left"] = self.speech_limit_seconds(speech) - self.speech_elapsed(speech)
            entries.append(entry)
        return entries

    @action
    def queue_speaker(
        self,
        item_id: Any,
        participant_id: Any,
        stance: str = "neutral",
        kind: str = "normal",
        override_reason: str = "",
    ) -> Row:
        """Put a person on the list of speakers for an item. A person past the speech limit, or
        whose party has used its speaking time on the item, is refused unless the facilitator
        gives a reason, which is logged with the entry."""
        item = self._get("agenda_items", item_id)
        meeting = self._meeting_of_item(item)
        self._require_status(meeting, "open")
        if item["status"] not in ("discussing", "voting"):
            raise YitingError("desk.item_not_open", title=item["title"])
        person = self._get("participants", participant_id)
        if person["meeting_id"] != meeting["id"]:
            raise InvalidInput("desk.not_on_roster", name=person["name"])
        if not person["checked_in_at"]:
            raise InvalidInput("desk.not_present", name=person["name"])
        try:
            stance_value, kind_value = Stance(stance), SpeechKind(kind)
        except ValueError:
            raise InvalidInput("desk.bad_choice", field="stance", value=f"{stance}/{kind}") from None
        waiting_kinds = lookups.waiting_kinds(self.db, item["id"], person["id"])
        # A point of order may wait beside a speech; a speech (normal or reply) waits only once,
        # so queued speeches can never add up past the limit.
        point_of_order = kind_value == SpeechKind.POINT_OF_ORDER
        if (point_of_order and SpeechKind.POINT_OF_ORDER.value in waiting_kinds) or (
            not point_of_order and waiting_kinds - {SpeechKind.POINT_OF_ORDER.value}
        ):
            raise YitingError("desk.already_waiting", name=person["name"])
        proposal_id = self._current_proposal_id(item["id"])
        reason = clean_text(override_reason, "reason", limit=500)
        rules = self.rules(meeting["id"])
        violation = speech_limit_violation(self._spoken(item["id"], person["id"], proposal_id), kind_value, rules)
        action = "queue_speaker_override"
        if violation is None and rules.party_seconds and person["party"]:
            party = (person["party"] or "").strip()
            used = self.speaking_time(meeting["id"], item["id"]).by_party
            seconds = next((share.seconds for share in used if share.key == party), 0)
            violation = party_budget_violation(seconds, party, kind_value, rules)
            action = "queue_speaker_over_budget"
        if violation is not None and not reason:
            raise violation
        values = {
            "item_id": item["id"], "participant_id": person["id"], "proposal_id": proposal_id,
            "stance": stance_value.value, "kind": kind_value.value, "status": "queued",
            "queued_at": self.now(),
        }
        action = action if violation is not None else "queue_speaker"
        with self._change(action, meeting["id"], reason if violation is not None else "") as cs:
            return self._get("speeches", cs.insert("speeches", values))

    @action
    def withdraw_speaker(self, speech_id: Any) -> Row:
        """Take a waiting speaker off the list. A speech a point of order interrupted that will
        not go on ends there, with the time it took."""
        speech = self._get("speeches", speech_id)
        if speech["status"] not in ("queued", INTERRUPTED):
            raise YitingError("desk.speech_not_waiting")
        item = self._get("agenda_items", speech["item_id"])
        with self._change("withdraw_speaker", item["meeting_id"]) as cs:
            if speech["status"] == INTERRUPTED:
                return self._end(cs, speech, self.now())
            return cs.update("speeches", speech["id"], status="withdrawn")

    @action
    def start_speech(self, item_id: Any, speech_id: Any = None, override_reason: str = "") -> Row:
        """Give the floor to the next speaker in order (or to `speech_id`, which needs a logged
        reason when it is out of turn). A speech still running ends first, except when a point
        of order takes the floor: then it is interrupted, its clock stops, and it waits at the
        head of the list to resume with the time it had left (the same speech, not a new one)."""
        item = self._get("agenda_items", item_id)
        meeting = self._meeting_of_item(item)
        self._require_status(meeting, "open")
        order = self.queue(item["id"])
        if not order:
            raise YitingError("desk.queue_empty")
        reason = clean_text(override_reason, "reason", limit=500)
        chosen = order[0]["id"] if speech_id is None else self._get("speeches", speech_id)["id"]
        if chosen not in [entry["id"] for entry in order]:
            raise YitingError("desk.speech_not_waiting")
        out_of_turn = chosen != order[0]["id"]
        if out_of_turn and not reason:
            raise RuleViolation("desk.out_of_turn", name=order[0]["name"])
        now = self.now()
        action = "start_speech_out_of_turn" if out_of_turn else "start_speech"
        with self._change(action, meeting["id"], reason if out_of_turn else "") as cs:
            running = queries.running_speech(self.db, meeting["id"])
            speech = self._get("speeches", chosen)
            if running is not None and interrupts(SpeechKind(running["kind"]), SpeechKind(speech["kind"])):
                cs.update("speeches", running["id"], status=INTERRUPTED, paused_at=running["paused_at"] or now)
            elif running is not None:
                self._end(cs, running, now)
            if speech["status"] == INTERRUPTED:
                paused = speech["paused_seconds"] + _seconds_between(speech["paused_at"], now)
                return cs.update("speeches", chosen, status="speaking", paused_at=None, paused_seconds=paused)
            return cs.update("speeches", chosen, status="speaking", started_at=now)

    @action
    def pause_speech(self, speech_id: Any) -> Row:
        speech = self._speech_in_open_meeting(speech_id)
        if speech["status"] != "speaking":
            raise YitingError("desk.speech_not_running")
        with self._change("pause_speech", self._meeting_id_of_speech(speech)) as cs:
            return cs.update("speeches", speech["id"], status="paused", paused_at=self.now())

    @action
    def resume_speech(self, speech_id: Any) -> Row:
        speech = self._speech_in_open_meeting(speech_id)
        if speech["status"] != "paused":
            raise YitingError("desk.speech_not_paused")
        now = self.now()
        paused = speech["paused_seconds"] + _seconds_between(speech["paused_at"], now)
        with self._change("resume_speech", self._meeting_id_of_speech(speech)) as cs:
            return cs.update("speeches", speech["id"], status="speaking", paused_at=None,
                             paused_seconds=paused)

    @action
    def end_speech(self, speech_id: Any, summary: str | None = None) -> Row:
        """End a speech; its length (pauses excluded) is recorded."""
        speech = self._speech_in_open_meeting(speech_id)
        if speech["status"] not in ("speaking", "paused"):
            raise YitingError("desk.speech_not_running")
        with self._change("end_speech", self._meeting_id_of_speech(speech)) as cs:
            row = self._end(cs, speech, self.now())
            if summary is not None:
                row = cs.update("speeches", speech["id"], summary=clean_text(summary, "summary", limit=500))
            return row

    @action
    def extend_speech(self, speech_id: Any, seconds: Any, reason: str) -> Row:
        """Give a speaker more time than the rules allow; the reason is logged."""
        speech = self._speech_in_open_meeting(speech_id)
        if speech["status"] not in ("speaking", "paused", "queued"):
            raise YitingError("desk.speech_not_running")
        try:
            extra = int(seconds)
        except (TypeError, ValueError):
            raise InvalidInput("desk.bad_seconds", value=str(seconds)) from None
        if not 1 <= extra <= 3600:
            raise InvalidInput("desk.bad_seconds", value=str(seconds))
        reason = clean_text(reason, "reason", required=True, limit=500)
        with self._change("extend_speech", self._meeting_id_of_speech(speech), reason) as cs:
            return cs.update("speeches", speech["id"], extra_seconds=speech["extra_seconds"] + extra)

    @action
    def set_summary(self, speech_id: Any, summary: str) -> Row:
        """The note-taker's one-line summary of a speech (editable until the meeting closes)."""
        speech = self._speech_in_open_meeting(speech_id)
        with self._change("set_summary", self._meeting_id_of_speech(speech)) as cs:
            return cs.update("speeches", speech["id"], summary=clean_text(summary, "summary", limit=500))

    def speaking_time(self, meeting_id: Any, item_id: Any = None, now: str | None = None) -> SpeakingTime:
        """Speaking time by person (keyed by roster id) and by party, on an item or, without
        `item_id`, the whole meeting; a speech still running counts to `now`."""
        meeting = self.meeting(meeting_id)
        party = {p["id"]: p["party"] for p in queries.participants(self.db, meeting["id"])}
        if item_id is None:
            rows = queries.speeches_of_meeting(self.db, meeting["id"])
        else:
            item = self._get("agenda_items", item_id)
            if item["meeting_id"] != meeting["id"]:
                raise NotFound("desk.no_agenda_items", id=item_id)
            rows = queries.speeches(self.db, item["id"])
        return speaking_time(
            Spoken(s["participant_id"], party.get(s["participant_id"], ""),
                   s["seconds"] if s["status"] == "done" else self.speech_elapsed(s, now))
            for s in rows if s["status"] in SPOKEN_STATUSES and s["started_at"])

    def speech_limit_seconds(self, speech: Row) -> int:
        """The time this speech may take: the meeting's limit plus any extension."""
        meeting_id = self._meeting_id_of_speech(speech)
        return self.rules(meeting_id).speech_seconds + speech["extra_seconds"]

    def speech_elapsed(self, speech: Row, now: str | None = None) -> float:
        """Seconds spoken so far (pauses excluded), from the recorded start: survives a restart."""
        if not speech["started_at"]:
            return 0.0
        end = speech["ended_at"] or (speech["paused_at"] if speech["status"] in HELD else None) or now or self.now()
        return max(0.0, _seconds_between(speech["started_at"], end) - speech["paused_seconds"])

    def _end(self, cs: Changeset, speech: Row, now: str) -> Row:
        paused = speech["paused_seconds"]
        if speech["status"] in HELD and speech["paused_at"]:
            paused += _seconds_between(speech["paused_at"], now)
        seconds = max(0, round(_seconds_between(speech["started_at"], now) - paused))
        return cs.update("speeches", speech["id"], status="done", ended_at=now, paused_at=None,
                         paused_seconds=paused, seconds=seconds)

    def _finish_speeches(self, cs: Changeset, item_id: int, now: str) -> None:
        for speech in queries.speeches(self.db, item_id):
            if speech["status"] in ("speaking", *HELD):
                self._end(cs, speech, now)
            elif speech["status"] == "queued":
                cs.update("speeches", speech["id"], status="withdrawn")

    def _meeting_id_of_speech(self, speech: Row) -> int:
        return self._get("agenda_items", speech["item_id"])["meeting_id"]

    def _speech_in_open_meeting(self, speech_id: Any) -> Row:
        speech = self._get("speeches", speech_id)
        self._require_status(self.meeting(self._meeting_id_of_speech(speech)), "open")
        return speech
