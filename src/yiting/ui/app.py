"""The yiting App: screens, global bindings, themes."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

from yiting.i18n import set_language, t
from yiting.locations import shipped_styles


class YitingApp(App):
    """The facilitator's console on one database."""

    TITLE = "议亭 yiting"

    def __init__(self, db_path: Path, lang: str = "zh") -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.lang = lang
        set_language(lang)

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="meetings", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        from yiting.store import queries
        from yiting.store.db import connect

        self.db = connect(self.db_path)
        table = self.query_one(DataTable)
        table.add_columns(t("ui.col_id"), t("ui.col_when"), t("ui.col_status"), t("ui.col_title"), t("ui.col_venue"))
        for row in queries.meetings(self.db):
            when = (row["started_at"] or row["scheduled_at"] or "")[:16].replace("T", " ")
            table.add_row(str(row["id"]), when, t("meeting." + row["status"]), row["title"], row["venue"])


def run_app(db_path: Path, lang: str = "zh") -> None:
    from yiting.store.db import connect

    connect(db_path).conn.close()  # a database that cannot be opened fails here, with its message
    YitingApp(db_path, lang).run()
