"""What keeps every snapshot the same on every run: text fields keep a steady cursor (a blinking
one is shown or not by how long a loaded machine took to get to the picture), the header names the
same database, and the QR screen gets a fixed address (`fixed_lan`)."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from yiting.ui.app import YitingApp


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
