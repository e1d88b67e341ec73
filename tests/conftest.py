"""Shared fixtures. Every test runs with its own data directory, never the user's."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from yiting.i18n import set_language

CST = timezone(timedelta(hours=8))


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("yiting-home")
    monkeypatch.setenv("YITING_HOME", str(home))
    monkeypatch.delenv("YITING_DB", raising=False)
    monkeypatch.delenv("YITING_LANG", raising=False)
    set_language("zh")
    yield home
    set_language("zh")


class FakeClock:
    """A clock the test moves by hand: `clock.advance(seconds=90)`."""

    def __init__(self, start: datetime | None = None) -> None:
        self.moment = start or datetime(2025, 9, 12, 19, 0, 0, tzinfo=CST)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
