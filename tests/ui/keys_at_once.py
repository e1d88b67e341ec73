"""Keys sent as a practised hand types them: a whole step at once, with no pause between keys."""

from __future__ import annotations

import time
import unicodedata

from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key


async def settle(pilot, within: float = 10.0) -> None:
    """Wait until the app has dealt with every key sent (polled, with a bound)."""
    app = pilot.app
    deadline = time.monotonic() + within
    quiet = 0
    while quiet < 3:
        await pilot.pause()
        busy = app._keys_ahead or app._key_feeder is not None or not app.keys_settled()
        quiet = 0 if busy else quiet + 1
        assert time.monotonic() < deadline, "the app did not settle"


async def burst(pilot, *keys: str) -> None:
    """Post every key to the app at once, as a terminal delivers a fast typist's keys, then
    wait until the app has dealt with them all."""
    app = pilot.app
    for key in keys:
        # What Pilot.press sends for each key, without its wait after each one.
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        try:
            character = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
        except KeyError:
            character = key if len(key) == 1 else None
        event = events.Key(key, character)
        event.set_sender(app)
        app._driver.send_message(event)
    await settle(pilot)
