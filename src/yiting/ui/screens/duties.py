"""Duties (履职清单): every meeting's action items and every dispatched duty, overdue first, by
party; take one on (接单), note progress, mark it done, record residents' evaluation (公开评事)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Label, Static

from yiting.domain.matters import EVALUATION_METHODS, days_overdue
from yiting.i18n import get_language, t
from yiting.publish import matters_wording as words
from yiting.store import matters as reads
from yiting.store import queries
from yiting.ui.screens.base import YScreen
from yiting.ui.screens.form import Field, FormScreen
from yiting.ui.tables import selected_row
from yiting.ui.widgets.fit_table import FitTable

PAGE = 500  # the most duties the table holds at once; the rest are counted, overdue first anyway


class DutiesScreen(YScreen):
    HELP_INTRO = "ui.duties.intro"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "party", "ui.duties.key.party"),
        Binding("a", "accept", "ui.duties.key.accept"),
        Binding("n", "note", "ui.duties.key.note"),
        Binding("o", "done", "ui.duties.key.done"),
        Binding("v", "evaluate", "ui.duties.key.evaluate"),
        Binding("r", "reopen", "ui.duties.key.reopen"),
        Binding("ctrl+z", "undo", "ui.matters.key.undo"),
        Binding("escape", "back", "ui.key.back"),
    ]

    def __init__(self, party: str | None = None) -> None:
        super().__init__()
        self.party = party
        self.rows: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="duties"):
            yield Static("", markup=False, id="duties-counts")
            yield FitTable([t("ui.col.due"), t("ui.duties.col.state"), t("ui.col.owner"), t("ui.col.task"),
                            t("ui.duties.col.source")], flexible={2: 1, 3: 3, 4: 2}, id="duties-table",
                           zebra_stripes=True)
            yield Label(t("ui.duties.detail"), classes="section-title")
            with VerticalScroll(id="duty-detail-box"):
                yield Static("", markup=False, id="duty-detail")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.title = t("ui.app_title")
        self.query_one("#duties-table", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        lang = get_language()
        today = self.desk.today()
        self.sub_title = t("ui.duties.title") + (f" · {self.party}" if self.party else "")
        self.rows = reads.duty_list(self.db, today, party=self.party, limit=PAGE)
        self.query_one("#duties-table", FitTable).show([(str(d["id"]), (
            d["due"] or "—", self.state_text(d, today, lang), words.owner(d), d["task"], self.source(d),
        )) for d in self.rows])
        counts = reads.duty_counts(self.db, today)
        status = self.query_one("#duties-counts", Static)
        status.update(t("cli_matters.duty_counts", **counts)
                      + (f"  ·  {t('ui.duties.filtered', party=self.party)}" if self.party else ""))
        status.set_class(counts["overdue"] > 0, "-overdue")
        self.show_detail()

    @staticmethod
    def state_text(duty: dict[str, Any], today: str, lang: str) -> str:
        late = days_overdue(duty, today)
        state = words.state(duty, today, lang)
        return t("ui.duties.late_days", state=state, days=late) if late else state

    @staticmethod
    def source(duty: dict[str, Any]) -> str:
        if duty["meeting_title"]:
            return duty["meeting_title"]
        return t("cli_matters.dispatched_source", by=duty["dispatched_by"] or "—")

    def selected(self) -> dict[str, Any] | None:
        return selected_row(self.query_one("#duties-table", DataTable), self.rows)

    def selected_or_say(self) -> dict[str, Any] | None:
        duty = self.selected()
        if duty is None:
            self.app.notify(t("ui.duties.none_selected"), severity="warning", timeout=4)
        return duty

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        duty = self.selected()
        box = self.query_one("#duty-detail", Static)
        if duty is None:
            box.update(t("ui.duties.empty"))
            return
        lang = get_language()
        lines = [duty["task"], " · ".join(x for x in (words.owner(duty), self.source(duty),
                                                        duty["matter_title"] and f"#{duty['matter_id']} "
                                                        f"{duty['matter_title']}") if x)]
        if duty["notes"]:
            lines.append(duty["notes"])
        lines += [f"{n['noted_on']}  {n['text']}" + (f" · {n['author']}" if n["author"] else "")
                  for n in reads.duty_notes(self.db, duty["id"])]
        lines += [f"{e['taken_on']}  {words.evaluation(e, lang)}" for e in reads.duty_evaluations(self.db, duty["id"])]
        if duty["reopened"]:
            lines.append(t("ui.duties.reopened", count=duty["reopened"]))
        box.update("\n".join(lines))

    def done_then(self, row: Any) -> None:
        if row:
            self.refresh_data()

    def action_party(self) -> None:
        """Show one party's duties, the next party on each press, then all again."""
        parties = reads.duty_parties(self.db)
        if not parties:
            return
        at = parties.index(self.party) + 1 if self.party in parties else 0
        self.party = parties[at] if at < len(parties) else None
        self.refresh_data()

    def action_accept(self) -> None:
        duty = self.selected_or_say()
        if duty is not None:
            self.attempt(lambda: self.desk.accept_duty(duty["id"]), then=self.done_then)

    def action_note(self) -> None:
        duty = self.selected_or_say()
        if duty is None:
            return
        fields = [Field("text", t("ui.duties.field.note")), Field("author", t("ui.duties.field.author"),
                                                                   value=duty["owner_person"]),
                  Field("noted_on", t("ui.duties.field.day"), value=self.desk.today())]
        self.app.push_screen(
            FormScreen(t("ui.duties.key.note"), fields, lambda v: self.desk.add_duty_note(
                duty["id"], v["text"], author=v["author"], noted_on=v["noted_on"] or None), note=duty["task"],
                id="note-form"),
            callback=self.done_then)

    def action_done(self) -> None:
        duty = self.selected_or_say()
        if duty is not None:
            self.attempt(lambda: self.desk.update_action(duty["id"], status="done"), then=self.done_then)

    def action_evaluate(self) -> None:
        duty = self.selected_or_say()
        if duty is None:
            return
        if duty["status"] != "done":
            self.app.notify(t("desk.evaluate_when_done"), severity="warning")
            return
        lang = get_language()
        meetings = [m for m in queries.meetings(self.db) if m["status"] == "open"]
        fields = [
            Field("satisfied", t("matters.verdict.satisfied"), value="0"),
            Field("fairly_satisfied", t("matters.verdict.fairly_satisfied"), value="0"),
            Field("dissatisfied", t("matters.verdict.dissatisfied"), value="0"),
            Field("method", t("ui.duties.field.method"), kind="choice",
                  options=[(t(f"matters.method.{m}", lang), m) for m in EVALUATION_METHODS]),
            Field("taken_on", t("ui.duties.field.day"), value=self.desk.today()),
        ]

        def submit(values: dict[str, Any]):
            at_meeting = meetings[0]["id"] if meetings and values["method"] == "show_of_hands" else None
            return self.desk.record_evaluation(
                duty["id"], values["satisfied"], values["fairly_satisfied"], values["dissatisfied"],
                method=values["method"], meeting_id=at_meeting, taken_on=values["taken_on"] or None)

        self.app.push_screen(FormScreen(t("ui.duties.key.evaluate"), fields, submit, note=duty["task"],
                                        id="evaluation-form"),
                             callback=self.evaluated)

    def evaluated(self, judged: Any) -> None:
        if judged:
            if judged["verdict"] == "dissatisfied":
                self.app.notify(t("cli_matters.reopened"), severity="warning", timeout=6)
            self.refresh_data()

    def action_reopen(self) -> None:
        duty = self.selected_or_say()
        if duty is None:
            return
        self.app.push_screen(
            FormScreen(t("ui.duties.key.reopen"), [Field("reason", t("ui.override.reason"))],
                       lambda v: self.desk.reopen_duty(duty["id"], v["reason"]), note=duty["task"]),
            callback=self.done_then)

    def action_undo(self) -> None:
        self.attempt(self.desk.undo_matter_change, then=self.undone)

    def undone(self, result: Any) -> None:
        self.app.notify(t("ui.matters.undone", what=result["what"]))
        self.refresh_data()

    def action_back(self) -> None:
        self.app.pop_or_home()
