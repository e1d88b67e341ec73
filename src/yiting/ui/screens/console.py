"""The live console: agenda, speakers and timer, proposals and outcomes, on one screen.

The screen reads the record and lays it out; what each key does lives beside it, one module a
job: `console_speech` (the floor and the timer), `console_queue` (the list of speakers),
`console_agenda` (taking and closing items), `console_outcomes` (proposals, votes, decisions
and tasks).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Static

from yiting.domain import quorum_met
from yiting.i18n import t
from yiting.store import queries
from yiting.ui.compat import binding_table
from yiting.ui.screens.base import YScreen
from yiting.ui.screens.console_agenda import AgendaActions
from yiting.ui.screens.console_outcomes import OutcomeActions
from yiting.ui.screens.console_queue import QueueActions
from yiting.ui.screens.console_speech import SpeechActions
from yiting.ui.text import display_names, plain
from yiting.ui.widgets.agenda_table import AgendaTable
from yiting.ui.widgets.console_footer import ConsoleFooter
from yiting.ui.widgets.countdown import Countdown
from yiting.ui.widgets.speaker_queue import SpeakerQueue

TICK_SECONDS = 0.25
# Lines around the rows of the agenda and of the queue (border and header), and the speaker
# panel above the queue (name, digits, caption, rule).
TABLE_FRAME = 3
SPEAKER_PANEL = 6
# The queue has room for three names at least: calling the next of a short queue (a row
# fewer) changes no heights, so it needs no layout of the screen.
QUEUE_ROWS = 3
# The top half never gets fewer lines than a speaker panel over a queue of one row.
TOP_LEAST = SPEAKER_PANEL + TABLE_FRAME + 1


def top_height(room: int, top: int, outcomes: int) -> int:
    """Lines for the agenda and the queue (which need `top`) over the outcomes (which need
    `outcomes`), out of `room`: each panel gets what it holds; when both cannot, the outcomes
    keep at least a third of the room and the top the rest. The outcomes take what is left."""
    outcomes_floor = min(outcomes, room // 3)
    return max(min(top, room - outcomes_floor), min(top, TOP_LEAST))


class ConsoleScreen(SpeechActions, QueueActions, AgendaActions, OutcomeActions, YScreen):
    HELP_INTRO = "ui.console.intro"
    # on_mount focuses the queue or the agenda, whichever the meeting needs: no focusing of the
    # first table on the way (each change of focus restyles both tables).
    AUTO_FOCUS = ""

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
        Binding("ctrl+z", "undo", "ui.key.undo"),
        Binding("k", "checkin", "ui.key.checkin", show=False),
        Binding("i", "speaking_time", "ui.key.speaking_time", show=False),
        Binding("u", "owners", "ui.owners.key.open", show=False),
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
        self._footer_state: tuple | None = None
        self._spoken: tuple[int, int] | None = None  # (speech id, its count): asked once a speech
        self._outcomes_shown: Text | None = None
        self._outcome_lines: tuple[Text | None, int, int] = (None, 0, 0)  # (text, width, lines)
        self.limit = 0

    def compose(self) -> ComposeResult:
        self.add_width_class()
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
        # Proposals, decisions and tasks use the whole width, take the lines the top does not
        # need, and scroll (tab to them, then ↑↓ PgUp PgDn) when there are more.
        with VerticalScroll(id="outcomes-box"):
            yield Static("", markup=False, id="outcomes")
        yield ConsoleFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.title = t("ui.app_title")
        self.query_one(AgendaTable).border_title = t("ui.console.agenda_title")
        self.query_one(SpeakerQueue).border_title = t("ui.console.queue_title")
        self.query_one("#outcomes-box").border_title = t("ui.console.outcomes_title")
        self.refresh_data()
        self.set_focus(self.query_one("#queue" if self.current_item_id else "#agenda"))
        self.set_interval(TICK_SECONDS, self.tick)

    def add_width_class(self) -> None:
        """The app's breakpoint class ("-narrow", "-wide") for the terminal's width. Textual adds
        it on the first resize, after the first frame, and then restyles every widget; added
        before they mount, the first frame is laid out for the width and nothing is restyled."""
        width = self.app.size.width
        reached = [name for at, name in sorted(self.app.HORIZONTAL_BREAKPOINTS) if width >= at]
        if reached:
            self.add_class(reached[-1])

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
            table = self.query_one(AgendaTable)
            table.show(self.items, self.current_item_id, self.app.now())
            if self.current_item_id and not parts:
                table.put_cursor_on(self.current_item_id)
        if "queue" in wanted:
            self.show_queue()
        if "speaker" in wanted:
            self.running = queries.running_speech(self.db, self.meeting_id)
            self.show_speaker()
        if "outcomes" in wanted:
            self.show_outcomes()
        if "status" in wanted:
            self.show_status()
        self.fit_panels()

    def on_resize(self) -> None:
        self.fit_panels()

    def fit_panels(self) -> None:
        """Give the agenda and the queue the lines their rows need, the outcomes the rest."""
        if not self.size.height:
            return
        room = self.size.height - 3  # the header, the status line and the footer
        top = max(TABLE_FRAME + len(self.items), SPEAKER_PANEL + TABLE_FRAME + max(len(self.waiting), QUEUE_ROWS))
        height = top_height(room, top, 1 + self.outcome_lines())
        body = self.query_one("#console-body")
        if body.styles.height is None or body.styles.height.value != height:
            body.styles.height = height

    def show_queue(self) -> None:
        """Re-read the waiting speakers (only they change when someone is added or called)."""
        self.waiting = self.desk.queue(self.current_item_id) if self.current_item_id else []
        if any(w["participant_id"] not in self.names for w in self.waiting):
            self.names = {}
        for entry in self.waiting:
            entry["name"] = self.name_of(entry["participant_id"])
        self.query_one(SpeakerQueue).show(self.waiting)
        self.fit_panels()

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
        if self.rules.party_seconds:
            rules += " · " + t("order.console.party_budget", minutes=f"{self.rules.party_seconds / 60:g}")
        current = t("ui.console.current", title=item["title"]) if item else t("ui.console.no_item")
        self.sub_title = self.meeting["title"]
        status = self.query_one("#console-status", Static)
        if eligible:
            line = t("ui.console.status", present=present, eligible=eligible, quorum=quorum, rules=rules,
                     current=current)
        else:  # 0/0 is no quorum to speak of
            line = t("ui.console.status_no_roster", rules=rules, current=current)
        status.update(plain(line), layout=False)
        self.update_keys()

    # -- the keys offered ----------------------------------------------------------------------
    def update_keys(self) -> None:
        """The footer offers what can be done now: 继续 while paused, o once no item is open.

        The footer rebuilds itself on every refresh, so it is asked only when what it shows
        (what `check_action` and the two descriptions depend on) has changed."""
        paused = bool(self.running and self.running["status"] == "paused")
        state = (self.current_item_id, self.running is not None, paused)
        if state == self._footer_state:
            return
        self._footer_state = state
        table = binding_table(self)
        table["p"] = [replace(b, description=t("ui.key.resume" if paused else "ui.key.pause"))
                      for b in table.get("p", [])]
        table["o"] = [replace(b, show=not self.current_item_id) for b in table.get("o", [])]
        self.refresh_bindings()

    NEEDS_ITEM = frozenset({"next_speaker", "add_speaker", "end_speech", "pause", "close_item", "proposal", "vote",
                            "withdraw", "extend"})
    NEEDS_SPEAKER = frozenset({"end_speech", "pause", "extend"})

    def unavailable(self, action: str) -> str | None:
        """Why `action` cannot be done now (a message key), or None when it can."""
        if action in self.NEEDS_ITEM and not self.current_item_id \
                and not (action == "vote" and queries.open_vote(self.db, self.meeting_id)):
            return "ui.console.take_item_first" if self.items else "ui.console.agenda_empty"
        if action in self.NEEDS_SPEAKER and self.running is None:
            return "ui.console.nobody_speaking"
        return None

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # What cannot be done now leaves the footer; its key still says why (`on_key`).
        return not self.is_mounted or self.unavailable(action) is None

    def on_key(self, event: events.Key) -> None:
        """A key that would do nothing now says why instead (bindings are tried after this)."""
        why = next((reason for binding in binding_table(self).get(event.key, ())
                    if (reason := self.unavailable(binding.action))), None)
        if why is None and event.key == "enter" and isinstance(self.focused, (SpeakerQueue, AgendaTable)) \
                and not self.focused.row_count:
            why = "ui.console.queue_empty" if isinstance(self.focused, SpeakerQueue) else "ui.console.agenda_empty"
        if why is not None:
            event.stop()
            self.app.notify(t(why), severity="warning", timeout=4)

    def on_data_table_row_selected(self, event) -> None:
        if isinstance(event.data_table, SpeakerQueue):
            self.let_go_first(int(event.row_key.value))
        elif isinstance(event.data_table, AgendaTable):
            self.action_open_item()

    # -- elsewhere -----------------------------------------------------------------------------
    def action_speaking_time(self) -> None:
        """Speaking time per party and per person, on this item and on the whole meeting."""
        from yiting.ui.screens.speaking_time import SpeakingTimeScreen

        self.app.push_screen(SpeakingTimeScreen(self, self.current_item_id))

    def action_checkin(self) -> None:
        self.app.show_checkin(self.meeting_id)

    def action_owners(self) -> None:
        self.app.show_owners(self.meeting_id)

    def action_close_meeting(self) -> None:
        self.app.show_close(self.meeting_id)

    def action_home(self) -> None:
        self.app.go_home()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._resumed:
            # The first showing: every widget was styled as it mounted, just now, and on_mount
            # read the record. Textual's restyle of the whole screen on resume was 5-10 ms of a start.
            event.refresh_styles = False
        else:
            # Coming back from a dialog or another screen.
            self._footer_state = None  # a vote may have opened or closed meanwhile
            self.refresh_data()
        self._resumed = True
