"""A yes/no question in a dialog."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, Static

from yiting.i18n import t
from yiting.ui.screens.base import YModal


class ConfirmScreen(YModal):
    """Dismisses True on y/enter, False on n/esc."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "ui.key.yes"),
        Binding("n,escape", "answer(False)", "ui.key.no"),
    ]

    def __init__(self, question: str, detail: str = "", hint: str = "") -> None:
        """`hint`: what yes and no do, when more than "yes · no" needs saying."""
        super().__init__()
        self.question = question
        self.detail = detail
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Label(self.question, id="confirm-question", markup=False)
            if self.detail:
                yield Static(self.detail, id="confirm-detail", markup=False)
            yield Static(self.hint or t("ui.confirm.hint"), id="confirm-hint", markup=False)

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
