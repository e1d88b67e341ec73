"""Write tests/data/yiting-v<N>.sqlite: the demo meetings as the current schema stores them.

Run it once whenever a migration is added (before the new step lands, with the code of the
version being frozen), and commit the file with the expected exports beside it:

    python tests/data/make_schema_db.py
"""

import json
import sqlite3
from pathlib import Path

from yiting.demo import build_demo
from yiting.publish.record import meeting_record
from yiting.store.db import connect
from yiting.store.schema import SCHEMA_VERSION

here = Path(__file__).parent
target = here / f"yiting-v{SCHEMA_VERSION}.sqlite"
target.unlink(missing_ok=True)
db = connect(target)
ids = build_demo(db)
exports = {str(i): meeting_record(db, i) for i in ids}
db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.close()
target.with_name(target.name + "-lock").unlink(missing_ok=True)  # the holders' lock: not part of the fixture
conn = sqlite3.connect(target)
conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
conn.execute("VACUUM")
conn.close()
(here / f"yiting-v{SCHEMA_VERSION}.exports.json").write_text(
    json.dumps(exports, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
print(target, target.stat().st_size)
