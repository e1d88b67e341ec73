"""Publishing figures: one meeting against plain writes of the same bytes, the whole archive and
then again after one change, the page weight of the demo minutes, search latency."""

from __future__ import annotations

import re
import shutil
import statistics
import time
from pathlib import Path

from yiting.desk import Desk
from yiting.publish.site import publish_meeting, publishable_ids
from yiting.store.db import connect

BASE_URL = "http://192.168.1.23:8000"


def _files(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def plain_write(files: dict[Path, bytes], target: Path) -> None:
    for rel, data in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)


def publish_one(db_path: Path, meeting_id: int, work: Path, runs: int = 9) -> dict:
    """Median seconds of a first publish of one meeting (page, Markdown, JSON, CSV, QR, notice,
    index) into an empty site, and of writing the same files with plain writes.

    Each run publishes at an address of its own: yiting keeps the QR code of an address it
    encoded (qrcode takes ~3 ms), so the same address would time a re-publish, not a first
    one. `warm` is the median of as many runs at one address, as when the facilitator
    publishes again during a meeting. Loaded fonts and measured glyph widths stay (~0.5 ms)."""
    db = connect(db_path, readonly=True)
    ours, plain, warm = [], [], []
    files: dict[Path, bytes] = {}
    for n in range(runs):
        site = work / f"one-{n}"
        shutil.rmtree(site, ignore_errors=True)
        started = time.perf_counter()
        publish_meeting(db, meeting_id, site, base_url=f"http://192.168.1.{100 + n}:8000")
        ours.append(time.perf_counter() - started)
        files = _files(site)
        copy = work / f"plain-{n}"
        shutil.rmtree(copy, ignore_errors=True)
        started = time.perf_counter()
        plain_write(files, copy)
        plain.append(time.perf_counter() - started)
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(copy, ignore_errors=True)
    for _ in range(runs):
        site = work / "one-warm"
        shutil.rmtree(site, ignore_errors=True)
        started = time.perf_counter()
        publish_meeting(db, meeting_id, site, base_url=BASE_URL)
        warm.append(time.perf_counter() - started)
        shutil.rmtree(site, ignore_errors=True)
    db.conn.close()
    return {"seconds": statistics.median(ours), "plain": statistics.median(plain), "warm": statistics.median(warm),
            "bytes": sum(len(b) for b in files.values()), "files": len(files)}


def publish_all(db_path: Path, site: Path) -> tuple[float, int]:
    """`yiting publish --all` as typed (which also marks closed meetings published);
    (seconds, meetings written)."""
    from click.testing import CliRunner

    from yiting.cli import main

    started = time.perf_counter()
    result = CliRunner().invoke(main, ["--db", str(db_path), "publish", "--all", "--out", str(site),
                                       "--base-url", BASE_URL], catch_exceptions=False)
    seconds = time.perf_counter() - started
    if result.exit_code != 0:
        raise RuntimeError(result.output[-2000:])
    unchanged = sum(1 for line in result.output.splitlines() if "未变" in line or "unchanged" in line)
    total = sum(1 for line in result.output.splitlines() if line.startswith("["))
    return seconds, total - unchanged


def publish_archive(db_path: Path, work: Path, log=print) -> dict:
    """Publish the whole archive, change one meeting (an action followed up), publish again."""
    site = work / "archive-site"
    shutil.rmtree(site, ignore_errors=True)
    full, full_changed = publish_all(db_path, site)
    log(f"  full publish: {full:.1f} s, {full_changed} meetings")
    again, again_changed = publish_all(db_path, site)
    db = connect(db_path)
    action = db.execute("SELECT a.id FROM actions a JOIN meetings m ON m.id = a.meeting_id"
                        " WHERE m.status IN ('closed', 'published') ORDER BY a.id DESC LIMIT 1").fetchone()[0]
    Desk(db, actor="bench", backups=False).update_action(action, notes="复查：已完成并验收")
    db.conn.close()
    incremental, inc_changed = publish_all(db_path, site)
    board = board_figures(db_path, site, log=log)
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    shutil.rmtree(site, ignore_errors=True)
    return {"full": full, "full_changed": full_changed, "unchanged": again, "unchanged_changed": again_changed,
            "incremental": incremental, "incremental_changed": inc_changed, "site_bytes": size, "board": board}


def _weights(site: Path, pattern: str) -> list[int]:
    return [p.stat().st_size for p in site.glob(pattern)]


