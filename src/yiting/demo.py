"""The shipped presets, and the demo meetings replayed through the meeting desk.

The demo is not a database dump: every script in ``data/demo/`` is replayed, call by call,
through a `Desk` whose clock is simulated, so the demo's event log is a real one (hash chain,
before/after images, realistic times) and `yiting.store.verify` accepts it.

Script format
-------------
A script is a JSON object::

    {"title": "…", "actor": "马佳", "pace": 10, "steps": [step, …]}

``title`` is for people reading the file; ``actor`` (default ``"facilitator"``) is who the
events name; ``pace`` (default 5) is how many seconds pass before a step that gives no time.
Each step is one desk call::

    {"at": "2025-09-12 19:30", "do": "open_meeting", "meeting_id": "$corridor"}
    {"do": "queue_speaker", "item_id": "$rockery", "participant_id": "$zhao", "stance": "pro", "as": "s1"}
    {"do": "end_speech", "after": 95, "speech_id": "$s1", "summary": "假山太危险，赞成拆除。"}

- ``do``: the name of a public `Desk` method; every other key not listed here is passed to it
  as a keyword argument, exactly as the method names it.
- ``at``: set the clock to this time before the call (ISO 8601; without an offset it is
  China time, +08:00). ``after``: let this many seconds pass first (a speech's length, a late
  arrival). Without either the clock moves on by ``pace`` seconds. Time never runs backwards,
  across scripts too: scripts run in file-name order, so name them in the order they happen.
- ``as``: a name for the row the call returns; later steps refer to its id as ``"$name"``
  (names are shared by all scripts of one build). In ``add_participants`` each person, and in
  ``import_units`` each unit, may carry its own ``as``.
- ``by``: who does this step, when not the script's ``actor`` (the note-taker, say).
- ``note``: a remark for the reader; ignored.
- ``"live": true`` at the top of a script moves all its times forward (never back) so that its
  last ``at`` falls 20 minutes before the demo is built: the open meeting is happening now.
  Its ``due`` dates move with it, by whole days.
- ``rules`` given as a string (``"nantang"``) is the rule set of that name in
  ``data/presets.json``.

A speech is three steps: ``queue_speaker`` (``as`` it), ``start_speech`` with that
``speech_id``, ``end_speech`` ``after`` its length. The desk refuses a speaker out of turn, so
a script that breaks the speaking order fails instead of recording the wrong speaker. A step
that the desk refuses stops the build with `ScriptError`, naming the file and step.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from yiting.desk import Desk
from yiting.errors import YitingError
from yiting.locations import demo_db, shipped_data
from yiting.presets import load_presets
from yiting.store import backup, holders
from yiting.store import db as store
from yiting.store.database import Database

CHINA = timezone(timedelta(hours=8))
DEFAULT_PACE = 5
LIVE_LEAD = timedelta(minutes=20)  # a live script's last step, before the demo is built
_RESERVED = {"do", "at", "after", "as", "by", "note"}


class ScriptError(ValueError):
    """A demo script that does not replay: malformed, or a step the desk refused."""


def rule_set(name: str, presets: dict[str, Any] | None = None) -> dict[str, Any]:
    """The `rules` dict of the preset rule set called `name` (KeyError if there is none)."""
    for entry in (presets or load_presets())["rule_sets"]:
        if entry["name"] == name:
            return dict(entry["rules"])
    raise KeyError(name)


class SimClock:
    """A clock that stands still until told to move: `now()` is what the desk sees."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start

    def now(self) -> datetime:
        if self._now is None:
            raise ScriptError("the first step of the demo must say when it happens ('at')")
        return self._now

    def set(self, moment: datetime) -> None:
        if self._now is not None and moment < self._now:
            raise ScriptError(f"time runs backwards: {moment.isoformat()} is before {self._now.isoformat()}")
        self._now = moment

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ScriptError(f"negative duration: {seconds}")
        self._now = self.now() + timedelta(seconds=seconds)


def parse_moment(text: str) -> datetime:
    """A script time: ISO 8601, China time when no offset is given."""
    moment = datetime.fromisoformat(str(text).strip())
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=CHINA)


