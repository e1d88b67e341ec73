"""A one-line choice among a few options, changed with ←/→ (no drop-down to open)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class ChoiceBar(Widget, can_focus=True):
    """Shows `◉ a ○ b ○ c`; left/right or the option's number (1, 2, …) pick; `value` is the key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", show=False),
        Binding("right", "move(1)", show=False),
    ]

    index: reactive[int] = reactive(0)

    class Changed(Message):
        def __init__(self, bar: ChoiceBar, value: str) -> None:
            super().__init__()
            self.bar = bar
            self.value = value

        @property
        def control(self) -> ChoiceBar:
            return self.bar

    def __init__(self, options: Sequence[tuple[str, str]], value: str | None = None, *,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.options = list(options)
        keys = [key for _, key in self.options]
        self.set_reactive(ChoiceBar.index, keys.index(value) if value in keys else 0)

    @property
    def value(self) -> str:
        return self.options[self.index][1]

    @value.setter
    def value(self, key: str) -> None:
        keys = [k for _, k in self.options]
        if key in keys:
            self.index = keys.index(key)

    def on_key(self, event) -> None:
        # A digit picks that option directly: 1 for the first, 2 for the second …
        if event.character and event.character.isdigit():
            number = int(event.character)
            if 1 <= number <= len(self.options):
                event.stop()
                self.index = number - 1

    def action_move(self, step: int) -> None:
        self.index = (self.index + step) % len(self.options)

    def watch_index(self, index: int) -> None:
        self.post_message(self.Changed(self, self.value))

    def on_click(self) -> None:
        self.focus()
        self.action_move(1)

    def render(self) -> Text:
        full = self._render_all()
        if full.cell_len <= max(self.size.width, 1) or not self.size.width:
            return full
        # Too narrow for every option: show the chosen one between arrows, and where it stands.
        label = self.options[self.index][0]
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("◀ ", style="dim")
        text.append(label, style="bold reverse" if self.has_focus else "bold")
        text.append(f" ▶ {self.index + 1}/{len(self.options)}", style="dim")
        return text

    def _render_all(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for number, (label, _) in enumerate(self.options):
            if number:
                text.append(" ")
            if number == self.index:
                text.append(f"◉ {label}", style="bold reverse" if self.has_focus else "bold")
            else:
                text.append(f"○ {label}", style="dim")
        return text
