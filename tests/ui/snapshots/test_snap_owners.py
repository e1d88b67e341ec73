"""The owners' screen's snapshots: the live panel of an owners' vote counted per unit, over the
register, with some ballots back. Kept steady by snap_helpers.py and conftest.py."""

from __future__ import annotations

from owners_meeting import with_owners_vote
from snap_helpers import app_on, each_size, settle


@each_size
def test_owners_vote_panel(snap_compare, meetings_db, step_clock, size):
    path, ids = meetings_db
    with_owners_vote(path, ids, step_clock)
    assert snap_compare(app_on(path, step_clock), press=["u", "c", *"孙立国", "enter", "enter", "y", "y", "n", "a"],
                        terminal_size=size, run_before=settle)
