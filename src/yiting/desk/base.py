"""What every part of the desk shares: the clock, `@action` and the write path, lookups; input
checks come from `yiting.parsing`."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, TypeVar

from yiting.errors import InvalidInput, NotFound, YitingError
from yiting.parsing import MAX_TEXT, MULTILINE, clean_text, iso, parse_area, parse_date, parse_datetime, parse_iso
from yiting.store import queries
from yiting.store.database import Database
from yiting.store.log import Changeset, change

Row = dict[str, Any]
Clock = Callable[[], datetime]
Method = TypeVar("Method", bound=Callable[..., Any])

__all__ = ["MAX_TEXT", "MULTILINE", "Clock", "DeskBase", "Row", "clean_text", "iso", "parse_area", "parse_date",
           "parse_datetime", "parse_iso", "system_clock", "action", "is_action"]


def system_clock() -> datetime:
    return datetime.now().astimezone()


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

    def _duty_values(self, task: Any, owner_party: Any, owner_person: Any, due: Any) -> dict[str, Any]:
        """A new duty's row as typed: an action item of a meeting or a duty dispatched without one."""
        values = {
            "task": clean_text(task, "task", required=True, limit=1000),
            "owner_party": clean_text(owner_party, "owner_party", limit=100),
            "owner_person": clean_text(owner_person, "owner_person", limit=100),
            "due": parse_date(due),
            "status": "open",
            "created_at": self.now(),
        }
        if not values["owner_party"] and not values["owner_person"]:
            raise InvalidInput("desk.owner_required")
        return values

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
