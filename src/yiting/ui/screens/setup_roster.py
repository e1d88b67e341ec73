"""Set-up's roster tab: one line a person, a CSV file, and who may be named in the minutes.
A part of `SetupScreen`."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import DataTable, Input, Static

from yiting.errors import InvalidInput, YitingError
from yiting.i18n import t
from yiting.store import queries
from yiting.ui.people import duplicate_warning, parse_person_line, public_form
from yiting.ui.tables import selected_key
from yiting.ui.widgets.field_error import FieldError
from yiting.ui.widgets.fit_table import FitTable


class RosterTab:
    """The roster tab (Enter on a line, Delete, n, g, ctrl+l): a part of `SetupScreen`."""

    def compose_roster(self) -> ComposeResult:
        yield Input(compact=True, placeholder=t("ui.setup.person_hint"), id="person-line")
        yield Static("", markup=False, id="person-preview", classes="hint")
        yield FieldError("", id="e-person", classes="field-error")
        yield FitTable([t("ui.col.name"), t("ui.col.shown"), t("ui.col.party"), t("ui.col.building"),
                        t("ui.col.voting"), t("ui.col.area"), t("ui.col.employer")],
                       flexible={0: 1, 1: 1, 2: 1, 3: 2, 6: 1}, id="roster-table", zebra_stripes=True)

    def show_roster(self) -> None:
        people = queries.participants(self.db, self.meeting_id)
        self.query_one("#roster-table", FitTable).show([
            (str(p["id"]), (p["name"], public_form(p), p["party"], p["building"], "✓" if p["voting"] else "—",
                            f"{p['area_m2']:g}" if p["area_m2"] else "", p["employer"]))
            for p in people
        ])

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

    def action_undo_remove(self) -> None:
        """ctrl+z on the roster: put back the person removed last."""
        from yiting.desk.undo import ROSTER_ACTIONS

        def done(result: dict) -> None:
            self.refresh_data()
            self.app.notify(t("ui.undone.remove_participant", name=result["name"]), timeout=5)

        self.attempt(lambda: self.desk.undo_last(self.meeting_id, ROSTER_ACTIONS), then=done)

    def action_toggle_privacy(self, field: str) -> None:
        """n: the person agreed to be named (or no longer); g: they take part in an official
        capacity (or not). Says how the minutes will show them."""
        table = self.query_one("#roster-table", DataTable)
        key = selected_key(table)
        if key is None:
            self.app.notify(t("ui.setup.roster_empty"), severity="warning", timeout=4)
            return
        person = queries.row(self.db, "participants", key)

        def changed(row: Any) -> None:
            self.refresh_data()
            state = "on" if row[field] else "off"
            said = t(f"ui.setup.{field}_{state}", name=row["name"], shown=public_form(row))
            if self.desk.meeting(self.meeting_id)["status"] in ("closed", "published"):
                said += "\n" + t("ui.setup.republish_to_apply")  # the minutes online still show the old form
            self.app.notify(said, timeout=8)

        self.attempt(lambda: self.desk.update_participant(key, **{field: not person[field]}), then=changed)

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
            from yiting.ui.screens.confirm import report_import

            report_import(self.app, t("roster.imported", count=len(parsed.people), refused=len(parsed.refused)),
                          parsed.refused)

        self.app.push_screen(FormScreen(t("ui.key.import_csv"), [Field("path", t("ui.setup.csv_path"))], submit),
                             callback=done)
