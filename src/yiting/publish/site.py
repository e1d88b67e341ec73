"""The static site: one folder per meeting, versioned, and an index of all of them.

    <site>/index.html                   all published meetings, newest first
    <site>/m/<id>/index.html            the latest minutes (the stable address the QR code names)
    <site>/m/<id>/minutes.md|json|csv   the same minutes as text, open data and a spreadsheet
    <site>/m/<id>/qr.png                the QR code of the stable address
    <site>/m/<id>/notice.png, .pdf      the printable A4 notice, as a picture and as a PDF page
    <site>/m/<id>/versions.json         every version: number, time, SHA-256 of minutes.json, log head
    <site>/m/<id>/v<N>/                 version N as it was published (page, md, json, csv)

A version's SHA-256 is that of its `minutes.json` file, byte for byte (`sha256sum` gives it);
`minutes.json` leaves out the log head so that unchanged minutes hash the same after other
meetings were recorded; the log head at publishing time sits beside it in versions.json and on
the page. Publishing unchanged content makes no new version, but writes again any of these
files that is missing. The record itself is never written here: marking a meeting published is
the desk's job (the CLI does it).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from yiting.errors import InvalidInput, YitingError
from yiting.i18n import t
from yiting.publish.formats import to_csv, to_json, to_markdown
from yiting.publish.objections import phase, with_period_state
from yiting.publish.pages import render_index, render_minutes
from yiting.publish.privacy import public_record
from yiting.publish.qr import qr_png
from yiting.publish.record import meeting_record
from yiting.store import queries
from yiting.store.database import Database

VERSIONS = "versions.json"
PAGE_FILES = ("index.html", "minutes.json", "minutes.md", "minutes.csv")  # in the folder and in each v<N>/
NOTICE_FILES = ("notice.png", "notice.pdf")
PUBLISHABLE = ("open", "closed", "published")
FILE_MODE = 0o644  # readable by a web server other than `yiting serve`


@dataclass
class Published:
    """What one publish of one meeting did."""

    meeting_id: int
    title: str
    status: str
    version: int
    changed: bool
    url: str
    folder: Path
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)


def check_base_url(base_url: str) -> str:
    url = (base_url or "").strip()
    if not url.startswith(("http://", "https://")) or len(url) > 200 or any(c.isspace() for c in url):
        raise InvalidInput("publish.bad_base_url", url=base_url)
    return url.rstrip("/")


def meeting_url(base_url: str, meeting_id: Any) -> str:
    """The stable address of a meeting's minutes: `<base-url>/m/<id>/`."""
    return f"{check_base_url(base_url)}/m/{int(meeting_id)}/"


def write_atomic(path: Path, data: bytes | str, *, mkdir: bool = True) -> None:
    """Write a file so that a reader (the LAN server) never sees it half written: a hidden
    temporary file beside it (the server does not serve those), then a rename."""
    if mkdir:
        path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.parent / f".tmp-{os.urandom(6).hex()}"
    handle = open(tmp, "xb")  # noqa: SIM115 - "x": never someone else's file, so ours to remove below
    try:
        with handle:
            handle.write(raw)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def load_versions(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / VERSIONS).read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("versions"), list):
            return data
    except (OSError, ValueError):
        pass
    return {"versions": []}


