"""The demo tells the seed's stories as matters at every step (issue 14, item 7), at Fuping's
scale: 15 matters, 7 meetings; all through the desk, so `verify` replays it."""

from __future__ import annotations

import pytest

from yiting.demo import build_demo
from yiting.domain.matters import path_steps
from yiting.store import matters as reads
from yiting.store import queries
from yiting.store.db import memory


@pytest.fixture(scope="module")
def demo():
    db = memory()
    build_demo(db)
    return db


def matter(db, word):
    [found] = [m for m in queries.matters(db) if word in m["title"]]
    return found


def moments(db, word):
    path = reads.matter_path(db, matter(db, word)["id"], "2026-12-07")
    return [(m["at"][:10], m["kind"]) for m in path_steps(path)], path


def test_fupings_scale(demo):
    assert len(reads.matter_list(demo)) == 15
    assert len(queries.meetings(demo)) == 7


def test_the_north_gate_from_2018_to_its_evaluation(demo):
    steps, path = moments(demo, "北门")
    kinds = [k for _, k in steps]
    assert steps[0] == ("2018-05-10", "raised")
    assert ("2025-10-26", "taken_up") in steps and ("2025-10-26", "decision") in steps
    assert ("2025-11-07", "done") in steps  # works from 10-31, done 11-07
    assert kinds[-1] == "closed" and kinds.count("evaluated") == 3
    assert all(e["evaluations"][0]["method"] == "show_of_hands" for e in path["duties"])


def test_the_rockery_reported_in_august_removed_on_the_18th(demo):
    steps, _ = moments(demo, "假山")
    assert steps[0] == ("2025-08-12", "raised")
    assert ("2025-09-12", "taken_up") in steps and ("2025-09-18", "done") in steps
    meeting = next(m for m in queries.meetings(demo) if m["kind"] == "长廊议事")
    assert meeting["created_at"].startswith("2025-09-06")  # the notice went up on 9-06


def test_the_railings_paid_by_three_parties_and_judged_by_residents(demo):
    _, path = moments(demo, "围栏")
    owners = {e["duty"]["owner_person"] for e in path["duties"]}
    assert owners == {"沙坡头区委宣传部", "沙坡头区总工会", "北京瑞赢酒店物业管理有限公司"}
    assert all(e["duty"]["status"] == "done" and e["evaluations"] for e in path["duties"])
    assert path["matter"]["status"] == "evaluated"
    assert path["meetings"][0]["meeting"]["venue"] == "诸葛驿站"


def test_matters_stand_at_every_step_and_one_duty_is_overdue(demo):
    steps = {m["status"] for m in reads.matter_list(demo)}
    assert steps == {"raised", "classified", "deliberating", "assigned", "evaluated", "closed"}
    overdue = reads.duty_list(demo, "2026-12-07", overdue_only=True)
    assert [d["task"] for d in overdue] == ["在3号楼各单元门口公示专项维修资金使用明细"]
    roof = matter(demo, "楼顶防水")
    assert len(reads.matter_path(demo, roof["id"], "2026-12-07")["meetings"]) == 2  # corridor, then January
