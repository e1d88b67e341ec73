"""Set-up: the meeting's facts, its rules, the roster (one line a person) and the agenda."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    Static,
    TabbedContent,
    TabPane,
)

from yiting.domain import QuorumKind, Rules, VoteRule, label
from yiting.errors import InvalidInput, YitingError
from yiting.i18n import t
from yiting.store import queries
from yiting.ui.people import describe_person_line, duplicate_warning, parse_person_line, public_form
from yiting.ui.screens.base import YScreen
from yiting.ui.tables import selected_key
from yiting.ui.widgets.choice import ChoiceBar
from yiting.ui.widgets.field_error import FieldError
from yiting.ui.widgets.fit_table import FitTable

FACTS = ("title", "community", "venue", "kind", "scheduled_at", "facilitator", "note_taker")
NUMBERS = ("speech_seconds", "speeches_per_person", "warn_seconds")


_NUMBERISH = re.compile(r"^[-+−]?\d+([.,]\d*)?(′|'|分钟|分|min)?$")


def parse_item_line(line: str) -> tuple[str, Any]:
    """"北门拓宽 15" → ("北门拓宽", "15"): a trailing number is the time box in minutes.

    A trailing "-5", "0" or "1.5" is refused rather than kept as part of the title."""
    words = line.strip().rsplit(maxsplit=1)
    if len(words) == 2:
        minutes = words[1].rstrip("′'分钟min")
        if minutes.isdigit() and int(minutes) > 0:
            return words[0], minutes
        if _NUMBERISH.match(words[1]):
            raise InvalidInput("ui.setup.bad_minutes", field="item", value=words[1])
    return line.strip(), 10


class SetupScreen(YScreen):
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
                for name in FACTS:
                    value = meeting[name] or ""
                    if name == "scheduled_at":
                        value = value[:16].replace("T", " ")
                    with Horizontal(classes="form-row"):
                        yield Label(t(f"ui.field.{name}"), classes="row-label")
                        yield Input(compact=True, value=value, id=f"m-{name}", classes="row-input")
                    yield FieldError("", id=f"e-{name}", classes="field-error")
            with TabPane(t("ui.setup.rules"), id="rules"), VerticalScroll(classes="form-grid"):
                for name in NUMBERS:
                    with Horizontal(classes="form-row"):
                        yield Label(t(f"ui.rules.{name}"), classes="row-label")
                        yield Input(compact=True, value=str(getattr(rules, name)), id=f"r-{name}", classes="row-input")
                with Horizontal(classes="form-row"):
                    yield Label(t("ui.rules.vote_rule"), classes="row-label")
                    yield ChoiceBar([(label(r), r.value) for r in VoteRule], rules.vote_rule.value,
                                    id="r-vote_rule", classes="row-input")
                with Horizontal(classes="form-row"):
                    yield Label(t("ui.rules.quorum_kind"), classes="row-label")
                    yield ChoiceBar([(label(q), q.value) for q in QuorumKind], rules.quorum_kind.value,
                                    id="r-quorum_kind", classes="row-input")
                with Horizontal(classes="form-row"):
                    yield Label(t("ui.rules.quorum_value"), classes="row-label")
                    yield Input(compact=True, value=f"{rules.quorum_value:g}", id="r-quorum_value", classes="row-input")
                yield FieldError("", id="e-rules", classes="field-error")
            with TabPane(t("ui.setup.roster"), id="roster"):
                yield Input(compact=True, placeholder=t("ui.setup.person_hint"), id="person-line")
                yield Static("", markup=False, id="person-preview", classes="hint")
                yield FieldError("", id="e-person", classes="field-error")
                yield FitTable([t("ui.col.name"), t("ui.col.shown"), t("ui.col.party"), t("ui.col.building"),
                                t("ui.col.voting"), t("ui.col.area"), t("ui.col.employer")],
                               flexible={0: 1, 1: 1, 2: 1, 3: 2, 6: 1}, id="roster-table", zebra_stripes=True)
            with TabPane(t("ui.setup.agenda"), id="agenda"):
                yield Input(compact=True, placeholder=t("ui.setup.item_hint"), id="item-line")
                yield FieldError("", id="e-item", classes="field-error")
                yield FitTable(["#", t("ui.col.item"), t("ui.col.timebox")], flexible={1: 1}, id="agenda-table",
                               zebra_stripes=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.title = t("ui.app_title")
        self.refresh_data()
        # Start in a field, so what is typed goes where the (highlighted) cursor is.
        self.query_one("#m-title", Input).focus()

    def refresh_data(self) -> None:
        meeting = self.desk.meeting(self.meeting_id)
        self.sub_title = f"{t('ui.setup.title')} · {meeting['title']} · {t('meeting.' + meeting['status'])}"
        people = queries.participants(self.db, self.meeting_id)
        self.query_one("#roster-table", FitTable).show([
            (str(p["id"]), (p["name"], public_form(p), p["party"], p["building"], "✓" if p["voting"] else "—",
                            f"{p['area_m2']:g}" if p["area_m2"] else "", p["employer"]))
            for p in people
        ])
        self.query_one("#agenda-table", FitTable).show([
            (str(i["id"]), (str(i["position"]), i["title"], t("ui.minutes", n=i["timebox_minutes"])))
            for i in queries.agenda(self.db, self.meeting_id)
        ])

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
    def facts_changed(self) -> bool:
        meeting = self.desk.meeting(self.meeting_id)
        for name in FACTS:
            stored = meeting[name] or ""
            if name == "scheduled_at":
                stored = stored[:16].replace("T", " ")
            if self.query_one(f"#m-{name}", Input).value.strip() != stored.strip():
                return True
        return False

    def rules_changed(self) -> bool:
        try:
            return self.read_rules() != self.desk.rules(self.meeting_id)
        except YitingError:
            return True

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

    def save_facts(self, quiet: bool = False) -> bool:
        for name in FACTS:
            self.query_one(f"#e-{name}", Static).update("")
        values = {name: self.query_one(f"#m-{name}", Input).value for name in FACTS}
        try:
            self.desk.update_meeting(self.meeting_id, **values)
        except YitingError as exc:
            target = exc.params.get("field") or ("scheduled_at" if exc.key == "desk.bad_datetime" else "title")
            self.query_one(f"#e-{target if target in FACTS else 'title'}", Static).update(str(exc))
            return False
        self.refresh_data()
        if not quiet:
            self.app.notify(t("ui.saved"))
        return True

    def read_rules(self) -> Rules:
        data: dict[str, Any] = {name: self.query_one(f"#r-{name}", Input).value for name in NUMBERS}
        data["vote_rule"] = self.query_one("#r-vote_rule", ChoiceBar).value
        data["quorum_kind"] = self.query_one("#r-quorum_kind", ChoiceBar).value
        data["quorum_value"] = self.query_one("#r-quorum_value", Input).value or "0"
        return Rules.from_dict(data)

    @staticmethod
    def rules_message(exc: YitingError) -> str:
        """The refusal with the field's label ("每次发言（秒）"), not its name ("speech_seconds")."""
        field = exc.params.get("field")
        key = f"ui.rules.{field}"
        if isinstance(field, str) and t(key) != key:
            return str(type(exc)(exc.key, **{**exc.params, "field": t(key)}))
        return str(exc)

    def save_rules(self, quiet: bool = False) -> bool:
        error = self.query_one("#e-rules", Static)
        error.update("")
        try:
            rules = self.read_rules()
        except YitingError as exc:
            error.update(self.rules_message(exc))
            return False
        if rules.quorum_kind.value == "count":
            voters = sum(1 for p in queries.participants(self.db, self.meeting_id) if p["voting"])
            if voters and rules.quorum_value > voters:
                error.update(t("ui.setup.quorum_over", value=f"{rules.quorum_value:g}", voters=voters))
                return False
        meeting = self.desk.meeting(self.meeting_id)

        def saved(_row: Any) -> None:
            if not quiet:
                self.app.notify(t("ui.saved"))

        if meeting["status"] == "open":
            self.ask_reason(t("ui.rules.reason_needed"),
                            lambda reason: self.desk.set_rules(self.meeting_id, rules, reason), saved)
            return False
        try:
            self.desk.set_rules(self.meeting_id, rules)
        except YitingError as exc:
            error.update(self.rules_message(exc))
            return False
        saved(None)
        return True

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

    def add_person(self, field: Input) -> None:
        error = self.query_one("#e-person", Static)
        try:
            person = parse_person_line(field.value)
            others = queries.participants(self.db, self.meeting_id)
            self.desk.add_participant(self.meeting_id, **person)
        except YitingError as exc:
            error.update(str(exc))
            return
        error.update(duplicate_warning(others, person))
        self.app.notify(t("ui.setup.person_added", name=person["name"]), timeout=2)
        field.value = ""
        self.refresh_data()
        table = self.query_one("#roster-table", DataTable)
        table.move_cursor(row=table.row_count - 1, animate=False)

    def add_item(self, field: Input) -> None:
        error = self.query_one("#e-item", Static)
        try:
            title, minutes = parse_item_line(field.value)
            self.desk.add_item(self.meeting_id, title, timebox_minutes=minutes)
        except YitingError as exc:
            error.update(str(exc))
            return
        error.update("")
        field.value = ""
        self.refresh_data()
        table = self.query_one("#agenda-table", DataTable)
        table.move_cursor(row=table.row_count - 1, animate=False)

    def action_move_item(self, delta: int) -> None:
        table = self.query_one("#agenda-table", DataTable)
        key = selected_key(table)
        if key is None:
            self.app.notify(t("ui.setup.agenda_empty"), severity="warning", timeout=4)
            return
        if self.attempt(lambda: self.desk.move_item(key, delta)) is not None:
            self.refresh_data()
            table.move_cursor(row=table.get_row_index(key), animate=False)

    def action_remove_person(self) -> None:
        table = self.query_one("#roster-table", DataTable)
        key = selected_key(table)
        if key is None:
            self.app.notify(t("ui.setup.roster_empty"), severity="warning", timeout=4)
            return
        name = queries.row(self.db, "participants", key)["name"]

        def removed(_row: Any) -> None:
            self.refresh_data()
            self.app.notify(t("ui.setup.person_removed", name=name), timeout=6)

        self.attempt(lambda: self.desk.remove_participant(key), then=removed)

    def action_toggle_privacy(self, field: str) -> None:
        """n: the person agreed to be named (or no longer); g: they take part in an official
        capacity (or not). Says how the minutes will show them."""
        table = self.query_one("#roster-table", DataTable)
        key = selected_key(table)
        if key is None:
            return
        person = queries.row(self.db, "participants", key)

        def changed(row: Any) -> None:
            self.refresh_data()
            state = "on" if row[field] else "off"
            self.app.notify(t(f"ui.setup.{field}_{state}", name=row["name"], shown=public_form(row)), timeout=4)

        self.attempt(lambda: self.desk.update_participant(key, **{field: not person[field]}), then=changed)
    def action_undo_remove(self) -> None:
        """ctrl+z on the roster: put back the person removed last."""
        from yiting.desk.undo import ROSTER_ACTIONS

        def done(result: dict) -> None:
            self.refresh_data()
            self.app.notify(t("ui.undone.remove_participant", name=result["name"]), timeout=5)

        self.attempt(lambda: self.desk.undo_last(self.meeting_id, ROSTER_ACTIONS), then=done)

    def action_remove_item(self) -> None:
        """Delete on the agenda: withdraw a pending item (the record keeps it, marked withdrawn)."""
        key = selected_key(self.query_one("#agenda-table", DataTable))
        if key is None:
            self.app.notify(t("ui.setup.agenda_empty"), severity="warning", timeout=4)
            return
        if self.desk.meeting(self.meeting_id)["status"] != "open":
            # The desk can withdraw items only in an open meeting (close_item); noted for the lead.
            self.app.notify(t("ui.setup.item_remove_draft"), severity="warning")
            return
        title = queries.row(self.db, "agenda_items", key)["title"]

        def removed(_row: Any) -> None:
            self.refresh_data()
            self.app.notify(t("ui.setup.item_removed", title=title), timeout=3)

        self.attempt(lambda: self.desk.close_item(key, "withdrawn"), then=removed)

    def action_import_csv(self) -> None:
        from pathlib import Path

        from yiting.ui.screens.form import Field, FormScreen

        def submit(values: dict[str, Any]):
            from yiting.roster_csv import parse

            path = Path(values["path"].strip()).expanduser()
            try:
                data = path.read_bytes()
            except OSError:
                raise InvalidInput("ui.setup.no_file", value=values["path"]) from None
            existing = {(p["name"], p["building"]) for p in queries.participants(self.db, self.meeting_id)}
            parsed = parse(data, existing)
            if parsed.people:
                self.desk.add_participants(self.meeting_id, parsed.people)
            return parsed

        def done(parsed: Any) -> None:
            self.refresh_data()
            if parsed is None or parsed is True:
                return
            summary = t("roster.imported", count=len(parsed.people), refused=len(parsed.refused))
            if not parsed.refused:
                self.app.notify(summary)
                return
            from yiting.ui.screens.confirm import ReportScreen

            # Each refused line with its reason, as `yiting import roster` prints them.
            self.app.push_screen(ReportScreen(summary, [
                t("roster.refused_line", line=r.line, name=r.name or "—", reason=r.message()) for r in parsed.refused]))

        self.app.push_screen(FormScreen(t("ui.key.import_csv"), [Field("path", t("ui.setup.csv_path"))], submit),
                             callback=done)

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
