"""Type-ahead choice of a person: type part of a name or its pinyin initials, ↑/↓ to pick."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.css.scalar import Scalar
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from yiting.ui.pinyin import matches

Row = dict[str, Any]


def person_label(person: Row) -> str:
    parts = [person["name"]]
    if person.get("party"):
        parts.append(person["party"])
    if person.get("building"):
        parts.append(person["building"])
    return " · ".join(parts)


class PersonInput(Input):
    """The search field; ↑/↓ move the highlight in the list below without leaving the field."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "pick(1)", show=False),
        Binding("up", "pick(-1)", show=False),
    ]

    # Input sets its virtual size on every keystroke, and Textual lays the whole dialog out
    # again on each change; the field's own size never depends on it (one line, full width).
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def action_pick(self, step: int) -> None:
        picker = self.parent
        if isinstance(picker, PersonPicker):
            picker.move(step)


class PersonList(OptionList):
    """The matching people. Its height is set from its options (`PersonPicker.fit`), so a new
    list lays the dialog out again only when it grows or shrinks."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def on_resize(self) -> None:
        # `height: auto` sized it as the dialog opened: that height becomes its own rule,
        # without a layout (it is that tall already); from then on `fit` sets it.
        self.styles.set_rule("height", Scalar.from_number(self.outer_size.height))


class PersonPicker(Vertical):
    """An input with the matching people under it; `value` is the highlighted person's id."""

    def __init__(self, people: Sequence[Row], *, placeholder: str = "", limit: int = 50,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.people = list(people)
        self.placeholder = placeholder
        self.limit = limit
        self.shown: list[Row] = []

    def compose(self) -> ComposeResult:
        # "-valid" is what Input sets on the first keystroke (no validators): set here, that
        # keystroke restyles nothing.
        yield PersonInput(compact=True, placeholder=self.placeholder, classes="picker-input -valid")
        yield PersonList(classes="picker-list", markup=False)

    def on_mount(self) -> None:
        self.list.can_focus = False
        self.filter("")

    @property
    def input(self) -> Input:
        return self.query_one(PersonInput)

    @property
    def list(self) -> OptionList:
        return self.query_one(OptionList)

    def filter(self, query: str) -> None:
        """Show the people matching `query`, the first highlighted. The list is built again
        only when who matches changed (typing on within one name changes nothing)."""
        shown = [p for p in self.people if matches(query, p["name"], p.get("building", ""))][: self.limit]
        options = self.list
        if [p["id"] for p in shown] != [p["id"] for p in self.shown]:
            options.set_options([Option(person_label(p), id=str(p["id"])) for p in shown])
            self.fit()
        self.shown = shown
        if shown:
            options.highlighted = 0

    def fit(self) -> None:
        """As tall as the options' lines, up to the list's max-height: what `height: auto`
        gives, without a layout each time the options change."""
        options = self.list
        width = options.content_size.width
        if not width:  # not laid out yet: `height: auto` sizes it
            return
        cap = options.styles.max_height
        limit = int(cap.value) if cap is not None and cap.is_cells else None
        if limit is not None and options.option_count >= limit:
            rows = limit  # every option takes a line at least
        else:
            rows = options.get_content_height(options.content_size, options.content_size, width)
            rows = rows if limit is None else min(rows, limit)
        options.styles.height = rows

    def move(self, step: int) -> None:
        options = self.list
        if not self.shown:
            return
        current = options.highlighted or 0
        options.highlighted = max(0, min(len(self.shown) - 1, current + step))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.filter(event.value)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.input.focus()
        self.input.action_submit()

    @property
    def value(self) -> int | None:
        row = self.chosen
        return int(row["id"]) if row else None

    @property
    def chosen(self) -> Row | None:
        index = self.list.highlighted
        if index is None or index >= len(self.shown):
            return None
        return self.shown[index]
