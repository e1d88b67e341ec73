"""The LAN server's live pages: the site's home page (meetings in progress and published minutes),
an open meeting's live page and its event stream, and the address of minutes not yet
published. An ended meeting's live page shows its final votes and decisions and, once its
minutes are published, links them; its event stream stays open until then, so phones already
on it get the link.

Reads of the database run on one worker thread with its own read-only connection (`LiveReader`),
so the loop, and the console on it, never waits on SQLite.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any

from aiohttp import web

from yiting.i18n import t
from yiting.publish.server_guard import LANG_KEY, SECURITY_HEADERS, message, page

LIVE_REFRESH_SECONDS = 5
EVENT_POLL_SECONDS = 1.0
EVENT_KEEPALIVE_SECONDS = 15.0
EVENT_STREAM_SECONDS = 600.0  # then the browser's EventSource reconnects by itself
MAX_EVENT_STREAMS = 200
CACHE_SECONDS = 0.5

READER_KEY = web.AppKey("reader", object)
STREAMS_KEY = web.AppKey("streams", dict)
PAGES_KEY = web.AppKey("pages", dict)


class LiveReader:
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
                db.close()
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
        board = bool(self.site) and (self.site / "duties" / "index.html").is_file()
        return render_index(site_entries(self.site) if self.site else [], lang, live=live, board=board)

    def close(self) -> None:
        def _close() -> None:
            db = getattr(self._local, "db", None)
            if db is not None:
                db.close()
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


async def index(request: web.Request) -> web.Response:
    reader: LiveReader = request.app[READER_KEY]
    body = await reader.index_page(request.app[LANG_KEY])
    return page(body)


async def before_minutes(request: web.Request, meeting_id: int) -> web.Response:
    """The minutes' address before they are published (the QR code the console shows during
    the meeting): the live page, which links the minutes once they are out."""
    reader: LiveReader = request.app[READER_KEY]
    try:
        view = await reader.live_view(meeting_id, request.app[LANG_KEY])
    except Exception:  # noqa: BLE001 - no database: the plain not-found page
        view = None
    if view is None:
        return message(request, 404)
    raise web.HTTPFound(f"/m/{meeting_id}/live", headers=SECURITY_HEADERS)


async def live(request: web.Request, meeting_id: int) -> web.Response:
    from yiting.publish.pages import render_live

    lang = request.app[LANG_KEY]
    reader: LiveReader = request.app[READER_KEY]
    try:
        view = await reader.live_view(meeting_id, lang)
    except Exception:  # noqa: BLE001 - no database, or one being rebuilt: a plain page, not a 500
        view = None
    if view is None:
        return message(request, 404)
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
    return page(body, headers={"Content-Security-Policy": LIVE_CSP + "; frame-ancestors 'none'"})


async def events(request: web.Request, meeting_id: int) -> web.StreamResponse:
    """Server-sent events for the live page: the state box's HTML (escaped), when it changes."""
    import json

    from yiting.publish.pages import render_live_state

    lang = request.app[LANG_KEY]
    reader: LiveReader = request.app[READER_KEY]
    streams = request.app[STREAMS_KEY]
    if streams["count"] >= MAX_EVENT_STREAMS:
        return message(request, 503, refused=True)
    try:
        view = await reader.live_view(meeting_id, lang)
    except Exception:  # noqa: BLE001
        view = None
    if view is None:
        return message(request, 404)
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
