"""Meetings for the console's tests, built through the desk on a fixed clock in tmp_path."""

from __future__ import annotations

import asyncio
import inspect

import pytest
from ui_meetings import StepClock, build_meetings

from yiting.desk import Desk
from yiting.store.db import connect


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run `async def` tests (Pilot) in a fresh event loop; no asyncio plugin needed."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        args = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
        asyncio.run(pyfuncitem.obj(**args))
        return True
    return None


@pytest.fixture
def step_clock() -> StepClock:
    return StepClock()


@pytest.fixture
def meetings_db(tmp_path, step_clock):
    """(path, ids) of a database with the three meetings above."""
    path = tmp_path / "meetings.sqlite"
    ids = build_meetings(path, step_clock)
    return path, ids


@pytest.fixture
def empty_db(tmp_path):
    path = tmp_path / "empty.sqlite"
    connect(path).conn.close()
    return path


@pytest.fixture
def quiet_db(meetings_db, step_clock):
    """The same meetings with the live one closed: the app starts on the home screen."""
    path, ids = meetings_db
    db = connect(path)
    Desk(db, clock=step_clock).close_meeting(ids["live"])
    db.conn.close()
    return path, ids


@pytest.fixture(autouse=True)
def no_terminal_left_running():
    """A test that fails while the real app runs on a pseudo-terminal does not leave it running."""
    yield
    import sys

    crash_tests = sys.modules.get("test_crash_recovery")
    for terminal in list(getattr(crash_tests, "LIVE", ())):
        terminal.kill()
