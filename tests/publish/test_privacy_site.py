"""Privacy, end to end: meetings built through the desk with every kind of person in every role,
published, served, and every byte of the site, the exports, the notice and the live page
searched for anything that must not leave the database.

The roster comes in as a CSV file with a 单位 (employer) column, as a community office keeps it:
the employer is stored, never published, and never makes anyone official (腾讯公司, 税务局,
社区卫生服务中心 and 派出所 used to be taken for official roles by their endings).
"""

from __future__ import annotations

import http.client
import json
import re
import zlib
from pathlib import Path

import pytest
from serve_helpers import Serve

from yiting.desk import Desk
from yiting.publish.site import publish_meeting, write_index
from yiting.roster_csv import parse
from yiting.store.db import connect

BASE = "http://192.168.1.23:8000"
HOSTILE = {"script": "<script>alert(1)</script>", "template": "{{7*7}}", "link": "[点我](http://evil.example/x)"}
# name, party, employer (单位), building, phone, address, 公开姓名, 公开身份
ROSTER = [
    ("李桂兰", "居民", "腾讯公司", "幸福苑17栋", "13900000001", "幸福苑17栋2单元301室", "否", ""),
    ("赵磊", "业主", "税务局", "幸福苑18栋", "13900000002", "幸福苑18栋1单元502室", "否", ""),
    ("孙丽娟", "楼栋长", "社区卫生服务中心", "幸福苑19栋", "13900000003", "幸福苑19栋3单元101室", "否", ""),
    ("钱大勇", "居民", "派出所", "幸福苑20栋", "13900000004", "幸福苑20栋2单元202室", "", ""),
    ("令狐冲冲", "居民", "", "幸福苑21栋", "13900000005", "幸福苑21栋1单元601室", "否", ""),
    ("欧阳秀英", "自然资源局", "", "幸福苑22栋", "13900000006", "幸福苑22栋4单元401室", "否", ""),
    ("张伟", "居民", "", "幸福苑23栋", "13900000007", "幸福苑23栋1单元102室", "否", ""),  # a resident …
    ("张伟", "网格员", "", "", "13900000008", "网格站东楼", "否", ""),  # … and a grid worker of the same name
    ("马六", "物业公司", "某某物业服务有限公司", "", "13900000009", "物业办公室后院", "否", "否"),  # opted out
    ("王建国", "业主", "城市建设集团", "幸福苑9栋", "13900000010", "幸福苑9栋1单元101室", "是", ""),
    ("刘明", "物业公司", "瑞丰物业服务有限公司", "", "13900000011", "刘明家东巷8号", "否", ""),
    ("陈静", "社区党委", "", "", "13900000012", "陈静家西巷9号", "", ""),
    (HOSTILE["script"], "居民", "", "幸福苑5栋", "13900000013", "幸福苑5栋3单元501室", "是", ""),
    (HOSTILE["template"], "居民", "", "幸福苑6栋", "13900000014", "幸福苑6栋1单元201室", "是", ""),
    (HOSTILE["link"], "居民", "", "幸福苑8栋", "13900000015", "幸福苑8栋2单元302室", "是", ""),
]
MASKED = ["李桂兰", "赵磊", "孙丽娟", "钱大勇", "令狐冲冲", "欧阳秀英", "马六"]  # full names nowhere
SHOWN = ["王建国", "刘明", "陈静"]
PRIVATE = ([r[3] for r in ROSTER[:7]] + [r[2] for r in ROSTER if r[2]] + [r[4] for r in ROSTER]
           + [r[5] for r in ROSTER])  # masked residents' buildings, every employer, phone and address


def roster_csv() -> bytes:
    lines = ["姓名,身份,单位,楼栋,电话,住址,公开姓名,公开身份"]
    for row in ROSTER:
        lines.append(",".join('"' + cell.replace('"', '""') + '"' for cell in row))
    return ("\n".join(lines) + "\n").encode("gbk")  # as Excel saves it on a Chinese Windows


