"""The LAN server: serves the published site read-only, and a live page of an open meeting.

`/` (and `/index.html`) is the site's home page made on the spot: the meetings in progress from
the database (each linking its live page) and the published minutes from the site. An ended
meeting's live page shows its final votes and decisions and, once its minutes are published,
links them; its event stream stays open until then, so phones already on it get the link.
`/favicon.ico` is the package's icon when the site has none of its own.

`yiting serve` runs it on its own loop. The console can start it on Textual's loop with
`await start_server(...)` (stop it with `await runner.cleanup()`), or better on a thread of its
own with `ServerThread`, so that phones polling the live page never take a turn on the loop
that handles the facilitator's keys (bench/README.md has the figures). Reads of the database
(the live page) run on one worker thread with its own read-only connection, so the loop, and
the console on it, never waits on SQLite.

Refused: any method but GET and HEAD (405), a request with a body (413), an over-long address
or header (414/400), headers over 8 KB in all (431), a path with `..`, a backslash, NUL or an encoded dot, slash or percent
(400), hidden files (404). Unknown addresses get a plain page (404). Every answer, aiohttp's own
400s included, carries SECURITY_HEADERS (`_Request`).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from aiohttp import web

from yiting.i18n import t
from yiting.network import DEFAULT_PORT
from yiting.publish import FAVICON  # served when the site has none

MAX_PATH = 512
MAX_HEADER_BYTES = 8192  # all header lines together (one line is capped at 4 KB by the parser)
# An idle keep-alive connection, and a connection that has not finished sending its request
# line and headers (a slowloris), is closed after this long.
KEEPALIVE_SECONDS = 30.0
OPEN_FILES = 4096  # the open-file limit the server asks for (a room of phones, their streams)
LIVE_REFRESH_SECONDS = 5
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".md": "text/plain; charset=utf-8",  # phones show text/plain; many download text/markdown
    ".csv": "text/csv; charset=utf-8",
    ".png": "image/png",
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
    ".ico": "image/x-icon",
}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
                               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
_MINUTES = re.compile(r"^/m/(\d{1,9})/?$")
_LIVE = re.compile(r"^/m/(\d{1,9})/live/?$")
_EVENTS = re.compile(r"^/m/(\d{1,9})/live/events$")
_INDEX = ("/", "/index.html")
EVENT_POLL_SECONDS = 1.0
EVENT_KEEPALIVE_SECONDS = 15.0
EVENT_STREAM_SECONDS = 600.0  # then the browser's EventSource reconnects by itself
MAX_EVENT_STREAMS = 200
CACHE_SECONDS = 0.5
_ENCODED_BAD = re.compile(r"%(2e|2f|5c|25|00)", re.IGNORECASE)

SITE_KEY = web.AppKey("site", Path)
DB_KEY = web.AppKey("db_path", object)
LANG_KEY = web.AppKey("lang", str)
READER_KEY = web.AppKey("reader", object)
STREAMS_KEY = web.AppKey("streams", dict)
PAGES_KEY = web.AppKey("pages", dict)


class _Request(web.Request):
    """Every answer gets SECURITY_HEADERS here, aiohttp's own too: the 400 it sends for a request
    it cannot parse passes no middleware and no `on_response_prepare` (aiohttp issue #6463), but
    is made on a request from the app's factory and prepared through this hook like any other."""

    async def _prepare_hook(self, response: web.StreamResponse) -> None:
        await super()._prepare_hook(response)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)  # a page's own (the live CSP) stays


