"""Every database an older yiting wrote opens, migrates, verifies, and exports as it did."""

import json
import shutil
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
        for i, (a, b) in enumerate(zip(new, old)):
            assert_holds(a, b, f"{where}[{i}]")
    else:
        assert new == old, where


def test_there_is_a_database_of_the_current_schema():
    assert VERSIONS and VERSIONS[-1] == SCHEMA_VERSION


@pytest.mark.parametrize("version", VERSIONS)
def test_old_database_migrates_and_exports_the_same(version, tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(DATA / f"yiting-v{version}.sqlite", path)
    db = connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert verify(db).ok
    expected = json.loads((DATA / f"yiting-v{version}.exports.json").read_text(encoding="utf-8"))
    for meeting_id, record in expected.items():
        assert_holds(meeting_record(db, int(meeting_id)), record)
    if version < SCHEMA_VERSION:
        assert list((tmp_path / "backups").glob(f"old-v{version}-*.sqlite"))
