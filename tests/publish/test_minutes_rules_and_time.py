"""The minutes print every rule in force in words, and the speaking time by party and person."""

from __future__ import annotations

import pytest
from conftest import BASE_URL
from minutes_fixture import build_full_meeting

from yiting.desk import Desk
from yiting.publish.site import publish_meeting
from yiting.store.db import connect


@pytest.fixture
def files(tmp_path, clock):
    db = connect(tmp_path / "full.sqlite")
    mid = build_full_meeting(Desk(db, clock=clock, backups=False), clock, hostile_text=False)
    folder = publish_meeting(db, mid, tmp_path / "site", base_url=BASE_URL).folder
    return {name: (folder / name).read_text(encoding="utf-8-sig" if name.endswith(".csv") else "utf-8")
            for name in ("index.html", "minutes.md", "minutes.csv")}


def test_every_rule_in_force_is_printed_in_words(files):
    for name, text in files.items():
        # speech length and count (90 s, set during the meeting), the vote rule and its threshold,
        # ties, abstentions, the quorum (at least 3, not "more than")
        assert "每人对每个方案最多发言 2 次，每次 1 分 30 秒，剩 30 秒时提醒" in text, name
        assert "表决规则（默认）：简单多数（赞成多于反对）。赞成票多于反对票即通过；弃权不计入；赞成与反对票数相等（平票）不通过。" in text, name
        assert "法定人数：到会不少于 3 人，按签到的有表决权者计；未达法定人数时的表决只作参考，不作决定。" in text, name
        assert "程序问题优先，不计入发言次数；被程序问题打断的发言，之后接着讲完所剩时间" in text, name


def test_speaking_time_by_party_and_person_on_each_item_and_the_meeting(files):
    page, md = files["index.html"], files["minutes.md"]
    # 李桂兰 (居民) 130 s; 张秀英 (楼栋长) three speeches, 100 s; 王建国 (业主, named) 75 s
    by_party = "居民 2 分 10 秒（1 次）；楼栋长 1 分 40 秒（3 次）；业主 1 分 15 秒（1 次）"
    by_person = "李** 2 分 10 秒（1 次）；张** 1 分 40 秒（3 次）；王建国 1 分 15 秒（1 次）"
    for text, masked in ((page, by_person), (md, by_person.replace("*", "\\*"))):
        assert f"发言用时：{by_party}" in text
        assert masked in text and "全场发言用时" in text
        assert "李桂兰" not in text  # masked in the speaking time too: she did not agree to be named


def test_a_party_budget_and_its_overrides_are_in_the_minutes(clock):
    from yiting.publish.formats import to_markdown
    from yiting.publish.privacy import public_record
    from yiting.publish.record import meeting_record
    from yiting.store.db import memory

    desk = Desk(memory(), clock=clock, backups=False)
    meeting = desk.create_meeting("物业费议事会", rules={"party_seconds": 150})
    pan, li = desk.add_participants(meeting["id"], [{"name": "潘国栋", "party": "物业公司"},
                                                    {"name": "李桂兰", "party": "居民"}])
    for person in (pan, li):
        desk.check_in(person["id"])
    desk.open_meeting(meeting["id"])
    item = desk.add_item(meeting["id"], "物业费调整")
    desk.open_item(item["id"])
    desk.queue_speaker(item["id"], pan["id"], "pro")
    desk.start_speech(item["id"])
    clock.advance(seconds=150)
    desk.queue_speaker(item["id"], pan["id"], "pro", override_reason="回答账目提问")  # counted to now: 150 s
    desk.start_speech(item["id"])
    clock.advance(seconds=30)
    desk.close_meeting(meeting["id"])
    md = to_markdown(public_record(meeting_record(desk.db, meeting["id"])))
    assert "每一方（按身份：业委会、物业公司、居民……）合计不超过 2 分 30 秒" in md
    assert "超过本方在本议题的发言时间预算，理由：回答账目提问" in md
