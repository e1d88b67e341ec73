"""The publishing commands of `yiting` (publish, qr, serve); registered by `yiting.cli`."""

from __future__ import annotations

import errno
import os
import sys
import time
from pathlib import Path
from typing import Any

import click

from yiting.cli_common import Context, friendly
from yiting.i18n import t
from yiting.network import DEFAULT_PORT
from yiting.text_input import shown


def _base_url(given: str | None, port: int = DEFAULT_PORT) -> str:
    """--base-url, else YITING_BASE_URL, else this laptop's address as `yiting serve` offers it."""
    from yiting.network import lan_address
    from yiting.publish.site import check_base_url

    url = given or os.environ.get("YITING_BASE_URL")
    if url:
        return check_base_url(url)
    return f"http://{lan_address()}:{port}"


def _site(out: str | None, db_path: Path | None = None) -> Path:
    from yiting.locations import site_dir
    from yiting.store.db import is_demo

    if out:
        return Path(out).expanduser()
    return site_dir(db_path, demo=db_path is not None and is_demo(db_path))


@click.command()
@click.argument("meeting", required=False)
@click.option("--all", "all_meetings", is_flag=True, help="Publish every closed (or already published) meeting.")
@click.option("--out", "-o", type=click.Path(file_okay=False), help="The site folder (default: site/ in the user's data directory).")
@click.option("--base-url", help="The address phones use, e.g. http://192.168.1.23:8000 (env YITING_BASE_URL; "
                                 "default: this laptop's address on the local network, port 8000).")
@click.pass_obj
@friendly
def publish(obj: Context, meeting: str | None, all_meetings: bool, out: str | None, base_url: str | None) -> None:
    """Publish meetings' minutes as a static site: page, Markdown, JSON, CSV, QR code, A4 notice.

    A person is named only if they agreed or take part in an official capacity (set per person
    on the roster); everyone else is masked (王**). Phone numbers, addresses and employers are
    never published. A changed meeting gets a new version; unchanged content does not.
    A closed meeting is marked as published afterwards.
    """
    from yiting.publish.site import publishable_ids, write_index
    from yiting.publish.site_leftovers import publishing

    if not meeting and not all_meetings:
        raise click.UsageError(t("publish.need_meeting"))
    url = _base_url(base_url)
    explicit = bool(base_url or os.environ.get("YITING_BASE_URL"))
    if not explicit and ("://127." in url or "://localhost" in url):
        click.echo(t("publish.loopback", url=url), err=True)  # no network found: not what phones can open
    site = _site(out, obj.db_path)
    db = obj.database(readonly=True)
    ids = publishable_ids(db) if all_meetings else [meeting]
    if all_meetings:
        _say_skipped(db, ids)
    if not ids:
        click.echo(t("publish.none"))
        return
    started = time.perf_counter()
    with publishing(site):
        results = _publish_each(db, ids, site, url, obj.lang, all_meetings)
        from yiting.publish.board_site import publish_board

        board = publish_board(db, site, base_url=url, lang=obj.lang)
        click.echo(shown(t("publish.board_written", pages=board.pages, matters=board.matters, path=board.folder)))
        for warning in board.warnings:
            click.echo(shown("  ! " + warning), err=True)
        write_index(site, obj.lang)
    db.close()
    closed = [r for r in results if r.status == "closed"]
    if closed:
        desk = obj.desk()
        for result in closed:
            desk.mark_published(result.meeting_id)
        desk.db.close()
        if not all_meetings:
            click.echo(t("publish.marked"))
    if not all_meetings:
        click.echo(t("publish.address", url=results[0].url))
    click.echo(t("publish.timing", seconds=time.perf_counter() - started), err=True)


def _publish_each(db: Any, ids: list, site: Path, url: str, lang: str, all_meetings: bool) -> list:
    from yiting.publish.site import publish_meeting

    results = []
    for number, mid in enumerate(ids, start=1):
        result = publish_meeting(db, mid, site, base_url=url, lang=lang, index=False)
        results.append(result)
        prefix = f"[{number}/{len(ids)}] " if all_meetings else ""
        click.echo(shown(prefix + t("publish.written", title=result.title, path=result.folder, version=result.version,
                              unchanged="" if result.changed else t("publish.unchanged"))))
        for warning in result.warnings:
            click.echo(shown("  ! " + warning), err=True)
    return results