def add_roster(desk: Desk, meeting_id: int) -> dict[tuple[str, str], int]:
    parsed = parse(roster_csv())
    assert not parsed.refused, [r.message() for r in parsed.refused]
    people = desk.add_participants(meeting_id, parsed.people)
    for person in people:
        desk.check_in(person["id"])
    return {(p["name"], p["party"]): p["id"] for p in people}


def speak(desk: Desk, clock, item_id: int, person_id: int, summary: str, stance: str = "neutral") -> None:
    speech = desk.queue_speaker(item_id, person_id, stance)
    desk.start_speech(item_id, speech["id"])
    clock.advance(seconds=60)
    desk.end_speech(speech["id"], summary=summary)


def build(desk: Desk, clock) -> tuple[int, int]:
    """A meeting that closes (every role) and one still open with a resident speaking."""
    m = desk.create_meeting("幸福苑加装电梯议事会", community="幸福苑小区", venue="睦邻议事亭", facilitator="陈静",
                            note_taker="刘明", scheduled_at="2025-10-20 19:00")
    mid = m["id"]
    ids = add_roster(desk, mid)
    desk.open_meeting(mid)
    item = desk.add_item(mid, "3 号楼加装电梯", description="低层住户担心采光。")
    desk.open_item(item["id"])
    for n, key in enumerate(ids):
        speak(desk, clock, item["id"], ids[key], f"第 {n + 1} 位发言：赞成先做采光评估。", "pro" if n % 2 else "con")
    plan = desk.submit_proposal(item["id"], "先做采光评估，再定方案。", proposer_id=ids[("李桂兰", "居民")],
                                seconder_id=ids[("赵磊", "业主")])
    desk.submit_proposal(item["id"], "由物业公司出具报价。", proposer_id=ids[("王建国", "业主")],
                         seconder_id=ids[("令狐冲冲", "居民")])
    desk.submit_proposal(item["id"], "请网格员登记意见。", proposer_id=ids[("张伟", "网格员")],
                         seconder_id=ids[("张伟", "居民")])
    vote = desk.open_vote(plan["id"], method="roll_call")
    voters = [pid for (name, party), pid in ids.items() if party in ("居民", "业主", "楼栋长")]
    for n, pid in enumerate(voters):
        desk.cast_ballot(vote["id"], pid, ("yes", "yes", "no", "abstain")[n % 4])
    desk.close_vote(vote["id"])
    desk.record_decision(item["id"], "先做采光评估，再定加装电梯方案。", proposal_id=plan["id"], vote_id=vote["id"])
    desk.add_action(mid, "出具电梯报价", owner_party="物业公司", owner_person="令狐冲冲", due="2025-11-30")
    desk.add_action(mid, "召集业主意见", owner_party="业委会", owner_person="张伟", due="2025-11-15")
    desk.add_action(mid, "上门征求低层住户意见", owner_person="周大妈")  # not on the roster
    desk.add_action(mid, "清理楼道杂物", owner_person="物业公司")  # a party's name, typed as the person
    desk.add_action(mid, "联系设计单位", owner_party="社区党委", owner_person="陈静")
    desk.add_action(mid, "协助评估", owner_party="赵磊", owner_person="")  # a resident's name typed as the party
    desk.close_item(item["id"], "decided")

    live = desk.create_meeting("幸福苑停车议事会", community="幸福苑小区", venue="小区院落", facilitator="陈静")
    live_ids = add_roster(desk, live["id"])
    desk.open_meeting(live["id"])
    parking = desk.add_item(live["id"], "地面停车位划线")
    desk.open_item(parking["id"])
    speak(desk, clock, parking["id"], live_ids[("孙丽娟", "楼栋长")], "赞成划线。")
    running = desk.queue_speaker(parking["id"], live_ids[("赵磊", "业主")], "con")
    desk.start_speech(parking["id"], running["id"])  # 赵磊 is speaking now: the live page's 正在发言
    return mid, live["id"]


