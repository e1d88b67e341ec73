"""The community's signing key: made at first use, readable by its owner only, never published;
exported and imported with a passphrase, backed up with the database; a new key after a lost one
is a visible event in the minutes, not a quiet swap."""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
from pathlib import Path

import pytest
from trust_helpers import cli

from yiting.publish.site import publish_meeting
from yiting.store.db import connect
from yiting.store.schema import SCHEMA_VERSION
from yiting.trust.keys import KEY_FILE

FIXTURE = Path(__file__).resolve().parents[1] / "data" / f"yiting-v{SCHEMA_VERSION}.sqlite"  # no migration to run
BASE_URL = "http://192.168.1.23:8000"
PASS = "long enough passphrase"


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    monkeypatch.setenv("YITING_KEY_PASSPHRASE", PASS)
    path = tmp_path / "yiting.sqlite"
    shutil.copy(FIXTURE, path)
    return path


def publish(path, site, mid=2):
    db = connect(path)
    try:
        return publish_meeting(db, mid, site, base_url=BASE_URL)
    finally:
        db.close()


def test_the_key_is_made_at_first_publish_private_and_never_published(db_path, tmp_path, isolated_home):
    assert not (isolated_home / KEY_FILE).exists()
    publish(db_path, tmp_path / "site")
    key_file = isolated_home / KEY_FILE
    if sys.platform != "win32":
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    secret = key_file.read_text().split("-----")[2].strip()
    for path in (tmp_path / "site").rglob("*"):
        if path.is_file():
            assert secret[:40] not in path.read_text(encoding="utf-8", errors="replace")
    shown = cli(db_path, "key", "show")
    fingerprint = json.loads((tmp_path / "site" / "m" / "2" / "versions.json").read_text())["versions"][0]["key"]
    assert shown.returncode == 0 and fingerprint in shown.stdout


def test_export_then_import_on_another_laptop_keeps_the_identity(db_path, tmp_path, isolated_home, monkeypatch):
    publish(db_path, tmp_path / "site")
    exported = tmp_path / "key-copy.pem"
    result = cli(db_path, "key", "export", str(exported))
    assert result.returncode == 0, result.stderr
    assert b"ENCRYPTED PRIVATE KEY" in exported.read_bytes()
    fingerprint = cli(db_path, "key", "show").stdout
    new_laptop = tmp_path / "new-laptop"
    monkeypatch.setenv("YITING_HOME", str(new_laptop))
    monkeypatch.setenv("YITING_KEY_PASSPHRASE", "not the passphrase")
    wrong = cli(db_path, "key", "import", str(exported))
    assert wrong.returncode == 1 and "密码不对" in wrong.stderr and not (new_laptop / KEY_FILE).exists()
    monkeypatch.setenv("YITING_KEY_PASSPHRASE", PASS)
    assert cli(db_path, "key", "import", str(exported)).returncode == 0
    assert cli(db_path, "key", "show").stdout == fingerprint.replace(str(isolated_home), str(new_laptop))


def test_importing_over_another_key_asks_for_replace_and_keeps_the_old_one(db_path, tmp_path, isolated_home):
    publish(db_path, tmp_path / "site")
    exported = tmp_path / "old.pem"
    cli(db_path, "key", "export", str(exported))
    os.rename(isolated_home / KEY_FILE, tmp_path / "lost.pem")
    publish(db_path, tmp_path / "site", mid=3)  # a new key is made
    refused = cli(db_path, "key", "import", str(exported))
    assert refused.returncode == 1 and "--replace" in refused.stderr
    assert cli(db_path, "key", "import", str(exported), "--replace").returncode == 0
    assert len(list(isolated_home.glob(f"{KEY_FILE}.replaced-*"))) == 1


def test_backup_with_key_writes_the_key_protected_beside_the_copy(db_path, tmp_path):
    publish(db_path, tmp_path / "site")
    target = tmp_path / "copy.sqlite"
    result = cli(db_path, "backup", "--to", str(target), "--with-key")
    assert result.returncode == 0, result.stderr
    key_copy = tmp_path / "copy.sqlite.key.pem"
    assert target.is_file() and b"ENCRYPTED PRIVATE KEY" in key_copy.read_bytes()
    if sys.platform != "win32":
        assert stat.S_IMODE(key_copy.stat().st_mode) == 0o600


def test_a_new_key_after_a_lost_one_is_in_the_minutes(db_path, tmp_path, isolated_home):
    site = tmp_path / "site"
    publish(db_path, site)
    old = json.loads((site / "m" / "2" / "versions.json").read_text())["versions"][0]["key"]
    (isolated_home / KEY_FILE).unlink()  # the laptop was lost; a new one has no key
    again = publish(db_path, site)
    assert again.changed and again.version == 2
    assert any("新的签名密钥" in w for w in again.warnings)
    minutes = json.loads((site / "m" / "2" / "minutes.json").read_text(encoding="utf-8"))
    new = minutes["signing_keys"][-1]
    assert [k["fingerprint"] for k in minutes["signing_keys"]] == [old[:16], new["fingerprint"]]
    line = f"自 {new['since']} 起使用新的签名密钥（指纹 {new['fingerprint']}，此前为 {old[:16]}）"
    assert line in (site / "m" / "2" / "index.html").read_text(encoding="utf-8")
    assert line in (site / "m" / "2" / "minutes.md").read_text(encoding="utf-8")
    result = cli(db_path, "check-minutes", str(site))
    assert result.returncode == 0 and "第 2 版起换用新的签名密钥" in result.stdout
    assert cli(db_path, "verify", "--site", str(site)).returncode == 0
