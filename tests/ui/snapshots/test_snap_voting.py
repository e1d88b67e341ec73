"""Voting's snapshots: choosing the method, a show of hands being counted, its result, a roll call.
Kept steady by snap_helpers.py and conftest.py."""

from __future__ import annotations

from snap_helpers import app_on, each_size, settle
from ui_meetings import with_proposal


@each_size
def test_vote_setup(snap_compare, meetings_db, step_clock, size):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    assert snap_compare(app_on(path, step_clock), press=["v"], terminal_size=size, run_before=settle)


@each_size
def test_vote_show_of_hands(snap_compare, meetings_db, step_clock, size):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    assert snap_compare(app_on(path, step_clock), press=["v", "o", "y", "y", "y", "n", "a"],
                        terminal_size=size, run_before=settle)


@each_size
def test_vote_closed(snap_compare, meetings_db, step_clock, size):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    assert snap_compare(app_on(path, step_clock), press=["v", "o", "y", "y", "y", "n", "a", "c", "enter"],
                        terminal_size=size, run_before=settle)


@each_size
def test_roll_call(snap_compare, meetings_db, step_clock, size):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    assert snap_compare(app_on(path, step_clock), press=["v", "right", "o", "y", "n"],
                        terminal_size=size, run_before=settle)
