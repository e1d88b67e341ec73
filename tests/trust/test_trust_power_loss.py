"""A pulled plug leaves a prefix of the record, never a torn one.

A power cut leaves the database file and its WAL as they were at one instant (plus, for the
writes not yet flushed, a torn tail). Copying the two files one after the other while the
writer runs does not give that: a checkpoint between the two copies pairs a WAL and a database
file from different moments (WAL first, then the database, and SQLite replays old WAL frames
over newer pages — a torn record that no crash could make). So the test freezes the writer
with SIGSTOP at random moments, copies the database, its WAL and its shared-memory file while
it cannot move, and lets it go on (SIGCONT). The driver checkpoints every few pages, so some
freezes land inside a checkpoint or a commit's fsync.

Each frozen copy is opened three ways:
- as the crash left it (database, WAL, -shm);
- with the -shm file full of garbage (it is shared memory: after a power cut it holds anything);
- with the WAL's tail after its last commit frame torn: cut at a random byte and followed by
  random bytes (a frame half written when the power went).

Each must open, pass `yiting check` (the real CLI, for the first way) and hold exactly the
first N events of the full run, for some N.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

from trust_helpers import DRIVER, cli, events

from yiting.store.db import connect
from yiting.store.verify import verify

SEED = 5
FREEZES = 24
STRIDE = 11  # actions between two freezes: 24 freezes cover ~260 of the run's actions


def wal_committed_end(wal: bytes) -> int:
    """The byte offset just past the last commit frame of the WAL's current generation."""
    if len(wal) < 32:
        return 0
    page_size = struct.unpack(">I", wal[8:12])[0]
    salts = wal[16:24]
    frame = 24 + page_size
    end, offset = 32, 32
    while offset + frame <= len(wal):
        header = wal[offset:offset + 24]
        if header[8:16] != salts:
            break
        if struct.unpack(">I", header[4:8])[0]:  # the database size after commit: a commit frame
            end = offset + frame
        offset += frame
    return end


def freeze_and_copy(tmp_path: Path) -> tuple[Path, list[Path]]:
    """Freeze the driver once every STRIDE acknowledged actions (plus a random few hundred
    microseconds, so a freeze can land anywhere inside the next action: a commit, its fsync, a
    checkpoint), copy its files, and let it go on. Counting the driver's own acknowledgements,
    not wall time, spreads the freezes over the whole record however loaded the machine is."""
    rng = random.Random(SEED)
    db = tmp_path / "live" / "meeting.sqlite"
    db.parent.mkdir()
    proc = subprocess.Popen([sys.executable, str(DRIVER), str(db), "--rounds", "6", "--autocheckpoint", "20"],
                            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    copies: list[Path] = []
    try:
        acks = 0
        for line in proc.stdout:
            if not line.startswith("ACK"):
                continue
            acks += 1
            if acks % STRIDE or len(copies) == FREEZES:
                continue
            _spin(rng.uniform(0, 0.0005))
            os.kill(proc.pid, signal.SIGSTOP)
            try:
                target = tmp_path / f"copy{len(copies):02d}"
                target.mkdir()
                for suffix in ("", "-wal", "-shm"):
                    source = Path(f"{db}{suffix}")
                    if source.exists():
                        shutil.copyfile(source, target / f"meeting.sqlite{suffix}")
                copies.append(target / "meeting.sqlite")
            finally:
                os.kill(proc.pid, signal.SIGCONT)
        assert proc.wait(timeout=120) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
    return db, copies


def _spin(seconds: float) -> None:
    """Busy-wait: the freeze lands a moment into the next action, not after a scheduler tick."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def variants(copy: Path, rng: random.Random) -> list[tuple[str, Path]]:
    out = [("as left", copy)]
    folder = copy.parent
    garbage = folder.with_name(folder.name + "-shm-garbage")
    shutil.copytree(folder, garbage)
    (garbage / "meeting.sqlite-shm").write_bytes(rng.randbytes(32768))
    out.append(("garbage -shm", garbage / "meeting.sqlite"))
    wal_path = Path(f"{copy}-wal")
    if wal_path.exists():
        torn = folder.with_name(folder.name + "-torn")
        shutil.copytree(folder, torn)
        wal = wal_path.read_bytes()
        end = wal_committed_end(wal)
        cut = rng.randint(end, len(wal)) if len(wal) > end else end
        (torn / "meeting.sqlite-wal").write_bytes(wal[:cut] + rng.randbytes(rng.randint(1, 5000)))
        (torn / "meeting.sqlite-shm").unlink(missing_ok=True)
        out.append(("torn WAL tail", torn / "meeting.sqlite"))
    return out


def empty_before_first_write(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    return path.stat().st_size == 0 and not (wal.exists() and wal.stat().st_size > 0)


def test_a_copy_taken_at_any_instant_holds_a_prefix_of_the_record(tmp_path):
    live, copies = freeze_and_copy(tmp_path)
    full = events(live)
    assert len(full) > 200
    assert len(copies) == FREEZES, "the driver finished before the last freeze"
    rng = random.Random(SEED)
    opened, lengths, problems = 0, set(), []
    for copy in copies:
        for label, path in variants(copy, rng):
            where = f"{path.parent.name} ({label})"
            if empty_before_first_write(path):
                # Cut as SQLite had just made the file: nothing was recorded, and an empty file
                # is never made into a database (the user deletes it or names another).
                result = cli(path, "check")
                if result.returncode != 1 or "空文件" not in result.stderr:
                    problems.append(f"{where}: an empty file was not refused: {result.stderr[-300:]}")
                lengths.add(0)
                continue
            if label == "as left":
                result = cli(path, "check")
                if result.returncode != 0:
                    problems.append(f"{where}: check failed: {result.stdout[-300:]} {result.stderr[-300:]}")
                    continue
            try:
                db = connect(path)
            except Exception as exc:  # noqa: BLE001 - reported below
                problems.append(f"{where}: does not open: {exc}")
                continue
            opened += 1
            if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                problems.append(f"{where}: integrity check failed")
            if not verify(db).ok:
                problems.append(f"{where}: verify failed")
            db.conn.close()
            got = events(path)
            lengths.add(len(got))
            if got != full[:len(got)]:
                problems.append(f"{where}: not a prefix of the full run ({len(got)} events)")
    summary = (f"{opened} power-loss copies opened from {len(copies)} freezes;"
               f" {len(lengths)} distinct prefix lengths out of {len(full)} events")
    print(summary)
    assert not problems, f"{summary}: {problems}"
    assert len(lengths) >= 5, summary