class _Reader:
    """The live page's database reads, on one thread with its own read-only connection."""

    def __init__(self, db_path: Path | None, site: Path | None = None) -> None:
        self.db_path = Path(db_path) if db_path else None
        self.site = site
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="yiting-live")
        self._local = threading.local()
        self._cache: dict[tuple[int, str], tuple[float, dict[str, Any] | None]] = {}
        self._index_cache: dict[str, tuple[float, str]] = {}

    def _db(self):
        db = getattr(self._local, "db", None)
        if db is None:
            from yiting.store.db import connect

            db = connect(self.db_path, readonly=True)
            self._local.db = db
        return db

    async def live_view(self, meeting_id: int, lang: str) -> dict[str, Any] | None:
        """The live view, read at most every CACHE_SECONDS per meeting however many phones ask."""
        if self.db_path is None or not self.db_path.exists():
            return None
        loop = asyncio.get_running_loop()
        key = (meeting_id, lang)
        cached = self._cache.get(key)
        if cached is not None and loop.time() - cached[0] < CACHE_SECONDS:
            return cached[1]
        view = await loop.run_in_executor(self._pool, self._live_view, meeting_id, lang)
        if len(self._cache) > 1000:
            self._cache.clear()
        self._cache[key] = (loop.time(), view)
        return view

    def _live_view(self, meeting_id: int, lang: str) -> dict[str, Any] | None:
        view = self._read(live_view, meeting_id, lang)
        if view is not None:
            # the minutes are linked once they are out: before that their address is the live page
            view["has_minutes"] = self.site is not None and (self.site / "m" / str(meeting_id) / "index.html").is_file()
        return view

    def _read(self, read, *args):
        try:
            return read(self._db(), *args)
        except Exception:  # noqa: BLE001 - a database being replaced (demo rebuild): retry once
            db = getattr(self._local, "db", None)
            if db is not None:
                db.conn.close()
                self._local.db = None
            return read(self._db(), *args)

    async def index_page(self, lang: str) -> str:
        """The site's home page: meetings in progress (from the database) and published minutes
        (from the site), rendered at most every CACHE_SECONDS however many phones ask."""
        loop = asyncio.get_running_loop()
        cached = self._index_cache.get(lang)
        if cached is not None and loop.time() - cached[0] < CACHE_SECONDS:
            return cached[1]
        body = await loop.run_in_executor(self._pool, self._index_page, lang)
        self._index_cache[lang] = (loop.time(), body)
        return body

    def _index_page(self, lang: str) -> str:
        from yiting.publish.pages import render_index
        from yiting.publish.site import site_entries

        live: list[dict[str, Any]] = []
        if self.db_path is not None and self.db_path.exists():
            try:
                live = self._read(live_meetings)
            except Exception:  # noqa: BLE001 - no readable database: the published minutes only
                live = []
        return render_index(site_entries(self.site) if self.site else [], lang, live=live)

    def close(self) -> None:
        def _close() -> None:
            db = getattr(self._local, "db", None)
            if db is not None:
                db.conn.close()
                self._local.db = None

        # A read stuck on a locked database must not keep the server (or the console) from stopping.
        with contextlib.suppress(Exception):
            self._pool.submit(_close).result(timeout=5)
        self._pool.shutdown(wait=False)


def live_view(db, meeting_id: int, lang: str) -> dict[str, Any] | None:
    """What the live page shows: the item under discussion, who speaks, the latest vote.
    None for a meeting that does not exist or has not started (nothing public about it yet)."""
    from yiting.domain import Stance, label
    from yiting.publish.pages import vote_view
    from yiting.publish.privacy import shown_name
    from yiting.publish.record import vote_record
    from yiting.store import queries

    meeting = queries.row(db, "meetings", meeting_id)
    if meeting is None or meeting["status"] == "draft":
        return None
    view: dict[str, Any] = {"id": meeting["id"], "title": meeting["title"], "open": meeting["status"] == "open",
                            "item": "", "speaker": "", "vote": None, "vote_proposal": "",
                            "now": datetime.now().astimezone().strftime("%H:%M:%S")}
    if not view["open"]:
        view.update(final_results(db, meeting["id"], lang))
        return view
    if meeting["current_item_id"]:
        item = queries.row(db, "agenda_items", meeting["current_item_id"])
        if item:
            view["item"] = f"{item['position']}. {item['title']}（{t('item.' + item['status'], lang)}）"
    speech = queries.running_speech(db, meeting["id"])
    if speech:
        person = queries.row(db, "participants", speech["participant_id"])
        view["speaker"] = t("pub.live_speaker", lang, name=shown_name(person),
                            stance=label(Stance(speech["stance"]), lang))
    votes = [v for v in queries.votes_of_meeting(db, meeting["id"]) if v["status"] != "cancelled"]
    if votes:
        latest = votes[-1]
        view["vote"] = vote_view(vote_record(latest, lang), lang, set())
        proposal = queries.row(db, "proposals", latest["proposal_id"]) or {}
        view["vote_proposal"] = proposal.get("text", "")
    return view


def final_results(db, meeting_id: int, lang: str) -> dict[str, Any]:
    """What an ended meeting's live page shows until phones open the minutes: each proposal's
    last vote (a correction replaces what it corrects; cancelled votes are left out) and the
    decisions."""
    from yiting.publish.pages import vote_view
    from yiting.publish.record import vote_record
    from yiting.store import queries

    latest: dict[int, dict[str, Any]] = {}
    for vote in queries.votes_of_meeting(db, meeting_id):
        if vote["status"] == "closed":
            latest[vote["proposal_id"]] = vote
    results = []
    for proposal_id, vote in latest.items():
        proposal = queries.row(db, "proposals", proposal_id) or {}
        results.append({"proposal": proposal.get("text", ""), "vote": vote_view(vote_record(vote, lang), lang, set())})
    return {"results": results, "decisions": [d["text"] for d in queries.decisions(db, meeting_id)]}


