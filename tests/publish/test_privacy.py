"""Who is named in public, and the masked record."""

from __future__ import annotations

from yiting.publish.privacy import is_official, mask, public_name, public_record
from yiting.publish.record import meeting_record
from yiting.store.db import connect


def test_mask_hides_length_and_keeps_the_surname():
    assert mask("李桂兰") == "李**"
    assert mask("李明") == "李**"
    assert mask("欧阳娜娜") == "欧**"
    assert mask("") == ""


def test_officials_and_organisations_are_named_residents_are_not():
    for party in ("社区党委", "物业公司", "业委会", "网格员", "法律顾问", "政府部门", "自然资源局", "城市管理局",
                  "某某物业服务有限公司", "宁安街道"):
        assert is_official(party), party
    for party in ("居民", "业主", "楼栋长", "居民代表", "党员", "志愿者", "", None):
        assert not is_official(party), party
    assert public_name("刘明", "物业公司") == "刘明"
    assert public_name("李桂兰", "居民") == "李**"
    assert public_name("王建国", "业主", named=True) == "王建国"


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
