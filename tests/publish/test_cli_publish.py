"""The publish, qr and serve commands, through click's runner (serve itself: test_server.py)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import urllib.request

import pytest
from click.testing import CliRunner
from conftest import BASE_URL

from yiting.cli import main
from yiting.network import lan_address
from yiting.publish.server import start_server
from yiting.store import queries
from yiting.store.db import connect


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_every_publishing_command_has_help():
    for name in ("publish", "qr", "serve"):
        result = run(name, "--help")
        assert result.exit_code == 0 and len(result.output.splitlines()) > 4, name


def test_publish_one_marks_it_published_and_prints_the_address(meeting_db, site):
    path, mid = meeting_db
    result = run("--db", str(path), "publish", str(mid), "--out", str(site), "--base-url", BASE_URL + "/")
    assert result.exit_code == 0, result.output
    assert f"{BASE_URL}/m/{mid}/" in result.output
    assert (site / "m" / str(mid) / "index.html").is_file() and (site / "index.html").is_file()
    assert queries.row(connect(path, readonly=True), "meetings", mid)["status"] == "published"
    again = run("--db", str(path), "publish", "--all", "--out", str(site), "--base-url", BASE_URL)
    assert again.exit_code == 0 and "[1/1]" in again.output and "内容未变" in again.output


def test_publish_refuses_bad_input(meeting_db, site):
    path, mid = meeting_db
    assert run("--db", str(path), "publish", "--out", str(site)).exit_code != 0
    bad = run("--db", str(path), "publish", str(mid), "--out", str(site), "--base-url", "ftp://x")
    assert bad.exit_code == 1 and "http://" in bad.output
    missing = run("--db", str(path), "publish", "42", "--out", str(site), "--base-url", BASE_URL)
    assert missing.exit_code == 1 and "42" in missing.output
    assert not (site / "m").exists()


def test_qr_command_writes_a_png_of_the_stable_address(meeting_db, tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    path, mid = meeting_db
    out = tmp_path / "code.png"
    result = run("--db", str(path), "qr", str(mid), "--out", str(out), "--base-url", BASE_URL)
    assert result.exit_code == 0, result.output
    assert [b.text for b in zxingcpp.read_barcodes(Image.open(out).convert("RGB"))] == [f"{BASE_URL}/m/{mid}/"]
    drawn = run("--db", str(path), "qr", str(mid), "--base-url", BASE_URL)
    assert "▀" in drawn.output and f"{BASE_URL}/m/{mid}/" in drawn.output


def test_start_server_on_an_existing_loop(published):
    site, _, db_path, mid = published

    async def scenario() -> tuple[int, str]:
        runner = await start_server(site, db_path, "127.0.0.1", 0)
        try:
            port = runner.addresses[0][1]
            loop = asyncio.get_running_loop()

            def fetch() -> tuple[int, str]:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/m/{mid}/", timeout=10) as response:
                    return response.status, response.read().decode("utf-8")

            return await loop.run_in_executor(None, fetch)
        finally:
            await runner.cleanup()

    status, page = asyncio.run(scenario())
    assert status == 200 and "黄河水韵北门拓宽议事会" in page


def test_lan_address_is_an_ipv4_address():
    parts = lan_address().split(".")
    assert len(parts) == 4 and all(p.isdigit() and 0 <= int(p) <= 255 for p in parts)


def test_publish_never_imports_textual():
    code = ("import sys, yiting.publish.site, yiting.publish.server, yiting.publish.notice, yiting.cli_publish;"
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')))")
    out = subprocess.run([sys.executable, "-c", "import json;" + code], capture_output=True, text=True, timeout=60,
                         check=False)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == []
