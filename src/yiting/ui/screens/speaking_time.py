"""Speaking time per party and per person, on the item under discussion and on the whole meeting
(i on the console): whether one side has held the floor far longer than the others."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Label, Static

from yiting.domain import SpeakingTime
from yiting.i18n import t
from yiting.parsing import iso
from yiting.ui.screens.base import YModal
from yiting.ui.tables import sync_table


def minutes_seconds(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def time_rows(time: SpeakingTime, name_of) -> list[tuple[str, tuple[str, ...]]]:
    """Each party (with its share of the time), then its people under it, longest first."""
    total = time.seconds or 1
    rows = []
    for party in time.by_party:
        label = party.key or t("order.time.no_party")
        rows.append((f"party-{party.key}", (f"【{label}】", minutes_seconds(party.seconds), str(party.speeches),
                                           f"{party.seconds * 100 / total:.0f}%")))
        for person in time.by_person:
            if person.party == party.key:
                rows.append((f"person-{person.key}", (f"· {name_of(person.key)}", minutes_seconds(person.seconds),
                                                      str(person.speeches), "")))
    return rows


class SpeakingTimeScreen(YModal):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,i", "close", "ui.key.close"),
    ]

    def __init__(self, console, item_id: int | None) -> None:
        super().__init__()
        self.console = console
        self.item_id = item_id

    def compose(self) -> ComposeResult:
        with Vertical(id="time-box"):
            yield Label(t("order.time.title"), id="time-title")
            with Horizontal(id="time-tables"):
                with Vertical(classes="time-part"):
                    yield Static("", markup=False, id="time-item-heading", classes="time-heading")
                    yield DataTable(id="time-item", cursor_type="none", zebra_stripes=True)
                with Vertical(classes="time-part"):
                    yield Static("", markup=False, id="time-meeting-heading", classes="time-heading")
                    yield DataTable(id="time-meeting", cursor_type="none", zebra_stripes=True)
            yield Static(t("order.time.hint"), id="time-hint")

    def on_mount(self) -> None:
        now = iso(self.app.now())
        desk, meeting_id = self.console.desk, self.console.meeting_id
        parts: list[tuple[str, Any]] = [("meeting", desk.speaking_time(meeting_id, now=now))]
        if self.item_id is not None:
            parts.insert(0, ("item", desk.speaking_time(meeting_id, self.item_id, now=now)))
        else:
            self.query_one("#time-item").display = False
        for part, time in parts:
            table = self.query_one(f"#time-{part}", DataTable)
            table.add_columns(t("order.time.who"), t("order.time.spoken"), t("order.time.speeches"),
                              t("order.time.share"))
            sync_table(table, time_rows(time, self.console.name_of))
            heading = t(f"order.time.{part}", total=minutes_seconds(time.seconds))
            budget = self.console.rules.party_seconds if self.console.rules else 0
            if part == "item" and budget:
                heading += f" · {t('order.time.budget', budget=minutes_seconds(budget))}"
            self.query_one(f"#time-{part}-heading", Static).update(heading)
        if self.item_id is None:
            self.query_one("#time-item-heading", Static).update(t("order.time.no_item"))

    def action_close(self) -> None:
        self.dismiss(None)
