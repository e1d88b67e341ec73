"""The voting screen's set-up: method and rule, then opening the vote (a consultative vote,
with a reason, when quorum is short). A part of `VotingScreen`."""

from __future__ import annotations

from typing import Any

from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, Static

from yiting.domain import VoteMethod, VoteRule, label
from yiting.errors import InvalidInput, RuleViolation, YitingError
from yiting.i18n import t
from yiting.ui.screens.form import Field, FormScreen
from yiting.ui.widgets.choice import ChoiceBar


def form_row(caption: str, *inputs: Widget) -> Horizontal:
    return Horizontal(Label(caption, classes="row-label"), *inputs, classes="form-row")


class VoteSetup:
    """The set-up stage (o): a part of `VotingScreen`."""

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

    def remember_setup_choice(self) -> None:
        """Keep the method and rule of a set-up about to go, for the one shown after a cancel."""
        if self.query("#vote-setup"):
            self._setup_choice = (self.query_one("#vote-method", ChoiceBar).value,
                                  self.query_one("#vote-rule", ChoiceBar).value)

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