def shipped_scripts() -> list[tuple[str, dict[str, Any]]]:
    """The demo scripts shipped in data/demo/, as (file name, script), in file-name order."""
    folder = shipped_data() / "demo"
    found = sorted((entry for entry in folder.iterdir() if entry.name.endswith(".json")),
                   key=lambda entry: entry.name)
    return [(entry.name, json.loads(entry.read_text(encoding="utf-8"))) for entry in found]


class _Replay:
    def __init__(self, db: Database) -> None:
        self.clock = SimClock()
        self.desk = Desk(db, clock=self.clock.now, backups=False)
        self.names: dict[str, int] = {}
        self.meeting_ids: list[int] = []
        self.presets: dict[str, Any] | None = None
        self.shift = timedelta(0)
        self.live = False

    def resolve(self, value: Any) -> Any:
        if isinstance(value, str) and value.startswith("$"):
            name = value[1:]
            if name not in self.names:
                raise ScriptError(f"unknown name {value!r}")
            return self.names[name]
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        if isinstance(value, dict):
            return {k: self.resolve(v) for k, v in value.items()}
        return value

    def name(self, name: Any, row: Any) -> None:
        if not isinstance(name, str) or not name:
            raise ScriptError(f"bad name {name!r}")
        if name in self.names:
            raise ScriptError(f"name {name!r} used twice")
        if not isinstance(row, dict) or "id" not in row:
            raise ScriptError(f"nothing to call {name!r}: the call returned no row")
        self.names[name] = row["id"]

    def live_shift(self, script: dict[str, Any], now: datetime) -> timedelta:
        """How far to move a live script so its last `at` lands shortly before `now`."""
        moments = [parse_moment(step["at"]) for step in script.get("steps", [])
                   if isinstance(step, dict) and "at" in step]
        if not script.get("live") or not moments:
            return timedelta(0)
        shift = (now - LIVE_LEAD) - max(moments)
        return max(timedelta(0), timedelta(minutes=shift // timedelta(minutes=1)))

    def run(self, script: dict[str, Any], now: datetime) -> None:
        self.shift = self.live_shift(script, now)
        self.live = bool(script.get("live"))
        actor = str(script.get("actor") or "facilitator")
        pace = float(script.get("pace", DEFAULT_PACE))
        steps = script.get("steps")
        if not isinstance(steps, list):
            raise ScriptError("a script needs a list of 'steps'")
        for number, step in enumerate(steps, start=1):
            where = f"step {number} ({step.get('do') if isinstance(step, dict) else '?'})"
            try:
                self.step(step, actor, pace)
            except ScriptError as exc:
                raise ScriptError(f"{where}: {exc}") from exc
            except Exception as exc:  # a desk refusal: say where, keep the cause
                raise ScriptError(f"{where}: {type(exc).__name__}: {exc}") from exc

    def step(self, step: dict[str, Any], actor: str, pace: float) -> None:
        if not isinstance(step, dict) or not isinstance(step.get("do"), str):
            raise ScriptError("a step is an object with 'do'")
        method_name = step["do"]
        method = getattr(self.desk, method_name, None)
        if method_name.startswith("_") or not callable(method):
            raise ScriptError(f"the desk has no method {method_name!r}")
        if "at" in step:
            moment = parse_moment(step["at"]) + self.shift
            # a live meeting goes on in the laptop's own time zone, as the facilitator's next steps will
            self.clock.set(moment.astimezone() if self.live else moment)
        if "after" in step:
            self.clock.advance(float(step["after"]))
        if "at" not in step and "after" not in step:
            self.clock.advance(pace)
        kwargs = {k: self.resolve(v) for k, v in step.items() if k not in _RESERVED}
        if self.shift and kwargs.get("due"):
            # a live script's due dates move with it, by whole days
            due = date.fromisoformat(kwargs["due"]) + timedelta(days=round(self.shift / timedelta(days=1)))
            kwargs["due"] = due.isoformat()
        if isinstance(kwargs.get("rules"), str):
            if self.presets is None:
                self.presets = load_presets()
            kwargs["rules"] = rule_set(kwargs["rules"], self.presets)
        people_names: list[Any] = []
        listed = {"add_participants": "people", "import_units": "rows"}.get(method_name)
        if listed:
            entries = [dict(p) for p in kwargs.get(listed, [])]
            people_names = [p.pop("as", None) for p in entries]
            kwargs[listed] = entries
        self.desk.actor = str(step.get("by") or actor)
        result = method(**kwargs)
        if method_name == "create_meeting":
            self.meeting_ids.append(result["id"])
        if "as" in step:
            self.name(step["as"], result)
        for name, row in zip(people_names, result if people_names else [], strict=False):
            if name is not None:
                self.name(name, row)


def build_demo(db: Database, scripts: Iterable[tuple[str, dict[str, Any]]] | None = None,
               now: datetime | None = None) -> list[int]:
    """Replay the demo scripts (by default every one in data/demo/, in file-name order) into
    `db`, a fresh database, and return the ids of the meetings they created, in that order.

    Each step commits on its own, as in the app; when a step fails (`ScriptError`) the database
    holds the demo up to that step, so build into a new file and move it into place.
    """
    replay = _Replay(db)
    now = now or datetime.now(CHINA)
    for file_name, script in shipped_scripts() if scripts is None else scripts:
        try:
            replay.run(script, now)
        except ScriptError as exc:
            raise ScriptError(f"{file_name}: {exc}") from exc
    return replay.meeting_ids


# -- the demo database: made, marked, and only ever replaced by `yiting demo` -------------------
# A database the demo made carries `yiting.store.db.DEMO_MARK` ("YTDM") as SQLite's
# `PRAGMA application_id`, a header field outside the schema. `yiting demo` writes no other
# file, except an unmarked yiting database at the demo's own place (`locations.demo_db()`),
# made before databases were marked.


def demo_meetings() -> list[tuple[int, str]]:
    """(id, title) of the meetings the shipped scripts create, in a fresh database."""
    titles = [step.get("title", "") for _, script in shipped_scripts() for step in script.get("steps", [])
              if isinstance(step, dict) and step.get("do") == "create_meeting"]
    return list(enumerate(titles, start=1))


def check_ours(path: Path) -> None:
    """Refuse (StoreError/YitingError) unless the existing file at `path` is a demo database."""
    if store.file_size(path) == 0:
        raise YitingError("demo.not_ours", path=str(path))
    store.inspect(path)  # not SQLite, another program's, damaged, newer: said as such
    if store.is_demo(path):
        return
    if path.resolve() == demo_db().resolve():
        return  # the demo's own place, from before databases were marked
    raise YitingError("demo.not_ours", path=str(path))


def meetings_not_from_demo(path: Path) -> list[str]:
    """Titles of the meetings in the demo database at `path` that the demo scripts did not make."""
    made = set(demo_meetings())
    return [title for key, title in ((m[0], m[1]) for m in store.meetings_in(path)) if (key, title) not in made]


def build_file(path: Path) -> list[int]:
    """Build the demo into the new file `path`, mark it, and close it; return the meeting ids."""
    db = store.connect(path)
    try:
        ids = build_demo(db)
        store.mark_demo(db)
        backup.checkpoint(db)
    finally:
        db.close()
        holders.lock_path(path).unlink(missing_ok=True)
    return ids


def replace_with(built: Path, path: Path) -> Path | None:
    """Put the demo built at `built` in place of `path`, which no process may have open: first a
    backup of what is there (returned). Raises YitingError("demo.in_use") when it is open."""
    with holders.exclusive(path) as alone:
        if not alone:
            raise YitingError("demo.in_use", path=str(path))
        saved = None
        if path.exists():
            saved = backup.copy_database(path, backup.default_target(path, "before-demo"))
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(built, path)
    return saved


def staging(path: Path) -> Path:
    """Where a new demo is built before it replaces `path` (left over from a build cut short: removed)."""
    built = path.with_name(path.name + ".building")
    for suffix in ("", "-wal", "-shm", "-journal", holders.SUFFIX):
        Path(f"{built}{suffix}").unlink(missing_ok=True)
    return built

