"""The objection period in the published minutes: until when and where to object, the
objections and their answers (a resident named only with consent), and a new version for each."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

from conftest import BASE_URL, build_meeting

from yiting.desk import Desk
from yiting.publish.site import publish_meeting
from yiting.store.db import connect

CST = timezone(timedelta(hours=8))
CONTACT = "富平社区党群服务中心一楼便民窗口"


def folder_of(site, mid):
    return site / "m" / str(mid)


def texts(site, mid):
    folder = folder_of(site, mid)
    return {name: (folder / name).read_text(encoding="utf-8-sig")
            for name in ("index.html", "minutes.md", "minutes.csv", "minutes.json")}


def test_the_minutes_state_until_when_and_where_to_object(meeting_db, site, clock):
    path, mid = meeting_db
    db = connect(path)
    desk = Desk(db, clock=clock)
    desk.set_objection_period(mid, days=10, contact=CONTACT)
    publish_meeting(db, mid, site, base_url=BASE_URL, now=datetime(2025, 9, 13, 9, 0, tzinfo=CST))
    out = texts(site, mid)
    period = json.loads(out["minutes.json"])["objection_period"]
    assert (period["until"], period["state"], period["count"], period["days"]) == ("2025-09-22", "open", 0, 10)
    line = "询异期：10 天，至 2025-09-22 止。对以上结果有异议的，请在此之前向富平社区党群服务中心一楼便民窗口提出。"
    for name in ("index.html", "minutes.md", "minutes.csv"):
        assert line in out[name], name
        assert "未收到异议。" in out[name], name


def test_the_next_version_carries_each_objection_and_its_answer(meeting_db, site, clock):
    path, mid = meeting_db
    db = connect(path)
    desk = Desk(db, clock=clock)
    first = publish_meeting(db, mid, site, base_url=BASE_URL, now=datetime(2025, 9, 13, 9, 0, tzinfo=CST))
    desk.mark_published(mid)
    people = {name: {"id": pid} for pid, name in db.execute("SELECT id, name FROM participants")}
    clock.advance(hours=14)
    masked = desk.add_objection(mid, "施工期间东侧通道太窄。", participant_id=people["李桂兰"]["id"])
    desk.add_objection(mid, "北门拓宽应同时加装路灯。", name="周大爷", named=True)
    desk.add_objection(mid, "工期太长。")
    clock.advance(hours=3)
    desk.answer_objection(masked["id"], "物业将通道加宽到 3 米。", answered_by="物业公司")
    second = publish_meeting(db, mid, site, base_url=BASE_URL, now=datetime(2025, 9, 14, 9, 0, tzinfo=CST))
    assert (first.version, second.version, second.changed) == (1, 2, True)
    out = texts(site, mid)
    data = json.loads(out["minutes.json"])
    assert [o["name"] for o in data["objections"]] == ["李**", "周大爷", ""]
    assert data["objection_period"]["count"] == 3 and data["objection_period"]["answered"] == 1
    for name in ("index.html", "minutes.md", "minutes.csv"):
        text = out[name]
        assert "收到异议 3 条，已答复 1 条，2 条待答复。" in text, name
        mask = "李\\*\\*" if name == "minutes.md" else "李**"
        assert "李桂兰" not in text and mask in text and "周大爷" in text and "未具名居民" in text, name
        assert "物业将通道加宽到 3 米。" in text and "工期太长。" in text, name
    assert re.search("答复（2025-09-13 [0-9:]{5}，物业公司）：物业将通道加宽到 3 米。", out["index.html"])
    old = (folder_of(site, mid) / "v1" / "index.html").read_text(encoding="utf-8")
    assert "施工期间东侧通道太窄" not in old  # version 1 stays as it was published


def test_a_publish_after_the_last_day_says_the_period_closed_in_a_new_version(meeting_db, site, clock):
    path, mid = meeting_db
    db = connect(path)
    desk = Desk(db, clock=clock)
    objection = desk.add_objection(mid, "不同意拓宽。")
    desk.answer_objection(objection["id"], "已上门解释施工安排。", answered_by="社区居委会")
    during = publish_meeting(db, mid, site, base_url=BASE_URL, now=datetime(2025, 9, 19, 23, 0, tzinfo=CST))
    same_day = publish_meeting(db, mid, site, base_url=BASE_URL, now=datetime(2025, 9, 19, 23, 30, tzinfo=CST))
    after = publish_meeting(db, mid, site, base_url=BASE_URL, now=datetime(2025, 9, 20, 8, 0, tzinfo=CST))
    assert (during.version, same_day.changed, after.version) == (1, False, 2)
    out = texts(site, mid)
    assert json.loads(out["minutes.json"])["objection_period"]["state"] == "closed"
    for name in ("index.html", "minutes.md", "minutes.csv"):
        assert "询异期（7 天）已于 2025-09-19 结束。" in out[name] and "收到异议 1 条，均已答复。" in out[name]
        assert "请在此之前" not in out[name]


def test_an_objection_after_the_period_and_a_changed_answer_say_so(meeting_db, site, clock):
    path, mid = meeting_db
    db = connect(path)
    desk = Desk(db, clock=clock)
    clock.advance(days=9)
    objection = desk.add_objection(mid, "我刚看到公告。")
    desk.answer_objection(objection["id"], "答复一", answered_by="居委会")
    desk.answer_objection(objection["id"], "答复二", answered_by="居委会", reason="第一次答复写错了日期")
    publish_meeting(db, mid, site, base_url=BASE_URL, now=clock())
    out = texts(site, mid)
    for name in ("index.html", "minutes.md"):
        assert "（询异期后收到）" in out[name] and "理由：第一次答复写错了日期" in out[name], name
    assert "询异期后收到" in out["minutes.csv"]


def test_an_open_meeting_states_no_period(site, tmp_path, clock):
    db = connect(tmp_path / "open.sqlite")
    mid = build_meeting(Desk(db, clock=clock), clock, close=False)
    publish_meeting(db, mid, site, base_url=BASE_URL, now=clock())
    out = texts(site, mid)
    assert json.loads(out["minutes.json"])["objection_period"]["state"] == "pending"
    assert "询异期" not in out["index.html"] and "询异期" not in out["minutes.md"]


def test_english_minutes(meeting_db, site, clock):
    path, mid = meeting_db
    db = connect(path)
    Desk(db, clock=clock).set_objection_period(mid, contact="Community centre, 2nd floor")
    publish_meeting(db, mid, site, base_url=BASE_URL, lang="en", now=datetime(2025, 9, 13, 9, 0, tzinfo=CST))
    page = texts(site, mid)["index.html"]
    assert "Objection period: 7 days, until 2025-09-19." in page and "Community centre, 2nd floor" in page
