"""Voting on a proposal: method and rule, quorum first, then counting by the chosen method."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widget import AwaitMount, Widget
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from yiting.domain import VoteMethod, VoteRule, label, quorum_sentence
from yiting.errors import InvalidInput, RuleViolation, YitingError
from yiting.i18n import t
from yiting.store import queries
from yiting.ui.screens.base import YScreen
from yiting.ui.screens.form import Field, FormScreen
from yiting.ui.tables import selected_key, sync_table
from yiting.ui.text import vote_explanation
from yiting.ui.widgets.choice import ChoiceBar
from yiting.ui.widgets.field_error import FieldError
from yiting.ui.widgets.tally_board import CHOICES, TallyBoard

OWNERS = (VoteRule.ART278_GENERAL.value, VoteRule.ART278_SPECIAL.value)


def show_text(static: Static, text: str, *, layout: bool = True) -> None:
    """Update `static` only if its text changed; `layout=False` where its size is fixed."""
    if static.content != text:
        static.update(text, layout=layout)


def form_row(caption: str, *inputs: Widget) -> Horizontal:
    return Horizontal(Label(caption, classes="row-label"), *inputs, classes="form-row")


class VotingScreen(YScreen):
    HELP_INTRO = "ui.vote.intro"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open_vote", "ui.key.open_vote"),
        Binding("y", "count('yes', 1)", "ui.key.yes_plus"),
        Binding("n", "count('no', 1)", "ui.key.no_plus"),
        Binding("a", "count('abstain', 1)", "ui.key.abstain_plus"),
        Binding("Y", "count('yes', -1)", "ui.key.yes_minus", show=False),
        Binding("N", "count('no', -1)", "ui.key.no_minus", show=False),
        Binding("A", "count('abstain', -1)", "ui.key.abstain_minus", show=False),
        Binding("backspace", "clear_ballot", "ui.key.clear_ballot", show=False),
        Binding("ctrl+s", "save_counts", "ui.key.save_counts"),
        Binding("c", "close_vote", "ui.key.close_vote"),
        Binding("x", "cancel_vote", "ui.key.cancel_vote", show=False),
        Binding("r", "correct", "ui.key.correct_vote"),
        Binding("escape", "back", "ui.key.back"),
    ]

    def __init__(self, meeting_id: int, proposal_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.proposal_id = proposal_id
        self.vote: dict[str, Any] | None = None
        self._stage_shown: tuple[str, str, bool] | None = None
        self._setup_choice: tuple[str, str] | None = None
        self._parts_mounting: list[AwaitMount] = []

    def compose(self) -> ComposeResult:
        # Only the parts of the stage being shown exist: the set-up and the paper-ballot form are
        # mounted when their stage begins and removed when it ends (`show_stage`), so a count
        # touches a screen of a few widgets.
        self.vote = self.vote_to_show()
        yield Header()
        yield Static("", markup=False, id="vote-proposal")
        yield Static("", markup=False, id="vote-quorum")
        if self.wants_setup:
            yield self.setup_form()
        yield TallyBoard(id="tally")
        yield DataTable(id="roll-call", cursor_type="row", zebra_stripes=True)
        if self.wants_paper:
            yield self.paper_form()
        yield Static("", markup=False, id="vote-result")
        yield Footer(compact=True, show_command_palette=False)

    def vote_to_show(self) -> dict[str, Any] | None:
        votes = [v for v in queries.votes(self.db, self.proposal_id) if v["status"] != "cancelled"]
        vote = votes[-1] if votes else None
        proposal = queries.row(self.db, "proposals", self.proposal_id)
        if vote is not None and vote["status"] == "closed" and proposal["status"] == "submitted":
            return None  # a consultative vote decided nothing: the proposal may be voted again
        return vote

    def setup_form(self) -> Vertical:
        """Method and rule; after a cancelled vote, as they were chosen for it."""
        method, rule = self._setup_choice or ("", self.desk.rules(self.meeting_id).vote_rule.value)
        return Vertical(
            form_row(t("ui.vote.method"), ChoiceBar([(label(m), m.value) for m in VoteMethod], method,
                                                     id="vote-method", classes="row-input")),
            form_row(t("ui.vote.rule"), ChoiceBar([(label(r), r.value) for r in VoteRule], rule,
                                                   id="vote-rule", classes="row-input")),
            Static(t("ui.vote.setup_hint"), classes="hint"),
            id="vote-setup")

    def paper_form(self) -> Vertical:
        """The counts (and, in an owners' vote, the floor areas) read off the ballot papers."""
        rows = []
        for choice in CHOICES:
            area = Input(compact=True, value="", placeholder="m²", id=f"paper-{choice}_area",
                         classes="row-input paper-area")
            area.display = self.owners_vote
            rows.append(form_row(t(f"ui.vote.{choice}"),
                                 Input(compact=True, value="0", id=f"paper-{choice}", classes="row-input paper-count"),
                                 area))
        return Vertical(*rows, FieldError("", id="paper-error", classes="field-error"), id="paper")

    def on_mount(self) -> None:
        self.title = t("ui.app_title")
        table = self.query_one("#roll-call", DataTable)
        table.add_columns(t("ui.col.name"), t("ui.col.building"), t("ui.col.area"), t("ui.col.choice"))
        self.refresh_data()
        if self.vote is None:
            self.query_one("#vote-method", ChoiceBar).focus()

    # -- showing -------------------------------------------------------------------------------
    @property
    def stage(self) -> str:
        if self.vote is None:
            return "setup"
        return "open" if self.vote["status"] == "open" else "closed"

    @property
    def owners_vote(self) -> bool:
        return bool(self.vote and self.vote["rule"] in OWNERS)

    @property
    def wants_setup(self) -> bool:
        return self.stage == "setup"

    @property
    def wants_paper(self) -> bool:
        return self.stage == "open" and self.vote["method"] == VoteMethod.PAPER_BALLOT.value

    def refresh_data(self) -> None:
        """Show the vote as the record has it: after this screen changed its stage, and when
        another window wrote (the app polls). A count on this screen shows itself (`counted`)."""
        if self.vote is not None:
            self.vote = queries.row(self.db, "votes", self.vote["id"])
        self.show_heading()
        self.show_stage()
        self.show_counts()
        self.show_result()

    def show_heading(self) -> None:
        proposal = queries.row(self.db, "proposals", self.proposal_id)
        self.sub_title = t("ui.vote.title")
        # The proposal may wrap onto more lines: a new text needs a layout.
        show_text(self.query_one("#vote-proposal", Static), t("ui.vote.proposal", text=proposal["text"]))
        quorum = self.query_one("#vote-quorum", Static)
        show_text(quorum, self.quorum_line(), layout=False)
        quorum.set_class(bool(self.vote and self.vote["consultative"]), "-consultative")

    def quorum_line(self) -> str:
        if self.vote is None:
            electorate = self.desk.electorate(self.meeting_id)
            return quorum_sentence(self.desk.rules(self.meeting_id), electorate["present"], electorate["eligible"])
        method = label(VoteMethod(self.vote["method"]))
        rule = label(VoteRule(self.vote["rule"]))
        # "仅供参考" first, so a narrow screen cuts the rule's name, never this.
        tag = f"{t('ui.vote.consultative_tag')} " if self.vote["consultative"] else ""
        electorate = t("ui.vote.electorate", present=self.vote["present"], eligible=self.vote["eligible"])
        return f"{tag}{method} · {rule} · {electorate}"

    def show_stage(self) -> None:
        """Show the parts and keys of the stage (setup, open, closed) and the method; only when
        they change, since each change lays the screen out and rebuilds the key bar."""
        method = self.vote["method"] if self.vote else ""
        shown = (self.stage, method, self.owners_vote)
        if shown == self._stage_shown:
            return
        self._stage_shown = shown
        if not self.wants_setup:
            self.remember_setup_choice()
        self._parts_mounting = [mounting for mounting in (
            self.keep_part("vote-setup", self.wants_setup, self.setup_form, before="#tally"),
            self.keep_part("paper", self.wants_paper, self.paper_form, before="#vote-result"),
        ) if mounting is not None]
        self.query_one(TallyBoard).display = not self.wants_setup
        self.query_one("#roll-call").display = self.stage == "open" and method == VoteMethod.ROLL_CALL.value
        self.refresh_bindings()

    def keep_part(self, part_id: str, wanted: bool, build: Callable[[], Widget], *,
                  before: str) -> AwaitMount | None:
        """Mount the part `part_id` (made by `build`) if `wanted` and missing (returning the mount
        to await), remove it if present and not wanted."""
        present = self.query(f"#{part_id}")
        if wanted and not present:
            return self.mount(build(), before=before)
        if present and not wanted:
            present.remove()
        return None

    def remember_setup_choice(self) -> None:
        """Keep the method and rule of a set-up about to go, for the one shown after a cancel."""
        if self.query("#vote-setup"):
            self._setup_choice = (self.query_one("#vote-method", ChoiceBar).value,
                                  self.query_one("#vote-rule", ChoiceBar).value)

    async def focus_when_mounted(self, selector: str) -> None:
        """Focus `selector` in a part `show_stage` has just begun to mount."""
        for mounting in self._parts_mounting:
            await mounting
        self.query_one(selector).focus()

    def show_counts(self) -> None:
        if self.vote is None:
            return
        self.query_one(TallyBoard).show(self.vote, self.owners_vote)
        if self.stage == "open" and self.vote["method"] == VoteMethod.ROLL_CALL.value:
            self.show_roll_call()

    def show_result(self) -> None:
        result = self.query_one("#vote-result", Static)
        closed = self.stage == "closed"
        consultative = closed and bool(self.vote["consultative"])
        passed = closed and bool(self.vote["passed"]) and not consultative
        show_text(result, self.result_line() if closed else "")
        result.set_class(consultative, "-consultative")
        result.set_class(passed, "-passed")
        result.set_class(closed and not passed and not consultative, "-failed")

    def result_line(self) -> str:
        # A consultative vote decided nothing: the tag stands where 通过/未通过 would.
        if self.vote["consultative"]:
            verdict = t("ui.vote.consultative_tag")
        else:
            verdict = t("ui.vote.passed") if self.vote["passed"] else t("ui.vote.failed")
        return f"{verdict}  {self.explanation()}"

    def explanation(self) -> str:
        return vote_explanation(self.vote)

    def voters(self) -> list[dict[str, Any]]:
        if self.owners_vote:
            return queries.owners(self.db, self.meeting_id)
        return [p for p in queries.participants(self.db, self.meeting_id) if p["voting"] and p["checked_in_at"]]

    def show_roll_call(self) -> None:
        ballots = {b["participant_id"]: b["choice"] for b in queries.ballots(self.db, self.vote["id"])}
        rows = [(str(p["id"]), (p["name"], p["building"], f"{p['area_m2']:g}" if p["area_m2"] else "",
                                t(f"ui.vote.{ballots[p['id']]}") if p["id"] in ballots else "·"))
                for p in self.voters()]
        sync_table(self.query_one("#roll-call", DataTable), rows)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if not self.is_mounted:
            return True
        stage = self.stage
        method = self.vote["method"] if self.vote else ""
        if action == "open_vote":
            return stage == "setup"
        if action == "count":
            return stage == "open" and method != VoteMethod.PAPER_BALLOT.value
        if action == "clear_ballot":
            return stage == "open" and method == VoteMethod.ROLL_CALL.value
        if action == "save_counts":
            return stage == "open" and method == VoteMethod.PAPER_BALLOT.value
        if action in ("close_vote", "cancel_vote"):
            return stage == "open"
        if action == "correct":
            return stage == "closed"
        return True

    # -- acting --------------------------------------------------------------------------------
    def action_open_vote(self) -> None:
        method = self.query_one("#vote-method", ChoiceBar).value
        rule = self.query_one("#vote-rule", ChoiceBar).value

        def opened(vote: dict[str, Any]) -> None:
            self.vote = vote
            self.refresh_data()
            if vote["method"] == VoteMethod.ROLL_CALL.value:
                self.query_one("#roll-call").focus()
            elif vote["method"] == VoteMethod.PAPER_BALLOT.value:
                self.call_later(self.focus_when_mounted, "#paper-yes")
            else:
                self.set_focus(None)

        try:
            opened(self.desk.open_vote(self.proposal_id, method, rule))
        except RuleViolation as exc:
            # Taking a vote without quorum as consultative is letting a rule go: it needs a reason.
            def submit(values: dict[str, Any]):
                reason = values["reason"].strip()
                if not reason:
                    raise InvalidInput("desk.required", field="reason")
                return self.desk.open_vote(self.proposal_id, method, rule, consultative=True, reason=reason)

            def answer(vote: Any) -> None:
                if isinstance(vote, dict):  # after the dialog has gone and given focus back here
                    self.call_after_refresh(opened, vote)

            self.app.push_screen(FormScreen(t("ui.vote.consultative_title"),
                                            [Field("reason", t("ui.override.reason"))], submit,
                                            note=f"{exc}\n{t('ui.vote.ask_consultative')}"),
                                 callback=answer)
        except YitingError as exc:
            self.app.notify(str(exc), severity="error")

    def action_count(self, choice: str, delta: int) -> None:
        if self.vote is None:
            return
        if self.vote["method"] == VoteMethod.ROLL_CALL.value:
            table = self.query_one("#roll-call", DataTable)
            key = selected_key(table)
            if key is None or delta < 0:
                return

            def cast(vote: dict[str, Any]) -> None:
                self.vote = vote
                self.query_one(TallyBoard).show(vote, self.owners_vote)
                self.show_roll_call()
                table.move_cursor(row=min(table.cursor_row + 1, table.row_count - 1), animate=False)

            self.attempt(lambda: self.desk.cast_ballot(self.vote["id"], key, choice), then=cast)
            return

        def counted(vote: dict[str, Any]) -> None:
            self.vote = vote
            self.query_one(TallyBoard).show(vote, self.owners_vote)

        self.attempt(lambda: self.desk.adjust_count(self.vote["id"], choice, delta), then=counted)

    def action_clear_ballot(self) -> None:
        key = selected_key(self.query_one("#roll-call", DataTable))
        if key is not None and self.vote is not None:
            self.attempt(lambda: self.desk.clear_ballot(self.vote["id"], key), then=lambda _v: self.refresh_data())

    def paper_values(self) -> dict[str, str]:
        return {name: self.query_one(f"#paper-{name}", Input).value
                for name in ("yes", "no", "abstain", "yes_area", "no_area", "abstain_area")}

    def action_save_counts(self) -> bool:
        """Save the typed counts; False (with the refusal shown) if the desk refused them."""
        values = self.paper_values()
        error = self.query_one("#paper-error", Static)
        error.update("")
        areas = {k: values[k] or None for k in ("yes_area", "no_area", "abstain_area")} if self.owners_vote else {}
        try:
            self.vote = self.desk.set_counts(self.vote["id"], values["yes"], values["no"], values["abstain"],
                                             **areas)
        except YitingError as exc:
            error.update(str(exc))
            return False
        self.refresh_data()
        self.set_focus(None)
        return True

    def typed_counts_saved(self) -> bool:
        """Do the paper-ballot inputs show what the record holds?"""
        values = self.paper_values()
        names = ["yes", "no", "abstain"] + (["yes_area", "no_area", "abstain_area"] if self.owners_vote else [])
        for name in names:
            typed = values[name].strip()
            try:
                if float(typed or 0) != float(self.vote[name] or 0):
                    return False
            except ValueError:
                return False
        return True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save_counts()

    def action_close_vote(self) -> None:
        if self.vote is None:
            return
        # Closing on counts other than those typed would announce a stale result.
        paper = self.vote["method"] == VoteMethod.PAPER_BALLOT.value
        if paper and not self.typed_counts_saved() and (not self.action_save_counts()
                                                        or not self.typed_counts_saved()):
            self.app.notify(t("ui.vote.counts_unsaved"), severity="error")
            self.query_one("#paper-yes", Input).focus()
            return
        from yiting.ui.screens.confirm import ConfirmScreen

        vote_id = self.vote["id"]
        tally = " · ".join(f"{t('ui.vote.' + c)} {self.vote[c]}" for c in CHOICES)

        def closed(vote: dict[str, Any]) -> None:
            self.vote = vote
            self.refresh_data()
            self.set_focus(None)

        def answer(yes: bool | None) -> None:
            if yes:
                self.attempt(lambda: self.desk.close_vote(vote_id), then=closed)

        self.app.push_screen(ConfirmScreen(t("ui.confirm.close_vote"), tally), callback=answer)

    def action_cancel_vote(self) -> None:
        vote = self.vote
        if vote is None:
            return

        def cancelled(row: Any) -> None:
            if row:
                self.vote = None
                self.refresh_data()

        self.app.push_screen(FormScreen(t("ui.key.cancel_vote"), [Field("reason", t("ui.override.reason"))],
                                        lambda v: self.desk.cancel_vote(vote["id"], v["reason"])),
                             callback=cancelled)

    def action_correct(self) -> None:
        vote = self.vote
        if vote is None:
            return
        fields = [Field(c, t(f"ui.vote.{c}"), value=str(vote[c])) for c in CHOICES]
        if self.owners_vote:
            fields += [Field(f"{c}_area", t(f"ui.vote.{c}_area"), value=f"{vote[c + '_area']:g}") for c in CHOICES]
        fields.append(Field("reason", t("ui.vote.correction_reason")))

        def submit(v: dict[str, Any]):
            areas = {f"{c}_area": v.get(f"{c}_area") for c in CHOICES} if self.owners_vote else {}
            return self.desk.correct_vote(vote["id"], v["reason"], v["yes"], v["no"], v["abstain"], **areas)

        def corrected(row: Any) -> None:
            if row:
                self.vote = row
                self.refresh_data()

        self.app.push_screen(FormScreen(t("ui.key.correct_vote"), fields, submit), callback=corrected)

    def action_back(self) -> None:
        self.app.pop_or_home()
