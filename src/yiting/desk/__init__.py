"""The meeting desk: one method per thing a facilitator does.

Each method validates with `yiting.domain`, commits the change and its event through
`yiting.store` in one transaction, and returns the new row, or raises a `YitingError` whose
message is ready to show. The UI, the CLI and the tests all change the record through here.
"""

from __future__ import annotations

from yiting.desk.agenda import AgendaDesk
from yiting.desk.base import Clock, Row, iso, parse_date, system_clock
from yiting.desk.meetings import MeetingDesk
from yiting.desk.outcomes import OutcomeDesk, action_state
from yiting.desk.roster import RosterDesk
from yiting.desk.speeches import SpeechDesk
from yiting.desk.votes import VoteDesk


class Desk(MeetingDesk, RosterDesk, AgendaDesk, SpeechDesk, VoteDesk, OutcomeDesk):
    """The meeting desk over one database connection (see the module docstring)."""


__all__ = ["Clock", "Desk", "Row", "action_state", "iso", "parse_date", "system_clock"]
