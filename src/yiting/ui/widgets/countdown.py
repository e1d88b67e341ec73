"""The speech timer: large digits counting down, a warning near the end, overtime past zero."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Digits, Static


def clock_text(seconds: float) -> str:
    """1:45 while time is left, +0:12 in overtime."""
    if seconds >= 0:
        whole, sign = int(seconds), ""
    else:
        whole, sign = int(-seconds), "+"
    return f"{sign}{whole // 60}:{whole % 60:02d}"


class Countdown(Vertical):
    """Shows `remaining` seconds; `state` ("idle", "normal", "warning", "overtime", "paused")
    becomes a CSS class so the theme decides the colours."""

    remaining: reactive[float] = reactive(0.0)
    state: reactive[str] = reactive("idle")

    def compose(self) -> ComposeResult:
        yield Digits("-:--", id="countdown-digits")
        yield Static("", markup=False, id="countdown-caption")

    def watch_remaining(self, remaining: float) -> None:
        if self.state != "idle":
            self.query_one(Digits).update(clock_text(remaining))

    def watch_state(self, old: str, new: str) -> None:
        self.remove_class(f"-{old}")
        self.add_class(f"-{new}")
        if new == "idle":
            self.query_one(Digits).update("-:--")
        else:
            self.query_one(Digits).update(clock_text(self.remaining))

    def set_caption(self, text: str) -> None:
        self.query_one("#countdown-caption", Static).update(text)
