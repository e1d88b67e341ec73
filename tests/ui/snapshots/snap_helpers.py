"""Snapshots of every screen at 80×24 and 120×40 in Chinese, and the console in English: one module
a screen (tests/ui/snapshots/test_snap_<screen>.py), its pictures in
__snapshots__/test_snap_<screen>/.

A fixed clock keeps the timer and the agenda's minutes the same on every run (see conftest.py for
the rest). Update with `pytest tests/ui/snapshots --snapshot-update -k NAME` only after looking at
the report.
"""

from __future__ import annotations

import pytest

from yiting.ui.app import YitingApp

SIZES = [(80, 24), (120, 40)]
each_size = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


def app_on(path, clock, lang="zh"):
    return YitingApp(path, lang, clock=clock, poll=False)


async def settle(pilot):
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
