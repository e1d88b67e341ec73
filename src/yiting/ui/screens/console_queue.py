"""The console's list of speakers: add someone (a walk-in too), take someone off (ctrl+z puts them back)."""

from __future__ import annotations

from typing import Any

from yiting.domain import SpeechKind, Stance, label
from yiting.i18n import t
from yiting.store import queries
from yiting.ui.screens.form import Field, FormScreen
from yiting.ui.text import display_names
from yiting.ui.widgets.speaker_queue import SpeakerQueue


class QueueActions:
    """The queue keys (a, w): a part of `ConsoleScreen`."""

    def action_add_speaker(self) -> None:
        item_id = self.need_item()
        if item_id is None:
            return
        people = queries.participants(self.db, self.meeting_id)
        shown = display_names(people)
        people = [dict(p, name=shown[p["id"]]) for p in people]
        fields = [
            Field("person", t("ui.field.speaker"), kind="person", people=people,
                  placeholder=t("ui.field.person_hint")),
            Field("stance", t("ui.field.stance"), kind="choice",
                  options=[(label(s), s.value) for s in (Stance.PRO, Stance.CON, Stance.NEUTRAL)]),
            Field("kind", t("ui.field.speech_kind"), kind="choice",
                  options=[(label(k), k.value) for k in SpeechKind]),
        ]
        self.app.push_screen(FormScreen(t("ui.key.add_speaker"), fields, self.queue_from_form(item_id),
                                        id="add-speaker"),
                             callback=lambda row: row and self.after_speech_change(row))

    def queue_from_form(self, item_id: int):
        """The add-speaker form's submit. A walk-in or someone not yet checked in: the first
        Enter says what will happen, the second (on the same text) does it."""
        asked: dict[str, Any] = {}

        def submit(values: dict[str, Any]):
            from yiting.errors import InvalidInput, YitingError
            from yiting.ui.people import add_walk_in

            typed = (values.get("person_text") or "").strip()
            person_id = values["person"]
            if person_id is None:
                if not typed:
                    raise InvalidInput("ui.pick_person", field="person")
                if asked.get("walk_in") != typed:
                    asked["walk_in"] = typed
                    raise InvalidInput("ui.walkin.ask_speaker", field="person", name=typed)
                person_id = add_walk_in(self.desk, self.meeting_id, typed)["id"]
                self.names = {}

            def queue():
                return self.desk.queue_speaker(item_id, person_id, values["stance"], values["kind"],
                                               override_reason=values["override_reason"])
            try:
                return queue()
            except YitingError as exc:
                if exc.key != "desk.not_present":
                    raise
                if asked.get("check_in") != person_id:
                    asked["check_in"] = person_id
                    raise InvalidInput("ui.walkin.ask_check_in", field="person",
                                       name=self.name_of(person_id)) from None
                self.desk.check_in(person_id)
                return queue()

        return submit

    def action_withdraw(self) -> None:
        speech_id = self.query_one(SpeakerQueue).selected_id
        if speech_id is None:
            self.app.notify(t("ui.console.withdraw_pick"), severity="warning")
            return
        entry = next((w for w in self.waiting if w["id"] == speech_id), None)

        def done(row: Any) -> None:
            self.after_speech_change(row)
            if entry is not None:
                self.app.notify(t("ui.console.withdrawn", name=entry["name"]), timeout=4)

        self.attempt(lambda: self.desk.withdraw_speaker(speech_id), then=done)
