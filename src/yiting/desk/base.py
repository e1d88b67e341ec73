"""What every part of the desk shares: the clock, `@action` and the write path, lookups, input checks."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, TypeVar

from yiting.errors import InvalidInput, NotFound, YitingError
from yiting.store import queries
from yiting.store.database import Database
from yiting.store.log import Changeset, change
from yiting.text_input import clean

Row = dict[str, Any]
Clock = Callable[[], datetime]
Method = TypeVar("Method", bound=Callable[..., Any])

MAX_TEXT = 10_000
MULTILINE = frozenset({"description", "text", "notes"})  # fields that may hold several lines


def system_clock() -> datetime:
    return datetime.now().astimezone()


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


_DATE = re.compile(r"^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*$")


def parse_date(text: str | None) -> str | None:
    """A due date as YYYY-MM-DD; accepts 2026-12-01, 2026/12/1, 2026.12.1 and 2026年12月1日."""
    if text is None or str(text).strip() == "":
        return None
    match = _DATE.match(str(text))
    try:
        if not match:
            raise ValueError
        return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        raise InvalidInput("desk.bad_date", value=str(text)) from None


def parse_datetime(text: str | None, clock: Clock) -> str | None:
    """A scheduled time: ISO 8601, or `YYYY-MM-DD HH:MM` in the laptop's time zone."""
    if text is None or str(text).strip() == "":
        return None
    raw = str(text).strip().replace("/", "-")
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise InvalidInput("desk.bad_datetime", value=str(text)) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=clock().tzinfo)
    return iso(moment)


def clean_text(value: Any, field: str, *, required: bool = False, limit: int = MAX_TEXT,
               multiline: bool | None = None) -> str:
    """Text as typed, minus surrounding blanks, control characters and bidi overrides
    (`yiting.text_input.clean`; line breaks kept in the fields of `MULTILINE`); refused when
    required and empty or too long."""
    keep_lines = field in MULTILINE if multiline is None else multiline
    text = clean(value, multiline=keep_lines).strip()
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate, e.g. a terminal byte decoded with surrogateescape
            raise InvalidInput("desk.bad_characters", field=field) from None
    if required and not text:
        raise InvalidInput("desk.required", field=field)
    if len(text) > limit:
        raise InvalidInput("desk.too_long", field=field, limit=limit)
    return text


def action(method: Method) -> Method:
    """Mark a desk method as an action: one thing a facilitator does that changes the record.

    The method runs in one write transaction (`Database.transaction()`: `BEGIN IMMEDIATE`, so
    its checks and its writes see the same record even with a second window writing), and
    what it queued to run once committed (the backup at a meeting's open and close) runs when
    the outermost action has committed. An action called by another joins its transaction.

    A public desk method without `@action` is a read: it takes no write lock, and
    tests/record/test_desk_actions.py proves it writes nothing.
    """

    @functools.wraps(method)
    def run(self: DeskBase, *args: Any, **kwargs: Any) -> Any:
        queued = len(self._after_commit)
        try:
            with self.db.transaction():
                result = method(self, *args, **kwargs)
        except BaseException:
            del self._after_commit[queued:]  # its writes were undone: nothing of it to follow up
            raise
        self._run_after_commit()
        return result

    run.is_action = True  # type: ignore[attr-defined]
    return run  # type: ignore[return-value]


def is_action(method: Any) -> bool:
    """Whether a desk method is marked `@action`."""
    return getattr(method, "is_action", False) is True


class DeskBase:
    """The meeting desk's shared plumbing; the public methods live in the mixins."""

    def __init__(self, db: Database, *, clock: Clock | None = None, actor: str = "facilitator",
                 backups: bool = True) -> None:
        self.db = db
        self.clock = clock or system_clock
        self.actor = actor
        self.backups = backups  # automatic copies at a meeting's open and close
        self._after_commit: list[Callable[[], None]] = []

    def _run_after_commit(self) -> None:
        if self.db.conn.in_transaction:
            return  # an outer desk call still holds the transaction; it runs them
        while self._after_commit:
            self._after_commit.pop(0)()

    def now(self) -> str:
        return iso(self.clock())

    @contextmanager
    def _change(self, action: str, meeting_id: int | None, reason: str = "") -> Iterator[Changeset]:
        with change(self.db, action=action, actor=self.actor, at=self.now(),
                    meeting_id=meeting_id, reason=reason) as changeset:
            yield changeset

    def _get(self, table: str, row_id: Any) -> Row:
        try:
            key = int(row_id)
        except (TypeError, ValueError, OverflowError):
            raise NotFound(f"desk.no_{table}", id=row_id) from None
        if not -(2**63) <= key < 2**63:  # beyond what SQLite can store, so nothing has that id
            raise NotFound(f"desk.no_{table}", id=row_id)
        found = queries.row(self.db, table, key)
        if found is None:
            raise NotFound(f"desk.no_{table}", id=row_id)
        return found

    def meeting(self, meeting_id: Any) -> Row:
        return self._get("meetings", meeting_id)

    def _meeting_of_item(self, item: Row) -> Row:
        return self._get("meetings", item["meeting_id"])

    def _require_status(self, meeting: Row, *allowed: str) -> None:
        status = meeting["status"]
        if status in allowed:
            return
        if status in ("closed", "published"):
            key = "desk.meeting_ended"
        elif status == "draft":
            key = "desk.meeting_not_started"
        elif "closed" in allowed:
            key = "desk.meeting_not_closed"
        else:
            key = "desk.meeting_started"
        raise YitingError(key, title=meeting["title"])
