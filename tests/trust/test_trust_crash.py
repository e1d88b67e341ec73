"""Crashes lose nothing: a real process running a meeting is killed with SIGKILL, and every
action it acknowledged is in the database when it is reopened, which `yiting check` passes.

The driver (`meeting_driver.py`) runs a scripted meeting through the desk and prints an ACK
line after each committed action. Three kinds of kill point:

- exact: the driver waits after each ACK (lockstep) and is killed right after the first and
  the last action of each kind (check-in, queue, start/end speech, tally key, ballot, close
  vote, decision, action, meeting open/close, marking the minutes published);
- racing: the driver runs flat out and is killed the moment the first ACK of each kind is
  read, so the kill lands inside the next action (often inside its transaction or fsync);
- random: flat out, killed on a seeded random ACK plus a random few hundred microseconds; half
  of these runs checkpoint the WAL every 20 pages, so a kill can land inside a checkpoint.

- in flight: the driver also waits just before and just after each COMMIT, and is killed there
  during the first action of each kind: before, the action must be absent; after, present
  (committed though never acknowledged); nothing else may differ.

That is 12 kinds × (exact first, racing, before COMMIT, after COMMIT) + 9 kinds that recur ×
exact last + 16 random = 73 kill points, each in a fresh process.

Every kill point is followed by the real CLI (`python -m yiting --db … check`), a check that
the event each ACK named is in the log with the same hash, and a check that every automatic
backup the run left beside the database opens and verifies.
"""

from __future__ import annotations

import os
import random
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from meeting_driver import KINDS
from trust_helpers import ACTION_OF_KIND, cli, driver, events, parse_ack

from yiting.store.db import connect
from yiting.store.verify import verify

RANDOM_KILLS = 16
SEED = 20261129


@dataclass
class KillPoint:
    label: str
    lockstep: bool
    kind: str | None = None  # kill after this kind's ACK …
    occurrence: int = 1  # … its n-th (-1: the last) …
    ack: int | None = None  # … or after the ACK with this number
    delay: float = 0.0  # seconds to let it run on before the kill
    options: tuple[str, ...] = ()  # more driver options
    at_commit: str = ""  # "PRECOMMIT" / "POSTCOMMIT": kill with action `ack` in flight, at its COMMIT
    acks: list = field(default_factory=list)
    killed: bool = False


def full_run_kinds(tmp_path: Path) -> list[str]:
    proc = driver(tmp_path / "reference.sqlite")
    out, _ = proc.communicate(timeout=60)
    return [parse_ack(line)[1] for line in out.splitlines() if line.startswith("ACK")]


def target_ack(point: KillPoint, kinds: list[str]) -> int:
    if point.ack is not None:
        return point.ack
    numbers = [n for n, kind in enumerate(kinds, start=1) if kind == point.kind]
    return numbers[point.occurrence - 1] if point.occurrence > 0 else numbers[-1]


def run_to_kill(point: KillPoint, db: Path, kinds: list[str]) -> KillPoint:
    target = target_ack(point, kinds)
    options = ["--lockstep", "--hold-commits"] if point.at_commit else ["--lockstep"] if point.lockstep else []
    proc = driver(db, *options, *point.options)
    try:
        for line in proc.stdout:
            if line.startswith("ACK"):
                point.acks.append(parse_ack(line))
                if not point.at_commit and point.acks[-1][0] == target:
                    if point.delay:
                        time.sleep(point.delay)
                    os.kill(proc.pid, signal.SIGKILL)
                    break
            elif line.strip() == point.at_commit and len(point.acks) == target - 1:
                os.kill(proc.pid, signal.SIGKILL)  # action `target` is in flight
                break
            if point.lockstep:
                proc.stdin.write("\n")
                proc.stdin.flush()
        proc.wait(timeout=60)
        # lines the driver wrote before it died were acknowledged too
        point.acks.extend(parse_ack(line) for line in proc.stdout.read().splitlines() if line.startswith("ACK"))
        point.killed = proc.returncode == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdin, proc.stdout):
            try:
                stream.close()
            except BrokenPipeError:
                pass
    return point


