"""Building small meetings through the desk for the record tests."""

from __future__ import annotations

from yiting.desk import Desk


def open_meeting(desk: Desk, people: int = 5, present: int | None = None, rules: dict | None = None):
    """An open meeting with `people` voters (the first `present` checked in) and one open item."""
    meeting = desk.create_meeting("假山议事会", community="富平社区", venue="石榴籽长廊", kind="长廊议事",
                                  rules=rules)
    names = ["李桂兰", "王建国", "张秀英", "刘明", "陈静", "杨帆", "赵磊", "黄丽", "周强", "吴敏"]
    roster = desk.add_participants(meeting["id"], [
        {"name": names[i % len(names)] + ("" if i < len(names) else str(i)), "phone": f"1380000{i:04d}",
         "building": f"{i % 6 + 1}号楼"} for i in range(people)
    ])
    for person in roster[: people if present is None else present]:
        desk.check_in(person["id"])
    desk.open_meeting(meeting["id"])
    item = desk.add_item(meeting["id"], "假山和旱池如何处理", timebox_minutes=15)
    desk.open_item(item["id"])
    return meeting, roster, item
