"""Check published minutes as anyone can, with no database: the site's files (a folder or a web
address), the checkpoint each version carries, its signature, and that the files are the ones
it signed. `yiting check-minutes` prints what this finds; `yiting verify --site` takes the
checkpoints it proved and compares their heads with the log.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yiting.errors import YitingError
from yiting.trust.checkpoint import Checkpoint, CheckpointError, verify

MAX_BYTES = 20_000_000  # one file of a site; minutes are far smaller
TIMEOUT = 15
VERSION_FILES = ("index.html", "minutes.md", "minutes.csv")  # signed by SHA-256, besides minutes.json


class Site:
    """A published site or one meeting's folder, on disk or on the web."""

    def __init__(self, location: str) -> None:
        self.location = location
        self.web = location.startswith(("http://", "https://"))
        self.root = location.rstrip("/") + "/" if self.web else Path(location).expanduser()

    def read(self, relative: str) -> bytes | None:
        """A file's bytes, or None when there is no such file."""
        if self.web:
            return _fetch(str(self.root) + relative, self.location)
        path = Path(self.root) / relative
        try:
            with open(path, "rb") as handle:
                return handle.read(MAX_BYTES + 1)[:MAX_BYTES]
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return None
        except OSError as exc:
            raise YitingError("cli.site_unreadable", site=self.location, detail=exc.strerror or str(exc)) from exc

    def meetings(self) -> list[str]:
        """The folder of each meeting ("m/3/"), or [""] when the location is one meeting's folder."""
        if not self.web and not Path(self.root).is_dir():
            raise YitingError("cli.site_unreadable", site=self.location, detail="not a folder")
        if self.read("versions.json") is not None:
            return [""]
        if self.web:
            page = (self.read("index.html") or b"").decode("utf-8", "replace")
            ids = sorted({int(m) for m in re.findall(r'href="m/(\d{1,9})/"', page)})
        else:
            ids = sorted(int(p.parent.name) for p in Path(self.root).glob("m/*/versions.json")
                         if p.parent.name.isdigit())
        if not ids:
            raise YitingError("cli.site_unreadable", site=self.location, detail="no published minutes (versions.json)")
        return [f"m/{i}/" for i in ids]


def _fetch(url: str, site: str) -> bytes | None:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310 - http(s) only, checked above
            return response.read(MAX_BYTES + 1)[:MAX_BYTES]
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise YitingError("cli.site_unreadable", site=site, detail=f"HTTP {exc.code}") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise YitingError("cli.site_unreadable", site=site, detail=str(getattr(exc, "reason", exc))) from exc


@dataclass
class Problem:
    key: str  # a message key (check.*)
    params: dict[str, Any] = field(default_factory=dict)
    failure: bool = True  # False: worth saying, not a sign of tampering (a version older than signing)


@dataclass
class MeetingCheck:
    folder: str
    meeting: int | None = None
    title: str = ""
    versions: int = 0
    proven: list[tuple[int, Checkpoint]] = field(default_factory=list)  # (version, its checkpoint), all checks passed
    signed: list[tuple[int, Checkpoint]] = field(default_factory=list)  # validly signed, files or not
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.failure for p in self.problems)

    def fail(self, key: str, **params: Any) -> None:
        self.problems.append(Problem(key, params))


