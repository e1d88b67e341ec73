"""The agenda: each item's status and time used against its time box; the current one marked."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from rich.cells import cell_len
from textual.widgets import DataTable

from yiting.i18n import t
from yiting.ui.tables import selected_key, sync_table
from yiting.ui.text import clip


def used_minutes(item: dict[str, Any], now: datetime) -> int | None:
    if not item["started_at"]:
        return None
    end = datetime.fromisoformat(item["ended_at"]) if item["ended_at"] else now
    return max(0, int((end - datetime.fromisoformat(item["started_at"])).total_seconds() // 60))


USED_WIDTH = cell_len("!99/120′")  # minutes used of the time box; past 999 it reads 999+


def status_width() -> int:
    return max(cell_len(t("ui.col.status")),
               *(cell_len(t(f"ui.item.{status}")) for status in
                 ("pending", "discussing", "voting", "decided", "deferred", "withdrawn")))


class AgendaTable(DataTable):
    """Rows: mark, title, status, used/box minutes."""

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self._room = 0  # cells for a title; 0 until the first resize gives the table its width
        self._compact = False
        self._last: tuple | None = None
        self._cursor_on: int | None = None  # an item to put the cursor on once the rows are in
        self.add_columns_now()

    def add_columns_now(self) -> None:
        self.add_column("", key="mark", width=1)
        self.add_column(t("ui.col.item"), key="title")
        # As wide as its longest word from the start: an item taken up (待议 → 讨论中) or running
        # late (9/10′ → !12/10′) must not lose the end of its word.
        self.add_column(t("ui.col.status"), key="status", width=status_width())
        if not self._compact:
            self.add_column(t("ui.col.used"), key="used", width=USED_WIDTH)

    def fit(self, title: str) -> str:
        """The title cut with an ellipsis so that status and minutes stay in view."""
        return clip(title, self._room or 40)

    def on_resize(self) -> None:
        # Column widths only ever grow, so a new width rebuilds the table (rare: a resize).
        # mark 3, status + 2, minutes + 2, the title's own padding and the scrollbar if any.
        rows = len(self._last[0]) if self._last else 0
        scrollbar = self.styles.scrollbar_size_vertical if rows + 1 > self.size.height else 0
        room = max(6, self.size.width - 3 - (status_width() + 2) - (USED_WIDTH + 2) - 2 - scrollbar)
        # Narrow: the title matters more than the minutes used, which go.
        compact = room < 24
        if compact:
            room += USED_WIDTH + 2
        if room != self._room or compact != self._compact:
            first = not self._room
            self._room = room
            self._compact = compact
            cursor = self.cursor_row
            if not first or compact:
                self.clear(columns=True)
                self.add_columns_now()
            if self._last:
                self.show(*self._last)
                if first:
                    self.put_cursor_on(self._cursor_on)
                else:
                    self.move_cursor(row=cursor, animate=False)

    def show(self, items: Sequence[dict[str, Any]], current_id: int | None, now: datetime) -> None:
        self._last = (items, current_id, now)
        if not self._room:
            return  # titles are cut to the width: the first resize fills the table, once
        rows = []
        for item in items:
            used = used_minutes(item, now)
            box = item["timebox_minutes"]
            shown = "999+" if used is not None and used > 999 else used
            used_text = f"{shown}/{box}′" if used is not None else f"–/{box}′"
            if used is not None and used > box:
                used_text = f"!{used_text}"
            cells = ("▶" if item["id"] == current_id else " ", self.fit(f"{item['position']}. {item['title']}"),
                     t("ui.item." + item["status"]))
            rows.append((str(item["id"]), cells if self._compact else (*cells, used_text)))
        sync_table(self, rows)

    def put_cursor_on(self, item_id: int | None) -> None:
        """Move the cursor to an item's row (when the rows are in: after the first resize)."""
        self._cursor_on = item_id
        key = str(item_id)
        if item_id is not None and key in self.rows:
            self.move_cursor(row=self.get_row_index(key), animate=False)

    @property
    def selected_id(self) -> int | None:
        key = selected_key(self)
        return int(key) if key else None