def _say_skipped(db: Any, ids: list[int]) -> None:
    """`publish --all` names each meeting it leaves out, and why."""
    from yiting.store import queries

    for row in queries.meetings(db):
        if row["id"] not in ids:
            why = t(f"publish.skip_{row['status']}") if row["status"] in ("draft", "open") else row["status"]
            click.echo(shown(t("publish.skipped", id=row["id"], title=row["title"], why=why)))


@click.command()
@click.argument("meeting")
@click.option("--out", "-o", type=click.Path(dir_okay=False), help="Write the QR code as a PNG file; without it, draw it in the terminal.")
@click.option("--base-url", help="As for yiting publish (env YITING_BASE_URL; default: this laptop's address, port 8000).")
@click.pass_obj
@friendly
def qr(obj: Context, meeting: str, out: str | None, base_url: str | None) -> None:
    """The QR code of a meeting's minutes (its stable address <base-url>/m/<id>/)."""
    from yiting.publish.qr import write_qr_png
    from yiting.publish.site import meeting_url
    from yiting.store import queries

    db = obj.database(readonly=True)
    row = None
    try:
        row = queries.row(db, "meetings", int(meeting))
    except ValueError:
        pass
    if row is None:
        from yiting.errors import NotFound

        raise NotFound("desk.no_meetings", id=meeting)
    url = meeting_url(_base_url(base_url), row["id"])
    if out:
        write_qr_png(url, out)
        click.echo(t("qr.written", path=out, url=url))
        return
    _print_qr(url)


def _warn_stale(site: Path, served: str) -> None:
    """Say so when the site's QR codes name another address than the one being served."""
    from yiting.publish.site import site_entries

    if served.startswith("http://127."):
        return  # serving on loopback only: a local check, not what phones use
    for entry in site_entries(site):
        old = str(entry.get("url", ""))
        if old and not old.startswith(served.rstrip("/") + "/"):
            click.echo(t("serve.stale_urls", old=old.split("/m/")[0], new=served.rstrip("/")), err=True)
            return


def _print_qr(url: str) -> None:
    from shutil import get_terminal_size

    from yiting.publish.qr import qr_ansi, qr_size

    width, height = qr_size(url)
    size = get_terminal_size((80, 24))
    if sys.stdout.isatty() and (size.columns < width or size.lines < height):
        click.echo(t("qr.too_small", width=width, height=height), err=True)
    click.echo(qr_ansi(url))
    click.echo(url)


@click.command()
@click.option("--host", default="0.0.0.0", show_default=True, help="The address to listen on (0.0.0.0: the whole local network).")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535), help="The port.")
@click.option("--dir", "directory", type=click.Path(file_okay=False), help="The site folder (default: where yiting publish writes).")
@click.pass_obj
@friendly
def serve(obj: Context, host: str, port: int, directory: str | None) -> None:
    """Serve the published minutes on the local network, read-only, with a live page of an
    open meeting at /m/<id>/live; prints the address and its QR code."""
    from yiting.errors import YitingError
    from yiting.network import server_url
    from yiting.publish.server import serve_forever

    site = _site(directory, obj.db_path)
    if not (site / "index.html").is_file():
        click.echo(t("serve.no_site", dir=site), err=True)
    db_path = obj.db_path

    def ready(bound: int) -> None:
        url = server_url(host, bound)
        click.echo(t("serve.listening", url=url, dir=site))
        click.echo(t("serve.scan"))
        _print_qr(url)
        _warn_stale(site, url)
        sys.stdout.flush()

    try:
        serve_forever(site, db_path, host, port, lang=obj.lang, on_ready=ready)
    except OSError as exc:
        if exc.errno not in (errno.EADDRINUSE, errno.EACCES):
            raise
        raise YitingError("serve.port_busy", port=port) from exc
    click.echo(t("serve.stopped"))


commands: list[click.Command] = [publish, qr, serve]