def _sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def check_meeting(site: Site, folder: str, fingerprint: str | None = None) -> MeetingCheck:
    """Every version of one meeting's minutes: signed, hashing to its checkpoint, each extending
    the one before; the latest files at the meeting's address those of the latest version."""
    result = MeetingCheck(folder)
    raw = site.read(folder + "versions.json")
    try:
        state = json.loads(raw.decode("utf-8")) if raw is not None else None
        versions = state["versions"] if isinstance(state, dict) else None
        if not isinstance(versions, list) or not all(isinstance(v, dict) for v in versions):
            raise ValueError
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        result.fail("check.versions_unreadable", folder=folder or ".")
        return result
    result.versions = len(versions)
    result.title = str(state.get("title", ""))
    result.meeting = state.get("id") if isinstance(state.get("id"), int) else None
    before: Checkpoint | None = None
    keys_seen: list[str] = []
    for position, entry in enumerate(versions, start=1):
        number = entry.get("number")
        if number != position:
            result.fail("check.numbering", version=position)
        note = entry.get("checkpoint")
        if note is None:
            result.problems.append(Problem("check.unsigned", {"version": position}, failure=position == len(versions)))
            continue
        try:
            checkpoint = verify(note)
        except CheckpointError as exc:
            result.fail("check.bad_checkpoint", version=position, reason=exc.reason)
            continue
        result.signed.append((position, checkpoint))
        ok = _check_version(site, folder, result, position, entry, checkpoint, fingerprint)
        if before is not None and (checkpoint.size < before.size or checkpoint.time < before.time):
            result.fail("check.not_extending", version=position, size=checkpoint.size, before=before.size)
            ok = False
        if keys_seen and checkpoint.fingerprint != keys_seen[-1]:
            result.problems.append(Problem("check.key_changed", {"version": position,
                                                                 "fingerprint": checkpoint.fingerprint[:16]},
                                           failure=False))
        keys_seen.append(checkpoint.fingerprint)
        before = checkpoint
        if ok:
            result.proven.append((position, checkpoint))
    if versions and versions[-1].get("checkpoint") is not None and before is not None:
        _check_latest(site, folder, result, len(versions), before)
    return result


def _check_version(site: Site, folder: str, result: MeetingCheck, number: int, entry: dict[str, Any],
                   checkpoint: Checkpoint, fingerprint: str | None) -> bool:
    problems = len(result.problems)
    if fingerprint and not checkpoint.fingerprint.startswith(fingerprint):
        result.fail("check.other_key", version=number, fingerprint=checkpoint.fingerprint[:16])
    claims = {"sha256": checkpoint.minutes, "log_head": checkpoint.head, "size": checkpoint.size,
              "key": checkpoint.fingerprint}
    for name, value in claims.items():
        if entry.get(name) != value:
            result.fail("check.versions_differ", version=number, field=name)
    if result.meeting is not None and checkpoint.meeting != result.meeting or checkpoint.version != number:
        result.fail("check.wrong_meeting", version=number)
    vdir = f"{folder}v{number}/"
    minutes = site.read(vdir + "minutes.json")
    if minutes is None:
        result.fail("check.file_missing", version=number, file="minutes.json")
    elif _sha(minutes) != checkpoint.minutes:
        result.fail("check.file_changed", version=number, file=f"v{number}/minutes.json")
    else:
        _check_keys_recorded(result, number, minutes, checkpoint)
    for name in VERSION_FILES:
        if name not in checkpoint.files:
            continue
        raw = site.read(vdir + name)
        if raw is None:
            result.fail("check.file_missing", version=number, file=f"v{number}/{name}")
        elif _sha(raw) != checkpoint.files[name]:
            result.fail("check.file_changed", version=number, file=f"v{number}/{name}")
    return len(result.problems) == problems


def _check_keys_recorded(result: MeetingCheck, number: int, minutes: bytes, checkpoint: Checkpoint) -> None:
    """The key that signed a version is the one its minutes name as in use (a new key is a
    visible event in the minutes, not a quiet swap)."""
    try:
        keys = json.loads(minutes.decode("utf-8")).get("signing_keys") or []
        current = keys[-1]["fingerprint"]
    except (ValueError, AttributeError, KeyError, IndexError, TypeError, UnicodeDecodeError):
        return  # minutes from before signing: nothing to compare
    if not checkpoint.fingerprint.startswith(str(current)):
        result.fail("check.key_unrecorded", version=number, fingerprint=checkpoint.fingerprint[:16])


def _check_latest(site: Site, folder: str, result: MeetingCheck, number: int, checkpoint: Checkpoint) -> None:
    """The files at the meeting's stable address are those of its latest version."""
    wanted = {"minutes.json": checkpoint.minutes, "index.html": checkpoint.files.get("latest.html")}
    wanted.update({name: checkpoint.files.get(name) for name in ("minutes.md", "minutes.csv")})
    for name, digest in wanted.items():
        if digest is None:
            continue
        raw = site.read(folder + name)
        if raw is None:
            result.fail("check.file_missing", version=number, file=name)
        elif _sha(raw) != digest:
            result.fail("check.file_changed", version=number, file=name)
