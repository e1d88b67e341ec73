"""The voting screen's counting: hands counted up and down, paper ballots typed in, and the
vote closed, cancelled or corrected. A part of `VotingScreen`."""

from __future__ import annotations

from typing import Any

from textual.containers import Vertical
from textual.widgets import Input, Static

from yiting.domain import VoteMethod
from yiting.errors import YitingError
from yiting.i18n import get_language, t
from yiting.ui.screens.form import Field, FormScreen
from yiting.ui.screens.voting_setup import form_row
from yiting.ui.widgets.field_error import FieldError
from yiting.ui.widgets.tally_board import CHOICES, TallyBoard


class VoteCounting:
    """The counting keys (y n a and Y N A, ctrl+s, c, x, r): a part of `VotingScreen`."""

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

    def action_count(self, choice: str, delta: int) -> None:
        if self.vote is None:
            return
        if self.vote["method"] == VoteMethod.ROLL_CALL.value:
            self.cast_roll_call(choice, delta)
            return

        def counted(vote: dict[str, Any]) -> None:
            self.vote = vote
            self.query_one(TallyBoard).show(vote, self.owners_vote)

        self.attempt(lambda: self.desk.adjust_count(self.vote["id"], choice, delta), then=counted)

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
        missing = self.not_voted()
        if missing:  # a roll call: say who present has not voted before the result is fixed
            key = "order.vote.not_voted_owners" if self.owners_vote else "order.vote.not_voted"
            tally += "\n" + t(key, n=len(missing), names="、".join(missing)
                               if get_language() == "zh" else ", ".join(missing))

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
        if vote is None or self.attempt(lambda: self.desk.correctable_vote(vote["id"])) is None:
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
