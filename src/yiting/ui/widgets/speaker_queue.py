"""The list of speakers in the order the rules give, with stance, kind and times spoken."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Self

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Region
from textual.strip import Strip

from yiting.domain import SpeechKind, Stance, label
from yiting.i18n import t
from yiting.ui.compat import RowDrawingTable, scroll_update
from yiting.ui.tables import selected_key, sync_table
from yiting.ui.widgets.countdown import clock_text


class SpeakerQueue(RowDrawingTable):
    """A DataTable that draws its rows itself, so that calling a speaker costs what changed.

    Calling a speaker moves every row up one line: its "#" and its stripe change, the rest of
    it does not. DataTable forgets every drawn line on any change; this one keeps each row's
    padded cells by what they say and puts the number and the line's style on when the line
    is drawn. It also gathers the refreshes DataTable asks for while the rows change into one
    repaint, without a layout of the whole screen when its box is fixed by CSS. The header,
    the cursor, keys, mouse and messages stay DataTable's own.

    Relies on DataTable internals (Textual 8.2), all through `yiting.ui.compat.RowDrawingTable`:
    the row's values, the styles DataTable itself would use, its idle-time resize and Widget's
    scroll update; and on the "row"/"column" meta on each cell, which DataTable's click and
    hover handlers read. tests/ui/test_speaker_queue.py compares every line with DataTable's.
    Every row is one line high and the queue has no row labels and no fixed rows or columns.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._asked: list[bool] | None = None  # refreshes asked for while rows change: layout?
        super().__init__(*args, **kwargs)
        self._cells_drawn: LRUCache[tuple, tuple[str, ...]] = LRUCache(1000)
        self._metas: dict[tuple[int, int], Style] = {}
        self._styles: dict[tuple, tuple[Style, Style]] = {}
        self._header: tuple[tuple, Strip] | None = None
        self._base_style = Style()

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
            if entry.get("resumes"):  # a speech a point of order interrupted: it goes on
                what = t("order.queue.resumes", left=clock_text(entry["left"]))
            else:
                what = "" if kind == SpeechKind.NORMAL else label(kind)
            rows.append((str(entry["id"]), (str(number), entry["name"], label(Stance(entry["stance"])),
                                            what, t("ui.times", n=entry["spoken"]))))
        # The rules reorder the list after most speeches: sorting by "#" is cheaper than refilling.
        with self._rows_only():
            sync_table(self, rows, order_by="n")

    @contextmanager
    def _rows_only(self) -> Iterator[None]:
        """Rows come, go or change: gather DataTable's refreshes (one per cell, one per row)
        into one repaint, without the layout of the whole screen it asks for when the queue's
        box does not depend on its rows (the console's `height: 1fr`)."""
        if self._asked is not None:  # already gathering
            yield
            return
        self._asked = asked = []
        try:
            yield
        finally:
            self._asked = None
            if asked:
                layout = any(asked) and not self._box_is_fixed()
                if any(asked) and not layout:
                    # The scrollbars ask for a layout themselves if one appears or goes.
                    scroll_update(self, self.virtual_size)
                super().refresh(layout=layout)

    def _box_is_fixed(self) -> bool:
        height, width = self.styles.height, self.styles.width
        return (self.is_mounted and height is not None and not height.is_auto
                and width is not None and not width.is_auto)

    def rows_changing(self) -> Any:
        return self._rows_only()

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        if self._asked is not None and not recompose:
            self._asked.append(layout)
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    @property
    def selected_id(self) -> int | None:
        key = selected_key(self)
        return int(key) if key else None

    def notify_style_update(self) -> None:
        self._styles.clear()  # focus, theme: the styles change, the padded text does not
        self._header = None
        super().notify_style_update()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._base_style = self.rich_style  # once a frame, not once a line
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        base_style = self._base_style
        if self.show_header and y < self.header_height:
            return self._header_line(y, scroll_x, width, base_style)
        row = y - (self.header_height if self.show_header else 0) + scroll_y
        if not 0 <= row < self.row_count:
            return Strip.blank(width, base_style)
        columns = [column.get_render_width(self) for column in self.ordered_columns]
        values = self.row_values(row)
        texts = [str(values[column.key]) for column in self.ordered_columns]
        drawn = self._cells_drawn.get((*texts[1:], *columns))
        if drawn is None:
            drawn = tuple(_pad(text, cells, self.cell_padding) for text, cells in zip(texts[1:], columns[1:], strict=False))
            self._cells_drawn[(*texts[1:], *columns)] = drawn
        style, extend = self._line_styles(row, base_style)
        segments = [Segment(_pad(texts[0], columns[0], self.cell_padding), style + self._meta(row, 0))]
        segments += [Segment(text, style + self._meta(row, column)) for column, text in enumerate(drawn, 1)]
        table_width = sum(columns)
        # Even when it is empty, as DataTable does (a snapshot keeps its zero-width run).
        segments.append(Segment(" " * max(0, width - table_width), extend + self._meta(row, -2)))
        strip = Strip(segments, max(width, table_width))
        if scroll_x or table_width > width:
            strip = strip.crop(scroll_x, scroll_x + width)
        return strip.adjust_cell_length(width, base_style)

    def _header_line(self, y: int, scroll_x: int, width: int, base_style: Style) -> Strip:
        """The header as DataTable draws it, kept until the columns, the size or a style change."""
        key = (y, scroll_x, width, base_style, self.pseudo_state, self.hover_cursor_shown,
               self.hover_row == -1, tuple((column.label.plain, column.get_render_width(self))
                                     for column in self.ordered_columns))
        if self._header is None or self._header[0] != key:
            self._header = (key, super().render_line(y))
        return self._header[1]

    def _line_styles(self, row: int, base_style: Style) -> tuple[Style, Style]:
        """The style of a row's cells and of the space right of the table (as DataTable's own)."""
        cursor = row == self.cursor_row
        hover = row == self.hover_row
        key = (row % 2, self.zebra_stripes, cursor, hover, base_style, self.show_cursor, self.hover_cursor_shown,
               self.pseudo_state)
        styles = self._styles.get(key)
        if styles is None:
            styles = self._styles[key] = self._row_styles(row, cursor, hover, base_style)
        return styles

    def _row_styles(self, row: int, cursor: bool, hover: bool, base_style: Style) -> tuple[Style, Style]:
        row_style = self.row_style(row, base_style)
        component, post = self.cell_styles(hover, cursor, (self.cursor_foreground_priority == "css",
                                                           self.cursor_background_priority == "css"))
        extend, _ = self.cell_styles(hover, cursor, (False, False))
        return row_style + component + post, row_style + extend

    def _meta(self, row: int, column: int) -> Style:
        """What a click or the mouse reads off a cell: its row and column (-2: beyond the table)."""
        meta = self._metas.get((row, column))
        if meta is None:
            where = {"row": row, "column": 0, "out_of_bounds": True} if column == -2 \
                else {"row": row, "column": column}
            meta = self._metas[(row, column)] = Style.from_meta(where)
        return meta


def _pad(text: str, width: int, padding: int) -> str:
    """A cell as DataTable draws a one-line cell: its first line, tabs expanded, padded each
    side, cut or filled to `width`."""
    space = " " * padding
    return space + set_cell_size(text.partition("\n")[0].expandtabs(8), width - 2 * padding) + space
