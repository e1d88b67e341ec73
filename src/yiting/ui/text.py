"""Text people typed, made safe to show: never parsed as Textual/Rich markup.

Names, proposals, dates and titles may hold `[`, `[/]` or `[@click=…]`. Every widget that
would parse a plain `str` as markup (Static, Label, DataTable cells, OptionList prompts,
notifications) gets a `rich.text.Text` from `plain()` instead, or is built with markup off.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.text import Text


def plain(value: Any, style: str = "") -> Text:
    """`value` as literal text (no markup), optionally styled."""
    if isinstance(value, Text):
        return value
    return Text("" if value is None else str(value), style=style)


def display_names(people: Iterable[dict[str, Any]]) -> dict[int, str]:
    """Participant id → the name to show: "张桂兰（3-1）" when two people share a name."""
    people = list(people)
    counts: dict[str, int] = {}
    for p in people:
        counts[p["name"]] = counts.get(p["name"], 0) + 1
    shown: dict[int, str] = {}
    for p in people:
        name = p["name"]
        if counts[name] > 1:
            tag = p.get("building") or p.get("party") or f"#{p['id']}"
            name = f"{name}（{tag}）"
        shown[p["id"]] = name
    return shown


def vote_explanation(vote: dict[str, Any], lang: str | None = None) -> str:
    """A vote's explanation in `lang`, as the minutes give it (`domain.recorded_explanation`)."""
    from yiting.domain import recorded_explanation

    return recorded_explanation(vote, lang) or ""


def cells(values: Sequence[Any]) -> tuple[Any, ...]:
    """DataTable cells with every string made literal, ending in "…" where a column cuts them."""
    return tuple(Text("" if v is None else v, overflow="ellipsis") if isinstance(v, str) or v is None else v
                 for v in values)


def clip(text: str, width: int) -> str:
    """`text` cut to `width` terminal cells, an ellipsis marking the cut (wide characters count two)."""
    from rich.cells import cell_len

    if cell_len(text) <= width:
        return text
    out, used = [], 1  # the ellipsis
    for char in text:
        used += cell_len(char)
        if used > width:
            break
        out.append(char)
    return "".join(out) + "…"