def _display_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def publish_meeting(db: Database, meeting_id: Any, site: Path, *, base_url: str, lang: str = "zh",
                    now: datetime | None = None, index: bool = True) -> Published:
    """Write (or refresh) a meeting's pages under `site`; returns what was done.

    Refuses a draft meeting. Writes a new version only when the minutes changed.
    """
    import time

    started = time.perf_counter()
    _refuse_rewritten_log(db, Path(site), meeting_id)
    today = (now or datetime.now().astimezone()).date()
    source = _source(db, meeting_id, lang, base_url, today)
    if source is not None:
        skipped = _unchanged(db, source, Path(site), lang, index)
        if skipped is not None:
            skipped.seconds = time.perf_counter() - started
            return skipped
    record = meeting_record(db, meeting_id, lang)
    if record["status"] not in PUBLISHABLE:
        raise YitingError("publish.draft", title=record["title"])
    url = meeting_url(base_url, record["id"])
    site = Path(site)
    folder = site / "m" / str(record["id"])
    status = record["status"]  # as recorded: the public record shows `published` as `closed`
    public = with_period_state(public_record(record, copy=False), today)
    public.pop("log_head")  # beside the minutes, in the version and its checkpoint
    from yiting.trust.keys import community_key

    key = community_key()
    public["signing_keys"] = _signing_keys(db, key.fingerprint, now)
    new_key = len(public["signing_keys"]) > 1 and public["signing_keys"][-1]["fingerprint"] != _last_signer(db)
    content = to_json(public)
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    state = load_versions(folder)
    versions: list[dict[str, Any]] = state["versions"]
    last = versions[-1] if versions else None
    same_content = last is not None and last.get("sha256") == digest
    changed = not same_content or _missing(folder, PAGE_FILES, version=last["number"])  # lost files are rewritten
    moment = now or datetime.now().astimezone()
    if same_content:
        version = last
    else:
        version = {"number": last["number"] + 1 if last else 1, "time": _display_time(moment),
                   "at": moment.isoformat(timespec="seconds"), "sha256": digest}
        versions.append(version)
    result = Published(record["id"], record["title"], status, version["number"], changed, url, folder)
    if new_key:
        result.warnings.append(t("publish.new_key", lang, fingerprint=key.fingerprint[:16]))
    if changed:  # the pages written are the pages signed: (re)written pages get a new checkpoint
        from yiting.store import checkpoints

        size, head = checkpoints.log_state(db)
        version.update(log_head=head, size=size, key=key.fingerprint)
        version.pop("checkpoint", None)
        with_head = dict(public, log_head=head)
        vdir = folder / f"v{version['number']}"
        vdir.mkdir(parents=True, exist_ok=True)
        markdown = to_markdown(with_head, lang) + _key_change_lines(public, lang) + t("pub.md_link", lang, url=url) + "\n"
        latest_page, version_page = render_minutes(public, lang, version=version, versions=versions)
        files = {"minutes.json": content, "minutes.md": markdown, "minutes.csv": to_csv(public, lang),
                 "index.html": version_page}
        files = {name: text.encode("utf-8") for name, text in files.items()}
        latest = latest_page.encode("utf-8")
        signed = {name: hashlib.sha256(raw).hexdigest() for name, raw in files.items() if name != "minutes.json"}
        signed["latest.html"] = hashlib.sha256(latest).hexdigest()
        note, kept = _sign(db, key, version, record["id"], signed, moment)
        if not kept:
            result.warnings.append(t("publish.checkpoint_not_kept", lang))
        files["checkpoint.txt"] = note.encode("utf-8")
        for name, raw in files.items():
            write_atomic(vdir / name, raw, mkdir=False)
        files["index.html"] = latest
        for name, raw in files.items():
            write_atomic(folder / name, raw, mkdir=False)
    if state.get("url") != url or not (folder / "qr.png").is_file():  # the code of the address, nothing else
        write_atomic(folder / "qr.png", qr_png(url), mkdir=False)
    notice_written = True
    if changed or state.get("url") != url or _missing(folder, NOTICE_FILES):
        from yiting.publish.notice import notice_files

        try:
            for name, raw in notice_files(public, url, lang, version=version).items():
                try:
                    write_atomic(folder / name, raw, mkdir=False)
                except PermissionError:  # Windows: a PDF viewer holds the old notice open
                    notice_written = False
                    result.warnings.append(t("publish.notice_in_use", lang, path=folder / name))
        except YitingError as exc:  # no CJK font: the page matters more than the poster
            notice_written = False
            result.warnings.append(exc.message(lang))
    start = public.get("started_at") or public.get("scheduled_at") or ""
    state.update({
        "format": "yiting.site/1", "id": record["id"], "title": record["title"], "url": url,
        "status": public["status"], "sort": start,
        "when": f"{start[:10]} {start[11:16]}".strip(),
        "where": " · ".join(x for x in (record["community"], record["venue"]) if x),
        "decisions": len(public["decisions"]), "versions": versions,
    })
    if source is not None and notice_written:
        from yiting.trust.keys import key_file_digest

        state["source"] = dict(source, key=key_file_digest())  # the key may have been made just now
    else:  # rebuilt next time
        state.pop("source", None)
    write_atomic(folder / VERSIONS, json.dumps(state, ensure_ascii=False, indent=2) + "\n")
    if index:
        write_index(site, lang)
    result.seconds = time.perf_counter() - started
    return result


