"""Desk actions and reads: every public desk method is either marked `@action` (one write
transaction with its event) or a read that writes nothing and takes no write lock.

A new public desk method fails `test_every_public_desk_method_is_an_action_or_a_listed_read`
until it is marked `@action` (it writes) or given a sample call in READS below (it only reads);
the reads are then run on a connection that cannot write while another window holds the write
lock, so a read that writes, or begins a write transaction, fails here instead of silently
taking the lock in the console.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from record_helpers import open_meeting

from yiting.desk import Desk, is_action
from yiting.errors import StoreError
from yiting.store.db import connect
from yiting.store.verify import verify

# One sample call per read, on the meeting `record()` builds: name -> call(desk, ids).
READS: dict[str, Callable[[Desk, dict[str, Any]], Any]] = {
    "meeting": lambda desk, ids: desk.meeting(ids["meeting"]),
    "item": lambda desk, ids: desk.item(ids["item"]),
    "rules": lambda desk, ids: desk.rules(ids["meeting"]),
    "queue": lambda desk, ids: desk.queue(ids["item"]),
    "summary": lambda desk, ids: desk.summary(ids["meeting"]),
    "spoken": lambda desk, ids: desk.spoken(ids["item"], ids["speaker"]),
    "speech_elapsed": lambda desk, ids: desk.speech_elapsed(desk._get("speeches", ids["speech"])),
    "speaking_time": lambda desk, ids: desk.speaking_time(ids["meeting"], ids["item"]),
    "speech_limit_seconds": lambda desk, ids: desk.speech_limit_seconds(desk._get("speeches", ids["speech"])),
    "now": lambda desk, ids: desk.now(),
    "default_due": lambda desk, ids: desk.default_due(),
    "last_undoable": lambda desk, ids: desk.last_undoable(ids["meeting"]),
    "electorate": lambda desk, ids: desk.electorate(ids["meeting"]),
    "objection_period": lambda desk, ids: desk.objection_period(ids["meeting"]),
    "objections": lambda desk, ids: desk.objections(ids["meeting"]),
    "matter": lambda desk, ids: desk.matter(ids["matter"]),
    "today": lambda desk, ids: desk.today(),
    "last_matter_undoable": lambda desk, ids: desk.last_matter_undoable(),
    "property_units": lambda desk, ids: desk.property_units(ids["meeting"]),
    "owners_denominators": lambda desk, ids: desk.owners_denominators(ids["meeting"]),
    "owners_count": lambda desk, ids: _refused_or(lambda: desk.owners_count(ids["meeting"])),
    "find_unit": lambda desk, ids: _refused_or(lambda: desk.find_unit(ids["meeting"], "101")),
    "correctable_vote": lambda desk, ids: _refused_or(lambda: desk.correctable_vote(ids["meeting"])),
}


def _refused_or(call: Callable[[], Any]) -> Any:
    """A read whose sample meeting has nothing for it (no owners' vote): refused, writing nothing."""
    from yiting.errors import YitingError

    try:
        return call()
    except YitingError as exc:
        return exc.key


def public_methods(cls: type) -> dict[str, Any]:
    return {name: getattr(cls, name) for name in dir(cls)
            if not name.startswith("_") and callable(getattr(cls, name))}


def record(path: Path, clock) -> dict[str, Any]:
    """A meeting in full swing: a speech running, speakers waiting, a proposal, a decision and
    an action item; returns the ids the reads need."""
    desk = Desk(connect(path), clock=clock, backups=False)
    meeting, roster, item = open_meeting(desk)
    first = desk.queue_speaker(item["id"], roster[0]["id"], "pro")
    desk.queue_speaker(item["id"], roster[1]["id"], "con")
    desk.start_speech(item["id"], first["id"])
    clock.advance(seconds=40)
    proposal = desk.submit_proposal(item["id"], "拆除假山，改建口袋公园", proposer_id=roster[2]["id"])
    desk.record_decision(item["id"], "先请物业出方案", proposal_id=proposal["id"])
    desk.add_action(meeting["id"], "物业出改造方案", owner_party="物业公司", item_id=item["id"])
    matter = desk.raise_matter("楼道灯不亮", category="照明", raised_by="李桂兰")
    desk.db.close()
    return {"meeting": meeting["id"], "item": item["id"], "speaker": roster[0]["id"], "speech": first["id"],
            "matter": matter["id"]}


def hold_write_lock(path: Path) -> sqlite3.Connection:
    """Another window in the middle of a write: it holds the write lock (WAL lets readers on)."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE meetings SET venue = venue")
    return other


def reader(path: Path, clock) -> Desk:
    """A desk whose connection cannot write and does not wait for a lock."""
    desk = Desk(connect(path), clock=clock, backups=False)
    desk.db.execute("PRAGMA busy_timeout = 0")
    desk.db.execute("PRAGMA query_only = ON")  # a write, or BEGIN IMMEDIATE, is refused
    return desk


def writes_or_locks(desk: Desk, call: Callable[[], Any]) -> str | None:
    """What a call did that a read must not: None when it wrote nothing and left no lock."""
    before = desk.db.conn.total_changes
    try:
        call()
    except (sqlite3.Error, StoreError) as exc:
        return f"refused: {exc}"
    if desk.db.conn.total_changes != before:
        return "changed rows"
    if desk.db.conn.in_transaction:
        return "left a transaction open"
    return None


def test_every_public_desk_method_is_an_action_or_a_listed_read():
    methods = public_methods(Desk)
    unmarked = sorted(name for name, method in methods.items() if not is_action(method) and name not in READS)
    assert not unmarked, (f"{unmarked}: mark each @action (yiting.desk.base.action) if it changes the record, "
                          "or add a sample call to READS in this file if it only reads")
    assert not sorted(name for name in READS if name not in methods or is_action(methods[name])), \
        "READS lists a method that is gone or is an action"
    assert sum(is_action(m) for m in methods.values()) >= 30  # the marking survived (check_in, end_speech, …)


def test_no_read_writes_or_takes_the_write_lock_while_another_window_writes(tmp_path, clock):
    path = tmp_path / "meeting.sqlite"
    ids = record(path, clock)
    other = hold_write_lock(path)
    try:
        desk = reader(path, clock)
        found = {name: writes_or_locks(desk, lambda call=call: call(desk, ids)) for name, call in READS.items()}
        assert {name: what for name, what in found.items() if what} == {}
        assert desk.queue(ids["item"])[0]["name"] == "王建国"  # the reads saw the record
        # the same harness catches an action: it needs the write lock
        assert writes_or_locks(desk, lambda: desk.check_in(ids["speaker"])) is not None
        desk.db.close()
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_method_that_writes_without_being_marked_is_caught(tmp_path, clock):
    """The check above can fail: an unmarked method that writes is refused by the read-only
    connection, and one that only opens a write transaction is refused too."""

    class Careless(Desk):
        def rename(self, meeting_id: int) -> None:
            with self._change("update_meeting", meeting_id) as cs:
                cs.update("meetings", meeting_id, title="改了名")

        def lock_only(self) -> None:
            with self.db.transaction():
                pass

    path = tmp_path / "meeting.sqlite"
    ids = record(path, clock)
    desk = reader(path, clock)
    careless = Careless(desk.db, clock=clock, backups=False)
    assert not is_action(Careless.rename)
    assert writes_or_locks(careless, lambda: careless.rename(ids["meeting"])) is not None
    assert writes_or_locks(careless, careless.lock_only) is not None
    desk.db.close()
    assert Desk(connect(path), clock=clock).meeting(ids["meeting"])["title"] == "假山议事会"


def test_an_action_while_another_window_writes_waits_then_says_busy_and_writes_nothing(tmp_path, clock):
    path = tmp_path / "meeting.sqlite"
    ids = record(path, clock)
    desk = Desk(connect(path), clock=clock, backups=False)
    desk.db.execute("PRAGMA busy_timeout = 50")
    events = desk.db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    other = hold_write_lock(path)
    try:
        assert desk.meeting(ids["meeting"])["status"] == "open"  # reading goes on
        with pytest.raises(StoreError) as refused:
            desk.end_speech(ids["speech"])
        assert refused.value.key == "store.locked" and "正被另一个程序占用" in refused.value.message()
        assert not desk.db.conn.in_transaction
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert desk.db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == events
    assert desk.end_speech(ids["speech"])["status"] == "done"  # the lock gone, the same action goes through
    assert verify(desk.db).ok


def test_an_action_inside_another_joins_its_transaction_and_a_failed_one_is_undone_alone(tmp_path, clock):
    """`add_participants` is one action over many rows; an action that fails inside another
    (caught there) leaves the outer one's writes and nothing of its own."""
    from yiting.desk import action
    from yiting.errors import YitingError

    class Desk2(Desk):
        @action
        def check_in_all_or_note(self, ids: list[int]) -> list[str]:
            notes = []
            for person in ids:
                try:
                    self.check_in(person)
                except YitingError as exc:
                    notes.append(exc.key)
            self.update_meeting(meeting["id"], venue="社区活动室")
            return notes

    desk = Desk2(connect(tmp_path / "meeting.sqlite"), clock=clock, backups=False)
    meeting = desk.create_meeting("议事会")
    people = desk.add_participants(meeting["id"], [{"name": "李桂兰"}, {"name": "王建国"}])
    begun = desk.db.conn.total_changes
    assert desk.check_in_all_or_note([people[0]["id"], 999, people[1]["id"]]) == ["desk.no_participants"]
    assert desk.db.conn.total_changes > begun and not desk.db.conn.in_transaction
    assert all(desk._get("participants", p["id"])["checked_in_at"] for p in people)
    assert desk.meeting(meeting["id"])["venue"] == "社区活动室"
    assert verify(desk.db).ok


def test_an_action_undone_by_the_one_around_it_leaves_no_backup_behind(tmp_path, clock):
    """The copy a meeting's opening queues is made only when the opening is committed: undone
    by the action around it, the meeting stays a draft and no `auto-open` backup appears, then
    or after the next action."""
    from yiting.desk import action

    class Desk2(Desk):
        @action
        def open_then_change_mind(self, meeting_id: int) -> None:
            self.open_meeting(meeting_id)
            raise RuntimeError("changed my mind")

    path = tmp_path / "meeting.sqlite"
    desk = Desk2(connect(path), clock=clock)
    meeting = desk.create_meeting("议事会")
    with pytest.raises(RuntimeError):
        desk.open_then_change_mind(meeting["id"])
    desk.update_meeting(meeting["id"], venue="社区活动室")
    assert desk.meeting(meeting["id"])["status"] == "draft"
    backups = tmp_path / "backups"
    assert not backups.exists() or not list(backups.glob("*auto-open*"))
    desk.open_meeting(meeting["id"])
    assert len(list(backups.glob("*auto-open*"))) == 1
