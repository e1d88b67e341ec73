"""Figures (统计): what a street office asks for, read-only — matters raised and closed by year
and category, the median days from raised to done, duties overdue by party, meetings held. The
same figures as the published figures page (`publish/figures.py`)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from yiting.i18n import get_language, t
from yiting.ui.screens.base import YScreen


class FiguresScreen(YScreen):
    HELP_INTRO = "ui.figures.intro"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "ui.key.back"),
        Binding("r", "reload", "ui.key.reload", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="figures"):
            yield Static("", markup=False, id="figures-text")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.title = t("ui.app_title")
        self.sub_title = t("figures.title")
        self.query_one("#figures", VerticalScroll).focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        from yiting.publish.figures import figures, figures_lines

        lang = get_language()
        today = self.app.now().date().isoformat()
        from rich.text import Text

        lines = [t("board.as_of", lang, day=today), *figures_lines(figures(self.db, today, lang), lang)]
        text = Text()
        for n, line in enumerate(lines):
            heading = n <= 1 or (line and not line.startswith(" "))  # the date, the summary, each section's name
            text.append(line if heading else "· " + line.strip(), style="bold" if heading else "")
            text.append("\n")
        self.query_one("#figures-text", Static).update(text)

    def action_reload(self) -> None:
        self.refresh_data()

    def action_back(self) -> None:
        self.app.pop_screen()
