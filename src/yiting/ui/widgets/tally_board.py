"""The counts of a vote, huge, so the room can see them; with floor areas for an owners' vote."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Static

from yiting.i18n import t
from yiting.ui.widgets.big_number import BigNumber

CHOICES = ("yes", "no", "abstain")


class TallyBoard(Horizontal):
    def compose(self) -> ComposeResult:
        for choice in CHOICES:
            with Vertical(classes=f"tally-column -{choice}"):
                yield Label(t(f"ui.vote.{choice}"), classes="tally-label")
                yield BigNumber(id=f"tally-{choice}", classes="tally-digits")
                yield Static("", markup=False, id=f"tally-{choice}-area", classes="tally-area")

    def show(self, vote: dict[str, Any], owners: bool) -> None:
        for choice in CHOICES:
            self.query_one(f"#tally-{choice}", BigNumber).value = str(vote[choice])
            area = self.query_one(f"#tally-{choice}-area", Static)
            area.update(f"{vote[choice + '_area']:g} m²" if owners else "")