def check_after_crash(point: KillPoint, db: Path) -> list[str]:
    """What is wrong with the database the killed process left (empty when nothing is)."""
    problems = []
    result = cli(db, "check")
    if result.returncode != 0 or "记录完整" not in result.stdout:
        problems.append(f"check failed: {result.returncode} {result.stdout[-300:]} {result.stderr[-300:]}")
    logged = {seq: (action, digest) for seq, action, digest in events(db)}
    for n, kind, seq, digest in point.acks:
        if logged.get(seq) != (ACTION_OF_KIND[kind], digest):
            problems.append(f"ACK {n} ({kind}, event {seq}) lost: found {logged.get(seq)}")
    if point.at_commit:
        # killed before its COMMIT the action in flight is not there; after it, it is (though
        # never acknowledged): either way nothing else is
        last = point.acks[-1][2] if point.acks else 0
        expected = last + (1 if point.at_commit == "POSTCOMMIT" else 0)
        if max(logged, default=0) != expected:
            problems.append(f"{point.at_commit}: {max(logged, default=0)} events, expected {expected}")
    for copy in sorted((db.parent / "backups").glob("*.sqlite")):
        try:
            report = verify(connect(copy, readonly=True))
        except Exception as exc:  # noqa: BLE001 - reported below
            problems.append(f"backup {copy.name} does not open: {exc}")
            continue
        if not report.ok:
            problems.append(f"backup {copy.name} does not verify: {report.findings}")
    return problems


def kill_points(kinds: list[str]) -> list[KillPoint]:
    rng = random.Random(SEED)
    points = []
    for kind in KINDS:
        points.append(KillPoint(f"exact after first {kind}", True, kind, 1))
        if kinds.count(kind) > 1:
            points.append(KillPoint(f"exact after last {kind}", True, kind, -1))
        points.append(KillPoint(f"racing after first {kind}", False, kind, 1))
    for kind in KINDS:  # with the action in flight: just before and just after its COMMIT
        n = target_ack(KillPoint("", True, kind, 1), kinds)
        for moment in ("PRECOMMIT", "POSTCOMMIT"):
            points.append(KillPoint(f"{moment} of first {kind}", True, ack=n, at_commit=moment))
    for i in range(RANDOM_KILLS):
        ack = rng.randint(1, len(kinds))
        # half of them checkpoint every 20 pages, so some kills land inside a checkpoint
        options = ("--autocheckpoint", "20") if i % 2 else ()
        points.append(KillPoint(f"random #{i} at ACK {ack}{' (checkpointing)' if options else ''}", False,
                                ack=ack, delay=rng.uniform(0, 0.0005), options=options))
    return points


def test_a_killed_process_loses_no_acknowledged_action(tmp_path):
    kinds = full_run_kinds(tmp_path)
    assert set(KINDS) <= set(kinds)
    points = kill_points(kinds)

    def one(numbered):
        index, point = numbered
        folder = tmp_path / f"kill{index:03d}"
        folder.mkdir()
        db = folder / "meeting.sqlite"
        run_to_kill(point, db, kinds)
        return point, check_after_crash(point, db)

    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(one, enumerate(points)))
    killed = [p for p, _ in results if p.killed]
    failures = {p.label: problems for p, problems in results if problems}
    acknowledged = sum(len(p.acks) for p in killed)
    summary = (f"{len(killed)} kill points tried ({len(points)} planned; {len(points) - len(killed)} runs ended"
               f" before the kill), {acknowledged} acknowledged actions checked after the kills")
    print(summary)
    assert not failures, f"{summary}: {failures}"
    # every exact kill point must really have killed the driver
    assert all(p.killed for p, _ in results if p.lockstep), [p.label for p, _ in results if not p.killed]
    # a free-running driver may finish its last action before the kill lands; that is all
    assert len(killed) >= 0.9 * len(points), summary
