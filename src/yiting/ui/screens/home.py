"""Home: the meetings (open, upcoming, past), overdue duties (how many, the longest first), a new
meeting from a preset, the Matters (m) and Duties (d) screens."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Label, Static

from yiting.i18n import t
from yiting.store import matters as duty_reads
from yiting.store import queries
from yiting.ui.screens.base import YScreen
from yiting.ui.tables import selected_key
from yiting.ui.widgets.fit_table import FitTable

OVERDUE_SHOWN = 50  # the home screen lists the longest overdue; the Duties screen (d) has them all
_ORDER = {"open": 0, "draft": 1, "closed": 2, "published": 2}


def when_text(meeting: dict) -> str:
    return (meeting["started_at"] or meeting["scheduled_at"] or "")[:16].replace("T", " ")


class HomeScreen(YScreen):
    HELP_INTRO = "ui.home.intro"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "ui.key.open_meeting"),
        Binding("n", "new", "ui.key.new_meeting"),
        Binding("s", "setup", "ui.key.setup"),
        Binding("c", "checkin", "ui.key.checkin"),
        Binding("p", "publish", "ui.key.publish"),
        Binding("y", "objections", "ui.key.objections"),
        Binding("m", "matters", "ui.matters.key.matters"),
        Binding("d", "duties", "ui.matters.key.duties"),
        Binding("u", "owners", "ui.owners.key.open", show=False),
        Binding("r", "reload", "ui.key.reload", show=False),
        Binding("g", "figures", "ui.figures.key", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Label(t("ui.home.meetings"), classes="section-title")
            # Titles and venues are cut with "…" to the width (status and time never are).
            yield FitTable([t("ui.col.status"), t("ui.col.when"), t("ui.col.title"), t("ui.col.venue")],
                           flexible={2: 2, 3: 1}, id="meetings", zebra_stripes=True)
            yield Label(t("ui.home.overdue"), classes="section-title", id="overdue-title")
            yield FitTable([t("ui.col.due"), t("ui.col.task"), t("ui.col.owner")], flexible={1: 2, 2: 1}, id="overdue")
            yield Static("", markup=False, id="overdue-none")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.title = t("ui.app_title")
        self.sub_title = t("ui.home.title")
        self.query_one("#meetings", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()  # the first showing too: a screen resumes once it is mounted

    def refresh_data(self) -> None:
        rows = queries.meetings(self.db)
        rows.sort(key=lambda m: _ORDER.get(m["status"], 3))
        self.query_one("#meetings", FitTable).show([
            (str(m["id"]), (t("meeting." + m["status"]), when_text(m), m["title"], m["venue"])) for m in rows
        ])
        today = self.desk.today()
        late = duty_reads.duty_list(self.db, today, overdue_only=True, limit=OVERDUE_SHOWN)
        overdue = duty_reads.duty_counts(self.db, today)["overdue"]
        self.query_one("#overdue-title", Label).update(t("ui.matters.home_overdue", count=overdue)
                                                        if overdue else t("ui.home.overdue"))
        self.query_one("#overdue", FitTable).show([
            (str(a["id"]), (a["due"], a["task"], " ".join(x for x in (a["owner_party"], a["owner_person"]) if x)))
            for a in late
        ])
        self.query_one("#overdue", DataTable).display = bool(late)
        self.query_one("#overdue-none", Static).update("" if late else t("ui.home.no_overdue"))

    def selected(self) -> dict | None:
        key = selected_key(self.query_one("#meetings", DataTable))
        return self.desk.meeting(key) if key else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "meetings":
            self.action_open()

    def action_open(self) -> None:
        meeting = self.selected()
        if meeting is None:
            self.action_new()
            return
        self.app.show_meeting(meeting["id"])

    def selected_or_say(self) -> dict | None:
        """The meeting under the cursor; with none yet, says how to make one."""
        meeting = self.selected()
        if meeting is None:
            self.app.notify(t("ui.home.no_meeting"), severity="warning", timeout=4)
        return meeting

    def action_setup(self) -> None:
        meeting = self.selected_or_say()
        if meeting is not None:
            self.app.show_setup(meeting["id"])

    def action_checkin(self) -> None:
        meeting = self.selected_or_say()
        if meeting is not None:
            self.app.show_checkin(meeting["id"])

    def action_owners(self) -> None:
        meeting = self.selected_or_say()
        if meeting is not None:
            self.app.show_owners(meeting["id"])

    def action_publish(self) -> None:
        self.app.action_publish()

    def action_objections(self) -> None:
        """The chosen meeting's objection period, once it has ended."""
        meeting = self.selected_or_say()
        if meeting is None:
            return
        if meeting["status"] not in ("closed", "published"):
            self.app.notify(t("objection.meeting_not_closed", title=meeting["title"]), severity="warning")
            return
        from yiting.ui.screens.objections import ObjectionsScreen

        self.app.push_screen(ObjectionsScreen(meeting["id"]))

    def action_reload(self) -> None:
        self.refresh_data()

    def action_matters(self) -> None:
        from yiting.ui.screens.matters import MattersScreen

        self.app.push_screen(MattersScreen())

    def action_duties(self) -> None:
        from yiting.ui.screens.duties import DutiesScreen

        self.app.push_screen(DutiesScreen())

    def action_figures(self) -> None:
        from yiting.ui.screens.figures import FiguresScreen

        self.app.push_screen(FiguresScreen())

    def action_new(self) -> None:
        from yiting.ui.screens.new_meeting import new_meeting_form

        def created(meeting) -> None:
            if meeting:
                self.refresh_data()
                self.app.show_setup(meeting["id"])

        self.app.push_screen(new_meeting_form(self.app), callback=created)
