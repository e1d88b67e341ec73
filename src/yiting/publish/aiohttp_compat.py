"""Every use of aiohttp's private names, in one place (aiohttp 3.x).

aiohttp answers a request it cannot parse (a garbage method, a header too long) with a 400 of
its own that passes no middleware and no `on_response_prepare` (aiohttp issue #6463). It makes
that answer on a request from the application's factory (`Application._make_request`) and
prepares it through `Request._prepare_hook`, like any other. `HookedRequest.on_prepare` is
called there, so a header the server puts on every answer is on those 400s too. Tested against
aiohttp itself in tests/publish/test_aiohttp_compat.py.
"""

from __future__ import annotations

import functools
import inspect

from aiohttp import web


class HookedRequest(web.Request):
    """A request whose every response, aiohttp's own included, passes `on_prepare` first."""

    async def on_prepare(self, response: web.StreamResponse) -> None:  # override
        """Called as `response` is about to be sent, after aiohttp's own signals."""

    async def _prepare_hook(self, response: web.StreamResponse) -> None:
        await super()._prepare_hook(response)
        await self.on_prepare(response)


def use_request_class(runner: web.AppRunner, request_class: type[HookedRequest]) -> bool:
    """Make `runner`'s server build every request as `request_class` (call after `setup()`).
    False, and nothing changed, on an aiohttp whose internals moved: its malformed-request
    answers then lack what `on_prepare` adds, and every other answer still has it."""
    make_request = getattr(runner.app, "_make_request", None)
    if make_request is None or "_cls" not in inspect.signature(make_request).parameters:
        return False
    runner.server.request_factory = functools.partial(make_request, _cls=request_class)
    return True
