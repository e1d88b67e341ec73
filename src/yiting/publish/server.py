"""The LAN server: serves the published site read-only, and a live page of an open meeting.

One module a job: `server_guard` (what every request must pass, the headers on every answer),
`server_static` (the site's files), `server_live` (the home page, the live page and its event
stream); this one routes a request to them and runs the server.

`yiting serve` runs it on its own loop. The console can start it on Textual's loop with
`await start_server(...)` (stop it with `await runner.cleanup()`), or better on a thread of its
own with `ServerThread`, so that phones polling the live page never take a turn on the loop
that handles the facilitator's keys (bench/README.md has the figures).

Unknown addresses get a plain page (404).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import threading
from pathlib import Path

from aiohttp import web

from yiting.network import DEFAULT_PORT
from yiting.publish.aiohttp_compat import use_request_class
from yiting.publish.server_guard import (
    LANG_KEY,
    SECURITY_HEADERS,
    SITE_KEY,
    GuardedRequest,
    message,
    no_continue,
    refusal,
    safe_path,
)
from yiting.publish.server_live import (
    PAGES_KEY,
    READER_KEY,
    STREAMS_KEY,
    LiveReader,
    before_minutes,
    events,
    index,
    live,
    live_view,
)
from yiting.publish.server_static import favicon, static_file

__all__ = ["SECURITY_HEADERS", "ServerThread", "build_app", "handle", "live_view", "serve_forever", "start_server"]

# An idle keep-alive connection, and a connection that has not finished sending its request
# line and headers (a slowloris), is closed after this long.
KEEPALIVE_SECONDS = 30.0
OPEN_FILES = 4096  # the open-file limit the server asks for (a room of phones, their streams)
_MINUTES = re.compile(r"^/m/(\d{1,9})/?$")
_LIVE = re.compile(r"^/m/(\d{1,9})/live/?$")
_EVENTS = re.compile(r"^/m/(\d{1,9})/live/events$")
_INDEX = ("/", "/index.html")


async def handle(request: web.Request) -> web.StreamResponse:
    refused = refusal(request)
    if refused is not None:
        return refused
    path = safe_path(request.raw_path)
    if path is None:
        return message(request, 400, refused=True)
    if path in _INDEX:
        return await index(request)
    if path == "/favicon.ico":
        icon = favicon(request)
        if icon is not None:
            return icon
    if found := _LIVE.match(path):
        return await live(request, int(found.group(1)))
    if found := _EVENTS.match(path):
        return await events(request, int(found.group(1)))
    found = _MINUTES.match(path)
    if found and not (request.app[SITE_KEY] / "m" / found.group(1) / "index.html").is_file():
        return await before_minutes(request, int(found.group(1)))
    return static_file(request, path)


@web.middleware
async def _unrouted(request: web.Request, handler) -> web.StreamResponse:
    """A target the router cannot match (`OPTIONS *`, `CONNECT host:443`) gets the same answers
    (405, 400) and headers as any other, not aiohttp's bare 404."""
    try:
        return await handler(request)
    except web.HTTPNotFound:
        return await handle(request)


def build_app(site_dir: Path, db_path: Path | None, lang: str = "zh") -> web.Application:
    app = web.Application(client_max_size=1024, middlewares=[_unrouted])
    app[SITE_KEY] = Path(site_dir).resolve()
    app[LANG_KEY] = lang
    reader = LiveReader(db_path, app[SITE_KEY])
    app[READER_KEY] = reader
    app[STREAMS_KEY] = {"count": 0, "closing": asyncio.Event()}
    app[PAGES_KEY] = {}

    async def _end_streams(_app: web.Application) -> None:
        # Stopping waits for every handler: the live pages' streams end now, not in a second
        # or at their deadline (quitting the console waited ~4 s with phones watching).
        _app[STREAMS_KEY]["closing"].set()

    async def _cleanup(_app: web.Application) -> None:
        reader.close()

    app.on_shutdown.append(_end_streams)
    app.on_cleanup.append(_cleanup)
    app.router.add_route("*", "/{tail:.*}", handle, expect_handler=no_continue)
    return app


