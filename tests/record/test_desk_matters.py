"""The six steps through the desk: raise, sort (merge, dispatch, or take into a meeting), decide,
follow up, evaluate, close; one event per change, and `verify` replays matters and duties."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from record_helpers import open_meeting

from yiting.desk import Desk
from yiting.domain.matters import path_steps
from yiting.errors import YitingError
from yiting.store import matters as reads
from yiting.store import queries
from yiting.store.db import memory
from yiting.store.verify import verify


@pytest.fixture
def desk(clock):
    return Desk(memory(), clock=clock)


def events(desk):
    return len(queries.events(desk.db))


def test_a_leak_reported_twice_is_one_matter_with_both_raisers(desk):
    first = desk.raise_matter("3号楼楼顶漏水", category="漏水", raised_by="李桂兰", building="3号楼",
                              raiser_named=True)
    second = desk.raise_matter("3号楼顶层漏雨", category="leaks", raised_by="王建国", building="3号楼")
    assert first["category"] == second["category"] == "leaks"
    before = events(desk)
    kept = desk.merge_matters(first["id"], second["id"])
    assert events(desk) == before + 1
    assert kept["status"] == "classified" and kept["sorted_at"]
    assert [r["name"] for r in reads.matter_raisers(desk.db, first["id"])] == ["李桂兰", "王建国"]
    assert [m["id"] for m in reads.matter_list(desk.db)] == [first["id"]]
    assert reads.matter_list(desk.db)[0]["raisers"] == 2
    assert desk.matter(second["id"])["merged_into"] == first["id"]
    with pytest.raises(YitingError, match="合并"):
        desk.merge_matters(first["id"], second["id"])
    # a third report merged into the kept one keeps all three, and merging a merged matter's
    # keeper into another carries its raisers along
    third = desk.raise_matter("楼顶渗水", raised_by="网格员小周", raiser_kind="grid_worker")
    desk.merge_matters(third["id"], first["id"])
    raisers = [r["name"] for r in reads.matter_raisers(desk.db, third["id"])]
    assert raisers[0] == "网格员小周" and sorted(raisers[1:]) == sorted(["李桂兰", "王建国"])
    assert verify(desk.db).ok


def test_dispatched_without_a_meeting_accepted_followed_done_evaluated_closed(desk, clock):
    matter = desk.raise_matter("7号楼路灯不亮", category="照明", raised_by="网格员小周", raiser_kind="grid_worker")
    desk.sort_matter(matter["id"], urgency="high")
    duty = desk.dispatch_matter(matter["id"], "更换7号楼前路灯", owner_party="物业公司", owner_person="郑国强",
                                due="2025-09-15", dispatched_by="社区居委会")
    assert duty["meeting_id"] is None and duty["matter_id"] == matter["id"]
    assert desk.matter(matter["id"])["status"] == "assigned"
    assert desk.accept_duty(duty["id"])["status"] == "in_progress"
    clock.advance(days=1)
    desk.add_duty_note(duty["id"], "灯具已采购", author="郑国强")
    desk.update_action(duty["id"], status="done")
    clock.advance(days=2)
    with pytest.raises(YitingError):
        desk.record_evaluation(duty["id"], 0, 0, 0)
    judged = desk.record_evaluation(duty["id"], 18, 4, 1, method="paper_forms")
    assert judged["verdict"] == "satisfied"
    assert desk.matter(matter["id"])["status"] == "evaluated"
    closed = desk.close_matter(matter["id"])
    assert closed["status"] == "closed" and closed["closed_at"]
    path = reads.matter_path(desk.db, matter["id"], desk.today())
    assert [m["kind"] for m in path_steps(path)] == [
        "raised", "sorted", "duty", "accepted", "note", "done", "evaluated", "closed"]
    assert verify(desk.db).ok


def test_residents_not_satisfied_reopen_the_duty(desk):
    matter = desk.raise_matter("垃圾桶满溢", category="环境卫生")
    duty = desk.dispatch_matter(matter["id"], "增加清运次数", owner_party="物业公司")
    desk.update_action(duty["id"], status="done")
    judged = desk.record_evaluation(duty["id"], 2, 3, 9)
    assert judged["verdict"] == "dissatisfied"
    reopened = desk._get("actions", duty["id"])
    assert (reopened["status"], reopened["done_at"], reopened["reopened"]) == ("open", None, 1)
    assert desk.matter(matter["id"])["status"] == "assigned"
    with pytest.raises(YitingError, match="没有办结"):
        desk.close_matter(matter["id"])


def test_taken_into_a_meeting_its_votes_decisions_and_actions_link_back(desk, clock):
    matter = desk.raise_matter("北门拓宽", category="道路出入", raised_by="李君", raised_at="2018-05-01 09:00")
    meeting, roster, item = open_meeting(desk, people=5)
    desk.close_item(item["id"], "deferred", reason="下次再议")
    taken = desk.take_matter_into_meeting(matter["id"], meeting["id"])
    assert taken["matter_id"] == matter["id"] and desk.matter(matter["id"])["status"] == "deliberating"
    desk.open_item(taken["id"])
    proposal = desk.submit_proposal(taken["id"], "北门拓宽至9.6米", proposer_id=roster[0]["id"])
    vote = desk.open_vote(proposal["id"])
    desk.set_counts(vote["id"], 4, 1, 0)
    vote = desk.close_vote(vote["id"])
    decision = desk.record_decision(taken["id"], "北门拓宽至9.6米，10月31日开工", vote_id=vote["id"])
    action = desk.add_action(meeting["id"], "北门拓宽施工", owner_party="物业公司", due="2025-10-31",
                             item_id=taken["id"], decision_id=decision["id"])
    assert action["matter_id"] == matter["id"] and desk.matter(matter["id"])["status"] == "assigned"
    path = reads.matter_path(desk.db, matter["id"], desk.today())
    (entry,) = path["meetings"][0]["items"]
    assert [v["id"] for v in entry["votes"]] == [vote["id"]] and entry["decisions"][0]["id"] == decision["id"]
    assert [d["duty"]["id"] for d in path["duties"]] == [action["id"]]
    kinds = [m["kind"] for m in path_steps(path)]
    assert kinds[:2] == ["raised", "sorted"] and {"taken_up", "vote", "decision", "duty"} <= set(kinds)
    assert verify(desk.db).ok


def test_overdue_across_midnight_with_the_clock_moved(desk, clock):
    matter = desk.raise_matter("消防通道堵塞", category="消防")
    duty = desk.dispatch_matter(matter["id"], "清理消防通道", owner_party="物业公司", due="2025-09-13")
    clock.moment = clock.moment.replace(hour=23, minute=59) + timedelta(days=1)  # 2025-09-13 23:59
    assert reads.duty_counts(desk.db, desk.today())["overdue"] == 0
    assert not reads.duty_list(desk.db, desk.today(), overdue_only=True)
    clock.advance(minutes=2)  # 2025-09-14 00:01
    assert reads.duty_counts(desk.db, desk.today())["overdue"] == 1
    (late,) = reads.duty_list(desk.db, desk.today(), overdue_only=True)
    assert late["id"] == duty["id"] and late["overdue"] == 1
    desk.update_action(duty["id"], status="done")
    assert reads.duty_counts(desk.db, desk.today()) == {"open": 0, "in_progress": 0, "done": 1, "overdue": 0}


def test_one_list_of_duties_by_party_and_person_overdue_first(desk, clock):
    meeting, _, item = open_meeting(desk)
    desk.add_action(meeting["id"], "出具改造方案", owner_party="物业公司", owner_person="郑国强", due="2025-09-20")
    desk.add_action(meeting["id"], "召集业主意见", owner_party="业委会", owner_person="张伟", due="2025-09-13")
    matter = desk.raise_matter("楼道杂物", category="消防")
    desk.dispatch_matter(matter["id"], "清理楼道杂物", owner_party="物业公司", due="2025-09-30")
    clock.advance(days=3)
    today = desk.today()
    everything = reads.duty_list(desk.db, today)
    assert [d["task"] for d in everything] == ["召集业主意见", "出具改造方案", "清理楼道杂物"]
    assert [d["meeting_title"] is None for d in everything] == [False, False, True]
    assert [d["task"] for d in reads.duty_list(desk.db, today, party="物业公司")] == ["出具改造方案", "清理楼道杂物"]
    assert [d["task"] for d in reads.duty_list(desk.db, today, person="张伟")] == ["召集业主意见"]
    assert reads.duty_parties(desk.db) == ["物业公司", "业委会"]


def test_a_new_meeting_is_offered_the_open_duties_of_earlier_ones_first(desk, clock):
    meeting, _, _ = open_meeting(desk)
    desk.add_action(meeting["id"], "出具改造方案", owner_party="物业公司", owner_person="郑国强", due="2025-09-20")
    done = desk.add_action(meeting["id"], "张贴公告", owner_party="居委会")
    desk.update_action(done["id"], status="done")
    clock.advance(days=10)
    later = desk.create_meeting("十月议事会")
    own = desk.add_item(later["id"], "电动车充电桩")
    follow_up = desk.add_follow_up_item(later["id"])
    assert follow_up["title"] == "上次议定事项落实情况"
    assert [i["id"] for i in queries.agenda(desk.db, later["id"])] == [follow_up["id"], own["id"]]
    assert "出具改造方案（物业公司）" in follow_up["description"] and "已逾期" in follow_up["description"]
    assert "张贴公告" not in follow_up["description"] and "郑国强" not in follow_up["description"]
    assert desk.add_follow_up_item(later["id"]) is None  # offered once


def test_the_follow_up_item_masks_a_resident_typed_as_a_duty_party(desk, clock):
    """The item is published as typed: a resident who did not agree to be named, typed as a
    duty's party, appears as the minutes show them (张**); one who agreed, and a body, by name."""
    meeting, _, _ = open_meeting(desk)  # 张秀英 among them, not named
    desk.add_participants(meeting["id"], [{"name": "吴敏", "named": True}])
    desk.add_action(meeting["id"], "修门", owner_party="张秀英", due="2025-09-20")
    desk.add_action(meeting["id"], "清点钥匙", owner_party="吴敏", due="2025-09-20")
    desk.add_action(meeting["id"], "出具改造方案", owner_party="物业公司", due="2025-09-20")
    clock.advance(days=10)
    later = desk.create_meeting("十月议事会")
    description = desk.add_follow_up_item(later["id"])["description"]
    assert "张秀英" not in description and "修门（张**）" in description
    assert "清点钥匙（吴敏）" in description and "出具改造方案（物业公司）" in description


