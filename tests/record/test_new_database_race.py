"""Two windows opening a database that does not exist yet, at the same moment: both open it, and
it is one valid database of the current schema (the second waits for the first's migration)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from yiting.store.db import connect
from yiting.store.schema import SCHEMA_VERSION
from yiting.store.verify import verify

WINDOW = """
import sys
from yiting.store.db import connect
sys.stdin.readline()  # start together
db = connect(sys.argv[1])
print(db.execute("PRAGMA user_version").fetchone()[0], flush=True)
"""


@pytest.mark.parametrize("attempt", range(10))
def test_two_windows_creating_one_new_database(tmp_path, attempt):
    path = tmp_path / "new" / "meetings.sqlite"
    windows = [subprocess.Popen([sys.executable, "-c", WINDOW, str(path)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for window in windows:
        window.stdin.write("go\n")
        window.stdin.flush()
    for window in windows:
        out, err = window.communicate(timeout=30)
        assert window.returncode == 0, err
        assert out.strip() == str(SCHEMA_VERSION)
    db = connect(path)
    assert verify(db).ok
    names = [row[0] for row in db.execute("SELECT name FROM _sqlite_migrations")]
    assert len(names) == len(set(names)) == SCHEMA_VERSION  # each step applied once
    db.conn.close()
