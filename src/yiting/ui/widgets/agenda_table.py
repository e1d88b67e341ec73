"""The agenda: each item's status and time used against its time box; the current one marked."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Sequence

from textual.widgets import DataTable

from yiting.i18n import t
from yiting.ui.tables import selected_key, sync_table


def used_minutes(item: dict[str, Any], now: datetime) -> int | None:
    if not item["started_at"]:
        return None
    end = datetime.fromisoformat(item["ended_at"]) if item["ended_at"] else now
    return max(0, int((end - datetime.fromisoformat(item["started_at"])).total_seconds() // 60))


class AgendaTable(DataTable):
    """Rows: mark, title, status, used/box minutes."""

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.add_column("", key="mark", width=1)
        self.add_column(t("ui.col.item"), key="title")
        self.add_column(t("ui.col.status"), key="status")
        self.add_column(t("ui.col.used"), key="used")

    def show(self, items: Sequence[dict[str, Any]], current_id: int | None, now: datetime) -> None:
        rows = []
        for item in items:
            used = used_minutes(item, now)
            box = item["timebox_minutes"]
            used_text = f"{used}/{box}′" if used is not None else f"–/{box}′"
            if used is not None and used > box:
                used_text = f"!{used_text}"
            rows.append((str(item["id"]), ("▶" if item["id"] == current_id else " ",
                                           f"{item['position']}. {item['title']}",
                                           t("item." + item["status"]), used_text)))
        sync_table(self, rows)

    @property
    def selected_id(self) -> int | None:
        key = selected_key(self)
        return int(key) if key else None
