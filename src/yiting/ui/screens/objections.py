"""The objection period of a closed meeting (询异期): until when and where residents may object,
the objections received and their answers; each recorded here through the desk, then published
again as a new version of the minutes (p)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static

from yiting.i18n import t
from yiting.store import queries
from yiting.ui.screens.base import YScreen
from yiting.ui.screens.form import Field, FormScreen
from yiting.ui.tables import selected_key
from yiting.ui.widgets.fit_table import FitTable


def minute(value: str | None) -> str:
    return (value or "")[:16].replace("T", " ")


class ObjectionsScreen(YScreen):
    HELP_INTRO = "ui.objection.intro"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "ui.key.add_objection"),
        Binding("r", "answer", "ui.key.answer_objection"),
        Binding("enter", "answer", "ui.key.answer_objection", show=False),
        Binding("s", "period", "ui.key.objection_period"),
        Binding("ctrl+z", "undo", "ui.key.undo_objection"),
        Binding("p", "publish", "ui.key.publish"),
        Binding("escape", "back", "ui.key.back"),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="objections"):
            yield Static("", markup=False, id="objection-period")
            yield FitTable([t("ui.objection.col_received"), t("ui.objection.col_who"), t("ui.objection.col_text"),
                            t("ui.objection.col_answer")], flexible={2: 2, 3: 2}, id="objection-list",
                           zebra_stripes=True, cursor_type="row")
            yield Static("", markup=False, id="objection-none")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.title = t("ui.app_title")
        self.refresh_data()
        self.query_one("#objection-list", DataTable).focus()

    def refresh_data(self) -> None:
        meeting = self.desk.meeting(self.meeting_id)
        self.sub_title = f"{t('ui.objection.title')} · {meeting['title']}"
        period = self.desk.objection_period(self.meeting_id)
        rows = self.desk.objections(self.meeting_id)
        answered = sum(1 for r in rows if r["answer"])
        lines = [t("ui.objection.period", days=period["span"], until=period["until"] or "—",
                   contact=period["contact"] or t("ui.objection.no_contact"))]
        today = self.app.now().date().isoformat()
        if period["until"]:
            lines.append(t("ui.objection.open" if today <= period["until"] else "ui.objection.closed",
                           until=period["until"]))
        lines.append(t("ui.objection.counts", count=len(rows), answered=answered))
        self.query_one("#objection-period", Static).update("\n".join(lines))
        self.query_one("#objection-list", FitTable).show([
            (str(r["id"]), (minute(r["received_at"]), self.who(r), " ".join(r["text"].split()),
                            " ".join(r["answer"].split()) or t("objection.awaiting")))
            for r in rows])
        self.query_one("#objection-list", DataTable).display = bool(rows)
        self.query_one("#objection-none", Static).update("" if rows else t("ui.objection.none"))

    @staticmethod
    def who(row: dict[str, Any]) -> str:
        name = row["name"] or t("objection.not_named")
        return name if row["named"] or not row["name"] else f"{name} {t('objection.cli_not_public')}"

    def selected(self) -> dict[str, Any] | None:
        key = selected_key(self.query_one("#objection-list", DataTable))
        return next((r for r in self.desk.objections(self.meeting_id) if str(r["id"]) == key), None) if key else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_answer()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "answer" and self.is_mounted:
            return self.query_one("#objection-list", DataTable).row_count > 0 or None
        return True

    # -- recording --------------------------------------------------------------------------------
    def action_add(self) -> None:
        people = queries.participants(self.db, self.meeting_id)
        fields = [
            Field("text", t("field.objection_text")),
            Field("person", t("ui.objection.from_roster"), kind="person", people=people,
                  placeholder=t("ui.objection.person_hint")),
            Field("name", t("ui.objection.name_given")),
            Field("named", t("ui.objection.consent"), kind="choice",
                  options=[(t("ui.objection.consent_no"), ""), (t("ui.objection.consent_yes"), "1")]),
            Field("received_at", t("field.received_at"), value=minute(self.desk.now())),
        ]

        def submit(values: dict[str, Any]) -> Any:
            person = values["person"] if values.get("person_text", "").strip() else None
            return self.desk.add_objection(self.meeting_id, values["text"], participant_id=person,
                                           name=values["name"], named=bool(values["named"]),
                                           received_at=values["received_at"])

        self.app.push_screen(FormScreen(t("ui.key.add_objection"), fields, submit, note=t("ui.objection.add_note"),
                                        id="objection-form", draft_key=f"objection-{self.meeting_id}"),
                             callback=self._recorded)

    def action_answer(self) -> None:
        objection = self.selected()
        if objection is None:
            self.app.notify(t("ui.objection.none"), severity="warning")
            return
        fields = [
            Field("answer", t("field.answer"), value=objection["answer"]),
            Field("answered_by", t("field.answered_by"), value=objection["answered_by"],
                  placeholder=t("ui.objection.by_hint")),
            Field("answered_at", t("field.answered_at"), value=minute(self.desk.now())),
        ]
        if objection["answer"]:
            fields.append(Field("reason", t("ui.objection.change_reason")))

        def submit(values: dict[str, Any]) -> Any:
            return self.desk.answer_objection(objection["id"], values["answer"], answered_by=values["answered_by"],
                                              answered_at=values["answered_at"], reason=values.get("reason", ""))

        note = f"{self.who(objection)}：{' '.join(objection['text'].split())}"
        self.app.push_screen(FormScreen(t("ui.key.answer_objection"), fields, submit, note=note,
                                        id="answer-form", draft_key=f"answer-{objection['id']}"),
                             callback=self._recorded)

    def action_period(self) -> None:
        period = self.desk.objection_period(self.meeting_id)
        fields = [Field("days", t("field.objection_days"), value=str(period["days"])),
                  Field("contact", t("field.objection_contact"), value=period["contact"],
                        placeholder=t("ui.objection.contact_hint"))]
        if self.desk.meeting(self.meeting_id)["status"] == "published":
            fields.append(Field("reason", t("field.reason")))

        def submit(values: dict[str, Any]) -> Any:
            return self.desk.set_objection_period(self.meeting_id, days=values["days"], contact=values["contact"],
                                                  reason=values.get("reason", ""))

        self.app.push_screen(FormScreen(t("ui.key.objection_period"), fields, submit, id="period-form"),
                             callback=self._recorded)

    def _recorded(self, result: Any) -> None:
        if result:
            self.refresh_data()
            self.app.notify(t("ui.objection.saved"))

    def action_undo(self) -> None:
        """Take back the objection or answer just recorded (a slip; the undo is logged)."""
        from yiting.desk.undo import OBJECTION_ACTIONS

        def done(result: dict) -> None:
            self.refresh_data()
            self.app.notify(t(f"ui.undone.{result['action']}", name=result["name"]), timeout=5)

        self.attempt(lambda: self.desk.undo_last(self.meeting_id, OBJECTION_ACTIONS), then=done)

    # -- elsewhere --------------------------------------------------------------------------------
    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.refresh_data()

    def action_publish(self) -> None:
        """Publish again: the close screen writes the next version and shows it (the one this
        screen was opened from, if it was)."""
        from yiting.ui.screens.close import CloseScreen

        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        if isinstance(below, CloseScreen) and below.meeting_id == self.meeting_id:
            self.app.pop_screen()
            below.action_publish()
        else:
            self.app.show_close(self.meeting_id, publish=True)

    def action_back(self) -> None:
        self.app.pop_or_home()
