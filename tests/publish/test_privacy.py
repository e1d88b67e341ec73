"""Who is named in public, and the masked record."""

from __future__ import annotations

import pytest

from yiting.presets import official_by_default
from yiting.publish.privacy import mask, public_record, shown_name
from yiting.publish.record import meeting_record
from yiting.store.db import connect


def test_mask_hides_length_and_keeps_the_surname():
    assert mask("李桂兰") == "李**"
    assert mask("李明") == "李**"
    assert mask("欧阳娜娜") == "欧**"
    assert mask("") == ""


def test_official_by_default_is_the_party_preset_exactly_never_a_suffix():
    for party in ("社区党委", "居委会", "街道", "政府部门", "物业公司", "法律顾问", "社区工作者", "网格员", "业委会",
                  "property_company", "Grid worker"):
        assert official_by_default(party), party
    for party in ("居民", "业主", "楼栋长", "居民代表", "党员", "志愿者", "", None,
                  "腾讯公司", "税务局", "社区卫生服务中心", "派出所", "某某物业服务有限公司", "宁安街道"):
        assert not official_by_default(party), party


def test_shown_name_is_consent_or_official_capacity_and_nothing_else():
    assert shown_name({"name": "刘明", "party": "物业公司", "official": True}) == "刘明"
    assert shown_name({"name": "刘明", "party": "物业公司", "official": False}) == "刘**"
    assert shown_name({"name": "李桂兰", "party": "税务局"}) == "李**"
    assert shown_name({"name": "王建国", "party": "业主", "named": True}) == "王建国"
    assert shown_name(None) == ""


def test_public_record_masks_every_place_a_name_appears(meeting_db):
    path, mid = meeting_db
    record = meeting_record(connect(path, readonly=True), mid)
    public = public_record(record)
    names = {p["name"] for p in public["participants"]}
    assert {"李**", "王建国", "张**", "赵**", "刘明", "陈静", "周工"} == names
    speakers = {s["speaker"] for i in public["agenda"] for s in i["speeches"]}
    assert speakers == {"李**", "赵**", "周工"}
    proposers = {p["proposer"] for i in public["agenda"] for p in i["proposals"]}
    assert "李桂兰" not in proposers and "李**" in proposers and "王建国" in proposers
    owners = {a["owner"] for a in public["actions"]}
    assert owners == {"物业公司 刘明", "楼栋长 张**"}
    text = repr(public)
    for secret in ("李桂兰", "张秀英", "赵磊", "area_m2", "checked_in_at"):
        assert secret not in text
    # the record itself is untouched
    assert record["participants"][0]["name"] == "李桂兰"


def test_consent_withdrawn_after_the_meeting_masks_the_next_version(published, clock):
    from yiting.desk import Desk
    from yiting.errors import YitingError
    from yiting.publish.site import publish_meeting

    site, first, path, mid = published
    db = connect(path)
    desk = Desk(db, clock=clock)
    wang_id = db.execute("SELECT id FROM participants WHERE meeting_id = ? AND name = '王建国'", [mid]).fetchone()[0]
    assert desk.meeting(mid)["status"] == "closed"
    desk.update_participant(wang_id, named=False)  # allowed after the meeting: privacy only
    with pytest.raises(YitingError):
        desk.update_participant(wang_id, building="9号楼")  # the rest of the roster is closed
    again = publish_meeting(db, mid, site, base_url="http://192.168.1.23:8000")
    db.conn.close()
    assert again.version == first.version + 1
    page = (site / "m" / str(mid) / "index.html").read_text(encoding="utf-8")
    assert "王建国" not in page and "王**" in page


def test_roster_csv_keeps_the_employer_apart_from_the_party():
    from yiting.roster_csv import parse

    for employer_header in ("单位", "工作单位", "employer"):
        for party_header in ("身份", "角色", "party", "role"):
            raw = (f"姓名,{party_header},{employer_header},公开身份\n李桂兰,居民,腾讯公司,\n周工,自然资源局,,是\n"
                   "令狐冲冲,物业公司,,否\n王五,居民,,也许\n").encode("gbk")
            result = parse(raw)
            people = {p["name"]: p for p in result.people}
            assert people["李桂兰"]["party"] == "居民" and people["李桂兰"]["employer"] == "腾讯公司"
            assert people["李桂兰"]["official"] is None  # empty: the desk takes the party's preset
            assert people["周工"]["official"] is True and people["令狐冲冲"]["official"] is False
            assert [r.name for r in result.refused] == ["王五"] and "也许" in result.refused[0].message()


def test_a_new_persons_official_capacity_comes_from_the_party_preset(tmp_path, clock):
    from yiting.desk import Desk

    desk = Desk(connect(tmp_path / "x.sqlite"), clock=clock)
    mid = desk.create_meeting("x")["id"]
    rows = desk.add_participants(mid, [{"name": "刘明", "party": "物业公司"}, {"name": "李桂兰", "party": "居民"},
                                       {"name": "钱大勇", "party": "派出所", "employer": "派出所"},
                                       {"name": "周工", "party": "自然资源局", "official": True},
                                       {"name": "马六", "party": "物业公司", "official": False}])
    assert [r["official"] for r in rows] == [1, 0, 0, 1, 0]
    assert desk.add_participant(mid, "常建升", party="业委会")["official"] == 1
    assert desk.add_participant(mid, "赵磊", party="业主", employer="税务局")["official"] == 0
