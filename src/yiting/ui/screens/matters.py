"""Matters (议事清单): raise a matter, sort it, merge duplicates, dispatch it to a party (派单) or
take it into a meeting, close it; the selected matter's whole path is shown below the list."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Label, Static

from yiting.domain.matters import RAISER_KINDS, STEPS, URGENCIES, path_steps
from yiting.i18n import get_language, t
from yiting.presets import category_keys, category_label
from yiting.publish import matters_wording as words
from yiting.publish.privacy import shown_raiser
from yiting.store import matters as reads
from yiting.store import queries
from yiting.ui.screens.base import YScreen
from yiting.ui.screens.form import Field, FormScreen
from yiting.ui.tables import selected_row
from yiting.ui.widgets.fit_table import FitTable

PAGE = 500  # the newest matters the table holds; `yiting matter list` has them all


def category_options(lang: str, *, empty: bool = True) -> list[tuple[str, str]]:
    options = [(category_label(key, lang), key) for key in category_keys()]
    return ([(t("matters.no_category", lang), "")] if empty else []) + options


def urgency_options(lang: str) -> list[tuple[str, str]]:
    return [(t(f"matters.urgency.{u}", lang), u) for u in URGENCIES]


class MattersScreen(YScreen):
    HELP_INTRO = "ui.matters.intro"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "ui.matters.key.add"),
        Binding("e", "sort", "ui.matters.key.sort"),
        Binding("g", "merge", "ui.matters.key.merge"),
        Binding("p", "dispatch", "ui.matters.key.dispatch"),
        Binding("t", "take", "ui.matters.key.take"),
        Binding("x", "close_matter", "ui.matters.key.close"),
        Binding("d", "duties", "ui.matters.key.duties"),
        Binding("ctrl+l", "import_csv", "ui.matters.key.import", show=False),
        Binding("ctrl+z", "undo", "ui.matters.key.undo"),
        Binding("escape", "back", "ui.key.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="matters"):
            yield Static("", markup=False, id="matters-counts", classes="hint")
            yield FitTable([t("ui.matters.col.id"), t("ui.col.when"), t("ui.matters.col.step"),
                            t("ui.matters.col.category"), t("ui.matters.col.matter"), t("ui.matters.col.raiser")],
                           flexible={4: 3, 5: 1}, id="matters-table", zebra_stripes=True)
            yield Label(t("ui.matters.path"), classes="section-title")
            with VerticalScroll(id="matter-path-box"):
                yield Static("", markup=False, id="matter-path")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.title = t("ui.app_title")
        self.sub_title = t("ui.matters.title")
        self.query_one("#matters-table", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        lang = get_language()
        self.rows = reads.matter_list(self.db, limit=PAGE)
        table = self.query_one("#matters-table", FitTable)
        table.show([(str(m["id"]), (
            f"#{m['id']}", m["raised_at"][:10], words.step(m, lang), words.category(m, lang), m["title"],
            self.raiser_text(m),
        )) for m in self.rows])
        steps = reads.matters_by_step(self.db)
        self.query_one("#matters-counts", Static).update(
            t("ui.matters.counts", count=reads.matter_count(self.db),
              steps=" · ".join(f"{t('matters.step.' + s, lang)} {steps[s]}" for s in STEPS if s in steps)))
        self.show_path()

    @staticmethod
    def raiser_text(matter: dict[str, Any]) -> str:
        shown = shown_raiser({"name": matter["raised_by"], "kind": matter["raiser_kind"],
                              "named": matter["raiser_named"]})
        return shown + (f" +{matter['raisers'] - 1}" if matter["raisers"] > 1 else "")

    def selected(self) -> dict[str, Any] | None:
        return selected_row(self.query_one("#matters-table", DataTable), self.rows)

    def selected_or_say(self) -> dict[str, Any] | None:
        matter = self.selected()
        if matter is None:
            self.app.notify(t("ui.matters.none_selected"), severity="warning", timeout=4)
        return matter

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_path()

    def show_path(self) -> None:
        matter = self.selected()
        box = self.query_one("#matter-path", Static)
        if matter is None:
            box.update(t("ui.matters.empty"))
            return
        today = self.desk.today()
        path = reads.matter_path(self.db, matter["id"], today)
        box.update("\n".join(words.path_lines(path, path_steps(path), today, get_language())))

    def done(self, row: Any) -> None:
        if row:
            self.refresh_data()

    def action_add(self) -> None:
        lang = get_language()
        fields = [
            Field("title", t("ui.matters.field.title"), placeholder=t("ui.matters.field.title_hint")),
            Field("description", t("ui.matters.field.description")),
            Field("category", t("ui.matters.field.category"), kind="choice", options=category_options(lang)),
            Field("urgency", t("ui.matters.field.urgency"), kind="choice", value="normal",
                  options=urgency_options(lang)),
            Field("raised_by", t("ui.matters.field.raised_by")),
            Field("raiser_kind", t("ui.matters.field.raiser_kind"), kind="choice",
                  options=[(t(f"matters.raiser_kind.{k}", lang), k) for k in RAISER_KINDS]),
            Field("raiser_named", t("ui.matters.field.named"), kind="choice",
                  options=[(t("ui.matters.no"), ""), (t("ui.matters.yes"), "1")]),
            Field("building", t("ui.matters.field.building")),
        ]

        def submit(values: dict[str, Any]):
            return self.desk.raise_matter(
                values["title"], description=values["description"], category=values["category"],
                urgency=values["urgency"] or "normal", raised_by=values["raised_by"],
                raiser_kind=values["raiser_kind"], raiser_named=bool(values["raiser_named"]),
                building=values["building"])

        self.app.push_screen(FormScreen(t("ui.matters.key.add"), fields, submit, id="matter-form"),
                             callback=self.added)

    def added(self, row: Any) -> None:
        if row:
            self.refresh_data()
            table = self.query_one("#matters-table", DataTable)
            table.move_cursor(row=table.get_row_index(str(row["id"])), animate=False)
            self.show_path()

    def action_sort(self) -> None:
        matter = self.selected_or_say()
        if matter is None:
            return
        lang = get_language()
        fields = [
            Field("category", t("ui.matters.field.category"), kind="choice", value=matter["category"],
                  options=category_options(lang, empty=False)),
            Field("urgency", t("ui.matters.field.urgency"), kind="choice", value=matter["urgency"],
                  options=urgency_options(lang)),
        ]
        self.app.push_screen(
            FormScreen(t("ui.matters.key.sort"), fields, lambda v: self.desk.sort_matter(
                matter["id"], category=v["category"], urgency=v["urgency"]), note=matter["title"]),
            callback=self.done)

    def action_merge(self) -> None:
        matter = self.selected_or_say()
        if matter is None:
            return
        others = [m for m in self.rows if m["id"] != matter["id"]]
        if not others:
            self.app.notify(t("ui.matters.nothing_to_merge"), severity="warning")
            return
        fields = [Field("kept", t("ui.matters.field.merge_into"), kind="choice",
                        options=[(f"#{m['id']} {m['title']}", str(m["id"])) for m in others])]
        self.app.push_screen(
            FormScreen(t("ui.matters.key.merge"), fields, lambda v: self.desk.merge_matters(v["kept"], matter["id"]),
                       note=t("ui.matters.merge_note", title=matter["title"])),
            callback=self.done)

    def action_dispatch(self) -> None:
        matter = self.selected_or_say()
        if matter is None:
            return
        fields = [
            Field("task", t("ui.field.task"), value=matter["title"]),
            Field("owner_party", t("ui.field.owner_party")),
            Field("owner_person", t("ui.field.owner_person")),
            Field("due", t("ui.field.due"), value=self.desk.default_due()),
            Field("dispatched_by", t("ui.matters.field.dispatched_by")),
        ]
        self.app.push_screen(
            FormScreen(t("ui.matters.key.dispatch"), fields, lambda v: self.desk.dispatch_matter(
                matter["id"], v["task"], owner_party=v["owner_party"], owner_person=v["owner_person"],
                due=v["due"] or None, dispatched_by=v["dispatched_by"]), note=matter["title"], id="dispatch-form"),
            callback=self.done)

    def action_take(self) -> None:
        matter = self.selected_or_say()
        if matter is None:
            return
        meetings = [m for m in queries.meetings(self.db) if m["status"] in ("draft", "open")]
        if not meetings:
            self.app.notify(t("ui.matters.no_meeting"), severity="warning", timeout=5)
            return
        fields = [Field("meeting", t("ui.matters.field.meeting"), kind="choice",
                        options=[(f"{m['title']} ({t('meeting.' + m['status'])})", str(m["id"])) for m in meetings])]
        self.app.push_screen(
            FormScreen(t("ui.matters.key.take"), fields, lambda v: self.desk.take_matter_into_meeting(
                matter["id"], v["meeting"]), note=matter["title"]),
            callback=self.taken)

    def taken(self, item: Any) -> None:
        if item:
            meeting = self.desk.meeting(item["meeting_id"])
            self.app.notify(t("ui.matters.taken", title=meeting["title"], position=item["position"]))
            self.refresh_data()

    def action_close_matter(self) -> None:
        matter = self.selected_or_say()
        if matter is not None:
            self.attempt(lambda: self.desk.close_matter(matter["id"]), then=self.done)

    def action_import_csv(self) -> None:
        """The matters a grid worker brings in a CSV: refused lines listed with their reason,
        as `yiting matter import` prints them."""
        from pathlib import Path

        from yiting.errors import InvalidInput

        def submit(values: dict[str, Any]):
            from yiting.matters_csv import parse

            path = Path(values["path"].strip()).expanduser()
            try:
                data = path.read_bytes()
            except OSError:
                raise InvalidInput("ui.setup.no_file", value=values["path"]) from None
            existing = {(m["title"], m["building"]) for m in reads.matter_list(self.db, include_merged=True)}
            parsed = parse(data, existing)
            if parsed.matters:
                self.desk.raise_matters(parsed.matters)
            return parsed

        def done(parsed: Any) -> None:
            self.refresh_data()
            if parsed is None or parsed is True:
                return
            from yiting.ui.screens.confirm import report_import

            report_import(self.app, t("cli_matters.imported", count=len(parsed.matters), refused=len(parsed.refused)),
                          parsed.refused)

        self.app.push_screen(FormScreen(t("ui.matters.key.import"), [Field("path", t("ui.setup.csv_path"))], submit,
                                        id="matters-csv"),
                             callback=done)

    def action_duties(self) -> None:
        from yiting.ui.screens.duties import DutiesScreen

        self.app.push_screen(DutiesScreen())

    def action_undo(self) -> None:
        self.attempt(self.desk.undo_matter_change, then=self.undone)

    def undone(self, result: Any) -> None:
        self.app.notify(t("ui.matters.undone", what=result["what"]))
        self.refresh_data()

    def action_back(self) -> None:
        self.app.pop_or_home()

