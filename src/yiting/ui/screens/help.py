"""Help: the keys of the screen underneath, read from its live bindings."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from yiting.i18n import t
from yiting.ui.keys import screen_keys
from yiting.ui.screens.base import YModal
from yiting.ui.text import plain


def help_rows(screen: Screen) -> list[tuple[str, str, bool]]:
    """(key as shown, what it does, usable now) for every key of `screen`: its own keys first
    (c, Esc …), the app's everywhere-keys after. At 80×24 the list scrolls, and what is cut off
    should be what the user knows from every screen."""
    keys = sorted(screen_keys(screen), key=lambda k: not k.own)
    return [(k.key, k.description, k.enabled) for k in keys]


class HelpScreen(YModal[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,question_mark,q", "dismiss", "ui.key.close")]

    def __init__(self, screen: Screen, title: str) -> None:
        super().__init__()
        self.keys = help_rows(screen)
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
        for key, what, enabled in self.keys:
            # A key that cannot be used at this moment (e: nobody is speaking) is listed, dimmed.
            style = "" if enabled else "dim"
            table.add_row(plain(key, style), plain(what if enabled else t("ui.help.not_now", what=what), style))
        table.focus()

    async def action_dismiss(self, result=None) -> None:
        self.dismiss(None)
