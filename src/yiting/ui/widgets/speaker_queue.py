"""The list of speakers in the order the rules give, with stance, kind and times spoken."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.widgets import DataTable

from yiting.domain import SpeechKind, Stance, label
from yiting.i18n import t
from yiting.ui.tables import selected_key, sync_table


class SpeakerQueue(DataTable):
    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.add_column("#", key="n", width=2)
        self.add_column(t("ui.col.name"), key="name")
        self.add_column(t("ui.col.stance"), key="stance")
        self.add_column(t("ui.col.kind"), key="kind")
        self.add_column(t("ui.col.spoken"), key="spoken")

    def show(self, waiting: Sequence[dict[str, Any]]) -> None:
        rows = []
        for number, entry in enumerate(waiting, start=1):
            kind = SpeechKind(entry["kind"])
            rows.append((str(entry["id"]), (str(number), entry["name"], label(Stance(entry["stance"])),
                                            "" if kind == SpeechKind.NORMAL else label(kind),
                                            t("ui.times", n=entry["spoken"]))))
        sync_table(self, rows)

    @property
    def selected_id(self) -> int | None:
        key = selected_key(self)
        return int(key) if key else None
