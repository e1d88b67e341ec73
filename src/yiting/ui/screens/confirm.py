"""A question in a dialog (yes or no; what to do with unsaved edits), or a report to read."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from yiting.i18n import t
from yiting.ui.screens.base import YModal

AnswerT = TypeVar("AnswerT", bool, str)


class ConfirmScreen(YModal[AnswerT]):
    """Dismisses True on y/enter, False on n/esc."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "ui.key.yes"),
        Binding("n,escape", "answer(False)", "ui.key.no"),
    ]

    HINT = "ui.confirm.hint"

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
            yield Static(self.hint or t(self.HINT), id="confirm-hint", markup=False)

    def action_answer(self, value: AnswerT) -> None:
        self.dismiss(value)


class UnsavedScreen(ConfirmScreen[str], inherit_bindings=False):
    """Leaving with unsaved edits: dismisses "save", "discard" or "stay"."""

    HINT = "ui.unsaved.hint"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s,enter,ctrl+s", "answer('save')", "ui.key.save_and_leave"),
        Binding("d", "answer('discard')", "ui.key.discard"),
        Binding("escape", "answer('stay')", "ui.key.stay"),
    ]


class ReportScreen(ConfirmScreen[bool], inherit_bindings=False):
    """Something to read, one line an entry (the lines an import refused, and why); any of
    Enter or Esc closes it."""

    HINT = "ui.report.hint"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,escape", "answer(True)", "ui.key.close")]

    def __init__(self, heading: str, lines: list[str]) -> None:
        super().__init__(heading, "\n".join(lines))

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Label(self.question, id="confirm-question", markup=False)
            with VerticalScroll(id="report-lines"):
                yield Static(self.detail, id="confirm-detail", markup=False)
            yield Static(t(self.HINT), id="confirm-hint")

    def on_mount(self) -> None:
        self.query_one("#report-lines").focus()  # ↑↓ PgUp PgDn read a long list


def report_import(app: Any, summary: str, refused: list[Any]) -> None:
    """After a CSV import: the summary as a toast, or, when lines were refused, each refused line
    with its reason on a screen to read (as the command line prints them)."""
    if not refused:
        app.notify(summary)
        return
    app.push_screen(ReportScreen(summary, [
        t("roster.refused_line", line=r.line, name=r.name or "—", reason=r.message()) for r in refused]))
