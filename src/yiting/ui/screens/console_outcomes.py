"""The console's outcomes: the panel of proposals, decisions and tasks, and the keys that add
them or open a vote."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from yiting.domain.matters import is_follow_up
from yiting.i18n import t
from yiting.store import queries
from yiting.ui.screens.form import Field, FormScreen
from yiting.ui.text import clip, vote_explanation

AMENDS_WIDTH = 24  # cells of a proposal's text in the choice of what an amendment amends


class OutcomeActions:
    """The outcomes panel and its keys (m, v, d, t): a part of `ConsoleScreen`."""

    def show_outcomes(self) -> None:
        out = Text(no_wrap=False)
        item = self.current_item()
        if item is not None and item["description"] and is_follow_up(item):
            # The open duties of earlier meetings, as the item listed them: what to report on.
            out.append(f"{item['description']}\n", style="dim")
        if item is not None:
            for proposal in queries.proposals(self.db, item["id"]):
                heading = t("ui.console.amendment") if proposal["amends_id"] else t("ui.console.proposal")
                out.append(t("ui.console.heading", what=heading), style="bold")
                proposer = self.name_of(proposal["proposer_id"]) if proposal["proposer_id"] else ""
                out.append(f"{proposal['text']}" + (f"（{proposer}）" if proposer else "") + " ")
                out.append(f"[{t('proposal.' + proposal['status'])}]\n", style="italic")
                for vote in queries.votes(self.db, proposal["id"]):
                    if vote["status"] == "closed":
                        out.append(f"  {vote_explanation(vote)}\n", style="dim")
        for decision in queries.decisions(self.db, self.meeting_id):
            out.append(t("ui.console.heading", what=t("ui.console.decision")), style="bold")
            out.append(f"{decision['text']}\n")
        for action in queries.actions(self.db, self.meeting_id):
            owner = " ".join(x for x in (action["owner_party"], action["owner_person"]) if x)
            out.append(t("ui.console.heading", what=t("ui.console.action")), style="bold")
            due = f" · {action['due']}" if action["due"] else ""
            out.append(f"{action['task']} · {owner}{due}\n")
        if not out.plain:
            out.append(t("ui.console.no_outcomes"), style="dim")
        out.rstrip()
        if out == self._outcomes_shown:
            return  # read again on coming back from any dialog: most often nothing changed
        self._outcomes_shown = out
        self.query_one("#outcomes", Static).update(out)
        # The newest (a just-added task) is at the bottom: keep it in view.
        self.query_one("#outcomes-box", VerticalScroll).scroll_end(animate=False)

    def outcome_lines(self) -> int:
        """How many lines the outcomes take at the screen's width (kept until either changes)."""
        text, width = self._outcomes_shown, self.size.width - 4  # padding and scrollbar
        if text is None or width <= 0:
            return 1
        shown, at, lines = self._outcome_lines
        if shown is not text or at != width:
            lines = len(text.wrap(self.app.console, width))
            self._outcome_lines = (text, width, lines)
        return lines

    def proposals(self) -> list[dict[str, Any]]:
        return queries.proposals(self.db, self.current_item_id) if self.current_item_id else []

    def action_proposal(self) -> None:
        item_id = self.need_item()
        if item_id is None:
            return
        people = queries.participants(self.db, self.meeting_id)
        open_ones = [p for p in self.proposals() if p["status"] == "submitted"]
        fields = [
            Field("text", t("ui.field.proposal_text")),
            Field("proposer", t("ui.field.proposer"), kind="person", people=people,
                  placeholder=t("ui.field.person_hint")),
        ]
        if open_ones:
            fields.append(Field("amends", t("ui.field.amends"), kind="choice",
                                options=[(t("ui.field.amends_none"), "")] +
                                        [(clip(p["text"], AMENDS_WIDTH), str(p["id"])) for p in open_ones]))

        def submit(values: dict[str, Any]):
            return self.desk.submit_proposal(item_id, values["text"], proposer_id=values["proposer"],
                                             amends_id=values.get("amends") or None)

        self.app.push_screen(FormScreen(t("ui.key.proposal"), fields, submit, id="proposal",
                                        draft_key=f"proposal-{item_id}"),
                             callback=lambda row: row and self.refresh_data("outcomes", "queue"))

    def action_vote(self) -> None:
        open_vote = queries.open_vote(self.db, self.meeting_id)
        if open_vote is not None:
            self.app.show_vote(self.meeting_id, open_vote["proposal_id"])
            return
        waiting = [p for p in self.proposals() if p["status"] == "submitted"]
        if not waiting:
            self.app.notify(t("ui.console.no_proposal"), severity="warning")
            return
        self.app.show_vote(self.meeting_id, waiting[-1]["id"])

    def action_decision(self) -> None:
        item_id = self.need_item()
        if item_id is None:
            return
        adopted = [p for p in self.proposals() if p["status"] == "adopted"]
        proposal = adopted[-1] if adopted else None
        vote = None
        if proposal is not None:
            closed = [v for v in queries.votes(self.db, proposal["id"]) if v["status"] == "closed"]
            vote = closed[-1] if closed else None
        fields = [Field("text", t("ui.field.decision_text"), value=proposal["text"] if proposal else "")]
        self.app.push_screen(
            FormScreen(t("ui.key.decision"), fields, lambda v: self.desk.record_decision(
                item_id, v["text"], proposal_id=proposal["id"] if proposal else None,
                vote_id=vote["id"] if vote else None), draft_key=f"decision-{item_id}"),
            callback=lambda row: row and self.refresh_data("outcomes"))

    def action_action_item(self) -> None:
        item_id = self.current_item_id
        decisions = queries.decisions(self.db, self.meeting_id)
        decision = decisions[-1] if decisions and decisions[-1]["item_id"] == item_id else None
        fields = [
            Field("task", t("ui.field.task")),
            Field("owner_party", t("ui.field.owner_party")),
            Field("owner_person", t("ui.field.owner_person")),
            Field("due", t("ui.field.due"), value=self.desk.default_due()),
        ]
        self.app.push_screen(
            FormScreen(t("ui.key.action_item"), fields, lambda v: self.desk.add_action(
                self.meeting_id, v["task"], owner_party=v["owner_party"], owner_person=v["owner_person"],
                due=v["due"] or None, item_id=item_id, decision_id=decision["id"] if decision else None),
                id="action-form"),
            callback=lambda row: row and self.refresh_data("outcomes"))
