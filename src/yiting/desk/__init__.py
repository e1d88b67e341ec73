"""The meeting desk: one method per thing a facilitator does.

Each method validates with `yiting.domain`, commits the change and its event through
`yiting.store` in one transaction, and returns the new row, or raises a `YitingError` whose
message is ready to show. The UI, the CLI and the tests all change the record through here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from yiting.desk.agenda import AgendaDesk
from yiting.desk.base import Clock, Row, iso, parse_date, system_clock
from yiting.desk.meetings import MeetingDesk
from yiting.desk.outcomes import OutcomeDesk, action_state
from yiting.desk.roster import RosterDesk
from yiting.desk.speeches import SpeechDesk
from yiting.desk.undo import UndoDesk
from yiting.desk.votes import VoteDesk
from yiting.store.log import transaction


class Desk(MeetingDesk, RosterDesk, AgendaDesk, SpeechDesk, VoteDesk, OutcomeDesk, UndoDesk):
    """The meeting desk over one database connection (see the module docstring)."""


# Methods that only read; every other public method is an action.
READS = frozenset({"meeting", "item", "rules", "queue", "summary", "speech_elapsed", "speech_limit_seconds",
                   "spoken", "now", "default_due", "last_undoable", "electorate"})


def _atomic(method: Callable[..., Any]) -> Callable[..., Any]:
    """Run a desk action in one write transaction, so its checks and its writes see the same
    record even with a second window writing to the database."""

    @functools.wraps(method)
    def action(self: Desk, *args: Any, **kwargs: Any) -> Any:
        with transaction(self.db):
            result = method(self, *args, **kwargs)
        self._run_after_commit()
        return result

    return action


for _name in dir(Desk):
    if not _name.startswith("_") and _name not in READS and callable(getattr(Desk, _name)):
        setattr(Desk, _name, _atomic(getattr(Desk, _name)))


__all__ = ["Clock", "Desk", "Row", "action_state", "iso", "parse_date", "system_clock"]
