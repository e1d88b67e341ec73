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


def test_there_is_a_database_of_the_current_schema():
    assert VERSIONS and VERSIONS[-1] == SCHEMA_VERSION


# What later versions added to the export (docs/record-format.md): an old database's export is
# the same once these are left out. Version 3's migration also writes an event per meeting (the
# log head moves), and sets `official` from the party's preset (checked below); the minutes'
# overrides, cancelled votes and reasons came into the export with version 3 too.
ADDED = {3: {"participant": ("official",), "proposal": ("proposer_id", "seconder_id", "cancelled_votes"),
             "vote": ("ballots", "reason"), "meeting": ("log_head", "rule_changes"),
             "speech": ("extra_seconds", "overrides"), "item": ("close_reason",)}}
KINDS = ("participant", "proposal", "vote", "meeting", "speech", "item")


def _without_added(record: dict, since: int) -> dict:
    drop = {kind: {k for v, added in ADDED.items() if v > since for k in added.get(kind, ())} for kind in KINDS}

    def strip(row: dict, kind: str) -> dict:
        return {k: v for k, v in row.items() if k not in drop[kind]}

    def speeches(item: dict) -> list:  # listed in the order given since version 3
        return sorted((strip(s, "speech") for s in item["speeches"]), key=lambda s: (s["started_at"] or "", s["id"]))

    out = strip(record, "meeting")
    out["participants"] = [strip(p, "participant") for p in record["participants"]]
    out["agenda"] = [{**strip(item, "item"), "speeches": speeches(item),
                      "proposals": [{**strip(p, "proposal"), "votes": [strip(v, "vote") for v in p["votes"]]}
                                    for p in item["proposals"]]} for item in record["agenda"]]
    return out


@pytest.mark.parametrize("version", VERSIONS)
def test_old_database_migrates_and_exports_the_same(version, tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(DATA / f"yiting-v{version}.sqlite", path)
    db = connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert verify(db).ok
    expected = json.loads((DATA / f"yiting-v{version}.exports.json").read_text(encoding="utf-8"))
    for meeting_id, record in expected.items():
        assert _without_added(meeting_record(db, int(meeting_id)), version) == _without_added(record, version)
        if version >= 3:
            assert meeting_record(db, int(meeting_id)) == record
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
