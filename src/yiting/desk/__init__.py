"""The meeting desk: one method per thing a facilitator does.

Each method validates with `yiting.domain`, commits the change and its event through
`yiting.store` in one transaction, and returns the new row, or raises a `YitingError` whose
message is ready to show. The UI, the CLI and the tests all change the record through here.

Actions and reads:

- A method that changes the record is marked `@action` (`yiting.desk.base.action`), written
  right above its `def`::

      @action
      def check_in(self, participant_id: Any) -> Row:
          person = self._get("participants", participant_id)   # checks ...
          with self._change("check_in", person["meeting_id"]) as cs:   # ... and the change with its event
              return cs.update("participants", person["id"], checked_in_at=self.now())

  It runs in one write transaction (`BEGIN IMMEDIATE`), so its checks and its writes see the
  same record while another window writes too; inside it, each `self._change(...)` block writes
  rows and their hash-chained event together.
- A public method without `@action` is a read: it takes no write lock and must write nothing.
  tests/record/test_desk_actions.py calls every read on a connection that cannot write and
  fails on a public method that is neither marked nor listed there with a sample call: a new
  method that writes needs `@action`; a new read needs its line in that test.
"""

from __future__ import annotations

from yiting.desk.agenda import AgendaDesk
from yiting.desk.base import Clock, Row, action, is_action, iso, parse_date, system_clock
from yiting.desk.matters import MatterDesk
from yiting.desk.meetings import MeetingDesk
from yiting.desk.objections import ObjectionDesk
from yiting.desk.outcomes import OutcomeDesk, action_state
from yiting.desk.owners import OwnersDesk
from yiting.desk.roster import RosterDesk
from yiting.desk.speeches import SpeechDesk
from yiting.desk.undo import UndoDesk
from yiting.desk.votes import VoteDesk


class Desk(MeetingDesk, RosterDesk, AgendaDesk, SpeechDesk, VoteDesk, OwnersDesk, OutcomeDesk, ObjectionDesk, MatterDesk,
           UndoDesk):
    """The meeting desk over one database connection (see the module docstring)."""


__all__ = ["Clock", "Desk", "Row", "action", "action_state", "is_action", "iso", "parse_date", "system_clock"]