def _sign(db: Database, key: Any, version: dict[str, Any], meeting_id: int, files: dict[str, str],
          moment: datetime) -> tuple[str, bool]:
    """Sign a checkpoint of the log for the version being written (its minutes.json and the
    SHA-256 of its other files) and remember it in the database; the version carries the note.
    Returns the note and whether the database could remember it."""
    from yiting.store import checkpoints
    from yiting.trust.checkpoint import ZERO, body, note_hash

    previous = checkpoints.last(db)
    text = body(size=version["size"], head=version["log_head"], prev=previous["hash"] if previous else ZERO,
                time=moment.isoformat(timespec="seconds"), meeting=meeting_id, version=version["number"],
                minutes=version["sha256"], public_key=key.public_key, files=files)
    note = key.sign(text)
    version["checkpoint"] = note
    kept = checkpoints.keep(db, at=moment.isoformat(timespec="seconds"), size=version["size"],
                            head=version["log_head"], hash=note_hash(note), fingerprint=key.fingerprint,
                            meeting_id=meeting_id, version=version["number"], note=note)
    return note, kept


def _signing_keys(db: Database, current: str, now: datetime | None) -> list[dict[str, str]]:
    """The community's signing keys, oldest first, each with the day it was first used: a new
    key after a lost one is in every minutes published after it ("自 … 起使用新的签名密钥")."""
    from yiting.store import checkpoints
    from yiting.trust.checkpoint import SHORT

    keys: list[dict[str, str]] = []
    for row in checkpoints.published(db):
        if not keys or keys[-1]["fingerprint"] != row["fingerprint"][:SHORT]:
            keys.append({"fingerprint": row["fingerprint"][:SHORT], "since": row["at"][:10]})
    if not keys or keys[-1]["fingerprint"] != current[:SHORT]:
        keys.append({"fingerprint": current[:SHORT], "since": (now or datetime.now().astimezone()).date().isoformat()})
    return keys


def _last_signer(db: Database) -> str:
    from yiting.store import checkpoints

    last = checkpoints.last(db)
    return last["fingerprint"][:16] if last else ""


def _key_change_lines(public: dict[str, Any], lang: str) -> str:
    from yiting.publish.pages import key_changes

    lines = [t("pub.key_changed", lang, **change) for change in key_changes(public)]
    return "".join(f"> {line}\n\n" for line in lines)


def _refuse_rewritten_log(db: Database, site: Path, meeting_id: Any) -> None:
    """Refuse to publish over a log that no longer holds a head this database (or this
    meeting's published versions) signed: signing again would launder a rewrite."""
    from yiting.store import checkpoints
    from yiting.trust.checkpoint import short

    gone = checkpoints.gone_heads(db)
    if gone:
        raise YitingError("publish.head_gone", size=gone[0]["size"], head=short(gone[0]["head"]))
    try:
        folder = site / "m" / str(int(meeting_id))
    except (TypeError, ValueError, OverflowError):
        return
    for version in load_versions(folder)["versions"]:
        size, head = version.get("size"), version.get("log_head")
        if isinstance(size, int) and isinstance(head, str) and checkpoints.hash_at(db, size) != head:
            raise YitingError("publish.head_gone", size=size, head=short(head))


_WORDING = ("record.py", "privacy.py", "wording.py", "pages.py", "formats.py", "notice.py", "objections.py")


