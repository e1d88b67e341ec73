"""A count in a 5-row block font, large enough to read across a pavilion."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
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


class BigNumber(Widget):
    """`value` drawn large; its colour comes from CSS like any text."""

    DEFAULT_CSS = "BigNumber { height: 5; width: 100%; content-align: center middle; }"

    value: reactive[str] = reactive("0")

    def render(self) -> Text:
        return Text("\n".join(big_lines(self.value)), no_wrap=True)
