"""Meetings for the console's tests, built through the desk on a fixed clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from yiting.desk import Desk
from yiting.store.db import connect

CST = timezone(timedelta(hours=8))
START = datetime(2025, 9, 12, 19, 0, 0, tzinfo=CST)


class StepClock:
    """A clock that stands still unless moved: snapshots and timers stay the same every run."""

    def __init__(self, moment: datetime = START) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


PEOPLE = [
    {"name": "赵德明", "party": "居民", "building": "3-1"},
    {"name": "钱秀英", "party": "业主", "building": "5-2", "area_m2": 92.5},
    {"name": "孙建国", "party": "楼栋长", "building": "1-3"},
    {"name": "李桂兰", "party": "居民", "building": "2-2"},
    {"name": "周海", "party": "业主", "building": "4-1", "area_m2": 88},
    {"name": "吴芳", "party": "党员", "building": "6-1"},
    {"name": "郑国强", "party": "物业公司", "voting": False},
    {"name": "王丽", "party": "网格员", "voting": False},
]


def build_meetings(path: Path, clock: StepClock) -> dict[str, int]:
    """A closed meeting, a draft, and an open one mid-item with a queue and a running speech."""
    db = connect(path)
    desk = Desk(db, clock=clock)
    rules = {"speech_seconds": 120, "speeches_per_person": 2, "warn_seconds": 30,
             "vote_rule": "plain_majority", "quorum_kind": "share", "quorum_value": 0.5}

    past = desk.create_meeting("假山拆除长廊议事会", community="富平社区", venue="石榴籽长廊", kind="长廊议事",
                               scheduled_at="2025-09-01 19:30", facilitator="马佳", rules=rules)
    desk.add_participants(past["id"], PEOPLE[:4])
    # The past meeting happened on its own day (an action's due date may not precede it).
    clock.moment = datetime(2025, 9, 1, 19, 30, tzinfo=CST)
    item = desk.add_item(past["id"], "假山和旱池如何处理", timebox_minutes=20)
    desk.open_meeting(past["id"])
    desk.open_item(item["id"])
    desk.add_action(past["id"], "清运假山石料", owner_party="物业公司", owner_person="郑国强", due="2025-09-05")
    desk.close_meeting(past["id"])
    clock.moment = START

    draft = desk.create_meeting("北门拓宽议事会", community="富平社区", venue="睦邻议事亭", kind="民主协商议事会",
                                scheduled_at="2025-10-26 09:00", facilitator="马佳", rules=rules)
    desk.add_participants(draft["id"], PEOPLE[:3])
    desk.add_item(draft["id"], "北门拓宽到 9.6 米", timebox_minutes=30)

    live = desk.create_meeting("黄河水韵小区议事会", community="富平社区", venue="睦邻议事亭", kind="民主协商议事会",
                               scheduled_at="2025-09-12 19:00", facilitator="马佳", note_taker="刘敏", rules=rules)
    people = desk.add_participants(live["id"], PEOPLE)
    ids = {p["name"]: p["id"] for p in people}
    for person in people[:5]:
        desk.check_in(person["id"])
    first = desk.add_item(live["id"], "小区停车位重新划线", timebox_minutes=15)
    desk.add_item(live["id"], "楼道照明维修", timebox_minutes=10)
    desk.add_item(live["id"], "乒乓球台选址", timebox_minutes=10)
    desk.open_meeting(live["id"])
    clock.advance(minutes=1)
    desk.open_item(first["id"])
    desk.queue_speaker(first["id"], ids["赵德明"], "pro")
    desk.start_speech(first["id"])
    clock.advance(seconds=95)
    desk.end_speech(desk.queue(first["id"])[0]["id"] if False else
                    db.execute("SELECT id FROM speeches WHERE status='speaking'").fetchone()[0],
                    summary="划线后每户一个车位，赞成。")
    desk.queue_speaker(first["id"], ids["钱秀英"], "con")
    desk.queue_speaker(first["id"], ids["孙建国"], "pro")
    desk.queue_speaker(first["id"], ids["李桂兰"], "con")
    desk.start_speech(first["id"])
    clock.advance(seconds=40)
    db.conn.close()
    return {"past": past["id"], "draft": draft["id"], "live": live["id"], "item": first["id"], **ids}


def after_one_speech(path: Path, ids: dict[str, int], clock: StepClock, name: str = "赵德明") -> None:
    """`name` has spoken once on the live item (out of turn, with a reason) and finished."""
    from yiting.store import queries

    db = connect(path)
    desk = Desk(db, clock=clock)
    item = ids["item"]
    desk.queue_speaker(item, ids[name], "pro")
    queued = db.execute("SELECT id FROM speeches WHERE status = 'queued' AND participant_id = ?",
                        [ids[name]]).fetchone()[0]
    desk.start_speech(item, queued, "测试")
    desk.end_speech(queries.running_speech(db, ids["live"])["id"])
    db.conn.close()


async def open_add_speaker(pilot):
    """Press `a` on the console and return the dialog's person picker."""
    from yiting.ui.widgets.person_picker import PersonPicker

    await pilot.press("a")
    await pilot.pause()
    return pilot.app.screen.query_one(PersonPicker)


def with_proposal(path: Path, ids: dict[str, int], clock: StepClock, *, undo_checkins: int = 0) -> int:
    """A proposal on the live item (by 钱秀英); `undo_checkins` of the first four people leave."""
    db = connect(path)
    desk = Desk(db, clock=clock)
    proposal = desk.submit_proposal(ids["item"], "按现状重新划线，每户一个车位", proposer_id=ids["钱秀英"])
    for name in ("赵德明", "钱秀英", "孙建国", "李桂兰")[:undo_checkins]:
        desk.undo_check_in(ids[name])
    db.conn.close()
    return proposal["id"]


async def until(pilot, check, seconds: float = 30.0):
    """Let the app run until `check()` gives something true (work on a thread: publishing),
    within `seconds`; returns what it gave."""
    import time

    deadline = time.monotonic() + seconds
    while True:
        found = check()
        if found or time.monotonic() > deadline:
            return found
        await pilot.pause(0.05)
