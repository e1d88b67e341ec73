"""A meeting that exercises everything the minutes must show: every override with its reason, a
cancelled vote, a consultative vote, a corrected vote, a proposal passed with no decision, a
speech with no summary, two days; and hostile text in every free-text field."""

from __future__ import annotations

from yiting.desk import Desk

# Each is typed into one free-text field, prefixed with the field's name so a test can find it.
HOSTILE = ("<script>alert(1)</script> {{7*7}} [点我](http://evil.example/) <b>粗</b>\n"
           "```\n~~~\n# 标题\n- 列表")
FIELDS = ("title", "venue", "facilitator", "item_title", "description", "summary", "proposal", "decision", "action",
          "owner")  # and every one of REASONS


def hostile(field: str) -> str:
    return f"{field}:{HOSTILE}"


REASONS = {
    "extra_time": "多给一分钟：她代表整栋楼发言",
    "out_of_turn": "王建国要赶去值班，先请他发言",
    "over_limit": "第三次发言：补充施工方的新数据",
    "consultative": "今晚人少，先听听大家的意见",
    "cancelled": "计票员还没到位，先取消这次表决",
    "correction": "漏记一票赞成",
    "deferred": "等物业报价后再议",
    "rules": "议题多，发言时间缩短为 90 秒",
}


def build_full_meeting(desk: Desk, clock, *, hostile_text: bool = True) -> int:
    """A closed meeting held over two days: opened at the clock's time (2025-09-12 19:00 by default),
    closed the next evening."""
    text = hostile if hostile_text else (lambda field: f"{field}文本")
    reasons = {kind: hostile(kind) for kind in REASONS} if hostile_text else REASONS
    m = desk.create_meeting(text("title"), community="黄河水韵小区", venue=text("venue"),
                            kind="民主协商议事会", scheduled_at="2025-10-26 09:30", facilitator=text("facilitator"),
                            note_taker="王芳", rules={"quorum_kind": "count", "quorum_value": 3, "quorum_strict": False})
    mid = m["id"]
    people = desk.add_participants(mid, [
        {"name": "李桂兰", "party": "居民", "building": "3号楼"},
        {"name": "王建国", "party": "业主", "building": "5号楼", "named": True},
        {"name": "张秀英", "party": "楼栋长", "building": "1号楼"},
        {"name": "赵磊", "party": "居民", "building": "2号楼"},
        {"name": "刘明", "party": "物业公司", "voting": False},
    ])
    li, wang, zhang, _zhao, liu = (p["id"] for p in people)
    for p in (li, wang, zhang, liu):
        desk.check_in(p)
    desk.open_meeting(mid)
    desk.set_rules(mid, {"quorum_kind": "count", "quorum_value": 3, "quorum_strict": False, "speech_seconds": 90}, reason=reasons["rules"])
    gate = desk.add_item(mid, text("item_title") if hostile_text else "北门拓宽", description=text("description"))
    desk.open_item(gate["id"])
    first = desk.queue_speaker(gate["id"], li, "pro")
    second = desk.queue_speaker(gate["id"], wang, "con")
    desk.start_speech(gate["id"], second["id"], override_reason=reasons["out_of_turn"])
    clock.advance(seconds=75)
    desk.end_speech(second["id"])  # no summary
    desk.start_speech(gate["id"], first["id"])
    desk.extend_speech(first["id"], 60, reasons["extra_time"])
    clock.advance(seconds=130)
    desk.end_speech(first["id"], summary=text("summary"))
    for _ in range(2):
        again = desk.queue_speaker(gate["id"], zhang, "neutral")
        desk.start_speech(gate["id"], again["id"])
        clock.advance(seconds=30)
        desk.end_speech(again["id"], summary="补充")
    third = desk.queue_speaker(gate["id"], zhang, "neutral", override_reason=reasons["over_limit"])
    desk.start_speech(gate["id"], third["id"])
    clock.advance(seconds=40)
    desk.end_speech(third["id"], summary="施工方的新数据")
    plan = desk.submit_proposal(gate["id"], text("proposal"), proposer_id=wang, seconder_id=zhang)
    called_off = desk.open_vote(plan["id"])
    desk.cancel_vote(called_off["id"], reasons["cancelled"])
    vote = desk.open_vote(plan["id"])
    for choice in ("yes", "no", "no"):
        desk.adjust_count(vote["id"], choice)
    closed = desk.close_vote(vote["id"])
    corrected = desk.correct_vote(closed["id"], reasons["correction"], 2, 1, 0)
    desk.record_decision(gate["id"], text("decision"), proposal_id=plan["id"], vote_id=corrected["id"])
    # The typed owner is a party (shown as typed): a typed person off the roster is masked (privacy).
    desk.add_action(mid, text("action"), owner_party=text("owner"), owner_person="", due="2025-11-30",
                    item_id=gate["id"])
    desk.close_item(gate["id"], "decided")

    clock.advance(days=1)
    desk.undo_check_in(zhang)  # two voters on the second morning: no quorum
    rock = desk.add_item(mid, "假山场地用途")
    desk.open_item(rock["id"])
    seats = desk.submit_proposal(rock["id"], "改建为休闲座椅。", proposer_id=li)
    consult = desk.open_vote(seats["id"], consultative=True, reason=reasons["consultative"])
    desk.adjust_count(consult["id"], "yes")
    desk.close_vote(consult["id"])
    desk.close_item(rock["id"], "deferred", reason=reasons["deferred"])
    desk.check_in(zhang)
    # Passed, then the meeting closed before anyone wrote the decision down.
    lights = desk.add_item(mid, "楼道照明")
    desk.open_item(lights["id"])
    lamps = desk.submit_proposal(lights["id"], "更换全部楼道灯。", proposer_id=li)
    vote = desk.open_vote(lamps["id"])
    for choice in ("yes", "yes", "yes"):
        desk.adjust_count(vote["id"], choice)
    desk.close_vote(vote["id"])
    clock.advance(minutes=5)
    desk.close_meeting(mid)
    return mid