def live_meetings(db) -> list[dict[str, Any]]:
    """The meetings in progress, for the site's home page: title, when and where only."""
    from yiting.store import queries

    found = []
    for meeting in queries.meetings(db):
        if meeting["status"] != "open":
            continue
        start = meeting["started_at"] or meeting["scheduled_at"] or ""
        found.append({"id": meeting["id"], "title": meeting["title"], "when": f"{start[:10]} {start[11:16]}".strip(),
                      "where": " · ".join(x for x in (meeting["community"], meeting["venue"]) if x)})
    return found


def _page(body: str, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    response = web.Response(text=body, status=status, content_type="text/html", charset="utf-8")
    response.headers.update(SECURITY_HEADERS)
    response.headers["Cache-Control"] = "no-cache"
    if headers:
        response.headers.update(headers)
    return response


def _message(request: web.Request, status: int, refused: bool = False) -> web.Response:
    from yiting.publish.pages import render_message

    lang = request.app[LANG_KEY]
    if refused:
        return _page(render_message(t("pub.refused", lang), f"{status}", lang), status)
    return _page(render_message(t("pub.not_found", lang), t("pub.not_found_hint", lang), lang), status)


def _safe_path(raw_path: str) -> str | None:
    """The decoded path if it is safe to map onto the site folder, else None."""
    path = raw_path.split("?", 1)[0].split("#", 1)[0]
    if len(path) > MAX_PATH or _ENCODED_BAD.search(path):
        return None
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    if not decoded.startswith("/") or "\\" in decoded or "\x00" in decoded or "%" in decoded:
        return None
    if any(part in ("..", ".") for part in decoded.split("/")):
        return None
    return decoded


async def handle(request: web.Request) -> web.StreamResponse:
    if request.method not in ("GET", "HEAD"):
        response = _message(request, 405, refused=True)
        response.headers["Allow"] = "GET, HEAD"
        return response
    if request.body_exists or (request.content_length or 0) > 0:
        return _message(request, 413, refused=True)
    if sum(len(name) + len(value) + 4 for name, value in request.raw_headers) > MAX_HEADER_BYTES:
        return _message(request, 431, refused=True)
    if len(request.raw_path) > MAX_PATH:
        return _message(request, 414, refused=True)
    path = _safe_path(request.raw_path)
    if path is None:
        return _message(request, 400, refused=True)
    if path in _INDEX:
        return await _index(request)
    if path == "/favicon.ico" and not (request.app[SITE_KEY] / "favicon.ico").is_file():
        return web.FileResponse(FAVICON, headers={**SECURITY_HEADERS, "Cache-Control": "max-age=86400",
                                                  "Content-Type": CONTENT_TYPES[".ico"]})
    live = _LIVE.match(path)
    if live:
        return await _live(request, int(live.group(1)))
    events = _EVENTS.match(path)
    if events:
        return await _events(request, int(events.group(1)))
    minutes = _MINUTES.match(path)
    if minutes and not (request.app[SITE_KEY] / "m" / minutes.group(1) / "index.html").is_file():
        return await _before_minutes(request, int(minutes.group(1)))
    parts = [p for p in path.split("/") if p]
    if any(p.startswith(".") for p in parts):
        return _message(request, 404)
    root: Path = request.app[SITE_KEY]
    target = root.joinpath(*parts) if parts else root
    try:
        resolved = target.resolve()
        if not resolved.is_relative_to(root):
            return _message(request, 404)
        if resolved.is_dir():
            if not path.endswith("/"):
                raise web.HTTPMovedPermanently(path + "/", headers=SECURITY_HEADERS)
            resolved = resolved / "index.html"
        elif path.endswith("/"):  # `index.html/` is no folder (and its relative links would break)
            return _message(request, 404)
        if not resolved.is_file() or resolved.suffix not in CONTENT_TYPES:
            return _message(request, 404)
    except OSError:
        return _message(request, 404)
    response = web.FileResponse(resolved, headers={**SECURITY_HEADERS, "Cache-Control": "no-cache",
                                                   "Content-Type": CONTENT_TYPES[resolved.suffix]})
    return response


async def _index(request: web.Request) -> web.Response:
    reader: _Reader = request.app[READER_KEY]
    body = await reader.index_page(request.app[LANG_KEY])
    return _page(body)


async def _before_minutes(request: web.Request, meeting_id: int) -> web.Response:
    """The minutes' address before they are published (the QR code the console shows during
    the meeting): the live page, which links the minutes once they are out."""
    reader: _Reader = request.app[READER_KEY]
    try:
        view = await reader.live_view(meeting_id, request.app[LANG_KEY])
    except Exception:  # noqa: BLE001 - no database: the plain not-found page
        view = None
    if view is None:
        return _message(request, 404)
    raise web.HTTPFound(f"/m/{meeting_id}/live", headers=SECURITY_HEADERS)


async def _live(request: web.Request, meeting_id: int) -> web.Response:
    from yiting.publish.pages import render_live

    lang = request.app[LANG_KEY]
    reader: _Reader = request.app[READER_KEY]
    try:
        view = await reader.live_view(meeting_id, lang)
    except Exception:  # noqa: BLE001 - no database, or one being rebuilt: a plain page, not a 500
        view = None
    if view is None:
        return _message(request, 404)
    from yiting.publish.pages import LIVE_CSP

    refresh = LIVE_REFRESH_SECONDS if view["open"] or not view["has_minutes"] else 0
    # The reader hands every phone the same view object for CACHE_SECONDS: render it once, not
    # once per phone (300 phones polling cost the loop a template render each otherwise).
    pages: dict = request.app[PAGES_KEY]
    key = (meeting_id, lang)
    cached = pages.get(key)
    if cached is not None and cached[0] is view:
        body = cached[1]
    else:
        body = render_live(view, lang, refresh)
        if len(pages) > 1000:
            pages.clear()
        pages[key] = (view, body)
    return _page(body, headers={"Content-Security-Policy": LIVE_CSP + "; frame-ancestors 'none'"})


async def _events(request: web.Request, meeting_id: int) -> web.StreamResponse:
    """Server-sent events for the live page: the state box's HTML (escaped), when it changes."""
    import json

    from yiting.publish.pages import render_live_state

    lang = request.app[LANG_KEY]
    reader: _Reader = request.app[READER_KEY]
    streams = request.app[STREAMS_KEY]
    if streams["count"] >= MAX_EVENT_STREAMS:
        return _message(request, 503, refused=True)
    try:
        view = await reader.live_view(meeting_id, lang)
    except Exception:  # noqa: BLE001
        view = None
    if view is None:
        return _message(request, 404)
    response = web.StreamResponse(headers={**SECURITY_HEADERS, "Content-Type": "text/event-stream; charset=utf-8",
                                           "Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
    streams["count"] += 1
    try:
        await response.prepare(request)
        await response.write(b"retry: 3000\n\n")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + EVENT_STREAM_SECONDS
        last_key, last_sent = None, loop.time()
        while view is not None and loop.time() < deadline:
            # aiohttp does not cancel a handler whose phone went away: look, so that its slot
            # (MAX_EVENT_STREAMS) is freed now, not when the next keep-alive write fails.
            if request.transport is None or request.transport.is_closing():
                break
            key = {k: v for k, v in view.items() if k != "now"}
            if key != last_key:
                # Done once the meeting ended and its minutes are linked (the console publishes
                # them a moment after closing): phones watching get the link through this stream.
                done = not view["open"] and view["has_minutes"]
                data = json.dumps({"html": render_live_state(view, lang), "done": done}, ensure_ascii=False)
                await response.write(f"data: {data}\n\n".encode())
                last_key, last_sent = key, loop.time()
                if done:
                    break
            elif loop.time() - last_sent > EVENT_KEEPALIVE_SECONDS:
                await response.write(b": keep-alive\n\n")
                last_sent = loop.time()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(streams["closing"].wait(), EVENT_POLL_SECONDS)
            if streams["closing"].is_set():
                break
            try:
                view = await reader.live_view(meeting_id, lang)
            except Exception:  # noqa: BLE001, S112 - the database is being replaced: try again shortly
                continue
    except (ConnectionResetError, ConnectionError):
        pass  # the phone went away
    finally:
        streams["count"] -= 1
    return response


async def _no_continue(_request: web.Request) -> None:
    """`Expect: 100-continue` gets no "100 Continue": nothing here takes a body, so none is invited
    (the request is then refused, 405 or 413, before a byte of it is sent)."""


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
    app[DB_KEY] = db_path
    app[LANG_KEY] = lang
    reader = _Reader(db_path, app[SITE_KEY])
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
    app.router.add_route("*", "/{tail:.*}", handle, expect_handler=_no_continue)
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
    Path(site_dir).mkdir(parents=True, exist_ok=True)
    raise_open_file_limit()
    runner = web.AppRunner(build_app(site_dir, db_path, lang), access_log=None, max_line_size=2048,
                           max_field_size=4096, max_headers=64, keepalive_timeout=KEEPALIVE_SECONDS,
                           shutdown_timeout=2)
    await runner.setup()
    # aiohttp has no public way to reach its own error answers; this one is tested byte for byte
    # (tests/publish/test_server.py). An aiohttp whose internals moved keeps its own factory:
    # its malformed-request 400s then lack the headers, and every page still has them.
    make_request = getattr(runner.app, "_make_request", None)
    if make_request is not None and "_cls" in inspect.signature(make_request).parameters:
        runner.server.request_factory = functools.partial(make_request, _cls=_Request)
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