def test_bad_input_is_refused_and_nothing_written(desk):
    before = events(desk)
    with pytest.raises(YitingError, match="类别"):
        desk.raise_matter("楼道灯", category="灯泡")
    with pytest.raises(YitingError):
        desk.raise_matter("  ")
    with pytest.raises(YitingError):
        desk.raise_matter("楼道灯", raiser_kind="mayor")
    matter = desk.raise_matter("楼道灯", category="照明")
    with pytest.raises(YitingError, match="负责"):
        desk.dispatch_matter(matter["id"], "换灯")
    with pytest.raises(YitingError, match="已经过去"):
        desk.dispatch_matter(matter["id"], "换灯", owner_party="物业公司", due="2020-01-01")
    with pytest.raises(YitingError, match="人数"):
        duty = desk.dispatch_matter(matter["id"], "换灯", owner_party="物业公司")
        desk.update_action(duty["id"], status="done")
        desk.record_evaluation(duty["id"], "许多", 1, 0)
    assert events(desk) == before + 3  # the matter, the duty and its done
    assert verify(desk.db).ok


def test_a_slip_undone_merge_done_and_counts_put_back(desk):
    first = desk.raise_matter("楼道灯不亮", category="照明", raised_by="李桂兰")
    other = desk.raise_matter("电梯异响", category="设施维修", raised_by="王建国")
    desk.merge_matters(first["id"], other["id"])  # the wrong one
    undone = desk.undo_matter_change()
    assert undone["action"] == "merge_matters"
    assert desk.matter(other["id"])["merged_into"] is None
    assert [r["name"] for r in reads.matter_raisers(desk.db, first["id"])] == ["李桂兰"]
    duty = desk.dispatch_matter(first["id"], "更换感应灯", owner_party="物业公司")
    desk.update_action(duty["id"], status="done")
    desk.record_evaluation(duty["id"], 1, 0, 9)  # typed wrong: reopens
    assert desk.undo_matter_change()["action"] == "record_evaluation"
    assert desk._get("actions", duty["id"])["status"] == "done" and not reads.duty_evaluations(desk.db, duty["id"])
    assert desk.undo_matter_change()["action"] == "update_action"
    assert desk._get("actions", duty["id"])["status"] == "open"
    assert verify(desk.db).ok


