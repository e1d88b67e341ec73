"""Set-up's agenda tab: one line an item ("北门拓宽 15": its time box in minutes), moved up
and down, withdrawn. A part of `SetupScreen`."""

from __future__ import annotations

import re
from typing import Any

from textual.app import ComposeResult
from textual.widgets import DataTable, Input, Static

from yiting.errors import InvalidInput, YitingError
from yiting.i18n import t
from yiting.store import queries
from yiting.ui.tables import selected_key
from yiting.ui.widgets.field_error import FieldError
from yiting.ui.widgets.fit_table import FitTable

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


class AgendaTab:
    """The agenda tab (Enter on a line, [ ], Delete): a part of `SetupScreen`."""

    def compose_agenda(self) -> ComposeResult:
        yield Input(compact=True, placeholder=t("ui.setup.item_hint"), id="item-line")
        yield FieldError("", id="e-item", classes="field-error")
        yield FitTable(["#", t("ui.col.item"), t("ui.col.timebox")], flexible={1: 1}, id="agenda-table",
                       zebra_stripes=True)

    def show_agenda(self) -> None:
        self.query_one("#agenda-table", FitTable).show([
            (str(i["id"]), (str(i["position"]), i["title"], t("ui.minutes", n=i["timebox_minutes"])))
            for i in queries.agenda(self.db, self.meeting_id)
        ])

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
