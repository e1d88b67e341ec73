"""Voting on a proposal: method and rule, quorum first, then counting by the chosen method.

The screen shows the vote's stage and what the record holds; what each stage does lives beside
it, one module a job: `voting_setup` (method, rule, opening), `voting_count` (counting hands and
paper ballots, closing, cancelling, correcting), `voting_roll_call` (the voters' list).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import AwaitMount, Widget
from textual.widgets import DataTable, Footer, Header, Static

from yiting.domain import VoteMethod, VoteRule, label, quorum_sentence
from yiting.i18n import t
from yiting.store import owners as owner_register
from yiting.store import queries
from yiting.ui.screens.base import YScreen
from yiting.ui.screens.voting_count import VoteCounting
from yiting.ui.screens.voting_roll_call import RollCall
from yiting.ui.screens.voting_setup import VoteSetup
from yiting.ui.text import vote_explanation
from yiting.ui.widgets.choice import ChoiceBar
from yiting.ui.widgets.tally_board import TallyBoard

OWNERS = (VoteRule.ART278_GENERAL.value, VoteRule.ART278_SPECIAL.value)


def show_text(static: Static, text: str, *, layout: bool = True) -> None:
    """Update `static` only if its text changed; `layout=False` where its size is fixed."""
    if static.content != text:
        static.update(text, layout=layout)


class VotingScreen(VoteSetup, VoteCounting, RollCall, YScreen):
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
        Binding("u", "owners", "ui.owners.key.open", show=False),
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
    def per_unit(self) -> bool:
        """An owners' vote counted per unit: its ballots are entered on the owners' screen (u)."""
        if not self.owners_vote:
            return False
        if getattr(self, "_per_unit", (None, False))[0] != self.vote["id"]:
            self._per_unit = (self.vote["id"], owner_register.unit_vote(self.db, self.vote["id"]) is not None)
        return self._per_unit[1]

    @property
    def wants_paper(self) -> bool:
        return self.stage == "open" and self.vote["method"] == VoteMethod.PAPER_BALLOT.value and not self.per_unit

    def action_owners(self) -> None:
        self.app.show_owners(self.meeting_id)

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
        if self.per_unit:
            electorate = t("ui.owners.per_unit_hint", heads=self.vote["eligible"])
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
    def action_back(self) -> None:
        self.app.pop_or_home()
