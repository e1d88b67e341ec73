"""The LAN server's request guard: what every request must pass, and the headers every answer
carries.

Refused: any method but GET and HEAD (405), a request with a body (413), an over-long address
or header (414/400), headers over 8 KB in all (431), a path with `..`, a backslash, NUL or an
encoded dot, slash or percent (400). Every answer, aiohttp's own 400s included, carries
SECURITY_HEADERS (`GuardedRequest`).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from aiohttp import web

from yiting.i18n import t
from yiting.publish.aiohttp_compat import HookedRequest

MAX_PATH = 512
MAX_HEADER_BYTES = 8192  # all header lines together (one line is capped at 4 KB by the parser)
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
                               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
_ENCODED_BAD = re.compile(r"%(2e|2f|5c|25|00)", re.IGNORECASE)

SITE_KEY = web.AppKey("site", Path)
LANG_KEY = web.AppKey("lang", str)


class GuardedRequest(HookedRequest):
    """Every answer gets SECURITY_HEADERS here, aiohttp's own too: the 400 it sends for a request
    it cannot parse passes no middleware and no `on_response_prepare` (aiohttp issue #6463), but
    is prepared through this hook like any other (`yiting.publish.aiohttp_compat`)."""

    async def on_prepare(self, response: web.StreamResponse) -> None:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)  # a page's own (the live CSP) stays


def refusal(request: web.Request) -> web.Response | None:
    """The answer to a request refused before its path is looked at, or None."""
    if request.method not in ("GET", "HEAD"):
        response = message(request, 405, refused=True)
        response.headers["Allow"] = "GET, HEAD"
        return response
    if request.body_exists or (request.content_length or 0) > 0:
        return message(request, 413, refused=True)
    if sum(len(name) + len(value) + 4 for name, value in request.raw_headers) > MAX_HEADER_BYTES:
        return message(request, 431, refused=True)
    if len(request.raw_path) > MAX_PATH:
        return message(request, 414, refused=True)
    return None


def safe_path(raw_path: str) -> str | None:
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


def page(body: str, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    response = web.Response(text=body, status=status, content_type="text/html", charset="utf-8")
    response.headers.update(SECURITY_HEADERS)
    response.headers["Cache-Control"] = "no-cache"
    if headers:
        response.headers.update(headers)
    return response


def message(request: web.Request, status: int, refused: bool = False) -> web.Response:
    from yiting.publish.pages import render_message

    lang = request.app[LANG_KEY]
    if refused:
        return page(render_message(t("pub.refused", lang), f"{status}", lang), status)
    return page(render_message(t("pub.not_found", lang), t("pub.not_found_hint", lang), lang), status)


async def no_continue(_request: web.Request) -> None:
    """`Expect: 100-continue` gets no "100 Continue": nothing here takes a body, so none is invited
    (the request is then refused, 405 or 413, before a byte of it is sent)."""
