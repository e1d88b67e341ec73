"""Snapshots of every screen at 80×24 and 120×40 in Chinese, and the console in English.

A fixed clock keeps the timer and the agenda's minutes the same on every run; the QR screen
gets a fixed address; text fields keep a steady cursor (a blinking one is shown or not by how
long a loaded machine took to get to the picture). Update with `pytest tests/ui --snapshot-update` only after looking at
the report.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input
from ui_meetings import with_proposal

from yiting.ui.app import YitingApp

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch):
    made = Input.__init__

    def without_blink(self, *args, **kwargs):
        made(self, *args, **kwargs)
        self.cursor_blink = False

    monkeypatch.setattr(Input, "__init__", without_blink)


@pytest.fixture(autouse=True)
def steady_database_label(monkeypatch):
    """The header names the database; the tests' files are in a new temporary folder each run."""
    monkeypatch.setattr(YitingApp, "database_label", lambda self, width=36: "~/议事/yiting.sqlite")


@pytest.fixture
def fixed_lan(monkeypatch):
    monkeypatch.setattr("yiting.network.lan_address", lambda: "192.0.2.10")


def app_on(path, clock, lang="zh"):
    return YitingApp(path, lang, clock=clock, poll=False)


async def settle(pilot):
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_console(snap_compare, meetings_db, step_clock, size):
    path, _ = meetings_db
    assert snap_compare(app_on(path, step_clock), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_console_english(snap_compare, meetings_db, step_clock, size):
    path, _ = meetings_db
    assert snap_compare(app_on(path, step_clock, "en"), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare, quiet_db, step_clock, size):
    path, _ = quiet_db
    assert snap_compare(app_on(path, step_clock), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_new_meeting(snap_compare, quiet_db, step_clock, size):
    path, _ = quiet_db
    assert snap_compare(app_on(path, step_clock), press=["n"], terminal_size=size, run_before=settle)


@pytest.mark.parametrize("tab", ["f2", "f3", "f4", "f5"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_setup(snap_compare, quiet_db, step_clock, size, tab):
    path, ids = quiet_db

    async def before(pilot):
        pilot.app.show_setup(ids["draft"])
        await settle(pilot)
        await pilot.press(tab)
        await settle(pilot)

    assert snap_compare(app_on(path, step_clock), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_checkin(snap_compare, meetings_db, step_clock, size):
    path, _ = meetings_db
    assert snap_compare(app_on(path, step_clock), press=["k", "周"], terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_add_speaker(snap_compare, meetings_db, step_clock, size):
    path, _ = meetings_db
    assert snap_compare(app_on(path, step_clock), press=["a", "周"], terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_vote_setup(snap_compare, meetings_db, step_clock, size):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    assert snap_compare(app_on(path, step_clock), press=["v"], terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_vote_show_of_hands(snap_compare, meetings_db, step_clock, size):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    assert snap_compare(app_on(path, step_clock), press=["v", "o", "y", "y", "y", "n", "a"],
                        terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_vote_closed(snap_compare, meetings_db, step_clock, size):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    assert snap_compare(app_on(path, step_clock), press=["v", "o", "y", "y", "y", "n", "a", "c", "enter"],
                        terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_roll_call(snap_compare, meetings_db, step_clock, size):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    assert snap_compare(app_on(path, step_clock), press=["v", "right", "o", "y", "n"],
                        terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_close(snap_compare, meetings_db, step_clock, size):
    path, _ = meetings_db
    assert snap_compare(app_on(path, step_clock), press=["c"], terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare, meetings_db, step_clock, size):
    path, _ = meetings_db
    assert snap_compare(app_on(path, step_clock), press=["f1"], terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_qr(snap_compare, meetings_db, step_clock, fixed_lan, size):
    path, _ = meetings_db
    assert snap_compare(app_on(path, step_clock), press=["ctrl+r"], terminal_size=size, run_before=settle)


def test_console_daylight_theme(snap_compare, meetings_db, step_clock):
    path, _ = meetings_db
    assert snap_compare(app_on(path, step_clock), press=["ctrl+t"], terminal_size=(120, 40), run_before=settle)
