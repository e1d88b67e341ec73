"""An owners' vote counted per unit on the live meeting of ui_meetings, for the console's tests."""

from __future__ import annotations

from pathlib import Path

from ui_meetings import StepClock

from yiting.desk import Desk
from yiting.store.db import connect

UNITS = [("3号楼1单元", "101", 89.5, "钱秀英"), ("3号楼1单元", "102", 76.4, "钱秀英"),
         ("3号楼1单元", "201", 118.32, "周海、吴芳"), ("3号楼1单元", "202", 64.2, ""),
         ("3号楼1单元", "301", 99.0, "赵德明"), ("3号楼1单元", "302", 105.48, "孙建国"),
         ("3号楼2单元", "101", 93.1, "李桂兰"), ("3号楼2单元", "102", 139.82, "郑秀兰"),
         ("3号楼2单元", "201", 72.64, "高丽娟")]


def with_owners_vote(path: Path, ids: dict[str, int], clock: StepClock) -> int:
    """Nine units (one owner of two, two co-owners, one unsold) on the live meeting and an open
    owners' vote (art. 278, ordinary majority) on a proposal; returns the vote's id."""
    db = connect(path)
    desk = Desk(db, clock=clock)
    for building, label, area, owners in UNITS:
        desk.add_unit(ids["live"], label, area, building=building, owners=owners, developer=not owners)
    proposal = desk.submit_proposal(ids["item"], "选聘建发物业为小区物业服务企业", proposer_id=ids["钱秀英"])
    vote = desk.open_vote(proposal["id"], "paper_ballot", "art278_general", objection_until="2025-09-30")
    db.conn.close()
    return vote["id"]