@lru_cache(maxsize=1)
def _renderer() -> str:
    """A fingerprint of what turns a record into pages: a new yiting, new templates or new
    wording republish everything."""
    import yiting

    digest = hashlib.sha256(f"{yiting.__version__}/{VERSIONS}".encode())
    here = Path(__file__).parent
    # the templates, the code that words the minutes and the words (a change rewrites the pages)
    messages = sorted((here.parent / "i18n").glob("messages_*.py"))
    for path in [*sorted((here / "templates").glob("*")), *(here / name for name in _WORDING), *messages]:
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _source(db: Database, meeting_id: Any, lang: str, base_url: str, today: Any) -> dict[str, Any] | None:
    """What a meeting's pages were made from: its last logged event (every change to a meeting's
    record is an event carrying its id), the language, the address, the renderer and whether
    its objection period was still open. Read before the record itself, so a change logged in
    between only causes one more rebuild."""
    try:
        mid = int(meeting_id)
        url = meeting_url(base_url, mid)
    except (TypeError, ValueError, OverflowError, YitingError):
        return None
    from yiting.store import checkpoints

    # The hash of the meeting's last event names all of its history (a rewrite of the log changes
    # it, where a count of events would not). Marking a meeting published (what `yiting publish`
    # does after writing it) changes nothing the minutes show: that event is left out, or every
    # publish would be followed by a rebuild. The signing key's history is in the minutes too.
    # The objection period's state (open, closed) moves with the day.
    from yiting.trust.keys import key_file_digest

    row = queries.row(db, "meetings", mid)
    period = phase(db, row, today) if row is not None else ""
    return {"id": mid, "last": checkpoints.meeting_last_hash(db, mid), "key": key_file_digest(), "lang": lang,
            "url": url, "renderer": _renderer(), "objection_period": period}


def _unchanged(db: Database, source: dict[str, Any], site: Path, lang: str, index: bool) -> Published | None:
    """The result of publishing a meeting whose pages are already up to date, without reading
    its record or writing anything; None when it must be (re)published. Keeps `publish --all`
    after one change in proportion to that change, not to the archive."""
    row = queries.row(db, "meetings", source["id"])
    if row is None or row["status"] not in PUBLISHABLE:
        return None
    folder = site / "m" / str(row["id"])
    state = load_versions(folder)
    if state.get("source") != source or not state["versions"]:
        return None
    if (_missing(folder, PAGE_FILES, version=state["versions"][-1].get("number"))
            or _missing(folder, ("qr.png", *NOTICE_FILES))):
        return None  # a file was deleted, or the notice could not be drawn before (no font then)
    if index and not (site / "index.html").is_file():
        write_index(site, lang)
    return Published(row["id"], row["title"], row["status"], state["versions"][-1]["number"], False, source["url"],
                     folder)


def _missing(folder: Path, names: tuple[str, ...], *, version: Any = None) -> bool:
    """Whether any of `names` is missing from a meeting's folder (or from version `version`'s)."""
    folders = [folder, folder / f"v{version}"] if version is not None else [folder]
    return any(not (f / name).is_file() for f in folders for name in names)


def site_entries(site: Path) -> list[dict[str, Any]]:
    """The meetings published under `site`, newest first."""
    entries = []
    for path in (Path(site) / "m").glob(f"*/{VERSIONS}"):
        state = load_versions(path.parent)
        if state.get("versions") and "id" in state:
            entries.append(state)
    entries.sort(key=lambda e: (e.get("sort") or "", e["id"]), reverse=True)
    return entries


def write_index(site: Path, lang: str = "zh") -> None:
    """The site's home page: every published meeting, newest first (and the icon it links)."""
    from yiting.publish import FAVICON

    board = (Path(site) / "duties" / "index.html").is_file()
    write_atomic(Path(site) / "index.html", render_index(site_entries(site), lang, board=board))
    if not (Path(site) / "favicon.ico").is_file():
        write_atomic(Path(site) / "favicon.ico", FAVICON.read_bytes())


def publishable_ids(db: Database, include_open: bool = False) -> list[int]:
    """The meetings `publish --all` writes: closed and published ones (and open ones if asked)."""
    from yiting.store import queries

    wanted = ("closed", "published", "open") if include_open else ("closed", "published")
    return [m["id"] for m in queries.meetings(db) if m["status"] in wanted]
