"""Benchmark data, made through the meeting desk so the event log is a real one.

    large meeting   300 participants, 60 agenda items, 2,000 speeches, 100 votes; left open on
                    its last item with a running speech, a queue of speakers and a proposal
    ten-year archive  500 meetings, 10,000 items, 100,000 speeches, 5,000 votes, 20,000 actions
                    over ten years (the newest meeting open), most older actions done; about 5,000
                    matters (half the items came from one, raised, sorted and taken up), so the
                    20,000 actions are their duties, one in ten done judged with counts

`build_large(path, scale)` and `build_archive(path, scale)` take a scale (1.0 = the sizes
above; the smoke test uses a tiny one). `cached(kind)` returns the database for a kind, built
once into bench/.cache/ and reused while this file is unchanged.

For speed, the generating connection runs with `PRAGMA synchronous = OFF` (nothing survives a
power cut during generation, which does not matter for a throw-away file); every write still
goes through the desk, one transaction and one hash-chained event per action.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from yiting.desk import Desk
from yiting.store.db import connect

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
CHINA = timezone(timedelta(hours=8))

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = ["秀英", "桂兰", "建国", "德明", "海", "芳", "丽", "国强", "明", "静", "帆", "磊", "强", "敏", "建华", "玉兰",
         "志刚", "淑珍", "红梅", "晓东", "春生", "金凤", "永胜", "丽娟", "文博", "思远", "雨桐", "子涵"]
PARTIES = ["居民", "业主", "楼栋长", "党员", "居民代表", "网格员", "志愿者", "业委会", "物业公司"]
PLACES = ["北门", "南门", "3号楼", "5号楼", "地下车库", "广场", "楼道", "电梯", "垃圾站", "小花园", "健身区", "非机动车棚"]
TOPICS = [("停车", "车位重新划线"), ("照明", "感应灯更换"), ("消防", "消防通道清理"), ("漏水", "屋面防水维修"),
          ("环境卫生", "垃圾分类投放点调整"), ("设施维修", "健身器材更换"), ("安全隐患", "高空抛物监控安装"),
          ("物业服务", "保洁频次增加"), ("充电", "电动车充电桩安装"), ("绿化", "树木修剪"), ("噪音", "广场舞音量约定"),
          ("邻里纠纷", "楼上漏水协调"), ("适老化", "单元门口加装扶手"), ("通行", "门禁系统更新")]
OPINIONS = ["赞成尽快办，老人孩子都盼着。", "反对现在动工，费用要先公示清楚。", "建议先做方案比选再表决。",
            "同意，但要物业写明完成时间。", "担心施工噪音影响休息，希望避开午休。", "费用从公共收益列支，不向住户摊派。",
            "希望业委会监督验收，结果在单元群公示。", "现场看过，问题比想象的严重，必须处理。",
            "可以先试行三个月再决定。", "我家就在旁边，最受影响，支持改造。"]
VENUES = ["睦邻议事亭", "石榴籽长廊", "党群服务中心", "诸葛驿站"]
KINDS = ["民主协商议事会", "板凳会", "长廊议事", "茶话会", "碰头会"]
RULES = {"speech_seconds": 120, "speeches_per_person": 20, "warn_seconds": 30,
         "vote_rule": "plain_majority", "quorum_kind": "share", "quorum_value": 0.5}


class Clock:
    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def step(self, seconds: float = 5) -> None:
        self.moment += timedelta(seconds=seconds)


def _fast(path: Path) -> tuple[Desk, Clock]:
    db = connect(path)
    db.execute("PRAGMA synchronous = OFF")  # generation only: see the module docstring
    clock = Clock(datetime(2016, 1, 9, 19, 0, tzinfo=CHINA))
    return Desk(db, clock=clock, actor="bench", backups=False), clock


def _people(rng: random.Random, count: int) -> list[dict]:
    people = []
    for i in range(count):
        people.append({"name": rng.choice(SURNAMES) + rng.choice(GIVEN), "party": rng.choice(PARTIES),
                       "building": f"{rng.randint(1, 30)}-{rng.randint(1, 6)}", "voting": i % 10 != 9,
                       "area_m2": round(rng.uniform(45, 140), 1) if i % 3 == 0 else None,
                       "phone": f"139{rng.randint(10_000_000, 99_999_999)}"})
    return people


def _item_title(rng: random.Random, n: int) -> tuple[str, str]:
    topic, what = rng.choice(TOPICS)
    place = rng.choice(PLACES)
    return (f"{place}{what}（{topic}）第{n}项",
            f"居民反映{place}{topic}问题已有一段时间，{rng.choice(OPINIONS)}本次议事请各方说明情况并形成方案。")


def _meeting(desk: Desk, clock: Clock, rng: random.Random, *, number: int, people: int, items: int,
             speeches: int, votes: int, actions: int, leave_open: bool = False, queue_left: int = 0) -> dict:
    """One meeting with the given counts, spread evenly over its items; closed unless
    `leave_open` (then its last item stays under discussion with `queue_left` speakers waiting
    and one speaking)."""
    community = rng.choice(["富平社区", "滨河社区", "清河社区"])
    meeting = desk.create_meeting(f"{community}第{number}次{rng.choice(KINDS)}", community=community,
                                  venue=rng.choice(VENUES), kind=rng.choice(KINDS), facilitator="马佳",
                                  note_taker="刘敏", rules=RULES,
                                  scheduled_at=clock().isoformat(timespec="seconds"))
    mid = meeting["id"]
    roster = desk.add_participants(mid, _people(rng, people))
    here = []
    for person in roster:  # voters mostly come; observers (the property company, …) always do
        if not person["voting"] or rng.random() < 0.8:
            here.append(desk.check_in(person["id"]))
    item_rows = []
    for n in range(items):
        title, description = _item_title(rng, n + 1)
        if n % 2 == 0 and not leave_open:  # half the items come from matters residents raised
            item_rows.append(_item_from_matter(desk, clock, rng, mid, community, title, description))
            continue
        item_rows.append(desk.add_item(mid, title, description=description,
                                       timebox_minutes=rng.choice((10, 15, 20))))
    desk.open_meeting(mid)
    voters = [p for p in here if p["voting"]]
    last = len(item_rows) - 1
    for index, item in enumerate(item_rows):
        iid = item["id"]
        desk.open_item(iid)
        share = speeches * (index + 1) // items - speeches * index // items
        vote_share = votes * (index + 1) // items - votes * index // items
        action_share = actions * (index + 1) // items - actions * index // items
        final = leave_open and index == last
        for _ in range(share if not final else max(0, share - queue_left - 1)):
            speaker = rng.choice(here)
            speech = desk.queue_speaker(iid, speaker["id"], rng.choice(("pro", "con", "neutral")))
            clock.step(rng.randint(5, 20))
            desk.start_speech(iid, speech["id"])
            clock.step(rng.randint(40, 130))
            desk.end_speech(speech["id"], summary=f"{speaker['name']}：{rng.choice(OPINIONS)}")
        for v in range(vote_share):
            proposal = desk.submit_proposal(iid, f"方案{v + 1}：{rng.choice(OPINIONS)}由物业公司负责落实",
                                            proposer_id=rng.choice(voters)["id"])
            vote = desk.open_vote(proposal["id"], "paper_ballot")
            present = vote["present"]
            yes = rng.randint(0, present)
            no = rng.randint(0, present - yes)
            desk.set_counts(vote["id"], yes, no, present - yes - no)
            closed = desk.close_vote(vote["id"])
            if closed["passed"] or v == 0:
                desk.record_decision(iid, f"决议：{proposal['text'][4:]}")
        for _a in range(action_share):
            due = (clock() + timedelta(days=rng.randint(7, 60))).date().isoformat()
            desk.add_action(mid, f"{rng.choice(PLACES)}{rng.choice(TOPICS)[1]}，{rng.choice(('一周', '两周', '一个月'))}内完成",
                            owner_party=rng.choice(("物业公司", "业委会", "社区居委会", "网格员")),
                            owner_person=rng.choice(roster)["name"], due=due, item_id=iid)
        if final:
            for person in rng.sample(here, min(len(here), queue_left + 1)):
                desk.queue_speaker(iid, person["id"], rng.choice(("pro", "con")))
            desk.start_speech(iid)
            desk.submit_proposal(iid, "由物业公司在两周内完成改造，费用从公共收益列支",
                                 proposer_id=voters[0]["id"])
            break
        desk.close_item(iid, "decided")
        clock.step(60)
    if not leave_open:
        desk.close_meeting(mid)
    return meeting


CATEGORIES = ["停车", "照明", "消防", "漏水", "环境卫生", "设施维修", "安全隐患", "物业服务", "邻里纠纷", "绿化"]
RAISERS = [("resident", False), ("resident", True), ("grid_worker", False), ("building_head", False), ("committee", False)]


def _item_from_matter(desk: Desk, clock: Clock, rng: random.Random, meeting_id: int, community: str, title: str,
                      description: str) -> dict:
    """An agenda item made from a matter (随时说事 → 分类理事 → 多方议事): raised some days
    before the meeting by a resident, a grid worker …, sorted, taken into the meeting; the
    item's action items become the matter's duties."""
    kind, named = rng.choice(RAISERS)
    raised = clock() - timedelta(days=rng.randint(3, 40), hours=rng.randint(0, 12))
    matter = desk.raise_matter(title, community=community, description=description,
                               raised_by=rng.choice(SURNAMES) + rng.choice(GIVEN), raiser_kind=kind,
                               raiser_named=named, building=f"{rng.randint(1, 30)}号楼",
                               raised_at=raised.isoformat(timespec="seconds"))
    desk.sort_matter(matter["id"], category=rng.choice(CATEGORIES), urgency=rng.choice(("normal", "high", "low")))
    return desk.take_matter_into_meeting(matter["id"], meeting_id, timebox_minutes=rng.choice((10, 15, 20)))


def build_large(path: Path, scale: float = 1.0, seed: int = 6) -> dict:
    """The large meeting, open; returns {"meeting": id, "item": current item id, ...}."""
    rng = random.Random(seed)
    desk, clock = _fast(path)
    clock.moment = datetime.now(CHINA).replace(microsecond=0) - timedelta(hours=4)
    s = lambda n, low=1: max(low, round(n * scale))
    meeting = _meeting(desk, clock, rng, number=1, people=s(300, 10), items=s(60, 2), speeches=s(2000, 4),
                       votes=s(100, 1), actions=s(60, 1), leave_open=True, queue_left=s(40, 3))
    desk.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    desk.db.conn.close()
    return {"meeting": meeting["id"]}


def build_archive(path: Path, scale: float = 1.0, seed: int = 10, progress=None) -> dict:
    """Ten years of meetings, the newest one open; returns {"meetings": n, "open": id}."""
    rng = random.Random(seed)
    desk, clock = _fast(path)
    meetings = max(2, round(500 * scale))
    per = {"people": 30, "items": 20, "speeches": 200, "votes": 10, "actions": 40}
    start = datetime(2016, 11, 1, 19, 0, tzinfo=CHINA)
    end = datetime.now(CHINA).replace(microsecond=0) - timedelta(hours=2)
    gap = (end - start) / meetings
    opened = None
    for n in range(meetings):
        clock.moment = max(clock.moment, start + gap * n)
        newest = n == meetings - 1
        meeting = _meeting(desk, clock, rng, number=n + 1, people=per["people"], items=per["items"],
                           speeches=per["speeches"], votes=per["votes"], actions=per["actions"],
                           leave_open=newest, queue_left=5)
        if newest:
            opened = meeting["id"]
        if progress and n % 25 == 0:
            progress(n, meetings)
    # Actions older than a year are done (with the residents' evaluation); newer ones still run.
    # One in ten done is judged with counts (公开评事), a few of those not satisfied (reopened).
    year_ago = (clock() - timedelta(days=365)).date().isoformat()
    old = desk.db.execute("SELECT id FROM actions WHERE due < ? ORDER BY id", [year_ago]).fetchall()
    for n, (action_id,) in enumerate(old):
        desk.update_action(action_id, status="done", evaluation=rng.choice(("satisfied", "fairly_satisfied")))
        if n % 10 == 0:
            desk.record_evaluation(action_id, rng.randint(5, 30), rng.randint(0, 10), rng.randint(0, 8) if n % 70
                                   else 40, method=rng.choice(("show_of_hands", "paper_forms")))
    # Matters whose duties are all done and over a year old are closed (全程查事).
    done = desk.db.execute(
        "SELECT x.id FROM matters x JOIN actions a ON a.matter_id = x.id WHERE x.raised_at < ?"
        " GROUP BY x.id HAVING SUM(a.status != 'done') = 0 ORDER BY x.id", [year_ago]).fetchall()
    for (matter_id,) in done:
        desk.close_matter(matter_id)
    desk.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    desk.db.conn.close()
    return {"meetings": meetings, "open": opened}


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        out = {}
        for table in ("meetings", "participants", "agenda_items", "speeches", "votes", "actions", "matters",
                      "evaluations", "events"):
            out[table] = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        return out
    finally:
        conn.close()


def _fingerprint() -> str:
    """Rebuild the cache when this generator or the schema changes."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    from yiting.store import schema

    digest.update(Path(schema.__file__).read_bytes())
    return digest.hexdigest()[:12]


def cached(kind: str, log=print) -> Path:
    """The cached database of `kind` ("large" or "archive"), built on first use."""
    CACHE.mkdir(exist_ok=True)
    target = CACHE / f"{kind}-{_fingerprint()}.sqlite"
    if target.exists():
        return target
    for stale in CACHE.glob(f"{kind}-*.sqlite*"):
        stale.unlink()
    partial = CACHE / f"{kind}.partial.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    log(f"generating the {kind} database through the desk (once; cached in {CACHE}) …")
    if kind == "large":
        build_large(partial)
    else:
        build_archive(partial, progress=lambda n, total: log(f"  archive: {n}/{total} meetings "
                                                              f"({time.perf_counter() - started:.0f} s)"))
    shutil.move(partial, target)
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    log(f"  {kind}: {counts(target)} in {time.perf_counter() - started:.0f} s")
    return target


if __name__ == "__main__":
    for kind in sys.argv[1:] or ["large", "archive"]:
        print(cached(kind))
