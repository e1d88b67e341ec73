"""Home's snapshots, and the new-meeting dialog opened from it.
Kept steady by snap_helpers.py and conftest.py."""

from __future__ import annotations

from snap_helpers import app_on, each_size, settle


@each_size
def test_home(snap_compare, quiet_db, step_clock, size):
    path, _ = quiet_db
    assert snap_compare(app_on(path, step_clock), terminal_size=size, run_before=settle)


@each_size
def test_new_meeting(snap_compare, quiet_db, step_clock, size):
    path, _ = quiet_db
    assert snap_compare(app_on(path, step_clock), press=["n"], terminal_size=size, run_before=settle)
