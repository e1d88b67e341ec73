"""Set-up: the meeting's facts, its rules, the roster (one line a person) and the agenda.

The screen holds the tabs, the keys and leaving; each tab's work lives beside it:
`setup_facts` (facts and rules), `setup_roster` (the roster), `setup_agenda` (the agenda).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Input, Static, TabbedContent, TabPane

from yiting.i18n import t
from yiting.ui.people import describe_person_line, parse_person_line
from yiting.ui.screens.base import YScreen
from yiting.ui.screens.setup_agenda import AgendaTab, parse_item_line
from yiting.ui.screens.setup_facts import FACTS, NUMBERS, FactsAndRules
from yiting.ui.screens.setup_roster import RosterTab

__all__ = ["FACTS", "NUMBERS", "SetupScreen", "parse_item_line", "parse_person_line"]


class SetupScreen(FactsAndRules, RosterTab, AgendaTab, YScreen):
    HELP_INTRO = "ui.setup.intro"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "ui.key.save"),
        Binding("f2", "tab('facts')", "ui.key.tab_facts"),
        Binding("f3", "tab('rules')", "ui.key.tab_rules"),
        Binding("f4", "tab('roster')", "ui.key.tab_roster"),
        Binding("f5", "tab('agenda')", "ui.key.tab_agenda"),
        # `[` `]` (as README says) show in the footer; ctrl+↑/↓ also work, e.g. while typing a line.
        Binding("left_square_bracket", "move_item(-1)", "ui.key.item_up", key_display="["),
        Binding("right_square_bracket", "move_item(1)", "ui.key.item_down", key_display="]"),
        Binding("ctrl+up", "move_item(-1)", "ui.key.item_up", show=False),
        Binding("ctrl+down", "move_item(1)", "ui.key.item_down", show=False),
        Binding("delete", "remove_person", "ui.key.remove_person"),
        Binding("n", "toggle_privacy('named')", "ui.key.toggle_named"),
        Binding("g", "toggle_privacy('official')", "ui.key.toggle_official"),
        Binding("delete", "remove_item", "ui.key.remove_item"),
        Binding("ctrl+z", "undo_remove", "ui.key.undo_remove"),
        Binding("ctrl+l", "import_csv", "ui.key.import_csv", show=False),
        Binding("f6", "checkin", "ui.key.checkin"),
        Binding("ctrl+o", "go_live", "ui.key.go_live"),
        Binding("escape", "back", "ui.key.back"),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        meeting = self.desk.meeting(self.meeting_id)
        rules = self.desk.rules(self.meeting_id)
        yield Header()
        with TabbedContent(id="setup-tabs", initial="facts"):
            with TabPane(t("ui.setup.facts"), id="facts"), VerticalScroll(classes="form-grid"):
                yield from self.compose_facts(meeting)
            with TabPane(t("ui.setup.rules"), id="rules"), VerticalScroll(classes="form-grid"):
                yield from self.compose_rules(rules)
            with TabPane(t("ui.setup.roster"), id="roster"):
                yield from self.compose_roster()
            with TabPane(t("ui.setup.agenda"), id="agenda"):
                yield from self.compose_agenda()
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.title = t("ui.app_title")
        self.refresh_data()
        # Start in a field, so what is typed goes where the (highlighted) cursor is.
        self.query_one("#m-title", Input).focus()

    def refresh_data(self) -> None:
        meeting = self.desk.meeting(self.meeting_id)
        self.sub_title = f"{t('ui.setup.title')} · {meeting['title']} · {t('meeting.' + meeting['status'])}"
        self.show_roster()
        self.show_agenda()

    # -- keys --------------------------------------------------------------------------------
    def action_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = name
        focus = {"facts": "#m-title", "rules": "#r-speech_seconds", "roster": "#person-line",
                 "agenda": "#item-line"}[name]
        self.query_one(focus).focus()

    def action_back(self) -> None:
        """Esc: home; with edits not saved, first ask whether to save them, drop them or stay."""
        changed = [t(f"ui.setup.{tab}") for tab, edited in (("facts", self.facts_changed()),
                                                              ("rules", self.rules_changed())) if edited]
        if not changed:
            self.app.go_home()
            return
        from yiting.ui.screens.confirm import UnsavedScreen

        def answer(choice: str | None) -> None:
            if choice == "discard" or (choice == "save" and self.save_pending()):
                self.app.go_home()

        self.app.push_screen(UnsavedScreen(t("ui.unsaved.question"), t("ui.unsaved.detail", tabs="、".join(changed))),
                             callback=answer)

    def action_checkin(self) -> None:
        if self.save_pending():
            self.app.show_checkin(self.meeting_id)

    def action_go_live(self) -> None:
        if self.save_pending():
            self.app.go_live(self.meeting_id)

    # -- unsaved changes -------------------------------------------------------------------------
    def save_pending(self) -> bool:
        """Before leaving: save facts and rules typed but not saved. False (staying, with the
        error shown on its tab) when they cannot be saved."""
        saved = False
        if self.facts_changed():
            if not self.save_facts(quiet=True):
                self.query_one(TabbedContent).active = "facts"
                return False
            saved = True
        if self.rules_changed():
            if self.desk.meeting(self.meeting_id)["status"] == "open" or not self.save_rules(quiet=True):
                # An open meeting's rules change only with a reason: ask, and stay.
                self.query_one(TabbedContent).active = "rules"
                if self.desk.meeting(self.meeting_id)["status"] == "open":
                    self.save_rules()
                return False
            saved = True
        if saved:
            self.app.notify(t("ui.setup.unsaved"), timeout=3)
        return True

    def action_save(self) -> None:
        active = self.query_one(TabbedContent).active
        if active == "rules":
            self.save_rules()
        elif active == "facts":
            self.save_facts()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "person-line":
            event.stop()
            self.add_person(event.input)
        elif event.input.id == "item-line":
            event.stop()
            self.add_item(event.input)
        elif (event.input.id or "").startswith("m-"):
            event.stop()
            self.save_facts()
        elif (event.input.id or "").startswith("r-"):
            event.stop()
            self.save_rules()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "person-line":
            self.query_one("#person-preview", Static).update(describe_person_line(event.value))
            if event.value:  # emptied after adding: a warning about the added line stays
                self.query_one("#e-person", Static).update("")
        elif event.input.id == "item-line" and event.value:
            self.query_one("#e-item", Static).update("")
        elif (event.input.id or "").startswith("m-"):
            self.query_one(f"#e-{event.input.id[2:]}", Static).update("")
        elif (event.input.id or "").startswith(("r-quorum", "r-party")):
            self.show_quorum_words()

    def on_choice_bar_changed(self, event) -> None:
        if (event.bar.id or "").startswith("r-quorum"):
            self.show_quorum_words()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if not self.is_mounted:
            return True
        active = self.query_one(TabbedContent).active
        if action in ("move_item", "remove_item"):
            return active == "agenda"
        if action in ("remove_person", "undo_remove"):
            return active == "roster"
        if action == "toggle_privacy":  # letters typed in the roster line are text
            return active == "roster" and self.focused is self.query_one("#roster-table")
        return True

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()
