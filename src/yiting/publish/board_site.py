"""Tracking in public (全程查事) on the site: the duty board, a page per matter, the list of
matters and the figures, written beside the minutes and kept up to date.

    <site>/duties/index.html, duties/page/<N>/   the duty board (履职清单): overdue first, then
                                                 open by due date, PER_PAGE duties a page (≤ 30 KB)
    <site>/duties/done/<K>/                      duties done, newest first, with their evaluation;
                                                 chunk K counted from the earliest done
    <site>/duties/qr.png, notice.png, notice.pdf the board's QR code and printable A4 notice
    <site>/matters/index.html, matters/page/<N>/ every matter, newest first
    <site>/matters/<id>/index.html               one matter's whole path
    <site>/figures/index.html                    the figures, charts in inline SVG
    <site>/duties/board.json                     the log position, page keys and ids (no names)

Publishing again rewrites only what changed: the events logged since the last publish name the
rows that changed (`touched`), and `store.board.affected` the duties and matters that show them;
a board page is also made anew when its duties moved. One duty followed up rewrites a page or
two, that matter's page, the figures and the notice, not the archive.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from yiting.domain.matters import duty_order
from yiting.i18n import t
from yiting.publish.board import (
    PER_PAGE,
    People,
    board_rows,
    done_path,
    matter_list_view,
    matter_view,
    page_count,
    page_path,
    render_board_page,
    render_figures,
    render_matter,
    render_matters_page,
)
from yiting.publish.site import check_base_url, write_atomic
from yiting.store import board as reads
from yiting.store import matters as duty_reads
from yiting.store.database import Database

STATE_FILE = "board.json"
# Past this many events since the last publish, reading them costs more than drawing everything.
MAX_EVENTS_READ = 50_000
FORMAT = "yiting.board/1"


@dataclass
class BoardPublished:
    """What one publish of the board did: files written, matter pages made, seconds."""

    pages: int = 0
    matters: int = 0
    files: int = 0
    seconds: float = 0.0
    url: str = ""
    folder: Path = Path()
    warnings: list[str] = field(default_factory=list)


def board_url(base_url: str) -> str:
    return f"{check_base_url(base_url)}/duties/"


# -- publishing ----------------------------------------------------------------------------------

_WORDING = ("board.py", "board_site.py", "charts.py", "figures.py", "matters_wording.py", "privacy.py", "notice.py")
_TEMPLATES = ("base.html", "duties.html", "matters.html", "matter.html", "figures.html")


@lru_cache(maxsize=1)
def _renderer() -> str:
    """What turns rows into pages: a new yiting, template or wording makes every page anew."""
    import yiting

    here = Path(__file__).parent
    digest = hashlib.sha256(f"{yiting.__version__}/{FORMAT}/{PER_PAGE}".encode())
    paths = [*(here / "templates" / n for n in _TEMPLATES), *(here / n for n in _WORDING),
             *sorted((here.parent / "i18n").glob("messages_*.py"))]
    for path in paths:
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _fingerprint(*values: Any) -> str:
    return hashlib.sha256(json.dumps(values, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()[:20]


def touched(changes: list[dict[str, Any]]) -> dict[str, set[int]]:
    """What logged row changes touch, by kind (actions, matters, items, proposals, meetings):
    read from each row's images before and after. A meeting marked published (closed →
    published) touches nothing the public pages show."""
    out: dict[str, set[int]] = {k: set() for k in ("actions", "matters", "duty_matters", "items", "proposals",
                                                     "meetings")}
    for change in changes:
        table, rows = change.get("t"), [r for r in (change.get("before"), change.get("after")) if r]
        for r in rows:
            if table == "actions":
                out["actions"].add(r["id"])
                if r.get("matter_id"):
                    out["duty_matters"].add(r["matter_id"])  # also the matter a duty left
            elif table in ("duty_notes", "evaluations"):
                out["actions"].add(r["action_id"])
            elif table == "matters":
                out["matters"].add(r["id"])
            elif table == "matter_raisers":
                out["matters"].add(r["matter_id"])
            elif table == "agenda_items":
                out["items"].add(r["id"])
            elif table in ("proposals",):
                out["items"].add(r["item_id"])
            elif table in ("votes",):
                out["proposals"].add(r["proposal_id"])
            elif table == "decisions" and r.get("item_id"):
                out["items"].add(r["item_id"])
            elif table == "participants":
                out["meetings"].add(r["meeting_id"])
        if table == "meetings" and rows and _shown_change(change.get("before"), change.get("after")):
            out["meetings"].add(rows[0]["id"])
    return out


def _shown_change(before: dict[str, Any] | None, after: dict[str, Any] | None) -> bool:
    if not before or not after:
        return True
    differs = {k for k in after if before.get(k) != after.get(k)}
    public = {"closed", "published"}
    if differs == {"status"} and {before["status"], after["status"]} <= public:
        return False
    return bool(differs - {"current_item_id"})


def publish_board(db: Database, site: Path, *, base_url: str, lang: str = "zh", today: str | None = None,
                  notice: bool = True) -> BoardPublished:
    """Write (or bring up to date) the duty board, the matter pages, the list of matters and
    the figures under `site`. Only pages whose content changed are written: the events logged
    since the last publish say which duties and matters changed."""
    from datetime import date

    started = time.perf_counter()
    today = today or date.today().isoformat()
    site = Path(site)
    url = board_url(base_url)
    folder = site / "duties"
    result = BoardPublished(url=url, folder=folder)
    state = _load_state(folder / STATE_FILE)
    consent = reads.consent_digest(db)
    seq, head = reads.log_position(db)
    full = (state.get("format") != FORMAT or state.get("renderer") != _renderer() or state.get("lang") != lang
            or state.get("url") != url or state.get("consent") != consent
            or not isinstance(state.get("seq"), int) or state["seq"] > seq
            or seq - state["seq"] > MAX_EVENTS_READ
            or (state["seq"] and reads.event_hash(db, state["seq"]) != state.get("hash")))
    dirty_duties: set[int] = set()
    dirty_matters: set[int] = set()
    if not full:
        dirty_duties, dirty_matters = reads.affected(db, **touched(reads.changes_since(db, state["seq"])))
        if state.get("today") != today:
            dirty_matters |= reads.matters_due_between(db, state["today"], today)
    meetings = reads.published_meetings(db)
    new_day = state.get("today") != today
    if (not full and not dirty_duties and not dirty_matters and not new_day
            and set(meetings) == set(state.get("meetings", [])) and (folder / "index.html").is_file()):
        # nothing the board shows changed (a speech, a vote of a meeting without duties …)
        write_atomic(folder / STATE_FILE, json.dumps({**state, "seq": seq, "hash": head}, ensure_ascii=False) + "\n")
        result.seconds = time.perf_counter() - started
        return result
    old_pages: dict[str, Any] = {} if full else state.get("pages", {})
    new_pages: dict[str, Any] = {}
    people = People(db)

    def write(rel: str, make: Any, key: str, stale: bool = False) -> None:
        target = site / rel / "index.html"
        new_pages[rel] = key
        if not stale and old_pages.get(rel) == key and target.is_file():
            return
        write_atomic(target, make())
        result.files += 1
        result.pages += 1

    # the board: overdue and open duties in the domain's order, page after page; then the done
    # duties in chunks counted from the earliest done, newest chunk first, each at an address of
    # its own. A page is made anew when its duties changed or moved, or (a new day) may read
    # differently; one more duty done rewrites the pages it left and the newest chunk.
    keys = reads.duty_keys(db)
    waiting = duty_order([d for d in keys if d["status"] != "done"], today)
    done = sorted((d for d in keys if d["status"] == "done"), key=lambda d: (d["done_at"] or "", d["id"]))
    counts = duty_reads.duty_counts(db, today)
    open_pages = page_count(len(waiting))
    chunks = -(-len(done) // PER_PAGE)
    rels = [page_path("duties", n) for n in range(1, open_pages + 1)] + [done_path(k) for k in range(chunks, 0, -1)]
    for index, rel in enumerate(rels):
        if index < open_pages:
            chunk = waiting[index * PER_PAGE:(index + 1) * PER_PAGE]
            label = t("board.page", lang, page=index + 1, pages=open_pages) if open_pages > 1 else ""
        else:
            k = chunks - (index - open_pages)
            chunk = done[(k - 1) * PER_PAGE:k * PER_PAGE][::-1]
            label = t("board.done_between", lang, first=str(chunk[-1]["done_at"] or "")[:10],
                      last=str(chunk[0]["done_at"] or "")[:10])
        ids = [d["id"] for d in chunk]
        first = index == 0
        links = {"prev": rels[index - 1] if index else "", "next_": rels[index + 1] if index + 1 < len(rels) else "",
                 "done_link": rels[open_pages] if first and chunks else ""}
        stale = any(i in dirty_duties for i in ids) or (new_day and any(d["status"] != "done" and d["due"]
                                                                         for d in chunk))
        write(rel,
              lambda ids=ids, rel=rel, label=label, links=links, first=first: render_board_page(
                  board_rows(db, today, lang, people, ids), rel, today, lang, counts=counts if first else None,
                  label=label, **links),
              _fingerprint(ids, label, links, counts if first else None, today if first else ""), stale)

    # the matters: the list, then the page of each matter that changed
    listed = [matter_list_view(r, lang) for r in reads.matter_index(db)]
    list_pages = page_count(len(listed))
    for number in range(1, list_pages + 1):
        chunk = listed[(number - 1) * PER_PAGE: number * PER_PAGE]
        write(page_path("matters", number),
              lambda chunk=chunk, number=number: render_matters_page(chunk, number, list_pages, lang),
              _fingerprint(chunk, number, list_pages))
    all_matters = reads.matter_ids(db)
    published_before = set(state.get("meetings", [])) if not full else set()
    if set(meetings) != published_before:  # minutes published since: their matters link them now
        dirty_matters |= reads.affected(db, actions=set(), matters=set(), duty_matters=set(), items=set(),
                                        proposals=set(), meetings=set(meetings) ^ published_before)[1]
    for matter_id in all_matters:
        target = site / "matters" / str(matter_id) / "index.html"
        if not full and matter_id not in dirty_matters and target.is_file():
            continue
        path = duty_reads.matter_path(db, matter_id, today)
        if path is None:
            continue
        write_atomic(target, render_matter(matter_view(path, people, meetings, today, lang), lang))
        result.files += 1
        result.matters += 1

    # the figures
    from yiting.publish.figures import as_dict, figures

    numbers = figures(db, today, lang)
    write("figures", lambda: render_figures(numbers, lang), _fingerprint(as_dict(numbers)))

    # the QR code and the notice: when the board's first page or the address changed
    from yiting.publish.qr import qr_png

    if full or not (folder / "qr.png").is_file():
        write_atomic(folder / "qr.png", qr_png(url))
        result.files += 1
    first_waiting = [d["id"] for d in waiting[:NOTICE_ROWS]]
    notice_print = _fingerprint(first_waiting, counts, url, today)
    if notice and (full or state.get("notice") != notice_print or set(first_waiting) & dirty_duties
                   or not (folder / "notice.pdf").is_file() or not (folder / "notice.png").is_file()):
        if not _write_notice(db, folder, first_waiting, counts, url, today, lang, people, result):
            notice_print = ""  # tried again next time

    _remove_stale(site, old_pages if not full else state.get("pages", {}), new_pages,
                  state.get("matter_ids", []), all_matters)
    write_atomic(folder / STATE_FILE, json.dumps({
        "format": FORMAT, "renderer": _renderer(), "lang": lang, "url": url, "today": today, "consent": consent,
        "seq": seq, "hash": head, "notice": notice_print, "pages": new_pages, "meetings": sorted(meetings),
        "matter_ids": all_matters}, ensure_ascii=False) + "\n")
    result.seconds = time.perf_counter() - started
    return result


def _load_state(path: Path) -> dict[str, Any]:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        return state if isinstance(state, dict) else {}
    except (OSError, ValueError):
        return {}


NOTICE_ROWS = 60  # more than an A4 page holds: the notice counts what it leaves out


def _write_notice(db: Database, folder: Path, waiting: list[int], counts: dict[str, int], url: str, today: str,
                  lang: str, people: People, result: BoardPublished) -> bool:
    """The board's A4 notice from its first overdue and open duties (the rest counted)."""
    from yiting.errors import YitingError
    from yiting.publish.board_notice import board_notice_files

    rows = board_rows(db, today, lang, people, waiting)
    try:
        files = board_notice_files(rows, counts, url, today, lang, reads.communities(db))
    except YitingError as exc:  # no CJK font: the pages matter more than the poster
        result.warnings.append(exc.message(lang))
        return False
    for name, raw in files.items():
        try:
            write_atomic(folder / name, raw)
            result.files += 1
        except PermissionError:  # Windows: a PDF viewer holds the old notice open
            result.warnings.append(t("publish.notice_in_use", lang, path=folder / name))
            return False
    return True


def _remove_stale(site: Path, old_pages: dict[str, Any], new_pages: dict[str, Any], old_matters: list[int],
                  matters: list[int]) -> None:
    """Pages of a list that grew shorter (a page beyond the last) are removed; so is the page
    of a matter that is no longer in the record (an undone raise)."""
    for rel in set(old_pages) - set(new_pages):
        (site / rel / "index.html").unlink(missing_ok=True)
    for mid in set(old_matters) - set(matters):
        (site / "matters" / str(mid) / "index.html").unlink(missing_ok=True)
