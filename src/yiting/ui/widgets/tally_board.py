"""The counts of a vote, huge, so the room can see them; with floor areas for an owners' vote."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal

from yiting.i18n import t
from yiting.ui.widgets.big_number import BigNumber

CHOICES = ("yes", "no", "abstain")


def area_text(vote: dict[str, Any], choice: str, owners: bool) -> str:
    """The floor area behind `choice` in an owners' vote; nothing in any other vote."""
    return f"{vote[choice + '_area']:g} m²" if owners else ""


class TallyBoard(Horizontal):
    """One column per choice, each a single widget (caption, count, area) of a fixed size:
    showing new counts repaints the columns that changed, without a layout."""

    def compose(self) -> ComposeResult:
        for choice in CHOICES:
            yield BigNumber(t(f"ui.vote.{choice}"), id=f"tally-{choice}", classes=f"tally-column -{choice}")

    def show(self, vote: dict[str, Any], owners: bool) -> None:
        for choice in CHOICES:
            column = self.query_one(f"#tally-{choice}", BigNumber)
            # Reactives: an unchanged count or area is not even repainted.
            column.value = str(vote[choice])
            column.note = area_text(vote, choice, owners)
