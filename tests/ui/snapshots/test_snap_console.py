"""The console's snapshots: the running speech, the queue, the agenda and outcomes, in Chinese,
in English and in the daylight theme.
Kept steady by snap_helpers.py and conftest.py."""

from __future__ import annotations

from snap_helpers import app_on, each_size, settle


@each_size
def test_console(snap_compare, meetings_db, step_clock, size):
    path, _ = meetings_db
    assert snap_compare(app_on(path, step_clock), terminal_size=size, run_before=settle)


@each_size
def test_console_english(snap_compare, meetings_db, step_clock, size):
    path, _ = meetings_db
    assert snap_compare(app_on(path, step_clock, "en"), terminal_size=size, run_before=settle)


def test_console_daylight_theme(snap_compare, meetings_db, step_clock):
    path, _ = meetings_db
    assert snap_compare(app_on(path, step_clock), press=["ctrl+t"], terminal_size=(120, 40), run_before=settle)
