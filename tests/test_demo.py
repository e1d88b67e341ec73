"""The demo: built through the desk, it shows what a facilitator opening `yiting demo` sees."""

from __future__ import annotations

import pytest

from yiting.demo import ScriptError, build_demo, load_presets, rule_set
from yiting.desk import Desk
from yiting.domain import Rules
from yiting.store import queries
from yiting.store.db import memory
from yiting.store.log import head
from yiting.store.verify import verify


@pytest.fixture(scope="module")
def demo():
    db = memory()
    ids = build_demo(db)
    return db, ids


def meeting_by(db, **wanted):
    found = [m for m in queries.meetings(db) if all(m[k] == v for k, v in wanted.items())]
    assert len(found) == 1, wanted
    return found[0]


def test_presets_offer_venues_kinds_parties_categories_and_valid_rule_sets():
    presets = load_presets()
    for section in ("venues", "meeting_kinds", "parties", "categories"):
        entries = presets[section]
        assert entries and len({e["key"] for e in entries}) == len(entries)
        assert all(e["label_zh"] and e["label_en"] for e in entries)
    names = {r["name"] for r in presets["rule_sets"]}
    assert presets["default_rule_set"] in names
    assert all(kind["rule_set"] in names for kind in presets["meeting_kinds"])
    for entry in presets["rule_sets"]:
        Rules.from_dict(entry["rules"])  # every preset is a valid set of rules
    nantang = Rules.from_dict(rule_set("nantang", presets))
    assert (nantang.speech_seconds, nantang.speeches_per_person, nantang.vote_rule.value) == (
        120, 2, "plain_majority")
    zh = {e["label_zh"] for e in presets["venues"]}
    assert {"睦邻议事亭", "石榴籽长廊", "党群服务中心", "诸葛驿站"} <= zh
    kinds = {e["label_zh"]: e["rule_set"] for e in presets["meeting_kinds"]}
    assert kinds["业主大会"] == "owners_assembly"
    assert rule_set("owners_assembly", presets)["vote_rule"] == "art278_general"


def test_corridor_meeting_is_closed_with_its_decisions_and_actions(demo):
    db, ids = demo
    meeting = meeting_by(db, venue="石榴籽长廊", kind="长廊议事")
    assert meeting["id"] in ids
    assert meeting["status"] == "closed"
    assert meeting["community"] == "利通区金星镇富平社区"
    assert meeting["started_at"].startswith("2025-09-12T19:30")
    items = queries.agenda(db, meeting["id"])
    statuses = [item["status"] for item in items]
    assert statuses.count("deferred") == 1 and statuses.count("decided") == len(items) - 1
    assert "假山" in items[0]["title"]
    assert queries.decisions(db, meeting["id"])

    votes = queries.votes_of_meeting(db, meeting["id"])
    assert votes and all(v["status"] == "closed" for v in votes)
    rockery_vote = votes[0]
    assert rockery_vote["method"] == "show_of_hands"
    assert rockery_vote["passed"] == 1
    assert "通过" in rockery_vote["explanation"] and "未通过" not in rockery_vote["explanation"]

    actions = queries.actions(db, meeting["id"])
    removal = next(a for a in actions if "拆除" in a["task"] and "假山" in a["task"])
    assert (removal["owner_party"], removal["due"], removal["status"], removal["evaluation"]) == (
        "物业公司", "2025-09-18", "done", "satisfied")
    assert removal["done_at"].startswith("2025-09-18")
    assert any("乒乓球" in a["task"] for a in actions)

    speeches = queries.speeches_of_meeting(db, meeting["id"])
    assert {s["stance"] for s in speeches} >= {"pro", "con"}
    assert all(s["status"] == "done" and s["summary"] and 0 < s["seconds"] <= 120 for s in speeches)
    people = queries.participants(db, meeting["id"])
    assert any(p["name"] == "常建升" and p["named"] for p in people)
    assert any(p["phone"] for p in people)


def test_owners_assembly_passes_by_area_and_head_count(demo):
    """The seed's 香溪美地 vote, rebuilt as the law counts it: 36 units of a register, heads by
    owner (two owners of two flats, a couple's flat, the developer's three unsold flats), ballots
    entered over two sittings a week apart."""
    from yiting.domain.owners import stored_denominators
    from yiting.store import owners as register

    db, _ = demo
    meeting = meeting_by(db, kind="业主大会")
    assert meeting["status"] == "closed"
    units = register.units(db, meeting["id"])
    assert len(units) == 36 and all(50 <= u["area_m2"] <= 140 for u in units)
    (vote,) = queries.votes_of_meeting(db, meeting["id"])
    assert (vote["rule"], vote["method"], vote["passed"]) == ("art278_general", "paper_ballot", 1)
    extra = register.unit_vote(db, vote["id"])
    den = stored_denominators(extra["denominators"])
    assert (den.units, den.heads, den.merged_heads) == (36, 32, 3)
    assert (vote["eligible"], vote["eligible_area"]) == (32, 3553.09)
    assert extra["objection_until"] == "2023-04-08"
    ballots = register.unit_ballots(db, vote["id"])
    assert len(ballots) == 30 and {b["entered_at"][:10] for b in ballots} == {"2023-03-18", "2023-03-25"}
    assert {b["collected_by"] for b in ballots} == {"陈思雨", "孙立国", "钱文斌", "林浩"}
    assert all(b["collected_at"] <= b["entered_at"] for b in ballots)
    explanation = vote["explanation"]
    assert "业主 28/32 人" in explanation and "2,979.89/3,553.09 m²" in explanation
    assert explanation.endswith("通过。") and "未通过" not in explanation


