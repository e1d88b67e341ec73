"""A small record of matters and duties, built through the desk, whose figures were counted by hand.

Today is 2025-11-05 (China time). Matters (a duplicate merged, not counted again):

| matter | raised | category | by | duties | done (last) | days | closed |
|---|---|---|---|---|---|---|---|
| A 北门出入口狭窄 | 2025-08-01 | 道路出入 | 李桂兰, resident, not named | 2 (meeting) | 2025-10-28 | 88 | 2025-11-01 |
| B 3号楼楼顶漏水 | 2025-08-05 | 漏水 | 王建国, resident, named | 1 dispatched, due 10-15, open | – | – | – |
| D (duplicate of B) | 2025-08-06 | 漏水 | 赵磊, resident, not named | merged into B | | | |
| C 楼道灯不亮 | 2025-09-02 | 照明 | 陈静, grid worker | 1 dispatched, due 09-30, done then reopened | – | – | – |
| E 垃圾箱破损 | 2025-10-03 | 环境卫生 | 孙丽, resident | 1 dispatched, due 10-10, done 10-09 | 2025-10-09 | 6 | – |

So: raised 2 in 2025-08, 1 in 2025-09, 1 in 2025-10 (4 in all); closed 1 in 2025-11; median days to
done (88, 6) = 47; overdue on 2025-11-05: B's and C's duties, both 物业公司 (2); one meeting held
(2025-09). Phones and addresses are given to the roster and must never be published.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from yiting.desk import Desk

CST = timezone(timedelta(hours=8))
TODAY = "2025-11-05"
PHONE = "13987654321"
ADDRESS = "黄河水韵3号楼2单元501室"
HIDDEN = ("李桂兰", "赵磊", "张秀英", "孙师傅", "孙丽", PHONE, ADDRESS)  # never on the site
SHOWN = ("王建国", "陈静", "刘明", "李**", "赵**", "张**", "孙**")


def at(clock, text: str) -> None:
    clock.moment = datetime.fromisoformat(text).replace(tzinfo=CST)


def build_matters(desk: Desk, clock) -> dict[str, int]:
    """The record above; returns the ids by letter (and `meeting`, and the duties `a1`, `a2`, `b1`, `c1`, `e1`)."""
    ids: dict[str, int] = {}
    at(clock, "2025-08-01 09:00")
    ids["A"] = desk.raise_matter("北门出入口狭窄", community="黄河水韵小区", category="道路出入", raised_by="李桂兰",
                                 building="3号楼", description="早晚高峰堵车。")["id"]
    at(clock, "2025-08-05 10:00")
    ids["B"] = desk.raise_matter("3号楼楼顶漏水", community="黄河水韵小区", category="漏水", raised_by="王建国",
                                 raiser_named=True, building="3号楼")["id"]
    at(clock, "2025-08-06 10:00")
    ids["D"] = desk.raise_matter("楼顶漏水", community="黄河水韵小区", category="漏水", raised_by="赵磊",
                                 building="3号楼")["id"]
    desk.merge_matters(ids["B"], ids["D"])
    at(clock, "2025-09-02 18:00")
    ids["C"] = desk.raise_matter("楼道灯不亮", community="黄河水韵小区", category="照明", raised_by="陈静",
                                 raiser_kind="grid_worker")["id"]
    at(clock, "2025-09-03 09:00")
    ids["c1"] = desk.dispatch_matter(ids["C"], "更换2号楼楼道灯", owner_party="物业公司", owner_person="孙师傅",
                                     due="2025-09-30", dispatched_by="居委会")["id"]
    ids["b1"] = desk.dispatch_matter(ids["B"], "修补3号楼楼顶防水", owner_party="物业公司", due="2025-10-15")["id"]

    at(clock, "2025-09-06 09:00")
    meeting = desk.create_meeting("黄河水韵小区长廊议事会", community="黄河水韵小区", venue="石榴籽长廊",
                                  kind="长廊议事", scheduled_at="2025-09-12 19:30", facilitator="马佳")
    ids["meeting"] = mid = meeting["id"]
    people = desk.add_participants(mid, [
        {"name": "李桂兰", "party": "居民", "building": "3号楼", "phone": PHONE, "address": ADDRESS},
        {"name": "刘明", "party": "物业公司", "voting": False},
        {"name": "张秀英", "party": "楼栋长", "building": "1号楼"},
        {"name": "吕红梅", "party": "业委会"},
    ])
    item = desk.take_matter_into_meeting(ids["A"], mid)
    at(clock, "2025-09-12 19:30")
    for person in people:
        desk.check_in(person["id"])
    desk.open_meeting(mid)
    desk.open_item(item["id"])
    plan = desk.submit_proposal(item["id"], "北门拓宽到 9.6 米。", proposer_id=people[0]["id"])
    vote = desk.open_vote(plan["id"])
    for choice in ("yes", "yes", "no"):
        desk.adjust_count(vote["id"], choice)
    vote = desk.close_vote(vote["id"])
    decision = desk.record_decision(item["id"], "北门拓宽到 9.6 米，10 月 31 日前完工。", proposal_id=plan["id"],
                                    vote_id=vote["id"])
    ids["a1"] = desk.add_action(mid, "北门拓宽施工", owner_party="物业公司", owner_person="刘明", due="2025-10-31",
                                item_id=item["id"], decision_id=decision["id"])["id"]
    ids["a2"] = desk.add_action(mid, "通知各楼栋施工安排", owner_party="楼栋长", owner_person="张秀英",
                                due="2025-09-20", item_id=item["id"])["id"]
    desk.close_item(item["id"], "decided")
    desk.close_meeting(mid)

    at(clock, "2025-09-18 10:00")
    desk.update_action(ids["a2"], status="done")
    at(clock, "2025-09-20 10:00")
    desk.update_action(ids["c1"], status="done")
    desk.record_evaluation(ids["c1"], 1, 1, 5, method="paper_forms")  # not satisfied: reopened
    at(clock, "2025-10-01 09:00")
    desk.accept_duty(ids["a1"])
    desk.add_duty_note(ids["a1"], "已开工，移除北门西侧绿化带。", author="刘明")
    at(clock, "2025-10-03 08:00")
    ids["E"] = desk.raise_matter("垃圾箱破损", community="黄河水韵小区", category="环境卫生", raised_by="孙丽")["id"]
    ids["e1"] = desk.dispatch_matter(ids["E"], "更换破损垃圾箱", owner_party="物业公司", due="2025-10-10")["id"]
    at(clock, "2025-10-09 16:00")
    desk.update_action(ids["e1"], status="done")
    at(clock, "2025-10-28 17:00")
    desk.update_action(ids["a1"], status="done")
    desk.record_evaluation(ids["a1"], 18, 4, 1, method="show_of_hands")
    at(clock, "2025-10-29 10:00")
    desk.record_evaluation(ids["a2"], 10, 0, 0, method="paper_forms")
    at(clock, "2025-11-01 10:00")
    desk.close_matter(ids["A"])
    at(clock, f"{TODAY} 09:00")
    return ids
