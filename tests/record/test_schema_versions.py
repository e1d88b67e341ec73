"""Every database an older yiting wrote opens, migrates, verifies, and exports as it did."""

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from yiting.publish.record import meeting_record
from yiting.store.db import connect
from yiting.store.schema import SCHEMA_VERSION
from yiting.store.verify import verify

DATA = Path(__file__).resolve().parents[1] / "data"
VERSIONS = sorted(int(p.stem.split("-v")[1]) for p in DATA.glob("yiting-v*.sqlite"))


def assert_holds(new, old, where="record"):
    """`new` has every field `old` had, with the same value: the format only ever adds fields."""
    if isinstance(old, dict):
        assert isinstance(new, dict), where
        for key, value in old.items():
            assert key in new, f"{where}.{key} is gone"
            assert_holds(new[key], value, f"{where}.{key}")
    elif isinstance(old, list):
        assert isinstance(new, list) and len(new) == len(old), where
        for i, (a, b) in enumerate(zip(new, old, strict=True)):
            assert_holds(a, b, f"{where}[{i}]")
    else:
        assert new == old, where


def test_there_is_a_database_of_the_current_schema():
    assert VERSIONS and VERSIONS[-1] == SCHEMA_VERSION


# Migrations 3 and 6 write events: 3 one per meeting (its `official` flag is set from the party's
# preset, checked below), 6 one logging the matters and actions with their new columns. The log
# head of an older database moves; every other field stays.
MOVES = {3: ("log_head",), 6: ("log_head",)}


def _without_moved(record: dict, since: int) -> dict:
    return {k: v for k, v in record.items() if not any(k in keys for v_, keys in MOVES.items() if v_ > since)}


@pytest.mark.parametrize("version", VERSIONS)
def test_old_database_migrates_and_exports_the_same(version, tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(DATA / f"yiting-v{version}.sqlite", path)
    db = connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert verify(db).ok
    expected = json.loads((DATA / f"yiting-v{version}.exports.json").read_text(encoding="utf-8"))
    for meeting_id, record in expected.items():
        exported = meeting_record(db, int(meeting_id))
        assert_holds(_without_moved(exported, version), _without_moved(record, version))
        if version == SCHEMA_VERSION:
            assert exported == record
    if version < SCHEMA_VERSION:
        assert list((tmp_path / "backups").glob(f"old-v{version}-*.sqlite"))


@pytest.mark.parametrize("version", [v for v in VERSIONS if v < 3])
def test_migration_3_makes_official_by_exact_party_and_keeps_consent(version, tmp_path):
    from yiting.presets import official_by_default

    path = tmp_path / "old.sqlite"
    shutil.copy(DATA / f"yiting-v{version}.sqlite", path)
    before = {r[0]: r[1:] for r in sqlite3.connect(path).execute("SELECT id, party, named FROM participants")}
    db = connect(path)
    after = {r[0]: r[1:] for r in db.execute("SELECT id, party, named, official, employer FROM participants")}
    assert after.keys() == before.keys() and len(after) > 20
    for person_id, (party, named, official, employer) in after.items():
        assert (party, named) == before[person_id]  # consent stays as it was
        assert official == official_by_default(party), party
        assert employer == ""
    assert {True, False} == {bool(row[2]) for row in after.values()}
    upgrades = db.execute("SELECT COUNT(*) FROM events WHERE action = 'upgrade_participants'").fetchone()[0]
    assert upgrades == len({r[0] for r in db.execute("SELECT meeting_id FROM participants")})
