"""A scripted meeting run through the desk in its own process, for the crash tests.

    python meeting_driver.py DB [--lockstep] [--rounds N] [--autocheckpoint PAGES]

After every action the desk acknowledges it prints one line and flushes it:

    ACK <n> <kind> <seq> <hash>

`<seq> <hash>` is the head of the event log once the action is committed: the test that kills
this process checks that the event is still there when the database is reopened. With
`--lockstep` the driver waits for a line on stdin after each ACK, so a test can kill it at an
exact point between two actions; with `--hold-commits` as well it also prints PRECOMMIT and
POSTCOMMIT around each action's COMMIT and waits after each, so a test can kill it with an
action in flight; without it the driver runs flat out and a kill lands in the
middle of whatever it is doing. The clock is simulated, so every run writes the same record.
`--autocheckpoint` makes SQLite fold the WAL into the database file every few pages, so a
crash can also land in a checkpoint.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

from yiting.desk import Desk
from yiting.store.db import connect

CST = timezone(timedelta(hours=8))

NAMES = ["李桂兰", "王建国", "张秀英", "刘明", "陈静", "杨帆", "赵磊", "黄丽", "周强", "吴敏",
         "马佳", "常建升", "何芳", "郭涛", "罗娟", "高翔", "林峰", "梁雪"]

# The kinds of action the crash test kills after (each occurs in every run).
KINDS = ("check_in", "queue", "start_speech", "end_speech", "tally", "ballot", "close_vote",
         "decision", "action", "open_meeting", "close_meeting", "publish")


class HoldingCommits:
    """The connection, except that each COMMIT is announced and waits for the test's go."""

    def __init__(self, conn) -> None:
        self._conn = conn

    def __getattr__(self, name):
        return getattr(self._conn, name)

    def execute(self, sql, *args):
        if sql.strip().upper() != "COMMIT":
            return self._conn.execute(sql, *args)
        _say("PRECOMMIT")
        result = self._conn.execute(sql, *args)
        _say("POSTCOMMIT")
        return result


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
    if not sys.stdin.readline():
        sys.exit(0)


class Clock:
    def __init__(self) -> None:
        self.moment = datetime(2025, 10, 26, 19, 0, 0, tzinfo=CST)

    def __call__(self) -> datetime:
        self.moment += timedelta(seconds=7)
        return self.moment


def meeting(desk: Desk, rounds: int) -> Iterator[str]:
    """The meeting, one desk call per step; yields the kind of each acknowledged action."""
    m = desk.create_meeting("黄河水韵北门拓宽议事会", community="富平社区", venue="睦邻议事亭",
                            kind="民主协商议事会", facilitator="马佳", note_taker="王芳")
    yield "create_meeting"
    people = desk.add_participants(m["id"], [
        {"name": name, "building": f"{i % 6 + 1}号楼", "phone": f"139{i:08d}", "area_m2": 60 + i * 3.5}
        for i, name in enumerate(NAMES)
    ])
    yield "add_participants"
    for person in people[:14]:
        desk.check_in(person["id"])
        yield "check_in"
    desk.open_meeting(m["id"])
    yield "open_meeting"
    for person in people[14:16]:  # late arrivals
        desk.check_in(person["id"])
        yield "check_in"
    for r in range(rounds):
        item = desk.add_item(m["id"], f"第{r + 1}项：北门拓宽到 9.6 米", description="自 2018 年起反映",
                             timebox_minutes=20)
        yield "add_item"
        desk.open_item(item["id"])
        yield "open_item"
        speakers = [people[(r * 4 + k) % 16] for k in range(4)]
        for n, person in enumerate(speakers):
            desk.queue_speaker(item["id"], person["id"], "pro" if n % 2 == 0 else "con")
            yield "queue"
        for _ in speakers:
            speech = desk.start_speech(item["id"])
            yield "start_speech"
            desk.end_speech(speech["id"], summary="北门太窄，早晚高峰堵车")
            yield "end_speech"
        proposal = desk.submit_proposal(item["id"], "由物业公司拓宽北门至 9.6 米，10 月 31 日开工",
                                        proposer_id=speakers[0]["id"])
        yield "proposal"
        vote = desk.open_vote(proposal["id"])
        yield "open_vote"
        for choice in ["yes"] * 9 + ["no"] * 3 + ["abstain"]:
            desk.adjust_count(vote["id"], choice)
            yield "tally"
        vote = desk.close_vote(vote["id"])
        yield "close_vote"
        decision = desk.record_decision(item["id"], "北门拓宽至 9.6 米", proposal_id=proposal["id"],
                                        vote_id=vote["id"])
        yield "decision"
        desk.add_action(m["id"], "拓宽北门", owner_party="物业公司", owner_person="常建升",
                        due="2025-10-31", item_id=item["id"], decision_id=decision["id"])
        yield "action"
        second = desk.submit_proposal(item["id"], "增设人行道和减速带")
        yield "proposal"
        roll = desk.open_vote(second["id"], "roll_call")
        yield "open_vote"
        for n, person in enumerate(people[:12]):
            desk.cast_ballot(roll["id"], person["id"], ("yes", "no", "yes", "abstain")[n % 4])
            yield "ballot"
        desk.close_vote(roll["id"])
        yield "close_vote"
        desk.close_item(item["id"])
        yield "close_item"
    desk.close_meeting(m["id"])
    yield "close_meeting"
    desk.mark_published(m["id"])
    yield "publish"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--lockstep", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--autocheckpoint", type=int, default=0)
    parser.add_argument("--hold-commits", action="store_true")
    args = parser.parse_args(argv)
    db = connect(args.db)
    if args.autocheckpoint:
        db.execute(f"PRAGMA wal_autocheckpoint = {args.autocheckpoint}")
    desk = Desk(db, clock=Clock(), actor="driver")
    if args.hold_commits:
        db.conn = HoldingCommits(db.conn)
    for n, kind in enumerate(meeting(desk, args.rounds), start=1):
        seq, digest = db.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        sys.stdout.write(f"ACK {n} {kind} {seq} {digest}\n")
        sys.stdout.flush()
        if args.lockstep and not sys.stdin.readline():
            return 0
    sys.stdout.write("DONE\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
