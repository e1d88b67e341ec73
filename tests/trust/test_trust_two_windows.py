"""The facilitator and the note-taker write to the same database from two processes at once:
no write is lost and the hash chain never forks (each change takes the write lock first)."""

from __future__ import annotations

import subprocess
import sys

from yiting.desk import Desk
from yiting.store import queries
from yiting.store.db import connect
from yiting.store.verify import verify

WRITER = """
import sys
from yiting.desk import Desk
from yiting.store.db import connect
desk = Desk(connect(sys.argv[1]), actor=sys.argv[2], backups=False)
sys.stdin.readline()  # start together
for n in range(int(sys.argv[3])):
    desk.raise_matter(f"{sys.argv[2]} 反映的问题 {n}", description="楼道杂物" * n)
    if n % 5 == 0:
        desk.add_participant(1, f"{sys.argv[2]}-{n}")
print("done", flush=True)
"""


def test_two_windows_writing_at_once_keep_one_chain(tmp_path):
    path = tmp_path / "meeting.sqlite"
    desk = Desk(connect(path), backups=False)
    desk.create_meeting("议事会")
    desk.db.conn.close()
    each = 60
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), actor, str(each)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True) for actor in ("主持人", "记录员")]
    for writer in writers:
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        out, _ = writer.communicate(timeout=120)
        assert writer.returncode == 0 and out.strip() == "done"
    db = connect(path)
    report = verify(db)
    assert report.ok, report.findings
    assert len(queries.matters(db)) == 2 * each
    assert report.events == 1 + 2 * (each + each // 5)
    actors = [e["actor"] for e in queries.events(db)][1:]
    assert actors.count("主持人") == actors.count("记录员") == each + each // 5
