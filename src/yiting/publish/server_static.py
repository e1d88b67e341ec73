"""The LAN server's static files: the published site, read-only, under the guard's safe path.

Hidden files and anything outside the site folder are not found (404), a folder without its
trailing slash is redirected to it, and only the kinds of file a site holds are served.
`/favicon.ico` is the package's icon when the site has none of its own.
"""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from yiting.publish import FAVICON  # served when the site has none
from yiting.publish.server_guard import SECURITY_HEADERS, SITE_KEY, message

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


def favicon(request: web.Request) -> web.StreamResponse | None:
    """The package's icon, when the site has no `favicon.ico` of its own."""
    if (request.app[SITE_KEY] / "favicon.ico").is_file():
        return None
    return web.FileResponse(FAVICON, headers={**SECURITY_HEADERS, "Cache-Control": "max-age=86400",
                                              "Content-Type": CONTENT_TYPES[".ico"]})


def static_file(request: web.Request, path: str) -> web.StreamResponse:
    """The site's file at `path` (already decoded and checked by the guard), or a 404 page."""
    parts = [p for p in path.split("/") if p]
    if any(p.startswith(".") for p in parts):
        return message(request, 404)
    root: Path = request.app[SITE_KEY]
    target = root.joinpath(*parts) if parts else root
    try:
        resolved = target.resolve()
        if not resolved.is_relative_to(root):
            return message(request, 404)
        if resolved.is_dir():
            if not path.endswith("/"):
                raise web.HTTPMovedPermanently(path + "/", headers=SECURITY_HEADERS)
            resolved = resolved / "index.html"
        elif path.endswith("/"):  # `index.html/` is no folder (and its relative links would break)
            return message(request, 404)
        if not resolved.is_file() or resolved.suffix not in CONTENT_TYPES:
            return message(request, 404)
    except OSError:
        return message(request, 404)
    return web.FileResponse(resolved, headers={**SECURITY_HEADERS, "Cache-Control": "no-cache",
                                               "Content-Type": CONTENT_TYPES[resolved.suffix]})
