"""The owners' screen: the register of units and owners, and the live panel of an owners' vote
counted per unit, with its ballots entered as they come back from the doors.

The panel shows, for the vote's rule, participation and agreement by area and by head against
their thresholds and what is still needed; the table lists every unit with its ballot (or none
yet). y/n/a enter the ballot of the unit under the cursor (collected by the collector set with
c, now); b asks for all of it (unit, choice, who collected it and when).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Static

from yiting.domain import VoteRule, label
from yiting.domain.owners import area_text, needed_sentences, standing, unit_label
from yiting.i18n import t
from yiting.store import owners as register
from yiting.ui.screens.base import YScreen
from yiting.ui.tables import selected_key, sync_table

CHOICE_KEYS = {"yes": "y", "no": "n", "abstain": "a"}


class OwnersScreen(YScreen):
    HELP_INTRO = "ui.owners.intro"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "ballot('yes')", "ui.owners.key.yes"),
        Binding("n", "ballot('no')", "ui.owners.key.no"),
        Binding("a", "ballot('abstain')", "ui.owners.key.abstain"),
        Binding("b", "ballot_form", "ui.owners.key.ballot_form"),
        Binding("c", "collector", "ui.owners.key.collector"),
        Binding("w", "withdraw", "ui.owners.key.withdraw", show=False),
        Binding("o", "open_vote", "ui.owners.key.open_vote"),
        Binding("p", "papers", "ui.owners.key.papers"),
        Binding("d", "objection", "ui.owners.key.objection", show=False),
        Binding("i", "import_units", "ui.owners.key.import", show=False),
        Binding("plus", "add_unit", "ui.owners.key.add", show=False),
        Binding("e", "edit_unit", "ui.owners.key.edit", show=False),
        Binding("delete", "remove_unit", "ui.owners.key.remove", show=False),
        Binding("escape", "back", "ui.key.back"),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.collector = ""
        self.collected_at = ""  # empty: the moment the ballot is entered
        self.vote: dict[str, Any] | None = None
        self.rows: dict[str, dict[str, Any]] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", markup=False, id="owners-panel")
        yield DataTable(id="owners-table", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.title = t("ui.app_title")
        table = self.query_one(DataTable)
        table.add_columns(t("ui.owners.col.unit"), t("ui.owners.col.area"), t("ui.owners.col.ballot"),
                          t("ui.owners.col.collector"))
        table.add_column(t("ui.owners.col.when"), width=11)  # "03-19 15:20": filled in later, as ballots come
        table.add_columns(t("ui.owners.col.source"), t("ui.owners.col.owners"))
        self.refresh_data()
        table.focus()

    # -- what the screen shows -------------------------------------------------------------
    def the_vote(self) -> dict[str, Any] | None:
        """The open vote counted per unit, else the latest one."""
        votes = register.unit_votes(self.db, self.meeting_id)
        return next((v for v in votes if v["status"] == "open"), votes[0] if votes else None)

    def refresh_data(self) -> None:
        self.vote = self.the_vote()
        scope = self.vote["scope"] if self.vote else ""
        ballots = {b["unit_id"]: b for b in register.unit_ballots(self.db, self.vote["id"])} if self.vote else {}
        units = register.register(self.db, self.meeting_id, scope)
        self.rows = {str(u["id"]): u for u in units}
        sync_table(self.query_one(DataTable), [
            (str(u["id"]), (unit_label(u), f"{u['area_m2']:.2f}",
                            t(f"owners.choice.{ballots[u['id']]['choice']}") if u["id"] in ballots else "",
                            ballots[u["id"]]["collected_by"] if u["id"] in ballots else "",
                            ballots[u["id"]]["collected_at"][5:16].replace("T", " ") if u["id"] in ballots else "",
                            t(f"owners.source.{u['area_source']}"), "、".join(u["owner_names"]) or "—"))
            for u in units])
        panel = self.query_one("#owners-panel", Static)
        text = "\n".join(self.panel_lines())
        if panel.content != text:
            # a new layout (the register's table too: 1000 rows, a quarter of a second) only when
            # the panel gains or loses a line
            panel.update(text, layout=str(panel.content).count("\n") != text.count("\n"))

    def panel_lines(self) -> list[str]:
        if self.vote is None:
            den = self.desk.owners_denominators(self.meeting_id)
            if not den.units:
                return [t("ui.owners.empty")]
            return [den.sentence(), t("ui.owners.no_vote")]
        count = self.desk.owners_count(self.vote["id"])
        rule = VoteRule(self.vote["rule"])
        state = t("ui.owners.open") if self.vote["status"] == "open" else t("ui.owners.closed")
        lines = [t("ui.owners.vote_line", id=self.vote["id"], rule=label(rule), state=state,
                   scope=self.vote["scope"] or t("ui.owners.whole"))]
        tests = {test.name: test for test in standing(rule, count["tally"])}
        for row in ("participation", "agree"):
            by_area, by_head = tests[f"{row}_area"], tests[f"{row}_heads"]
            lines.append(t(f"ui.owners.{row}_line", area=area_text(by_area.part), whole_area=area_text(by_area.whole),
                           area_share=by_area.percent, area_mark=_mark(by_area.reached), heads=int(by_head.part),
                           whole_heads=int(by_head.whole), head_share=by_head.percent,
                           head_mark=_mark(by_head.reached), threshold=t(f"ui.owners.threshold.{row}.{rule.value}")))
        if self.vote["status"] == "open":
            lines += needed_sentences(rule, count["needed"])
        else:
            lines.append(self.vote["explanation"])
        lines.append(t("ui.owners.returned", returned=len(count["ballots"]), units=len(count["units"]),
                       collector=self.collector or "—")
                     + (t("ui.owners.objection", until=self.vote["objection_until"])
                        if self.vote["objection_until"] else ""))
        lines.append(count["denominators"].sentence())
        return lines

    def selected(self) -> dict[str, Any] | None:
        key = selected_key(self.query_one(DataTable))
        return self.rows.get(key) if key else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        open_vote = self.vote is not None and self.vote["status"] == "open"
        if action in ("ballot", "ballot_form", "withdraw", "collector"):
            return open_vote
        if action in ("papers", "objection"):
            return self.vote is not None
        if action == "open_vote":
            return not open_vote and self.proposal_to_vote() is not None
        if action in ("import_units", "add_unit", "edit_unit", "remove_unit"):
            return not open_vote and self.desk.meeting(self.meeting_id)["status"] in ("draft", "open")
        return True

    def proposal_to_vote(self) -> dict[str, Any] | None:
        """The latest proposal waiting for a vote on the item under discussion, if the register has units."""
        from yiting.store import queries

        meeting = self.desk.meeting(self.meeting_id)
        if meeting["status"] != "open" or not meeting["current_item_id"] or not self.rows:
            return None
        waiting = [p for p in queries.proposals(self.db, meeting["current_item_id"]) if p["status"] == "submitted"]
        return waiting[-1] if waiting else None

    def action_open_vote(self) -> None:
        """Open an owners' vote on the proposal waiting: the rule, the whole property or one
        building, and the objection period."""
        from yiting.ui.screens.form import Field, FormScreen

        proposal = self.proposal_to_vote()
        if proposal is None:
            return
        rules = [(t(f"ui.owners.rule.{rule.value}"), rule.value)
                 for rule in (VoteRule.ART278_GENERAL, VoteRule.ART278_SPECIAL)]
        scopes = [(t("ui.owners.whole"), "")] + [(b, b) for b in register.buildings(self.db, self.meeting_id)]

        def submit(values: dict[str, Any]) -> Any:
            return self.desk.open_vote(proposal["id"], "paper_ballot", values["rule"], scope=values["scope"],
                                       objection_until=values["objection_until"])

        self.app.push_screen(FormScreen(t("ui.owners.open_title"), [
            Field("rule", t("field.rule"), rules[0][1], kind="choice", options=rules),
            Field("scope", t("ui.owners.scope"), "", kind="choice", options=scopes),
            Field("objection_until", t("field.objection_until"), "", placeholder="2023-04-08"),
        ], submit, note=t("ui.owners.open_note", text=proposal["text"][:80].rstrip("。.！!；;"))), callback=lambda _r: self.refresh_data())

    # -- ballots ---------------------------------------------------------------------------
    def action_ballot(self, choice: str) -> None:
        unit = self.selected()
        if unit is None or self.vote is None:
            return
        vote_id = self.vote["id"]
        self.attempt(lambda: self.desk.record_unit_ballot(vote_id, unit["id"], choice, collected_by=self.collector,
                                                          collected_at=self.collected_at or None),
                     then=lambda _row: self.entered())

    def entered(self) -> None:
        """The ballot shows in its row and in the panel; the cursor moves on to the next unit."""
        self.refresh_data()
        table = self.query_one(DataTable)
        table.move_cursor(row=min(table.cursor_row + 1, table.row_count - 1), animate=False)

    def action_ballot_form(self) -> None:
        from yiting.domain.owners import choice_from_text
        from yiting.ui.screens.form import Field, FormScreen

        if self.vote is None:
            return
        vote_id = self.vote["id"]
        unit = self.selected()

        def submit(values: dict[str, Any]) -> Any:
            row = self.desk.find_unit(self.meeting_id, values["unit"])
            done = self.desk.record_unit_ballot(vote_id, row["id"], choice_from_text(values["choice"]),
                                                collected_by=values["collected_by"],
                                                collected_at=values["collected_at"] or None)
            self.collector, self.collected_at = values["collected_by"].strip(), values["collected_at"].strip()
            return done

        choices = [(t(f"owners.choice.{c}"), c) for c in ("yes", "no", "abstain")]
        self.app.push_screen(FormScreen(t("ui.owners.ballot_title"), [
            Field("unit", t("owners.paper_unit"), unit_label(unit) if unit else ""),
            Field("choice", t("ui.owners.col.ballot"), "yes", kind="choice", options=choices),
            Field("collected_by", t("field.collected_by"), self.collector),
            Field("collected_at", t("ui.owners.collected_at"), self.collected_at, placeholder="2023-03-19 15:20"),
        ], submit, note=t("ui.owners.ballot_note"), id="owners-ballot-form"), callback=lambda _r: self.refresh_data())

    def action_collector(self) -> None:
        from yiting.parsing import parse_datetime
        from yiting.ui.screens.form import Field, FormScreen

        def submit(values: dict[str, Any]) -> Any:
            parse_datetime(values["collected_at"], self.desk.clock)  # refused here, not at each ballot
            self.collector, self.collected_at = values["collected_by"].strip(), values["collected_at"].strip()
            return True

        self.app.push_screen(FormScreen(t("ui.owners.collector_title"), [
            Field("collected_by", t("field.collected_by"), self.collector),
            Field("collected_at", t("ui.owners.collected_at"), self.collected_at, placeholder="2023-03-19 15:20"),
        ], submit, note=t("ui.owners.collector_note"), id="owners-collector-form"),
            callback=lambda _r: self.refresh_data())

    def action_withdraw(self) -> None:
        unit = self.selected()
        if unit is None or self.vote is None:
            return
        vote_id = self.vote["id"]
        from yiting.ui.screens.form import Field, FormScreen

        self.app.push_screen(FormScreen(t("ui.owners.withdraw_title", unit=unit_label(unit)),
                                        [Field("reason", t("field.reason"))],
                                        lambda v: self.desk.withdraw_unit_ballot(vote_id, unit["id"], v["reason"])),
                             callback=lambda _r: self.refresh_data())

    def action_objection(self) -> None:
        if self.vote is None:
            return
        vote_id = self.vote["id"]
        from yiting.ui.screens.form import Field, FormScreen

        self.app.push_screen(FormScreen(t("ui.owners.objection_title"), [
            Field("until", t("field.objection_until"), self.vote["objection_until"] or "", placeholder="2023-04-08"),
            Field("reason", t("ui.override.reason"))],
            lambda v: self.desk.set_vote_objection_period(vote_id, v["until"], v["reason"]),
            note=t("ui.owners.objection_note")),
            callback=lambda _r: self.refresh_data())

    def action_papers(self) -> None:
        """Write the ballots and the counting sheet as PDF into `papers/` in the data directory, on
        a worker thread with a read connection of its own (a thousand units take seconds)."""
        if self.vote is None:
            return
        from yiting.locations import data_dir

        app, db_path, vote_id = self.app, self.app.db_path, self.vote["id"]
        folder = data_dir() / "papers"
        app.notify(t("ui.owners.papers_working", units=len(self.rows)), timeout=3)

        def work() -> None:
            from yiting.errors import YitingError
            from yiting.publish.ballots import ballots_pdf, counting_sheet_pdf
            from yiting.store.db import connect

            try:
                db = connect(db_path, readonly=True)
                try:
                    made = [(name, make(db, vote_id)) for name, make in (("ballots", ballots_pdf),
                                                                         ("counting-sheet", counting_sheet_pdf))]
                finally:
                    db.close()
                folder.mkdir(parents=True, exist_ok=True)
                written = []
                for name, pdf in made:
                    target = folder / f"meeting-{self.meeting_id}-vote-{vote_id}-{name}.pdf"
                    target.write_bytes(pdf)
                    written.append(target)
            except YitingError as exc:
                self._from_thread(app.notify, str(exc), severity="error")
            except OSError as exc:
                self._from_thread(app.notify, t("ui.owners.unreadable", path=str(exc.filename or folder),
                                                detail=exc.strerror or str(exc)), severity="error")
            else:
                self._from_thread(app.notify, t("ui.owners.papers_written", ballots=written[0], sheet=written[1]),
                                  timeout=12)

        app.run_worker(work, thread=True, group="papers", name=f"papers-{vote_id}")

    def _from_thread(self, callback, *args, **kwargs) -> None:
        import contextlib

        with contextlib.suppress(RuntimeError):  # the console is closing
            self.app.call_from_thread(callback, *args, **kwargs)

    # -- the register ----------------------------------------------------------------------
    def action_import_units(self) -> None:
        from pathlib import Path

        from yiting.ui.screens.form import Field, FormScreen
        from yiting.units_csv import parse_units

        def submit(values: dict[str, Any]) -> Any:
            path = Path(values["path"].strip()).expanduser()
            try:
                raw = path.read_bytes()
            except OSError as exc:
                from yiting.errors import InvalidInput

                raise InvalidInput("ui.owners.unreadable", path=str(path), detail=exc.strerror or str(exc)) from None
            return self.desk.import_units(self.meeting_id, parse_units(raw))

        def done(added: Any) -> None:
            self.refresh_data()
            if added:
                self.app.notify(t("owners.cli_imported", count=len(added)), timeout=4)

        self.app.push_screen(FormScreen(t("ui.owners.import_title"), [Field("path", t("ui.owners.path"))], submit,
                                        note=t("ui.owners.import_note"), id="owners-import-form"), callback=done)

    def unit_form(self, title: str, unit: dict[str, Any] | None, submit) -> None:
        from yiting.ui.screens.form import Field, FormScreen

        sources = [(t(f"owners.source.{s}"), s) for s in ("register", "survey", "contract")]
        developer = bool(unit and any(name.endswith("*") for name in unit["owner_names"]))
        owners = "、".join(n.rstrip("*") for n in unit["owner_names"]) if unit else ""
        self.app.push_screen(FormScreen(title, [
            Field("building", t("field.building"), unit["building"] if unit else ""),
            Field("label", t("field.unit_label"), unit["label"] if unit else ""),
            Field("area_m2", t("field.area_m2"), f"{unit['area_m2']:.2f}" if unit else ""),
            Field("area_source", t("ui.owners.col.source"), unit["area_source"] if unit else "register",
                  kind="choice", options=sources),
            Field("owners", t("ui.owners.col.owners"), "" if developer else owners, placeholder="王芳、李明"),
            Field("developer", t("ui.owners.developer"), "yes" if developer else "no", kind="choice",
                  options=[(t("ui.owners.developer_no"), "no"), (t("ui.owners.developer_yes"), "yes")]),
        ], submit, note=t("ui.owners.unit_note")), callback=lambda _r: self.refresh_data())

    def action_add_unit(self) -> None:
        self.unit_form(t("ui.owners.add_title"), None, lambda v: self.desk.add_unit(
            self.meeting_id, v["label"], v["area_m2"], building=v["building"], area_source=v["area_source"],
            owners=v["owners"], developer=v["developer"] == "yes"))

    def action_edit_unit(self) -> None:
        unit = self.selected()
        if unit is None:
            return
        self.unit_form(t("ui.owners.edit_title", unit=unit_label(unit)), unit, lambda v: self.desk.edit_unit(
            unit["id"], building=v["building"], label=v["label"], area_m2=v["area_m2"],
            area_source=v["area_source"], owners=v["owners"], developer=v["developer"] == "yes"))

    def action_remove_unit(self) -> None:
        unit = self.selected()
        if unit is not None:
            self.attempt(lambda: self.desk.remove_unit(unit["id"]), then=lambda _r: self.refresh_data())

    def action_back(self) -> None:
        self.app.pop_or_home()


def _mark(reached: bool) -> str:
    return "✓" if reached else "✗"
