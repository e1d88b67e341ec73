"""Fixture meetings for the publishing tests, built through the desk like real ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from yiting.desk import Desk
from yiting.store.db import connect

PHONE = "13912345678"
ADDRESS = "黄河水韵3号楼2单元501室"
SCRIPT = "<script>alert(1)</script>"


def build_meeting(desk: Desk, clock, *, close: bool = True) -> int:
    """A corridor meeting with speeches, proposals, an amendment, a corrected vote, decisions and
    actions; one proposal is a script tag, one resident has a phone number and an address."""
    m = desk.create_meeting("黄河水韵北门拓宽议事会", community="黄河水韵小区", venue="睦邻议事亭",
                            kind="民主协商议事会", scheduled_at="2025-10-26 09:30", facilitator="马佳",
                            note_taker="王芳")
    mid = m["id"]
    people = desk.add_participants(mid, [
        {"name": "李桂兰", "party": "居民", "building": "3号楼", "phone": PHONE, "address": ADDRESS},
        {"name": "王建国", "party": "业主", "building": "5号楼", "named": True, "area_m2": 98.5},
        {"name": "张秀英", "party": "楼栋长", "building": "1号楼"},
        {"name": "赵磊", "party": "居民", "building": "2号楼"},
        {"name": "刘明", "party": "物业公司", "voting": False},
        {"name": "陈静", "party": "社区党委", "voting": False},
        {"name": "周工", "party": "自然资源局", "voting": False, "official": True},
    ])
    li, wang, zhang, zhao, _liu, _chen, zhou = (p["id"] for p in people)
    for p in people:
        desk.check_in(p["id"])
    clock.advance(minutes=10)
    desk.open_meeting(mid)
    gate = desk.add_item(mid, "北门拓宽到 9.6 米", description="自 2018 年起居民多次反映北门太窄。")
    desk.open_item(gate["id"])
    for who, stance, summary in ((li, "pro", "北门太窄，早晚高峰堵车，赞成拓宽。"),
                                 (zhao, "con", "担心施工期间出行不便。"),
                                 (zhou, "neutral", "规划上可行，需要先做现场勘查。")):
        speech = desk.queue_speaker(gate["id"], who, stance)
        desk.start_speech(gate["id"], speech["id"])
        clock.advance(seconds=90)
        desk.end_speech(speech["id"], summary=summary)
    bad = desk.submit_proposal(gate["id"], SCRIPT, proposer_id=li)
    desk.withdraw_proposal(bad["id"])
    plan = desk.submit_proposal(gate["id"], "10 月 31 日开工，将北门拓宽到 9.6 米。", proposer_id=wang,
                                seconder_id=zhang)
    amend = desk.submit_proposal(gate["id"], "施工期间开放东侧临时通道。", proposer_id=zhao, amends_id=plan["id"])
    vote = desk.open_vote(amend["id"])
    for choice in ("yes", "yes", "yes", "no"):
        desk.adjust_count(vote["id"], choice)
    desk.close_vote(vote["id"])
    vote = desk.open_vote(plan["id"])
    for choice in ("yes", "yes", "no"):
        desk.adjust_count(vote["id"], choice)
    closed = desk.close_vote(vote["id"])
    corrected = desk.correct_vote(closed["id"], "漏记一票赞成", 3, 1, 0)
    desk.record_decision(gate["id"], "北门拓宽到 9.6 米，10 月 31 日开工；施工期间开放东侧临时通道。",
                         proposal_id=plan["id"], vote_id=corrected["id"])
    desk.add_action(mid, "完成北门拓宽施工", owner_party="物业公司", owner_person="刘明", due="2025-11-30",
                    item_id=gate["id"])
    desk.add_action(mid, "通知各楼栋施工安排", owner_party="楼栋长", owner_person="张秀英", due="2025-10-30")
    desk.close_item(gate["id"], "decided")
    rock = desk.add_item(mid, "假山拆除后的场地用途")
    desk.open_item(rock["id"])
    desk.submit_proposal(rock["id"], "改建为休闲座椅和乒乓球台。", proposer_id=zhang)
    desk.close_item(rock["id"], "deferred")
    if close:
        desk.close_meeting(mid)
    return mid


@pytest.fixture
def meeting_db(tmp_path, clock):
    """(path of a database with one closed meeting, its id)."""
    path = tmp_path / "meetings.sqlite"
    db = connect(path)
    desk = Desk(db, clock=clock)
    mid = build_meeting(desk, clock)
    db.conn.close()
    return path, mid


@pytest.fixture
def site(tmp_path) -> Path:
    return tmp_path / "site"


BASE_URL = "http://192.168.1.23:8000"


@pytest.fixture
def published(meeting_db, site):
    """The fixture meeting published to a site folder: (site, result, db path, meeting id)."""
    from yiting.publish.site import publish_meeting

    path, mid = meeting_db
    db = connect(path, readonly=True)
    result = publish_meeting(db, mid, site, base_url=BASE_URL)
    db.conn.close()
    return site, result, path, mid


def artifacts_dir() -> Path:
    """Where tests keep files for a person to look at (screenshots); YITING_ARTIFACTS overrides."""
    import os
    import tempfile

    folder = Path(os.environ.get("YITING_ARTIFACTS") or Path(tempfile.gettempdir()) / "yiting-artifacts") / "publish"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