def board_figures(db_path: Path, site: Path, log=print) -> dict:
    """The duty board, matter pages and figures of the archive's site (published by
    `publish --all` above): the heaviest page of each kind, and `publish --all` again after one
    duty changes — a progress note, then the duty done (which moves it from the open pages to
    the newest chunk of done ones), each against the full publish."""
    from yiting.publish.board_site import publish_board

    board_pages = _weights(site, "duties/index.html") + _weights(site, "duties/*/*/index.html")
    matter_pages = _weights(site, "matters/*/index.html")
    lists = _weights(site, "matters/index.html") + _weights(site, "matters/page/*/index.html")
    figures = _weights(site, "figures/index.html")
    db = connect(db_path)
    duty = db.execute("SELECT id FROM actions WHERE status != 'done' ORDER BY meeting_id IN"
                      " (SELECT id FROM meetings WHERE status IN ('closed', 'published')) DESC, id LIMIT 1").fetchone()[0]
    desk = Desk(db, actor="bench", backups=False)
    desk.add_duty_note(duty, "复查：材料已进场")
    db.conn.close()
    note, _ = publish_all(db_path, site)
    db = connect(db_path)
    Desk(db, actor="bench", backups=False).update_action(duty, status="done")
    db.conn.close()
    done, _ = publish_all(db_path, site)
    db = connect(db_path, readonly=True)
    alone = work = site.parent / "board-alone"  # the board alone, from nothing
    shutil.rmtree(work, ignore_errors=True)
    started = time.perf_counter()
    first = publish_board(db, alone, base_url=BASE_URL)
    board_full = time.perf_counter() - started
    started = time.perf_counter()
    publish_board(db, alone, base_url=BASE_URL)
    board_again = time.perf_counter() - started
    counts = {k: db.execute(f"SELECT COUNT(*) FROM {k}").fetchone()[0] for k in ("matters", "actions", "evaluations")}
    db.conn.close()
    shutil.rmtree(work, ignore_errors=True)
    log(f"  board: {len(board_pages)} pages, heaviest {max(board_pages) / 1024:.1f} KB; {len(matter_pages)} matter pages")
    return {"board_pages": len(board_pages), "board_max": max(board_pages), "matter_pages": len(matter_pages),
            "matter_max": max(matter_pages), "list_pages": len(lists), "list_max": max(lists),
            "figures": max(figures), "after_note": note, "after_done": done, "board_full": board_full,
            "board_unchanged": board_again, "board_files": first.files, "counts": counts}


_EXTERNAL = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""",
                       re.IGNORECASE)
_LOADED = re.compile(r"""<(?:img|script|link|iframe|source|video|audio|embed|object)\b[^>]*?(?:src|href)\s*=\s*["']([^"']+)""",
                     re.IGNORECASE)


def page_weight(db_path: Path, work: Path) -> dict:
    """The demo meetings' minutes pages: bytes of the page and of everything it loads (not the
    links a reader may follow), and any request to another host."""
    site = work / "demo-site"
    shutil.rmtree(site, ignore_errors=True)
    db = connect(db_path, readonly=True)
    pages = {}
    for mid in publishable_ids(db, include_open=True):
        publish_meeting(db, mid, site, base_url=BASE_URL)
        page = site / "m" / str(mid) / "index.html"
        html = page.read_text(encoding="utf-8")
        loaded = 0
        for ref in _LOADED.findall(html):
            if "//" not in ref and not ref.startswith("data:"):
                target = (page.parent / ref.split("?")[0].split("#")[0]).resolve()
                if target.is_file():
                    loaded += target.stat().st_size
        pages[mid] = {"page": len(html.encode("utf-8")), "loaded": loaded,
                      "external": [m.group(0) for m in _EXTERNAL.finditer(html)],
                      "title": db.execute("SELECT title FROM meetings WHERE id = ?", [mid]).fetchone()[0]}
    db.conn.close()
    shutil.rmtree(site, ignore_errors=True)
    return pages


QUERIES = ["假山", "电动车充电桩", "楼道", "灯", "消防通道清理", "物业公司 两周", "适老化", "不存在的词语", "车位重新划线", "noise"]


def search_latency(db_path: Path, runs: int = 5) -> dict:
    """Seconds per query over the archive's index (brought up to date first, timed apart)."""
    from yiting.store import search

    db = connect(db_path)
    started = time.perf_counter()
    behind = search.update(db)
    catch_up = time.perf_counter() - started
    entries = db.execute("SELECT COUNT(*) FROM search_text").fetchone()[0]
    per_query: dict[str, float] = {}
    hits: dict[str, int] = {}
    for query in QUERIES:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            search.update(db)  # what `yiting search` does first: nothing new here
            found = search.search(db, query)
            times.append(time.perf_counter() - started)
        per_query[query] = statistics.median(times)
        hits[query] = len(found)
    db.conn.close()
    return {"catch_up": catch_up, "behind": behind, "entries": entries, "per_query": per_query, "hits": hits,
            "median": statistics.median(per_query.values()), "max": max(per_query.values())}
