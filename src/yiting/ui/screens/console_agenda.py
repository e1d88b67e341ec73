"""The console's agenda keys: take up the item under the cursor, close the current one."""

from __future__ import annotations

from typing import Any

from yiting.i18n import t
from yiting.ui.screens.form import Field, FormScreen
from yiting.ui.widgets.agenda_table import AgendaTable
from yiting.ui.widgets.speaker_queue import SpeakerQueue


class AgendaActions:
    """The agenda keys (o, x): a part of `ConsoleScreen`."""

    def action_open_item(self) -> None:
        item_id = self.query_one(AgendaTable).selected_id
        if item_id is None:
            self.app.notify(t("ui.console.agenda_empty"), severity="warning", timeout=6)
            return
        if item_id == self.current_item_id:
            self.query_one(SpeakerQueue).focus()
            return

        def opened(_row: Any) -> None:
            self.refresh_data()
            self.query_one(SpeakerQueue).focus()

        self.attempt(lambda: self.desk.open_item(item_id), then=opened)

    def action_close_item(self) -> None:
        item = self.current_item()
        if item is None:
            self.app.notify(t("ui.console.take_item_first"), severity="warning")
            return
        fields = [Field("outcome", t("ui.field.outcome"), kind="choice",
                        options=[(t(f"item.{o}"), o) for o in ("decided", "deferred", "withdrawn")])]
        # Say what closing drops, before it is dropped.
        dropped = []
        if self.running is not None:
            dropped.append(t("ui.console.drop_running", name=self.name_of(self.running["participant_id"])))
        if self.waiting:
            dropped.append(t("ui.console.drop_waiting", n=len(self.waiting),
                             names="、".join(w["name"] for w in self.waiting)))
        pending = [p for p in self.proposals() if p["status"] == "submitted"]
        if pending:
            dropped.append(t("ui.console.drop_proposals", n=len(pending),
                             texts="；".join(p["text"].rstrip("。.") for p in pending)))
        note = "\n".join(dropped)

        def closed(row: Any) -> None:
            if not row:
                return
            self.refresh_data()
            following = next((i for i in self.items if i["status"] == "pending"), None)
            table = self.query_one(AgendaTable)
            if following is not None:
                table.put_cursor_on(following["id"])
            table.focus()

        self.app.push_screen(
            FormScreen(t("ui.console.close_item", title=item["title"]), fields,
                       lambda v: self.desk.close_item(item["id"], v["outcome"]), note=note),
            callback=closed)
