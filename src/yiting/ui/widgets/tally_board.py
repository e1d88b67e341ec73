"""The counts of a vote, huge, so the room can see them; with floor areas for an owners' vote."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Label, Static

from yiting.i18n import t

CHOICES = ("yes", "no", "abstain")


class TallyBoard(Horizontal):
    def compose(self) -> ComposeResult:
        for choice in CHOICES:
            with Vertical(classes=f"tally-column -{choice}"):
                yield Label(t(f"ui.vote.{choice}"), classes="tally-label")
                yield Digits("0", id=f"tally-{choice}", classes="tally-digits")
                yield Static("", id=f"tally-{choice}-area", classes="tally-area")

    def show(self, vote: dict[str, Any], owners: bool) -> None:
        for choice in CHOICES:
            digits = self.query_one(f"#tally-{choice}", Digits)
            value = str(vote[choice])
            if digits.value != value:
                digits.update(value)
            area = self.query_one(f"#tally-{choice}-area", Static)
            area.update(f"{vote[choice + '_area']:g} m²" if owners else "")
