"""Help: the keys of the screen underneath, read from its live bindings."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from yiting.i18n import t
from yiting.ui.screens.base import YModal
from yiting.ui.text import cells


def screen_keys(screen: Screen) -> list[tuple[str, str]]:
    """(key as shown, what it does) for every described binding active on `screen`."""
    rows: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        ident = (binding.action, binding.description)
        # The screen's and the app's own keys; a focused widget's cursor keys go without saying.
        if active.node is not screen and active.node is not screen.app:
            continue
        if not binding.description or ident in seen:
            continue
        if binding.action == "screen.copy_text":
            continue  # select-and-copy is not how a meeting is run
        seen.add(ident)
        # Textual's own (tab, shift+tab) count with the app's keys, after the screen's.
        own = active.node is screen and not binding.action.startswith(("app.", "screen."))
        rows.append((0 if own else 1, screen.app.get_key_display(binding), binding.description))
    # The screen's own keys first (c, Esc …), the app's everywhere-keys after: at 80×24 the
    # list scrolls, and what is cut off should be what the user knows from every screen.
    rows.sort(key=lambda row: row[0])
    return [(key, what) for _, key, what in rows]


class HelpScreen(YModal):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,question_mark,q", "dismiss", "ui.key.close")]

    def __init__(self, screen: Screen, title: str) -> None:
        super().__init__()
        self.keys = screen_keys(screen)
        self.title_text = title
        self.intro = getattr(screen, "HELP_INTRO", "")

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Label(t("ui.help.title", screen=self.title_text), id="help-title", markup=False)
            if self.intro:
                yield Static(t(self.intro), id="help-intro")
            yield DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)
            yield Static(t("ui.help.hint"), id="help-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(t("ui.help.key"), t("ui.help.does"))
        for key, what in self.keys:
            table.add_row(*cells((key, what)))
        table.focus()

    async def action_dismiss(self, result=None) -> None:
        self.dismiss(None)
