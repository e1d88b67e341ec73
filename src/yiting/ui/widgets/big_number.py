"""A count in a 5-row block font, large enough to read across a pavilion, with a caption above
it and a note below it."""

from __future__ import annotations

from functools import lru_cache
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

_FONT = {
    "0": ["█▀▀█", "█  █", "█  █", "█  █", "▀▀▀▀"],
    "1": [" ▄█ ", "  █ ", "  █ ", "  █ ", " ▀▀▀"],
    "2": ["▀▀▀█", "   █", "█▀▀▀", "█   ", "▀▀▀▀"],
    "3": ["▀▀▀█", "   █", " ▀▀█", "   █", "▀▀▀▀"],
    "4": ["█  █", "█  █", "▀▀▀█", "   █", "   ▀"],
    "5": ["█▀▀▀", "█   ", "▀▀▀█", "   █", "▀▀▀▀"],
    "6": ["█▀▀▀", "█   ", "█▀▀█", "█  █", "▀▀▀▀"],
    "7": ["▀▀▀█", "   █", "  █ ", "  █ ", "  ▀ "],
    "8": ["█▀▀█", "█  █", "█▀▀█", "█  █", "▀▀▀▀"],
    "9": ["█▀▀█", "█  █", "▀▀▀█", "   █", "▀▀▀▀"],
}
HEIGHT = 5


def big_lines(value: str) -> list[str]:
    """The rows of `value` (digits only; anything else is drawn as a blank) in the block font."""
    glyphs = [_FONT.get(char, ["    "] * HEIGHT) for char in value]
    return [" ".join(glyph[row] for glyph in glyphs) for row in range(HEIGHT)]


def centred(line: str, width: int, left: int | None = None) -> str:
    """`line` in `width` cells, `left` cells in (by default: centred, the odd cell on the right)."""
    if left is None:
        left = max(0, width - cell_len(line)) // 2
    return " " * left + line + " " * max(0, width - left - cell_len(line))


@lru_cache(maxsize=256)
def column_strips(caption: str, value: str, note: str, width: int, note_style: Style,
                  caption_style: Style, digits_style: Style) -> list[Strip]:
    """The column's rows, built once per value: a count is redrawn on every frame that touches
    it, and a vote's three columns hold only a few distinct values. The digits are one block,
    centred as a block; the caption and the note are centred line by line."""
    digits = big_lines(value)
    left = max(0, width - cell_len(digits[0])) // 2
    rows = [(centred(caption, width), caption_style)]
    rows += [(centred(row, width, left), digits_style) for row in digits]
    rows.append((centred(note, width), note_style))
    # Cropped, like any text that does not wrap, where the column is narrower than the count.
    return [Strip([Segment(text, style)]).adjust_cell_length(width, style) for text, style in rows]


class BigNumber(Widget):
    """`value` drawn large, a one-line `caption` above it and a one-line `note` below it. Its
    size never depends on what it shows (7 rows, the whole width), so a new value repaints it
    without a layout. Colours come from CSS: the widget's own for the note, the components'
    `big-number--caption` and `big-number--digits` for the rest."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"big-number--caption", "big-number--digits"}
    DEFAULT_CSS = """
    BigNumber { height: 7; width: 100%; }
    BigNumber > .big-number--caption { text-style: bold; }
    """

    value: reactive[str] = reactive("0")
    note: reactive[str] = reactive("")

    def __init__(self, caption: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.caption = caption
        self._strips: list[Strip] = []

    def watch_value(self) -> None:
        self._strips = []

    def watch_note(self) -> None:
        self._strips = []

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = []  # a new theme: new colours

    def render_line(self, y: int) -> Strip:
        # Built once after a change of value, note, width or theme; then every row of every
        # repaint is a lookup (the compositor repaints all three columns when one changes).
        if not self._strips or self._strips[0].cell_length != self.size.width:
            base = self.rich_style
            self._strips = column_strips(self.caption, self.value, self.note, self.size.width, base,
                                         base + self.get_component_rich_style("big-number--caption"),
                                         base + self.get_component_rich_style("big-number--digits"))
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(self.size.width, self.rich_style)
