"""Set-up's snapshots: each of its tabs (F2 facts, F3 rules, F4 roster, F5 agenda).
Kept steady by snap_helpers.py and conftest.py."""

from __future__ import annotations

import pytest
from snap_helpers import app_on, each_size, settle


@pytest.mark.parametrize("tab", ["f2", "f3", "f4", "f5"])
@each_size
def test_setup(snap_compare, quiet_db, step_clock, size, tab):
    path, ids = quiet_db

    async def before(pilot):
        pilot.app.show_setup(ids["draft"])
        await settle(pilot)
        await pilot.press(tab)
        await settle(pilot)

    assert snap_compare(app_on(path, step_clock), terminal_size=size, run_before=before)
