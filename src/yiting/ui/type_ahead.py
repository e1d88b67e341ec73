"""Keys typed ahead wait their turn, so a burst does what the same keys typed slowly do.

Textual hands each key to whatever has focus the moment the key arrives. A practised hand
types faster than a dialog opens, focus moves (`Widget.focus` is deferred) or a field is
mounted: `a 孙 Enter → Enter` sent at once gave "孙" to the console below the opening dialog,
"→" to the name field focus was about to leave, and the last Enter to the console's queue,
which started the next speaker. Here a key is handed on only once the previous one has been
dealt with: nothing left in any message queue of the screens, no deferred callback, every
screen mounted. A key never waits longer than `MAX_WAIT` seconds (a busy screen does not
swallow it).

Relies on Textual internals (8.2): a message pump's `_message_queue.values` and
`_next_callbacks`, and a screen's `_callbacks` (what `call_after_refresh` left for after the
next repaint). tests/ui/test_hands.py sends whole steps at once and fails if they move.
"""

from __future__ import annotations

import asyncio
from collections import deque
from time import monotonic

from textual import events

MAX_WAIT = 1.0
# Polls with asyncio.sleep(0) while the other tasks are at work, then every few milliseconds.
QUICK_POLLS = 200
SLOW_POLL = 0.002


def _busy(node) -> bool:
    """The node has a message waiting, or a callback due after the one it is handling."""
    return bool(node._message_queue.values or node._next_callbacks)


class TypeAhead:
    """A part of the App: keys and pastes go on in the order typed, each to what has focus
    once the one before it has been handled."""

    _keys_ahead: deque | None = None
    _key_feeder: asyncio.Task | None = None

    def keys_settled(self) -> bool:
        """Whether everything the keys before started is done."""
        if _busy(self):
            return False
        for screen in self.screen_stack:
            if not screen.is_mounted or screen._callbacks:
                return False
            if _busy(screen) or any(_busy(node) for node in screen.walk_children()):
                return False
        return True

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if self._keys_ahead is None:
                self._keys_ahead = deque()
            if self._keys_ahead or not self.keys_settled():
                self._keys_ahead.append(event)
                if self._key_feeder is None:
                    self._key_feeder = asyncio.create_task(self._feed_keys())
                return
        await super().on_event(event)

    async def _feed_keys(self) -> None:
        try:
            while self._keys_ahead:
                deadline = monotonic() + MAX_WAIT
                polls = settled = 0
                # Settled twice in a row: a handler woken by the last message (a mount that
                # finished) has had its turn to run on.
                while settled < 2 and monotonic() < deadline:
                    await asyncio.sleep(0 if polls < QUICK_POLLS else SLOW_POLL)
                    polls += 1
                    settled = settled + 1 if self.keys_settled() else 0
                if not self._keys_ahead or not self.is_running:
                    return
                event = self._keys_ahead.popleft()
                # Handed on from the App's own task, as if it had just arrived.
                self.call_later(self._hand_on, event)
                # … and looked at again only once the App has handed it on.
                while _busy(self) and monotonic() < deadline:
                    await asyncio.sleep(0)
        finally:
            self._key_feeder = None

    async def _hand_on(self, event: events.Event) -> None:
        await super().on_event(event)