def png_text(raw: bytes) -> str:
    """The text chunks of a PNG (tEXt, zTXt, iTXt, compressed ones inflated)."""
    out, at = [], 8
    while at + 8 <= len(raw):
        length = int.from_bytes(raw[at:at + 4], "big")
        kind, data = raw[at + 4:at + 8], raw[at + 8:at + 8 + length]
        at += 12 + length
        if kind == b"tEXt":
            out.append(data.decode("latin-1"))
        elif kind == b"zTXt":
            key, _, rest = data.partition(b"\0")
            out.append(key.decode("latin-1") + zlib.decompress(rest[1:]).decode("latin-1"))
        elif kind == b"iTXt":
            key, _, rest = data.partition(b"\0")
            compressed, rest = rest[0], rest[2:]
            _lang, _, rest = rest.partition(b"\0")
            _translated, _, text = rest.partition(b"\0")
            out.append(key.decode("latin-1") + (zlib.decompress(text) if compressed else text).decode("utf-8"))
    return "\n".join(out)


def pdf_text(raw: bytes) -> str:
    """A PDF's bytes with every Flate stream inflated, read as UTF-8 and as UTF-16 (CID text)."""
    parts = [raw.decode("utf-8", "replace")]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.DOTALL):
        try:
            data = zlib.decompress(stream)
        except zlib.error:
            data = stream
        parts += [data.decode("utf-8", "replace"), data.decode("utf-16-be", "replace")]
    return "\n".join(parts)


def readable(path: Path) -> str:
    raw = path.read_bytes()
    text = raw.decode("utf-8", "replace")
    if path.suffix == ".png":
        text += "\n" + png_text(raw)
    if path.suffix == ".pdf":
        text += "\n" + pdf_text(raw)
    return text


