"""The console's floor: who is speaking, the timer, and the keys that give, pause, extend and
end a speech, and write its summary."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from yiting.domain import SpeechKind, Stance, given_order, label, timer_state
from yiting.i18n import t
from yiting.parsing import iso
from yiting.store import queries
from yiting.ui.screens.form import Field, FormScreen
from yiting.ui.text import plain
from yiting.ui.widgets.agenda_table import AgendaTable
from yiting.ui.widgets.countdown import Countdown, clock_text

ON_THE_FLOOR = ("speaking", "paused")


def in_time_order(speeches: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The speeches given so far (running ones too), in the order they were given."""
    given = [s for s in speeches if s["status"] in ("speaking", "paused", "done") and s["started_at"]]
    return sorted(given, key=given_order)


def last_ended(speeches: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The speech that ended last: the one a summary is written for after `e`, whatever order
    the speakers were added in."""
    done = [s for s in speeches if s["status"] == "done" and s["ended_at"]]
    return max(done, key=lambda s: (s["ended_at"], s["started_at"] or "", s["id"]), default=None)


class SpeechActions:
    """The speaker line, the countdown and the speech keys: a part of `ConsoleScreen`."""

    # -- showing -----------------------------------------------------------------------------
    def show_speaker(self) -> None:
        countdown = self.query_one(Countdown)
        now_line = self.query_one("#speaker-now", Static)
        speech = self.running
        if speech is None:
            countdown.state = "idle"
            upcoming = self.waiting[0] if self.waiting else None
            if upcoming is None:
                line = t("ui.console.nobody")
            elif upcoming.get("resumes"):
                line = t("order.console.resumes_next", name=upcoming["name"], left=clock_text(upcoming["left"]))
            else:
                line = t("ui.console.next", name=upcoming["name"])
            now_line.update(plain(line), layout=False)
            countdown.set_caption("")
            self._shown_second = None
            return
        kind = SpeechKind(speech["kind"])
        if kind == SpeechKind.POINT_OF_ORDER:  # not one of anyone's speeches: no count, no stance
            line = t("order.console.point_of_order", name=self.name_of(speech["participant_id"]))
            held = next((w for w in self.waiting if w.get("resumes")), None)
            if held is not None:
                line += f" · {t('order.console.interrupted', name=held['name'])}"
        else:
            line = t("ui.console.speaking", name=self.name_of(speech["participant_id"]),
                     stance=label(Stance(speech["stance"])), n=self.spoken(speech))
            if kind != SpeechKind.NORMAL:
                line += f" · {label(kind)}"
        if speech["status"] == "paused":
            line += f" · {t('ui.console.paused')}"
        now_line.update(plain(line), layout=False)
        self.limit = self.rules.speech_seconds + (speech["extra_seconds"] or 0)
        self._shown_second = None
        if self.elapsed() > self.limit:
            self._belled = speech["id"]  # already past zero when we came back: no bell now
        self.tick()

    def spoken(self, speech: dict[str, Any]) -> int:
        """How many speeches this person has made on this speech's proposal (this one too);
        asked of the desk once per speech, since it cannot change while the speech lasts."""
        if self._spoken is None or self._spoken[0] != speech["id"]:
            count = self.desk.spoken(speech["item_id"], speech["participant_id"], proposal_id=speech["proposal_id"])
            self._spoken = (speech["id"], count)
        return self._spoken[1]

    def elapsed(self) -> float:
        return self.desk.speech_elapsed(self.running, iso(self.app.now())) if self.running else 0.0

    # -- the clock ---------------------------------------------------------------------------
    def tick(self) -> None:
        speech = self.running
        now = self.app.now()
        minute = int(now.timestamp() // 60)
        if minute != self._minute:
            self._minute = minute
            self.query_one(AgendaTable).show(self.items, self.current_item_id, now)
        if speech is None:
            return
        remaining = self.limit - self.elapsed()
        second = int(remaining) if remaining >= 0 else -1 - int(-remaining)
        if second == self._shown_second:
            return
        self._shown_second = second
        countdown = self.query_one(Countdown)
        countdown.remaining = remaining
        countdown.state = "paused" if speech["status"] == "paused" else timer_state(remaining, self.rules)
        spoken = int(max(0.0, self.limit - remaining))
        countdown.set_caption(t("ui.console.limit", spoken=f"{spoken // 60}:{spoken % 60:02d}",
                                limit=f"{self.limit // 60}:{self.limit % 60:02d}"))
        if remaining < 0 and self._belled != speech["id"]:
            self._belled = speech["id"]
            self.app.bell()

    # -- the keys ----------------------------------------------------------------------------
    def need_item(self) -> int | None:
        if not self.current_item_id:
            self.app.notify(t("ui.console.take_item_first"), severity="warning")
            return None
        return self.current_item_id

    def after_speech_change(self, row: Any = None) -> None:
        """Show a change the desk just made: `row` (the speech it returned) says who has the
        floor now; only the list of speakers is read again."""
        self.running = self.on_the_floor(row)
        self.show_queue()
        self.show_speaker()
        self.update_keys()

    def on_the_floor(self, row: Any) -> dict[str, Any] | None:
        """The running speech after a desk call returned `row`."""
        if not isinstance(row, dict) or "started_at" not in row:
            return self.running  # not a speech (or nothing): the floor did not change
        if row["status"] in ON_THE_FLOOR:
            return row  # started, paused, resumed or extended
        if self.running is not None and row["id"] == self.running["id"]:
            return None  # ended
        return self.running  # queued or withdrawn: someone waiting, not speaking

    def action_next_speaker(self) -> None:
        item_id = self.need_item()
        if item_id is None:
            return
        if not self.waiting and self.running:
            self.action_end_speech()
            return
        self.attempt(lambda: self.desk.start_speech(item_id), then=self.after_speech_change)

    def let_go_first(self, speech_id: int) -> None:
        """Enter on the queue: let this one speak before those above (a reason is asked). On
        the first row it does nothing but say so: a stray Enter never starts a speech."""
        if self.waiting and self.waiting[0]["id"] == speech_id:
            self.app.notify(t("ui.console.enter_on_next", name=self.waiting[0]["name"]), timeout=4)
            return
        self.start_chosen(speech_id)

    def start_chosen(self, speech_id: int) -> None:
        item_id = self.need_item()
        if item_id is None:
            return
        self.attempt(lambda: self.desk.start_speech(item_id, speech_id),
                     then=self.after_speech_change,
                     override=lambda reason: self.desk.start_speech(item_id, speech_id, reason))

    def action_undo(self) -> None:
        """ctrl+z: undo the last start or end of a speech or withdrawal of a speaker."""
        from yiting.desk.undo import SPEECH_ACTIONS

        def done(result: dict[str, Any]) -> None:
            self.refresh_data("queue", "speaker")
            self.update_keys()
            self.app.notify(t(f"ui.undone.{result['action']}", name=result["name"]), timeout=6)

        self.attempt(lambda: self.desk.undo_last(self.meeting_id, SPEECH_ACTIONS), then=done)

    def action_pause(self) -> None:
        speech = self.running
        if speech is None:
            return
        if speech["status"] == "paused":
            self.attempt(lambda: self.desk.resume_speech(speech["id"]), then=self.after_speech_change)
        else:
            self.attempt(lambda: self.desk.pause_speech(speech["id"]), then=self.after_speech_change)

    def action_end_speech(self) -> None:
        speech = self.running
        if speech is None:
            return
        self.attempt(lambda: self.desk.end_speech(speech["id"]), then=self.after_speech_change)

    def action_extend(self) -> None:
        speech = self.running
        if speech is None:
            return
        fields = [Field("seconds", t("ui.field.extra_seconds"), value="60"),
                  Field("reason", t("ui.override.reason"))]
        self.app.push_screen(
            FormScreen(t("ui.key.extend"), fields,
                       lambda v: self.desk.extend_speech(speech["id"], v["seconds"], v["reason"]),
                       draft_key=f"extend-{speech['id']}"),
            callback=lambda row: row and self.after_speech_change(row))

    # -- summaries ---------------------------------------------------------------------------
    def action_summary(self) -> None:
        """The summary of the running speech, or of the last one that ended."""
        speech = self.running
        if speech is None and self.current_item_id:
            speech = last_ended(queries.speeches(self.db, self.current_item_id))
        if speech is None:
            self.app.notify(t("ui.console.no_speech"), severity="warning")
            return
        self.edit_summary(speech)

    def edit_summary(self, speech: dict[str, Any], then=None) -> None:
        who = self.name_of(speech["participant_id"])
        # When it was given, 19:04–19:06 (19:04– while it runs): the title says which speech.
        at = f"{(speech['started_at'] or '')[11:16]}–{(speech['ended_at'] or '')[11:16]}"
        title = t("ui.console.summary_of", name=who, at=at, stance=label(Stance(speech["stance"])))

        def submit(values: dict[str, Any]):
            text = values["summary"].strip()
            if not text:
                from yiting.errors import InvalidInput

                # An empty Enter neither saves nor closes: the next keys still go here.
                raise InvalidInput("ui.console.summary_empty", field="summary")
            return self.desk.set_summary(speech["id"], text)

        def saved(row: Any) -> None:
            if row:
                self.app.notify(t("ui.console.summary_saved", name=who), timeout=2)
            if then is not None:
                then(row)

        self.app.push_screen(
            # The cursor goes after a summary already written: typing adds to it, never replaces it.
            FormScreen(title, [Field("summary", t("ui.field.summary"), value=speech["summary"] or "",
                                     select_on_focus=False)], submit,
                       id="summary-form", draft_key=f"summary-{speech['id']}"),
            callback=saved)

    def action_speeches(self) -> None:
        """The item's speeches so far, to read and fix their summaries."""
        item_id = self.need_item()
        if item_id is None:
            return
        from yiting.ui.screens.speeches import SpeechesScreen

        self.app.push_screen(SpeechesScreen(self, item_id))
