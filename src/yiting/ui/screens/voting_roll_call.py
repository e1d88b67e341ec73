"""The voting screen's roll call: the voters, each one's ballot, cast and cleared from the list.
A part of `VotingScreen`."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable

from yiting.domain import VoteMethod
from yiting.i18n import t
from yiting.store import queries
from yiting.ui.tables import selected_key, sync_table
from yiting.ui.text import display_names
from yiting.ui.widgets.tally_board import TallyBoard


class RollCall:
    """The roll-call list and its keys (y n a on a voter, backspace): a part of `VotingScreen`."""

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

    def not_voted(self) -> list[str]:
        """The voters of a roll call (present, or for an owners' vote all owners) with no ballot
        yet, by name: closing asks about them first."""
        if self.vote is None or self.vote["method"] != VoteMethod.ROLL_CALL.value:
            return []
        cast = {b["participant_id"] for b in queries.ballots(self.db, self.vote["id"])}
        names = display_names(queries.participants(self.db, self.meeting_id))
        return [names.get(p["id"], p["name"]) for p in self.voters() if p["id"] not in cast]

    def cast_roll_call(self, choice: str, delta: int) -> None:
        """y/n/a on the voter under the cursor: their ballot, then the next voter."""
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

    def action_clear_ballot(self) -> None:
        key = selected_key(self.query_one("#roll-call", DataTable))
        if key is not None and self.vote is not None:
            self.attempt(lambda: self.desk.clear_ballot(self.vote["id"], key), then=lambda _v: self.refresh_data())
