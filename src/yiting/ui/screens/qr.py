"""The meeting's address as a QR code filling the screen, for residents' phones."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Middle
from textual.widgets import Static

from yiting.i18n import t
from yiting.ui.screens.base import YModal
from yiting.ui.widgets.qr_code import QRCode


class QRScreen(YModal[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,enter", "close", "ui.key.close")]

    def __init__(self, url: str, title: str, serving: Callable[[], str] | None = None) -> None:
        """`serving` says whether this laptop serves the page (read again while shown: the
        server may still be starting)."""
        super().__init__()
        self.url = url
        self.title_text = title
        self.serving = serving

    def compose(self) -> ComposeResult:
        from yiting.publish.qr import qr_matrix

        with Middle(id="qr-middle"):
            with Center():
                yield QRCode(qr_matrix(self.url), id="qr-code")
            with Center():
                yield Static(self.title_text, id="qr-title", markup=False)
            with Center():
                yield Static(self.url, id="qr-url", markup=False)
            if self.serving is not None:
                with Center():
                    yield Static(self.serving(), id="qr-serving", markup=False)
            with Center():
                yield Static(t("ui.qr.hint"), id="qr-hint")

    def on_mount(self) -> None:
        if self.serving is not None:
            self.set_interval(0.5, self.show_serving)

    def show_serving(self) -> None:
        line = self.query_one("#qr-serving", Static)
        text = self.serving()
        if str(line.render()) != text:
            line.update(text)

    def action_close(self) -> None:
        self.dismiss(None)