def test_undo_refused_when_a_later_change_built_on_it(desk):
    matter = desk.raise_matter("楼道灯不亮", category="照明")
    duty = desk.dispatch_matter(matter["id"], "更换感应灯", owner_party="物业公司")
    desk.accept_duty(duty["id"])
    desk.add_duty_note(duty["id"], "灯具到货")
    assert desk.undo_matter_change()["action"] == "add_duty_note"
    assert desk.undo_matter_change()["action"] == "accept_duty"
    desk.set_matter_status(matter["id"], "deliberating", "上会再议")  # the matter changed since the dispatch …
    with pytest.raises(YitingError, match="变化"):
        desk.undo_matter_change()  # … so the dispatch stays
    assert desk._get("actions", duty["id"])["task"] == "更换感应灯"
    assert verify(desk.db).ok


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["open", "in_progress", "done"]),
                          st.one_of(st.none(), st.integers(-5, 5))), min_size=1, max_size=8),
       st.integers(0, 3))
def test_the_stores_overdue_and_order_are_the_domains(duties, shift):
    from datetime import date

    from yiting.domain.matters import duty_order, is_overdue

    db = memory()
    start = date(2025, 9, 12)
    for n, (status, due) in enumerate(duties):
        db.execute("INSERT INTO actions (task, owner_party, due, status, created_at) VALUES (?, ?, ?, ?, ?)",
                   [f"任务{n}", "物业公司", None if due is None else (start + timedelta(days=due)).isoformat(),
                    status, "2025-09-01T00:00:00+08:00"])
    today = (start + timedelta(days=shift)).isoformat()
    listed = reads.duty_list(db, today)
    assert [d["id"] for d in listed] == [d["id"] for d in duty_order(listed, today)]
    assert [bool(d["overdue"]) for d in listed] == [is_overdue(d, today) for d in listed]
    assert reads.duty_counts(db, today)["overdue"] == sum(is_overdue(d, today) for d in listed)
