"""A QR code drawn with half blocks: each cell `▀`, upper module as foreground, lower as
background, always black on white whatever the theme (so phones can read it)."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

_DARK = "rgb(0,0,0)"
_LIGHT = "rgb(255,255,255)"
_STYLES = {
    (upper, lower): Style(color=_DARK if upper else _LIGHT, bgcolor=_DARK if lower else _LIGHT)
    for upper in (False, True) for lower in (False, True)
}


class QRCode(Widget):
    """Draws `matrix` (rows of booleans, True = dark, quiet zone included)."""

    def __init__(self, matrix: list[list[bool]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.matrix = matrix
        height = len(matrix)
        if height % 2:
            self.matrix = matrix + [[False] * len(matrix[0])]
        self._rows = [
            Strip([Segment("▀", _STYLES[(bool(up), bool(low))])
                   for up, low in zip(self.matrix[y], self.matrix[y + 1], strict=False)])
            for y in range(0, len(self.matrix), 2)
        ]

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return len(self.matrix[0]) if self.matrix else 0

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._rows)

    def render_line(self, y: int) -> Strip:
        if 0 <= y < len(self._rows):
            return self._rows[y]
        return Strip.blank(self.size.width)