def test_an_open_meeting_waits_on_its_next_speaker(demo):
    db, _ = demo
    desk = Desk(db)
    live = [m for m in queries.meetings(db) if m["status"] == "open"]
    assert live
    meeting = live[0]
    assert meeting["current_item_id"] is not None
    assert desk.item(meeting["current_item_id"])["status"] == "discussing"
    assert queries.running_speech(db, meeting["id"]) is None
    waiting = desk.queue(meeting["current_item_id"])
    assert len(waiting) >= 2
    # The rules order the queue: who has not spoken yet goes before someone speaking again.
    assert [w["spoken"] for w in waiting] == sorted(w["spoken"] for w in waiting)


def test_a_draft_meeting_is_ready_to_open(demo):
    db, _ = demo
    drafts = [m for m in queries.meetings(db) if m["status"] == "draft"]
    assert drafts
    draft = drafts[0]
    assert draft["scheduled_at"].startswith("2026-12")
    assert queries.participants(db, draft["id"]) and queries.agenda(db, draft["id"])


def test_backlog_matters_follow_the_six_steps(demo):
    db, _ = demo
    matters = {m["title"]: m for m in queries.matters(db)}
    by_word = {word: next(m for t, m in matters.items() if word in t) for word in ("消防设施", "围栏", "北门")}
    assert by_word["消防设施"]["status"] == "closed"
    assert by_word["围栏"]["status"] == "evaluated"
    assert by_word["北门"]["status"] == "closed"  # evaluated at the January meeting, then closed
    assert by_word["北门"]["raised_at"].startswith("2018")
    assert {m["status"] for m in matters.values()} >= {"raised", "classified", "deliberating", "assigned",
                                                       "evaluated", "closed"}


def test_the_event_log_verifies_and_runs_forward_in_time(demo):
    db, ids = demo
    assert len(ids) == len(set(ids)) >= 4
    report = verify(db)
    assert report.ok, report.findings
    times = [e["at"] for e in queries.events(db)]
    assert times == sorted(times)


def test_building_twice_gives_the_same_log():
    first, second = memory(), memory()
    assert build_demo(first) == build_demo(second)
    assert len(queries.events(first)) == len(queries.events(second))
    assert head(first) == head(second)


def test_a_broken_script_names_the_file_and_step():
    script = {"steps": [
        {"at": "2026-01-02 10:00", "do": "create_meeting", "as": "m", "title": "测试"},
        {"do": "open_meeting", "meeting_id": "$m"},
        {"do": "open_meeting", "meeting_id": "$m"},
    ]}
    with pytest.raises(ScriptError, match=r"bad\.json: step 3 \(open_meeting\)"):
        build_demo(memory(), [("bad.json", script)])
    backwards = {"steps": [
        {"at": "2026-01-02 10:00", "do": "create_meeting", "title": "测试"},
        {"at": "2026-01-01 10:00", "do": "create_meeting", "title": "测试"},
    ]}
    with pytest.raises(ScriptError, match="backwards"):
        build_demo(memory(), [("back.json", backwards)])
    with pytest.raises(ScriptError, match="unknown name"):
        build_demo(memory(), [("x.json", {"steps": [
            {"at": "2026-01-02 10:00", "do": "open_meeting", "meeting_id": "$nobody"}]})])
    with pytest.raises(ScriptError, match="no method"):
        build_demo(memory(), [("x.json", {"steps": [{"at": "2026-01-02 10:00", "do": "_change"}]})])


def test_the_open_meeting_is_happening_now():
    from datetime import datetime, timedelta, timezone

    from yiting.demo import build_demo
    from yiting.store import queries
    from yiting.store.db import memory

    now = datetime(2027, 3, 1, 15, 0, tzinfo=timezone(timedelta(hours=8)))
    db = memory()
    build_demo(db, now=now)
    [live] = [m for m in queries.meetings(db) if m["status"] == "open"]
    started = datetime.fromisoformat(live["started_at"])
    assert timedelta(0) < now - started < timedelta(hours=1)


def test_owners_objection_period_is_the_one_the_ballots_gave():
    """香溪美地's ballots told owners they had until 2023-04-08 to object: the meeting's period
    (seven days after it ended, 2023-04-01) runs until then too, and the minutes say one date."""
    from yiting.publish.formats import to_markdown
    from yiting.publish.record import meeting_record

    db = memory()
    build_demo(db)
    meeting = meeting_by(db, kind="业主大会")
    desk = Desk(db)
    assert desk.objection_period(meeting["id"])["until"] == "2023-04-08"
    desk.add_objection(meeting["id"], "我家的选票没有计入", received_at="2023-04-05 10:00")
    record = meeting_record(db, meeting["id"])
    assert record["objection_period"]["until"] == "2023-04-08"
    assert [o["late"] for o in record["objections"]] == [False]
    assert record["objection_period"]["days"] == 14  # the days after the meeting ended, 2023-03-25
    minutes = to_markdown(record)
    assert "询异期至 2023-04-08" in minutes and "询异期至 2023-04-01" not in minutes