def first_event(port: int, path: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        assert response.status == 200
        for _ in range(50):  # bounded: the retry line, then the first state
            line = response.fp.readline().decode("utf-8")
            if line.startswith("data: "):
                return line
        raise AssertionError("no event")
    finally:
        conn.close()


@pytest.fixture
def private_site(tmp_path, clock, monkeypatch):
    """Both meetings published (the first twice: while open, then closed), the notice's drawn
    text captured, and the served pages: (site, {name: text}, notice lines, db path, ids)."""
    from PIL import ImageDraw

    path = tmp_path / "privacy.sqlite"
    site = tmp_path / "site"
    db = connect(path)
    desk = Desk(db, clock=clock)
    closed, live = build(desk, clock)
    drawn: list[str] = []
    real_text = ImageDraw.ImageDraw.text

    def text(self, xy, words, *args, **kwargs):
        drawn.append(str(words))
        return real_text(self, xy, words, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", text)
    publish_meeting(db, closed, site, base_url=BASE)  # version 1, while it is open
    desk.close_meeting(closed)
    clock.advance(minutes=5)
    publish_meeting(db, closed, site, base_url=BASE)  # version 2
    publish_meeting(db, live, site, base_url=BASE)
    write_index(site)
    db.conn.close()
    server = Serve(path, site)
    try:
        served = {}
        for page in ("/", f"/m/{closed}/", f"/m/{closed}/v1/", f"/m/{closed}/live", f"/m/{live}/",
                     f"/m/{live}/live"):
            status, body, _ = server.get(page)
            assert status == 200, (page, status)
            served[page] = body
        served[f"/m/{live}/live/events"] = first_event(server.port, f"/m/{live}/live/events")
    finally:
        server.stop()
    return site, served, drawn, path, (closed, live)


def test_nothing_private_leaves_the_database(private_site):
    site, served, drawn, _, (closed, live) = private_site
    files = sorted(p for p in site.rglob("*") if p.is_file())
    names = {p.name for p in files}
    assert {"index.html", "minutes.json", "minutes.md", "minutes.csv", "qr.png", "notice.png"} <= names
    assert (site / "m" / str(closed) / "v2" / "minutes.json").is_file()
    everything = {str(p.relative_to(site)): readable(p) for p in files} | served
    if any(p.suffix == ".png" and p.name == "notice.png" for p in files):
        everything["notice (drawn text)"] = "\n".join(drawn)
        assert drawn, "the notice was drawn without text?"
    for where, text in everything.items():
        for secret in MASKED + PRIVATE:
            assert secret not in text, f"{secret} in {where}"
    # the masked forms and the names of those who agreed or serve officially are there
    page = served[f"/m/{closed}/"]
    for shown in [*SHOWN, "李**", "赵**", "令**", "欧**", "马**", "张伟", "张**", "王建国"]:
        assert shown in page, shown
    assert "出具电梯报价" in page and "物业公司 令**" in page
    live_page = served[f"/m/{live}/live"]
    assert "赵**" in live_page and "赵**" in served[f"/m/{live}/live/events"]
    if drawn:
        assert any("令**" in line for line in drawn)  # the notice's action owner, masked


def test_same_name_different_choices_each_shown_as_chosen(private_site):
    site, _, _, db_path, (closed, _) = private_site
    record = json.loads((site / "m" / str(closed) / "minutes.json").read_text(encoding="utf-8"))
    db = connect(db_path, readonly=True)
    party_of = {pid: party for pid, party in db.execute("SELECT id, party FROM participants")}
    db.conn.close()
    [item] = record["agenda"]
    by_party = {party_of[s["speaker_id"]]: s["speaker"] for s in item["speeches"] if s["speaker"][:1] == "张"}
    assert by_party == {"居民": "张**", "网格员": "张伟"}
    proposal = item["proposals"][2]
    assert (proposal["proposer"], proposal["seconder"]) == ("张伟", "张**")
    people = {(p["name"], p["party"]): p for p in record["participants"]}
    assert not any("area_m2" in p or "checked_in_at" in p for p in record["participants"])
    assert people[("张**", "居民")]["building"] == "" and people[("张伟", "网格员")]["official"] is True
    owners = {a["task"]: a["owner"] for a in record["actions"]}
    assert owners == {"出具电梯报价": "物业公司 令**", "召集业主意见": "业委会 张**",  # which 张伟? neither named
                      "上门征求低层住户意见": "周**", "清理楼道杂物": "物业公司", "联系设计单位": "社区党委 陈静",
                      "协助评估": "赵**"}
    ballots = {b["name"] for v in item["proposals"][0]["votes"] for b in v["ballots"]}
    assert {"李**", "赵**", "王建国", "张**", HOSTILE["template"]} <= ballots


def test_hostile_names_are_escaped_on_the_page_and_in_the_markdown(private_site):
    site, served, _, _, (closed, _) = private_site
    page = served[f"/m/{closed}/"]
    assert HOSTILE["script"] not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert HOSTILE["template"] in page and "49" not in re.sub(r"[0-9a-f]{16,}|\d\d:\d\d", "", page)  # shown, never run
    assert 'href="http://evil.example' not in page and "点我" in page
    markdown = (site / "m" / str(closed) / "minutes.md").read_text(encoding="utf-8")
    assert "[点我](" not in markdown and "\\[点我\\]" in markdown
    assert "<script>" not in markdown


def test_the_live_speaker_is_shown_by_the_same_rule_and_escaped(tmp_path, clock):
    from yiting.publish.pages import render_live, render_live_state
    from yiting.publish.server import live_view

    db = connect(tmp_path / "live.sqlite")
    desk = Desk(db, clock=clock)
    m = desk.create_meeting("楼道议事", facilitator="陈静")
    ids = add_roster(desk, m["id"])
    desk.open_meeting(m["id"])
    item = desk.add_item(m["id"], "楼道照明")
    desk.open_item(item["id"])
    expected = {(HOSTILE["script"], "居民"): "&lt;script&gt;alert(1)&lt;/script&gt;",
                ("欧阳秀英", "自然资源局"): "欧**", ("马六", "物业公司"): "马**", ("刘明", "物业公司"): "刘明",
                ("张伟", "居民"): "张**", ("张伟", "网格员"): "张伟"}
    for key, shown in expected.items():
        speech = desk.queue_speaker(item["id"], ids[key], "pro")
        desk.start_speech(item["id"], speech["id"])
        view = live_view(db, m["id"], "zh")
        for html in (render_live(view, "zh", 5), render_live_state(view, "zh")):
            assert shown in html, (key, html)
            assert "<script>alert" not in html
            if shown.endswith("**"):
                assert key[0] not in html, (key, html)
        clock.advance(seconds=30)
        desk.end_speech(speech["id"])
    db.conn.close()
