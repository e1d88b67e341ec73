"""Waiting without fixed sleeps: poll a condition until it holds, under a bound.

A fixed sleep is either too short on a loaded 2-core machine (the test fails on good code) or too
long everywhere else; polling waits exactly as long as the thing takes, and the bound turns "never"
into a failure instead of a hang. Pilot tests poll with `ui_meetings.until`, which lets the app run
between tries.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(predicate: Callable[[], T], timeout: float = 10.0, interval: float = 0.05) -> T:
    """The first true value `predicate()` gives within `timeout` seconds, or its last (false) one:
    `assert wait_until(lambda: ..., 15), why`."""
    deadline = time.monotonic() + timeout
    while True:
        found = predicate()
        if found or time.monotonic() >= deadline:
            return found
        time.sleep(interval)

