"""The QR screen's snapshots, with the meeting's address.
Kept steady by snap_helpers.py and conftest.py."""

from __future__ import annotations

from snap_helpers import app_on, each_size, settle


@each_size
def test_qr(snap_compare, meetings_db, step_clock, fixed_lan, size):
    path, _ = meetings_db
    assert snap_compare(app_on(path, step_clock), press=["ctrl+r"], terminal_size=size, run_before=settle)
