"""The list of speakers in the order the rules give, with stance, kind and times spoken."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.widgets import DataTable

from yiting.domain import SpeechKind, Stance, label
from yiting.i18n import t
from yiting.ui.tables import selected_key, sync_table


class SpeakerQueue(DataTable):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cells_drawn: LRUCache[tuple, list[list[Segment]]] = LRUCache(2000)

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.add_column("#", key="n", width=2)
        self.add_column(t("ui.col.name"), key="name")
        self.add_column(t("ui.col.stance"), key="stance")
        self.add_column(t("ui.col.kind"), key="kind")
        self.add_column(t("ui.col.spoken"), key="spoken")

    def show(self, waiting: Sequence[dict[str, Any]]) -> None:
        rows = []
        for number, entry in enumerate(waiting, start=1):
            kind = SpeechKind(entry["kind"])
            rows.append((str(entry["id"]), (str(number), entry["name"], label(Stance(entry["stance"])),
                                            "" if kind == SpeechKind.NORMAL else label(kind),
                                            t("ui.times", n=entry["spoken"]))))
        # The rules reorder the list after most speeches: sorting by "#" is cheaper than refilling.
        sync_table(self, rows, order_by="n")

    @property
    def selected_id(self) -> int | None:
        key = selected_key(self)
        return int(key) if key else None

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False) -> list[list[Segment]]:
        # Textual keeps a rendered cell only until the table next changes, so calling a
        # speaker (the first row goes, the rest move up) drew every visible cell again. A
        # cell looks the same on any row with the same stripe: keep it by what it shows, and
        # give it its row and column (which mouse clicks read) afresh.
        if row_index < 0 or column_index < 0:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        value = self._data[row_key][column_key]
        shown = value.markup if isinstance(value, Text) else value
        key = (shown, column_key, base_style, width, cursor, hover, self._show_hover_cursor,
               self._pseudo_class_state, self.rows[row_key].height)
        lines = self._cells_drawn.get(key)
        if lines is None:
            lines = super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
            self._cells_drawn[key] = lines
            return lines
        where = Style.from_meta({"row": row_index, "column": column_index})
        return [list(Segment.apply_style(line, post_style=where)) for line in lines]
