"""The Matters and Duties screens' snapshots (m and d from home), on a few matters at different
steps. Kept steady by snap_helpers.py and conftest.py."""

from __future__ import annotations

import pytest
from snap_helpers import app_on, each_size, settle

from yiting.desk import Desk
from yiting.store.db import connect


@pytest.fixture
def matters_db(quiet_db, step_clock):
    path, ids = quiet_db
    desk = Desk(connect(path), clock=step_clock)
    leak = desk.raise_matter("3号楼楼顶漏水", category="漏水", raised_by="李桂兰", building="3号楼",
                             raised_at="2025-08-20 09:00")
    again = desk.raise_matter("3号楼顶层漏雨", category="漏水", raised_by="赵德明", raiser_named=True,
                              building="3号楼", raised_at="2025-08-22 10:00")
    desk.merge_matters(leak["id"], again["id"])
    duty = desk.dispatch_matter(leak["id"], "修补3号楼屋面防水", owner_party="物业公司", owner_person="郑国强",
                                due="2025-09-30", dispatched_by="居委会")
    desk.accept_duty(duty["id"])
    desk.add_duty_note(duty["id"], "已进场，检测报告下周出", author="郑国强")
    desk.raise_matter("7号楼前路灯不亮", category="照明", raised_by="王丽", raiser_kind="grid_worker",
                      urgency="high", raised_at="2025-09-10 20:00")
    gate = desk.raise_matter("北门出入口狭窄，需拓宽", category="道路出入", raised_by="孙建国",
                             raiser_kind="building_head", raised_at="2018-05-10 09:00")
    desk.take_matter_into_meeting(gate["id"], ids["draft"])
    desk.db.close()
    return path


@each_size
def test_matters(snap_compare, matters_db, step_clock, size):
    assert snap_compare(app_on(matters_db, step_clock), press=["m"], terminal_size=size, run_before=settle)


@each_size
def test_duties(snap_compare, matters_db, step_clock, size):
    assert snap_compare(app_on(matters_db, step_clock), press=["d"], terminal_size=size, run_before=settle)


def test_matters_in_english(snap_compare, matters_db, step_clock):
    assert snap_compare(app_on(matters_db, step_clock, "en"), press=["m"], terminal_size=(120, 40),
                        run_before=settle)
