"""Check-in: tick people present as they arrive; type a name or its pinyin initials."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Input, Static

from yiting.domain import quorum_met, quorum_sentence
from yiting.i18n import t
from yiting.store import queries
from yiting.ui.pinyin import matches
from yiting.ui.screens.base import YScreen
from yiting.ui.tables import selected_key, sync_table


class SearchInput(Input):
    """The search field; ↑/↓ move the cursor of the roster below it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("down", "roster(1)", show=False), Binding("up", "roster(-1)", show=False)]

    def action_roster(self, step: int) -> None:
        table = self.screen.query_one("#checkin-table", DataTable)
        table.move_cursor(row=max(0, table.cursor_row + step), animate=False)


class CheckinScreen(YScreen):
    HELP_INTRO = "ui.checkin.intro"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "check_in", "ui.key.check_in", priority=False),
        Binding("ctrl+z", "undo", "ui.key.undo_last_check_in"),
        # Above the search field's own ctrl+u (delete to the start): type a name, ctrl+u.
        Binding("ctrl+u", "uncheck", "ui.key.uncheck", priority=True),
        Binding("ctrl+o", "go_live", "ui.key.go_live"),
        Binding("f7", "setup", "ui.key.setup"),
        Binding("escape", "back", "ui.key.back"),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.people: list[dict] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", markup=False, id="checkin-status")
        yield SearchInput(compact=True, placeholder=t("ui.checkin.search"), id="checkin-search")
        yield Static("", markup=False, id="checkin-walkin", classes="hint")
        yield DataTable(id="checkin-table", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.title = t("ui.app_title")
        table = self.query_one("#checkin-table", DataTable)
        table.add_columns(t("ui.col.present"), t("ui.col.name"), t("ui.col.party"), t("ui.col.building"),
                          t("ui.col.voting"))
        self.refresh_data()
        self.query_one("#checkin-search", Input).focus()
        self.query_one("#checkin-walkin", Static).display = False

    def refresh_data(self) -> None:
        meeting = self.desk.meeting(self.meeting_id)
        self.sub_title = f"{t('ui.checkin.title')} · {meeting['title']}"
        self.people = queries.participants(self.db, self.meeting_id)
        self.show()
        self.show_status()

    def show_status(self) -> None:
        present, eligible = queries.attendance(self.db, self.meeting_id)
        rules = self.desk.rules(self.meeting_id)
        everyone = sum(1 for p in self.people if p["checked_in_at"])
        status = self.query_one("#checkin-status", Static)
        status.update(t("ui.checkin.status", present=present, eligible=eligible, everyone=everyone,
                        sentence=quorum_sentence(rules, present, eligible)))
        status.set_class(not quorum_met(rules, present, eligible), "-short")

    def show(self) -> None:
        query = self.query_one("#checkin-search", Input).value
        rows = []
        for p in self.people:
            if not matches(query, p["name"], p["building"]):
                continue
            arrived = p["checked_in_at"][11:16] if p["checked_in_at"] else ""
            rows.append((str(p["id"]), ("✓ " + arrived if arrived else "·", p["name"], p["party"],
                                        p["building"], "✓" if p["voting"] else "—")))
        table = self.query_one("#checkin-table", DataTable)
        if sync_table(table, rows) and rows:
            table.move_cursor(row=0, animate=False)
        hint = self.query_one("#checkin-walkin", Static)
        hint.update(t("ui.checkin.walkin_hint", name=query.split()[0]) if query.strip() and not rows else "")
        hint.display = bool(query.strip() and not rows)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_check_in()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_check_in()

    def _update_person(self, row: dict) -> None:
        self.people = [row if p["id"] == row["id"] else p for p in self.people]
        self.show()
        self.show_status()

    def action_check_in(self) -> None:
        key = selected_key(self.query_one("#checkin-table", DataTable))
        if key is None:
            typed = self.query_one("#checkin-search", Input).value.strip()
            if typed:
                self.ask_walk_in(typed)
            return

        def done(row: dict) -> None:
            search = self.query_one("#checkin-search", Input)
            search.value = ""
            self._update_person(row)
            self.app.notify(t("ui.checkin.done", name=row["name"]), timeout=2)

        self.attempt(lambda: self.desk.check_in(key), then=done)

    def ask_walk_in(self, typed: str) -> None:
        """Someone not on the roster arrived: offer to add them (one line) and check them in."""
        from yiting.ui.people import add_walk_in, describe_person_line
        from yiting.ui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if not yes:
                return

            def done(row: dict) -> None:
                self.query_one("#checkin-search", Input).value = ""
                self.refresh_data()
                self.app.notify(t("ui.walkin.added", name=row["name"]), timeout=3)

            self.attempt(lambda: add_walk_in(self.desk, self.meeting_id, typed), then=done)

        name = typed.split()[0]
        self.app.push_screen(ConfirmScreen(t("ui.walkin.ask", name=name), describe_person_line(typed)),
                             callback=answer)

    def action_undo(self) -> None:
        """ctrl+z: undo the last check-in (logged as an undo of its own)."""
        from yiting.desk.undo import CHECKIN_ACTIONS

        def done(result: dict) -> None:
            self.refresh_data()
            self.app.notify(t("ui.undone.check_in", name=result["name"]), timeout=5)

        self.attempt(lambda: self.desk.undo_last(self.meeting_id, CHECKIN_ACTIONS), then=done)

    def action_uncheck(self) -> None:
        """ctrl+u: the highlighted person (found by typing, or picked with ↑/↓) is marked not
        present: left early, or ticked by mistake."""
        key = selected_key(self.query_one("#checkin-table", DataTable))
        if key is None:
            return

        def done(row: dict) -> None:
            self._update_person(row)
            self.app.notify(t("ui.checkin.unchecked", name=row["name"]), timeout=4)

        self.attempt(lambda: self.desk.undo_check_in(key), then=done)

    def action_go_live(self) -> None:
        self.app.go_live(self.meeting_id)

    def action_setup(self) -> None:
        self.app.show_setup(self.meeting_id)

    def action_back(self) -> None:
        self.app.pop_or_home()
