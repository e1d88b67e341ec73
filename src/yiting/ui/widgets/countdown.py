"""The speech timer: large digits counting down, a warning near the end, overtime past zero."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Digits, Static

from yiting.ui.compat import set_digits


def clock_text(seconds: float) -> str:
    """1:45 while time is left, +0:12 in overtime."""
    if seconds >= 0:
        whole, sign = int(seconds), ""
    else:
        whole, sign = int(-seconds), "+"
    return f"{sign}{whole // 60}:{whole % 60:02d}"


class ClockDigits(Digits):
    """Digits in a box of fixed size (styles/app.tcss): a new value is only repainted.

    Textual's Digits asks for a layout of the screen whenever the text's width changes
    (9:59 → +0:01), which its `width: auto` would need but the fixed width here does not."""

    def update(self, value: str) -> None:
        if value != self.value:
            set_digits(self, value)


class Countdown(Vertical):
    """Shows `remaining` seconds; `state` ("idle", "normal", "warning", "overtime", "paused")
    becomes a CSS class of the digits alone (one widget restyled, not the whole timer) so
    the theme decides the colours."""

    remaining: reactive[float] = reactive(0.0)
    state: reactive[str] = reactive("idle")

    def compose(self) -> ComposeResult:
        yield ClockDigits("-:--", id="countdown-digits", classes="-idle")
        yield Static("", markup=False, id="countdown-caption")

    @property
    def digits(self) -> ClockDigits:
        return self.query_one(ClockDigits)

    def watch_remaining(self, remaining: float) -> None:
        if self.state != "idle":
            self.digits.update(clock_text(remaining))

    def watch_state(self, old: str, new: str) -> None:
        digits = self.digits
        digits.remove_class(f"-{old}", update=False)
        digits.add_class(f"-{new}")
        digits.update("-:--" if new == "idle" else clock_text(self.remaining))

    def set_caption(self, text: str) -> None:
        self.query_one("#countdown-caption", Static).update(text, layout=False)