def raise_open_file_limit(want: int = OPEN_FILES) -> None:
    """Each phone holds a socket and each page served a file for a moment: macOS starts a process
    with 256 open files (many Linux desktops 1024), and 300 phones then got 404s, 500s and
    timeouts. Raise the soft limit toward the hard one (never lower it)."""
    try:
        import resource
    except ImportError:  # Windows: sockets are not counted against such a limit
        return
    with contextlib.suppress(ValueError, OSError):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        target = want if hard == resource.RLIM_INFINITY else min(want, hard)
        if soft != resource.RLIM_INFINITY and soft < target:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


async def start_server(site_dir: Path, db_path: Path | None, host: str = "0.0.0.0", port: int = DEFAULT_PORT,
                       *, lang: str = "zh") -> web.AppRunner:
    """Start serving on the running loop and return the runner (stop it: `await runner.cleanup()`).

    Raises OSError when the port is taken. The bound port is `runner.addresses[0][1]` (useful
    with port=0).
    """
    from yiting.publish.server_log import route_to_error_log

    Path(site_dir).mkdir(parents=True, exist_ok=True)
    raise_open_file_limit()
    route_to_error_log()
    runner = web.AppRunner(build_app(site_dir, db_path, lang), access_log=None, max_line_size=2048,
                           max_field_size=4096, max_headers=64, keepalive_timeout=KEEPALIVE_SECONDS,
                           shutdown_timeout=2)
    await runner.setup()
    # aiohttp's own malformed-request 400s carry the headers too (tests/publish/test_server.py).
    use_request_class(runner, GuardedRequest)
    # A room of phones connecting at once overflowed the default backlog (128): the extra ones
    # waited a second for their SYN to be sent again.
    site = web.TCPSite(runner, host, port, backlog=1024)
    try:
        await site.start()
    except BaseException:
        await runner.cleanup()
        raise
    return runner


class ServerThread:
    """The server on a thread of its own with its own event loop, for the console: answering
    phones then never takes a turn on the loop that handles the facilitator's keys.

        server = ServerThread(site, db_path, "0.0.0.0", 8000)
        port = server.start()   # raises OSError when the port is taken
        ...
        server.stop()
    """

    def __init__(self, site_dir: Path, db_path: Path | None, host: str = "0.0.0.0", port: int = DEFAULT_PORT,
                 *, lang: str = "zh") -> None:
        self.args = (site_dir, db_path, host, port)
        self.lang = lang
        self.port: int | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._started = threading.Event()
        self._error: BaseException | None = None

    def start(self, timeout: float = 10.0) -> int:
        self._thread = threading.Thread(target=self._run, name="yiting-serve", daemon=True)
        self._thread.start()
        self._started.wait(timeout)
        if self._error is not None:
            raise self._error
        return self.port or 0

    def _run(self) -> None:
        async def main() -> None:
            self._loop = asyncio.get_running_loop()
            self._stop = asyncio.Event()
            try:
                runner = await start_server(*self.args, lang=self.lang)
            except BaseException as exc:  # noqa: BLE001 - handed to start()'s caller
                self._error = exc
                self._started.set()
                return
            try:
                self.port = runner.addresses[0][1] if runner.addresses else self.args[3]
                self._started.set()
                await self._stop.wait()
            finally:
                await runner.cleanup()

        asyncio.run(main())

    def stop(self, timeout: float = 5.0) -> None:
        if self._loop is not None and self._stop is not None:
            with contextlib.suppress(RuntimeError):  # the loop already ended
                self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread is not None:
            self._thread.join(timeout)


def serve_forever(site_dir: Path, db_path: Path | None, host: str, port: int, *, lang: str = "zh",
                  on_ready=None) -> None:
    """Run the server until interrupted (Ctrl+C); `on_ready(port)` is called once it listens."""

    async def main() -> None:
        runner = await start_server(site_dir, db_path, host, port, lang=lang)
        try:
            bound = runner.addresses[0][1] if runner.addresses else port
            if on_ready:
                on_ready(bound)
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
