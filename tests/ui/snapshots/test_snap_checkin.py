"""Check-in's snapshots, with a name being typed.
Kept steady by snap_helpers.py and conftest.py."""

from __future__ import annotations

from snap_helpers import app_on, each_size, settle


@each_size
def test_checkin(snap_compare, meetings_db, step_clock, size):
    path, _ = meetings_db
    assert snap_compare(app_on(path, step_clock), press=["k", "周"], terminal_size=size, run_before=settle)
