"""`yiting check-minutes` checks published minutes as any resident can, with no database: a
site as published passes, from a folder or over HTTP; one byte changed in minutes.json, in a
page or in versions.json fails, naming what."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from yiting.desk import Desk
from yiting.publish.site import publish_meeting
from yiting.store.db import connect
from yiting.store.schema import SCHEMA_VERSION

FIXTURE = Path(__file__).resolve().parents[1] / "data" / f"yiting-v{SCHEMA_VERSION}.sqlite"  # no migration to run
BASE_URL = "http://192.168.1.23:8000"


@pytest.fixture
def site(tmp_path, clock):
    """Meeting 2 published twice (an action item's progress in between), then copied to a place
    where no database is: what a resident downloads."""
    path = tmp_path / "yiting.sqlite"
    shutil.copy(FIXTURE, path)
    db = connect(path)
    publish_meeting(db, 2, tmp_path / "site", base_url=BASE_URL)
    action = db.execute("SELECT id FROM actions WHERE meeting_id = 2 ORDER BY id").fetchone()[0]
    Desk(db, clock=clock).update_action(action, status="in_progress", notes="已开工")
    assert publish_meeting(db, 2, tmp_path / "site", base_url=BASE_URL).version == 2
    db.close()
    copy = tmp_path / "resident" / "site"
    shutil.copytree(tmp_path / "site", copy)
    return copy


def check(location, *args, home=None):
    env = {**os.environ, "YITING_LANG": "zh"}
    if home is not None:
        env["YITING_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "yiting", "check-minutes", str(location), *args],
                          capture_output=True, text=True, timeout=60, env=env)


def flip(path: Path, after: bytes, offset: int = 0) -> None:
    data = bytearray(path.read_bytes())
    at = data.index(after) + len(after) + offset
    data[at] = ord("1") if data[at] != ord("1") else ord("2")
    path.write_bytes(bytes(data))


def test_a_published_site_checks_out_with_no_database(site, tmp_path):
    empty_home = tmp_path / "nobody"
    empty_home.mkdir()
    result = check(site, home=empty_home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 个版本，签名有效" in result.stdout and "全部 1 场会议的纪要核对无误" in result.stdout
    assert list(empty_home.iterdir()) == []  # no database, no key made: only read
    assert check(site / "m" / "2").returncode == 0  # one meeting's folder


def test_the_fingerprint_the_street_office_holds_is_compared(site):
    import json

    key = json.loads((site / "m" / "2" / "versions.json").read_text(encoding="utf-8"))["versions"][-1]["key"]
    pinned = check(site, "--fingerprint", key[:16])
    assert pinned.returncode == 0 and f"均由指纹以 {key[:16]} 开头的密钥签署" in pinned.stdout
    assert "请把密钥指纹与街道或告示上的比对" in check(site).stdout  # unpinned: asks the reader to compare
    typo = check(site, "--fingerprint", "2055")
    assert typo.returncode != 0 and "密钥指纹 “2055” 不是十六进制" in typo.stdout + typo.stderr
    other = "0123456789abcdef" if not key.startswith("0123") else "fedcba9876543210"
    result = check(site, "--fingerprint", other)
    assert result.returncode == 1 and "由另一把密钥签名" in result.stdout


@pytest.mark.parametrize(("name", "after", "named"), [
    ("m/2/minutes.json", b'"title": "', "minutes.json 与签名检查点不符"),
    ("m/2/v1/minutes.json", b'"title": "', "v1/minutes.json 与签名检查点不符"),
    ("m/2/index.html", b"<title>", "index.html 与签名检查点不符"),
    ("m/2/v1/index.html", b"<title>", "v1/index.html 与签名检查点不符"),
    ("m/2/minutes.csv", b"\n", "minutes.csv 与签名检查点不符"),
])
def test_one_byte_changed_in_a_file_is_named(site, name, after, named):
    flip(site / name, after)
    result = check(site)
    assert result.returncode == 1 and named in result.stdout, result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("after", "named"), [
    (b'"sha256": "', "versions.json 中第 1 版的 sha256 与签名检查点不符"),
    (b'"log_head": "', "versions.json 中第 1 版的 log_head 与签名检查点不符"),
    (b"\\nminutes 2 1 ", "第 1 版的检查点签名不符"),  # inside the signed note itself
])
def test_one_byte_changed_in_versions_json_is_named(site, after, named):
    flip(site / "m" / "2" / "versions.json", after)
    result = check(site)
    assert result.returncode == 1 and named in result.stdout, result.stdout


def test_a_version_taken_away_is_named(site):
    import json

    path = site / "m" / "2" / "versions.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    del state["versions"][0]
    path.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    result = check(site)
    assert result.returncode == 1 and "第 1 版的编号不对" in result.stdout


def test_a_site_over_http_checks_out_and_a_changed_one_does_not(site):
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        result = check(url)
        assert result.returncode == 0, result.stdout + result.stderr
        flip(site / "m" / "2" / "minutes.json", b'"title": "')
        result = check(url + "m/2/")
        assert result.returncode == 1 and "minutes.json 与签名检查点不符" in result.stdout
    finally:
        server.shutdown()
        server.server_close()


def test_nothing_there_is_one_clear_line(tmp_path):
    result = check(tmp_path / "nowhere")
    assert result.returncode == 1 and result.stderr.startswith("错误：") and "Traceback" not in result.stderr
    result = check("http://127.0.0.1:9/")
    assert result.returncode == 1 and result.stderr.startswith("错误：")


def test_the_checker_in_the_docs_checks_a_published_meeting(site):
    """docs/record-format.md describes the checkpoint well enough to check it elsewhere: its
    example, run as written, passes on the site and fails on a changed page."""
    import re

    docs = (Path(__file__).resolve().parents[2] / "docs" / "record-format.md").read_text(encoding="utf-8")
    script = site.parent / "checker.py"
    script.write_text(re.findall(r"```python\n(.*?)```", docs, re.S)[-1], encoding="utf-8")
    run = [sys.executable, str(script), str(site / "m" / "2")]
    result = subprocess.run(run, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("v1: signed by "), result.stderr
    flip(site / "m" / "2" / "v2" / "index.html", b"<title>")
    result = subprocess.run(run, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "v2/index.html was changed" in result.stderr
