"""A table that fits its width: long texts are cut with an ellipsis instead of running off the
right edge (where a DataTable scrolls sideways and shows a sliver of scrollbar)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from textual.widgets import DataTable

from yiting.ui.tables import sync_table
from yiting.ui.text import clip

LEAST = 6  # a flexible column is never cut narrower than this (cells)


def share_room(room: int, needs: Sequence[int], weights: Sequence[int]) -> list[int]:
    """Widths for columns that need `needs` cells out of `room`: the narrow ones whole, the
    wide ones shares of what is left by their weights (never under LEAST)."""
    widths = list(needs)
    if sum(needs) <= room:
        return widths
    left, waiting = room, sorted(range(len(needs)), key=lambda i: needs[i] / weights[i])
    while waiting:
        share = left * weights[waiting[0]] // sum(weights[i] for i in waiting)
        index = waiting.pop(0)
        widths[index] = max(LEAST, min(needs[index], share))
        left -= widths[index]
    return widths


class FitTable(DataTable):
    """Rows of text under `labels`; the columns in `flexible` (number → weight) give way to the
    width, sharing what room there is by their weights."""

    def __init__(self, labels: Sequence[str], flexible: dict[int, int], **kwargs: Any) -> None:
        kwargs.setdefault("cursor_type", "row")
        super().__init__(**kwargs)
        self.labels = list(labels)
        self.flexible = dict(flexible)
        self._rows: list[tuple[str, tuple[Any, ...]]] = []
        self._width = 0

    def on_mount(self) -> None:
        self.add_columns(*self.labels)

    def show(self, rows: Sequence[tuple[str, Sequence[Any]]]) -> None:
        self._rows = [(key, tuple(values)) for key, values in rows]
        if self._width:
            sync_table(self, self.fitted())

    def on_resize(self) -> None:
        if self.size.width == self._width:
            return
        # Column widths only grow: a new width starts the columns afresh.
        first, self._width = not self._width, self.size.width
        if not first:
            cursor = self.cursor_row
            self.clear(columns=True)
            self.add_columns(*self.labels)
        self.show(self._rows)
        if not first:
            self.move_cursor(row=cursor, animate=False)

    def fitted(self) -> list[tuple[str, tuple[Any, ...]]]:
        def need(column: int) -> int:
            return max([cell_len(self.labels[column])] +
                       [cell_len(str(values[column] or "")) for _key, values in self._rows])

        pad = 2 * self.cell_padding
        scrollbar = self.styles.scrollbar_size_vertical if len(self._rows) + 1 > self.size.height else 0
        fixed = sum(need(c) + pad for c in range(len(self.labels)) if c not in self.flexible)
        room = self.size.width - scrollbar - fixed - pad * len(self.flexible)
        widths = dict(zip(self.flexible, share_room(room, [need(c) for c in self.flexible],
                                                    list(self.flexible.values())), strict=True))
        return [(key, tuple(clip(str(v or ""), widths[c]) if c in widths else v for c, v in enumerate(values)))
                for key, values in self._rows]
