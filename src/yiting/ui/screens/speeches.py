"""The item's speeches so far: read them and fix a summary (s or Enter on the chosen one)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Static

from yiting.domain import Stance, label
from yiting.i18n import t
from yiting.store import queries
from yiting.ui.screens.base import YModal
from yiting.ui.screens.console_speech import in_time_order, last_ended
from yiting.ui.tables import selected_key, sync_table


class SpeechesScreen(YModal):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s,enter", "edit", "ui.key.summary"),
        Binding("escape,l", "close", "ui.key.close"),
    ]

    def __init__(self, console, item_id: int) -> None:
        super().__init__()
        self.console = console
        self.item_id = item_id
        self.rows: dict[str, dict[str, Any]] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="speeches-box"):
            yield Label(t("ui.speeches.title"), id="speeches-title")
            yield DataTable(id="speeches-table", cursor_type="row", zebra_stripes=True)
            yield Static(t("ui.speeches.hint"), id="speeches-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(t("ui.col.when"), t("ui.col.name"), t("ui.col.stance"), t("ui.col.summary"))
        everything = queries.speeches(self.db, self.item_id)
        self.show(everything)
        # On the speech `s` would write about: the one running, else the one that ended last.
        current = self.console.running or last_ended(everything)
        keys = list(self.rows)
        row = keys.index(str(current["id"])) if current and str(current["id"]) in keys else len(keys) - 1
        table.move_cursor(row=max(0, row), animate=False)
        table.focus()

    def show(self, everything: list[dict[str, Any]] | None = None) -> None:
        speeches = in_time_order(everything if everything is not None else queries.speeches(self.db, self.item_id))
        self.rows = {str(s["id"]): s for s in speeches}
        sync_table(self.query_one(DataTable), [
            (str(s["id"]), ((s["started_at"] or "")[11:16], self.console.name_of(s["participant_id"]),
                            label(Stance(s["stance"])), s["summary"] or "—"))
            for s in speeches
        ])

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_edit(self) -> None:
        key = selected_key(self.query_one(DataTable))
        if key is None:
            return
        self.console.edit_summary(self.rows[key], then=lambda _row: self.show())

    def action_close(self) -> None:
        self.dismiss(None)
