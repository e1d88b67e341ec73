"""The live console: agenda, speakers and timer, proposals and outcomes, on one screen."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Static

from yiting.desk import iso
from yiting.domain import SpeechKind, Stance, label, quorum_met, timer_state
from yiting.i18n import t
from yiting.store import queries
from yiting.ui.screens.base import YScreen
from yiting.ui.screens.form import Field, FormScreen
from yiting.ui.text import display_names, plain, vote_explanation
from yiting.ui.widgets.agenda_table import AgendaTable
from yiting.ui.widgets.countdown import Countdown
from yiting.ui.widgets.speaker_queue import SpeakerQueue

TICK_SECONDS = 0.25


class ConsoleScreen(YScreen):
    HELP_INTRO = "ui.console.intro"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open_item", "ui.key.open_item", show=False),
        Binding("space", "next_speaker", "ui.key.next_speaker"),
        Binding("a", "add_speaker", "ui.key.add_speaker"),
        Binding("e", "end_speech", "ui.key.end_speech"),
        Binding("p", "pause", "ui.key.pause"),
        Binding("m", "proposal", "ui.key.proposal"),
        Binding("v", "vote", "ui.key.vote"),
        Binding("x", "close_item", "ui.key.close_item"),
        Binding("c", "close_meeting", "ui.key.close_meeting", show=False),
        Binding("escape", "home", "ui.key.home", show=False),
        Binding("d", "decision", "ui.key.decision", show=False),
        Binding("t", "action_item", "ui.key.action_item", show=False),
        Binding("s", "summary", "ui.key.summary", show=False),
        Binding("l", "speeches", "ui.key.speeches", show=False),
        Binding("plus,equals_sign", "extend", "ui.key.extend", show=False),
        Binding("w", "withdraw", "ui.key.withdraw", show=False),
        Binding("u", "undo_withdraw", "ui.key.undo_withdraw", show=False),
        Binding("k", "checkin", "ui.key.checkin", show=False),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.meeting: dict[str, Any] = {}
        self.rules = None
        self.items: list[dict[str, Any]] = []
        self.running: dict[str, Any] | None = None
        self.waiting: list[dict[str, Any]] = []
        self.names: dict[int, str] = {}
        self._shown_second: int | None = None
        self._belled: int | None = None
        self._minute: int | None = None
        self._resumed = False
        self.limit = 0
        self.withdrawn: dict[str, Any] | None = None  # the last speaker taken off, for `u`

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", markup=False, id="console-status")
        with Horizontal(id="console-body"):
            with Vertical(id="console-left"):
                yield AgendaTable(id="agenda", zebra_stripes=True)
            with Vertical(id="console-right"):
                with Vertical(id="speaker-panel"):
                    yield Static("", markup=False, id="speaker-now")
                    yield Countdown(id="countdown")
                yield SpeakerQueue(id="queue", zebra_stripes=True)
        # Proposals, decisions and tasks use the whole width and scroll when there are many.
        with VerticalScroll(id="outcomes-box"):
            yield Static("", markup=False, id="outcomes")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.title = t("ui.app_title")
        self.query_one(AgendaTable).border_title = t("ui.console.agenda_title")
        self.query_one(SpeakerQueue).border_title = t("ui.console.queue_title")
        # Tab goes between the agenda and the queue only (the outcomes follow the newest line).
        self.query_one("#outcomes-box").can_focus = False
        self.refresh_data()
        self.query_one("#queue" if self.current_item_id else "#agenda").focus()
        self.set_interval(TICK_SECONDS, self.tick)

    # -- reading -----------------------------------------------------------------------------
    @property
    def current_item_id(self) -> int | None:
        return self.meeting.get("current_item_id")

    def current_item(self) -> dict[str, Any] | None:
        return next((i for i in self.items if i["id"] == self.current_item_id), None)

    def refresh_data(self, *parts: str) -> None:
        """Re-read the parts named ("agenda", "queue", "speaker", "outcomes", "status"), or all."""
        wanted = set(parts or ("agenda", "queue", "speaker", "outcomes", "status"))
        self.meeting = self.desk.meeting(self.meeting_id)
        if self.rules is None or "status" in wanted:
            self.rules = self.desk.rules(self.meeting_id)
        if "agenda" in wanted:
            self.items = queries.agenda(self.db, self.meeting_id)
            self.query_one(AgendaTable).show(self.items, self.current_item_id, self.app.now())
            if self.current_item_id and not parts:
                table = self.query_one(AgendaTable)
                table.move_cursor(row=table.get_row_index(str(self.current_item_id)), animate=False)
        if "queue" in wanted:
            self.waiting = self.desk.queue(self.current_item_id) if self.current_item_id else []
            if any(w["participant_id"] not in self.names for w in self.waiting):
                self.names = {}
            for entry in self.waiting:
                entry["name"] = self.name_of(entry["participant_id"])
            self.query_one(SpeakerQueue).show(self.waiting)
        if "speaker" in wanted:
            self.running = queries.running_speech(self.db, self.meeting_id)
            self.show_speaker()
        if "outcomes" in wanted:
            self.show_outcomes()
        if "status" in wanted:
            self.show_status()

    def name_of(self, participant_id: int | None) -> str:
        """The name to show; with the building when two people on the roster share it."""
        if participant_id is None:
            return ""
        if participant_id not in self.names:
            self.names = display_names(queries.participants(self.db, self.meeting_id))
        return self.names.get(participant_id, "?")

    def show_status(self) -> None:
        present, eligible = queries.attendance(self.db, self.meeting_id)
        item = self.current_item()
        quorum = t("ui.quorum.met") if quorum_met(self.rules, present, eligible) else t("ui.quorum.short")
        rules = t("ui.console.rules", per=self.rules.speeches_per_person,
                  minutes=f"{self.rules.speech_seconds / 60:g}")
        current = t("ui.console.current", title=item["title"]) if item else t("ui.console.no_item")
        self.sub_title = self.meeting["title"]
        status = self.query_one("#console-status", Static)
        status.update(plain(t("ui.console.status", present=present, eligible=eligible, quorum=quorum,
                        rules=rules, current=current)))
        self.update_keys()

    def show_speaker(self) -> None:
        countdown = self.query_one(Countdown)
        now_line = self.query_one("#speaker-now", Static)
        speech = self.running
        if speech is None:
            countdown.state = "idle"
            upcoming = self.waiting[0]["name"] if self.waiting else ""
            now_line.update(plain(t("ui.console.next", name=upcoming) if upcoming else t("ui.console.nobody")))
            countdown.set_caption("")
            self._shown_second = None
            return
        kind = SpeechKind(speech["kind"])
        spoken = self.spoken(speech)
        line = t("ui.console.speaking", name=self.name_of(speech["participant_id"]),
                 stance=label(Stance(speech["stance"])), n=spoken)
        if kind != SpeechKind.NORMAL:
            line += f" · {label(kind)}"
        if speech["status"] == "paused":
            line += f" · {t('ui.console.paused')}"
        now_line.update(plain(line))
        self.limit = self.rules.speech_seconds + (speech["extra_seconds"] or 0)
        self._shown_second = None
        elapsed = self.elapsed()
        if elapsed > self.limit:
            self._belled = speech["id"]  # already past zero when we came back: no bell now
        self.tick()

    def spoken(self, speech: dict[str, Any]) -> int:
        """How many speeches this person has made on this speech's proposal (this one too)."""
        return self.desk.spoken(speech["item_id"], speech["participant_id"], proposal_id=speech["proposal_id"])

    def update_keys(self) -> None:
        """The footer offers what can be done now: 继续 while paused, o once no item is open."""
        from dataclasses import replace

        paused = bool(self.running and self.running["status"] == "paused")
        table = self._bindings.key_to_bindings
        table["p"] = [replace(b, description=t("ui.key.resume" if paused else "ui.key.pause"))
                      for b in table.get("p", [])]
        table["o"] = [replace(b, show=not self.current_item_id) for b in table.get("o", [])]
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if not self.is_mounted:
            return True
        needs_item = ("next_speaker", "add_speaker", "end_speech", "pause", "close_item", "proposal", "vote",
                      "withdraw", "extend")
        if action in needs_item and not self.current_item_id \
                and not (action == "vote" and queries.open_vote(self.db, self.meeting_id)):
            return False
        if action in ("end_speech", "pause", "extend"):
            return self.running is not None
        return True

    def elapsed(self) -> float:
        return self.desk.speech_elapsed(self.running, iso(self.app.now())) if self.running else 0.0

    def show_outcomes(self) -> None:
        out = Text(no_wrap=False)
        item = self.current_item()
        if item is not None:
            for proposal in queries.proposals(self.db, item["id"]):
                heading = t("ui.console.amendment") if proposal["amends_id"] else t("ui.console.proposal")
                out.append(t("ui.console.heading", what=heading), style="bold")
                proposer = self.name_of(proposal["proposer_id"]) if proposal["proposer_id"] else ""
                out.append(f"{proposal['text']}" + (f"（{proposer}）" if proposer else "") + " ")
                out.append(f"[{t('proposal.' + proposal['status'])}]\n", style="italic")
                for vote in queries.votes(self.db, proposal["id"]):
                    if vote["status"] == "closed":
                        out.append(f"  {vote_explanation(vote)}\n", style="dim")
        for decision in queries.decisions(self.db, self.meeting_id):
            out.append(t("ui.console.heading", what=t("ui.console.decision")), style="bold")
            out.append(f"{decision['text']}\n")
        for action in queries.actions(self.db, self.meeting_id):
            owner = " ".join(x for x in (action["owner_party"], action["owner_person"]) if x)
            out.append(t("ui.console.heading", what=t("ui.console.action")), style="bold")
            due = f" · {action['due']}" if action["due"] else ""
            out.append(f"{action['task']} · {owner}{due}\n")
        if not out.plain:
            out.append(t("ui.console.no_outcomes"), style="dim")
        out.rstrip()
        self.query_one("#outcomes", Static).update(out)
        # The newest (a just-added task) is at the bottom: keep it in view.
        self.query_one("#outcomes-box", VerticalScroll).scroll_end(animate=False)

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

    # -- the speakers ------------------------------------------------------------------------
    def need_item(self) -> int | None:
        if not self.current_item_id:
            self.app.notify(t("ui.console.take_item_first"), severity="warning")
            return None
        return self.current_item_id

    def after_speech_change(self, _row: Any = None) -> None:
        self.refresh_data("queue", "speaker")
        self.update_keys()

    def action_next_speaker(self) -> None:
        item_id = self.need_item()
        if item_id is None:
            return
        if not self.waiting and self.running:
            self.action_end_speech()
            return
        self.attempt(lambda: self.desk.start_speech(item_id), then=self.after_speech_change)

    def on_data_table_row_selected(self, event) -> None:
        if isinstance(event.data_table, SpeakerQueue):
            self.start_chosen(int(event.row_key.value))
        elif isinstance(event.data_table, AgendaTable):
            self.action_open_item()

    def start_chosen(self, speech_id: int) -> None:
        item_id = self.need_item()
        if item_id is None:
            return
        self.attempt(lambda: self.desk.start_speech(item_id, speech_id),
                     then=self.after_speech_change,
                     override=lambda reason: self.desk.start_speech(item_id, speech_id, reason))

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
        # A walk-in or someone not yet checked in: the first Enter says what will happen, the
        # second (on the same text) does it.
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

        self.app.push_screen(FormScreen(t("ui.key.add_speaker"), fields, submit, id="add-speaker"),
                             callback=lambda row: row and self.after_speech_change())

    def action_withdraw(self) -> None:
        speech_id = self.query_one(SpeakerQueue).selected_id
        if speech_id is None:
            self.app.notify(t("ui.console.withdraw_pick"), severity="warning")
            return
        entry = next((w for w in self.waiting if w["id"] == speech_id), None)

        def done(_row: Any) -> None:
            self.withdrawn = dict(entry, item_id=self.current_item_id) if entry is not None else None
            self.after_speech_change()
            if entry is not None:
                self.app.notify(t("ui.console.withdrawn", name=entry["name"]), timeout=4)

        self.attempt(lambda: self.desk.withdraw_speaker(speech_id), then=done)

    def action_undo_withdraw(self) -> None:
        """u: put the speaker just withdrawn back on the list (a slip of the w key)."""
        entry = self.withdrawn
        if entry is None or entry["item_id"] != self.current_item_id:
            return
        self.withdrawn = None

        def requeue(reason: str = ""):
            return self.desk.queue_speaker(entry["item_id"], entry["participant_id"], entry["stance"],
                                           entry["kind"], override_reason=reason)

        self.attempt(requeue, then=self.after_speech_change, override=requeue)

    def action_extend(self) -> None:
        speech = self.running
        if speech is None:
            return
        fields = [Field("seconds", t("ui.field.extra_seconds"), value="60"),
                  Field("reason", t("ui.override.reason"))]
        self.app.push_screen(
            FormScreen(t("ui.key.extend"), fields,
                       lambda v: self.desk.extend_speech(speech["id"], v["seconds"], v["reason"])),
            callback=lambda row: row and self.after_speech_change())

    def action_summary(self) -> None:
        """The summary of the running speech, or of the last one that ended."""
        speech = self.running
        if speech is None and self.current_item_id:
            done = [s for s in queries.speeches(self.db, self.current_item_id) if s["status"] == "done"]
            speech = done[-1] if done else None
        if speech is None:
            self.app.notify(t("ui.console.no_speech"), severity="warning")
            return
        self.edit_summary(speech)

    def edit_summary(self, speech: dict[str, Any], then=None) -> None:
        who = self.name_of(speech["participant_id"])
        at = (speech["started_at"] or "")[11:16]
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
            FormScreen(title, [Field("summary", t("ui.field.summary"), value=speech["summary"] or "")], submit,
                       id="summary-form", draft_key=f"summary-{speech['id']}"),
            callback=saved)

    def action_speeches(self) -> None:
        """The item's speeches so far, to read and fix their summaries."""
        item_id = self.need_item()
        if item_id is None:
            return
        from yiting.ui.screens.speeches import SpeechesScreen

        self.app.push_screen(SpeechesScreen(self, item_id))

    # -- the agenda ----------------------------------------------------------------------------
    def action_open_item(self) -> None:
        item_id = self.query_one(AgendaTable).selected_id
        if item_id is None:
            return
        if item_id == self.current_item_id:
            self.query_one(SpeakerQueue).focus()
            return

        def opened(_row: Any) -> None:
            self.refresh_data()
            self.query_one(SpeakerQueue).focus()

        self.attempt(lambda: self.desk.open_item(item_id), then=opened)

    def action_close_item(self) -> None:
        item = self.current_item()
        if item is None:
            self.app.notify(t("ui.console.take_item_first"), severity="warning")
            return
        fields = [Field("outcome", t("ui.field.outcome"), kind="choice",
                        options=[(t(f"item.{o}"), o) for o in ("decided", "deferred", "withdrawn")])]
        # Say what closing drops, before it is dropped.
        dropped = []
        if self.running is not None:
            dropped.append(t("ui.console.drop_running", name=self.name_of(self.running["participant_id"])))
        if self.waiting:
            dropped.append(t("ui.console.drop_waiting", n=len(self.waiting),
                             names="、".join(w["name"] for w in self.waiting)))
        pending = [p for p in self.proposals() if p["status"] == "submitted"]
        if pending:
            dropped.append(t("ui.console.drop_proposals", n=len(pending),
                             texts="；".join(p["text"].rstrip("。.") for p in pending)))
        note = "\n".join(dropped)

        def closed(row: Any) -> None:
            if not row:
                return
            self.refresh_data()
            following = next((i for i in self.items if i["status"] == "pending"), None)
            table = self.query_one(AgendaTable)
            if following is not None:
                table.move_cursor(row=table.get_row_index(str(following["id"])), animate=False)
            table.focus()

        self.app.push_screen(
            FormScreen(t("ui.console.close_item", title=item["title"]), fields,
                       lambda v: self.desk.close_item(item["id"], v["outcome"]), note=note),
            callback=closed)

    # -- proposals, votes, outcomes ------------------------------------------------------------
    def proposals(self) -> list[dict[str, Any]]:
        return queries.proposals(self.db, self.current_item_id) if self.current_item_id else []

    def action_proposal(self) -> None:
        item_id = self.need_item()
        if item_id is None:
            return
        people = queries.participants(self.db, self.meeting_id)
        open_ones = [p for p in self.proposals() if p["status"] == "submitted"]
        fields = [
            Field("text", t("ui.field.proposal_text")),
            Field("proposer", t("ui.field.proposer"), kind="person", people=people,
                  placeholder=t("ui.field.person_hint")),
        ]
        if open_ones:
            fields.append(Field("amends", t("ui.field.amends"), kind="choice",
                                options=[(t("ui.field.amends_none"), "")] +
                                        [(p["text"][:20], str(p["id"])) for p in open_ones]))

        def submit(values: dict[str, Any]):
            return self.desk.submit_proposal(item_id, values["text"], proposer_id=values["proposer"],
                                             amends_id=values.get("amends") or None)

        self.app.push_screen(FormScreen(t("ui.key.proposal"), fields, submit, id="proposal",
                                        draft_key=f"proposal-{item_id}"),
                             callback=lambda row: row and self.refresh_data("outcomes", "queue"))

    def action_vote(self) -> None:
        open_vote = queries.open_vote(self.db, self.meeting_id)
        if open_vote is not None:
            self.app.show_vote(self.meeting_id, open_vote["proposal_id"])
            return
        waiting = [p for p in self.proposals() if p["status"] == "submitted"]
        if not waiting:
            self.app.notify(t("ui.console.no_proposal"), severity="warning")
            return
        self.app.show_vote(self.meeting_id, waiting[-1]["id"])

    def action_decision(self) -> None:
        item_id = self.need_item()
        if item_id is None:
            return
        adopted = [p for p in self.proposals() if p["status"] == "adopted"]
        proposal = adopted[-1] if adopted else None
        vote = None
        if proposal is not None:
            closed = [v for v in queries.votes(self.db, proposal["id"]) if v["status"] == "closed"]
            vote = closed[-1] if closed else None
        fields = [Field("text", t("ui.field.decision_text"), value=proposal["text"] if proposal else "")]
        self.app.push_screen(
            FormScreen(t("ui.key.decision"), fields, lambda v: self.desk.record_decision(
                item_id, v["text"], proposal_id=proposal["id"] if proposal else None,
                vote_id=vote["id"] if vote else None)),
            callback=lambda row: row and self.refresh_data("outcomes"))

    def action_action_item(self) -> None:
        item_id = self.current_item_id
        decisions = queries.decisions(self.db, self.meeting_id)
        decision = decisions[-1] if decisions and decisions[-1]["item_id"] == item_id else None
        fields = [
            Field("task", t("ui.field.task")),
            Field("owner_party", t("ui.field.owner_party")),
            Field("owner_person", t("ui.field.owner_person")),
            Field("due", t("ui.field.due"), placeholder="2026-12-01"),
        ]
        self.app.push_screen(
            FormScreen(t("ui.key.action_item"), fields, lambda v: self.desk.add_action(
                self.meeting_id, v["task"], owner_party=v["owner_party"], owner_person=v["owner_person"],
                due=v["due"] or None, item_id=item_id, decision_id=decision["id"] if decision else None),
                id="action-form"),
            callback=lambda row: row and self.refresh_data("outcomes"))

    # -- elsewhere -----------------------------------------------------------------------------
    def action_checkin(self) -> None:
        self.app.show_checkin(self.meeting_id)

    def action_close_meeting(self) -> None:
        self.app.show_close(self.meeting_id)

    def action_home(self) -> None:
        self.app.go_home()

    def on_screen_resume(self) -> None:
        # Coming back from a dialog or another screen (not the first showing: on_mount did that).
        if self._resumed:
            self.refresh_data()
        self._resumed = True
