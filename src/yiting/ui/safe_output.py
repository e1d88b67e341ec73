"""The console never hands the terminal a control character or a bidi override from the text it
shows.

The desk cleans what is typed or imported (`yiting.text_input`), but an older database may hold
a name with `ESC ] 0 ; … BEL` (it would retitle the terminal), a proposal with `ESC [ 2 J` (it
would blank the screen) or a U+202E (it would reverse what follows). Textual draws such text as
it is. Every line Textual draws becomes a `Strip` whose `render` turns it into terminal
sequences: `install()` wraps that one method so the text of each strip loses those characters
first. They take no cells (Rich counts them as zero width), so the layout does not move; the
escape sequences Textual itself writes (cursor moves, colours, links) are made from styles, not
from the text, and are untouched. A strip renders once and keeps its result, so the check costs
one regular-expression search per new line drawn.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip

from yiting.text_input import ANY_CONTROL as _UNSAFE
from yiting.ui.compat import replace_segments, strip_segments, wrap_strip_render


def _clean(strip: Strip) -> None:
    segments = strip_segments(strip)
    text = "".join([segment.text for segment in segments])
    if not text.isprintable() and _UNSAFE.search(text):  # isprintable: the fast common case
        replace_segments(strip, [segment if segment.control or not _UNSAFE.search(segment.text)
                                 else Segment(_UNSAFE.sub("", segment.text), segment.style, segment.control)
                                 for segment in segments])


def install() -> None:
    """Clean every strip on its way to the terminal (the console calls this as it starts)."""
    wrap_strip_render(_clean)
