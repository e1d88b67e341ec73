"""`yiting serve` as a real subprocess on 127.0.0.1: pages, live page, the QR's address, refusals."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import PHONE, SCRIPT

from yiting.desk import Desk
from yiting.publish.site import publish_meeting
from yiting.store.db import connect

STARTUP_SECONDS = 20


def _yiting() -> list[str]:
    script = Path(sys.executable).parent / "yiting"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from yiting.cli import main; main()"]


class Server:
    def __init__(self, db_path: Path, site: Path) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1", YITING_LANG="zh")
        self.proc = subprocess.Popen(
            [*_yiting(), "--db", str(db_path), "serve", "--host", "127.0.0.1", "--port", "0", "--dir", str(site)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.output: list[str] = []
        self.port: int | None = None
        found = threading.Event()

        def read() -> None:
            for line in self.proc.stdout:  # ends when the process does
                self.output.append(line)
                match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
                if match and self.port is None:
                    self.port = int(match.group(1))
                    found.set()

        threading.Thread(target=read, daemon=True).start()
        if not found.wait(STARTUP_SECONDS):
            self.stop()
            raise AssertionError("yiting serve did not start:\n" + "".join(self.output))

    def get(self, path: str, method: str = "GET", body: bytes | None = None) -> tuple[int, str, dict]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)  # the path goes out as written
            if body is not None:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            response = conn.getresponse()
            return response.status, response.read().decode("utf-8", "replace"), dict(response.getheaders())
        finally:
            conn.close()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


@pytest.fixture
def server(meeting_db, site):
    path, _ = meeting_db
    site.mkdir(parents=True, exist_ok=True)
    running = Server(path, site)
    yield running
    running.stop()


def _open_meeting(db_path: Path, clock) -> tuple[int, int]:
    db = connect(db_path)
    desk = Desk(db, clock=clock)
    m = desk.create_meeting("瑞丰家园护栏议事会", venue="党群服务中心")
    people = desk.add_participants(m["id"], [{"name": "孙丽", "phone": PHONE}, {"name": "郑伟"}, {"name": "钱芳"}])
    for p in people:
        desk.check_in(p["id"])
    desk.open_meeting(m["id"])
    item = desk.add_item(m["id"], "380 米护栏的费用分担")
    desk.open_item(item["id"])
    speech = desk.queue_speaker(item["id"], people[0]["id"], "pro")
    desk.start_speech(item["id"], speech["id"])
    proposal = desk.submit_proposal(item["id"], SCRIPT)
    vote = desk.open_vote(proposal["id"])
    desk.adjust_count(vote["id"], "yes")
    db.conn.close()
    return m["id"], vote["id"]


def test_serves_the_site_and_the_qr_address(server, meeting_db, site):
    path, mid = meeting_db
    base = f"http://127.0.0.1:{server.port}"
    db = connect(path, readonly=True)
    result = publish_meeting(db, mid, site, base_url=base)
    db.conn.close()
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    [address] = [b.text for b in zxingcpp.read_barcodes(Image.open(result.folder / "qr.png").convert("RGB"))]
    assert address == f"{base}/m/{mid}/"
    status, page, headers = server.get(address[len(base):])
    assert status == 200 and "黄河水韵北门拓宽议事会" in page
    assert headers["Content-Type"].startswith("text/html") and "default-src 'none'" in headers["Content-Security-Policy"]
    assert server.get("/")[0] == 200 and "黄河水韵北门拓宽议事会" in server.get("/")[1]
    status, _, headers = server.get(f"/m/{mid}")
    assert status == 301 and headers["Location"] == f"/m/{mid}/"
    for name in ("minutes.md", "minutes.json", "minutes.csv", "qr.png", "notice.png", "v1/"):
        assert server.get(f"/m/{mid}/{name}")[0] == 200, name
    assert server.get(f"/m/{mid}/", method="HEAD")[0] == 200


@pytest.mark.parametrize("path", [
    "/../../../../etc/passwd", "/m/1/../../../etc/passwd", "/m/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/m/1/%252e%252e/x", "/..%5c..%5cetc/passwd", "/m/1/%00index.html",
    "/m/1/..", "/.", "/m/1/.tmp-abc",
])
def test_traversal_is_refused(server, path):
    status, body, _ = server.get(path)
    assert status in (400, 404), (path, status)
    assert "root:" not in body


def test_unknown_address_gets_a_plain_page(server):
    status, body, headers = server.get("/no/such/page")
    assert status == 404 and "找不到这个页面" in body and headers["Content-Type"].startswith("text/html")
    assert server.get("/m/999/live")[0] == 404


def test_oversized_and_writing_requests_are_refused(server):
    assert server.get("/" + "a" * 5000)[0] in (400, 414)
    assert server.get("/", method="POST", body=b"x" * 10)[0] in (405, 413)
    assert server.get("/", method="PUT", body=b"x")[0] in (405, 413)
    assert server.get("/", method="DELETE")[0] == 405
    assert server.get("/", method="GET", body=b"x" * 100_000)[0] in (400, 413)


def test_live_page_of_an_open_meeting(server, meeting_db, clock):
    path, _ = meeting_db
    mid, vote_id = _open_meeting(path, clock)
    status, page, _ = server.get(f"/m/{mid}/live")
    assert status == 200
    assert '<meta http-equiv="refresh" content="5">' in page
    assert "380 米护栏的费用分担" in page
    assert "正在发言：孙**（赞成）" in page and "孙丽" not in page and PHONE not in page
    assert "表决进行中" in page and "赞成 1，反对 0" in page
    assert "&lt;script&gt;" in page and SCRIPT not in page
    db = connect(path)
    desk = Desk(db, clock=clock)
    desk.adjust_count(vote_id, "yes")
    desk.close_vote(vote_id)
    db.conn.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # the server reads the database anew on each request
        page = server.get(f"/m/{mid}/live")[1]
        if "通过" in page:
            break
        time.sleep(0.2)
    assert "赞成 2 票，反对 0 票" in page and "✔ 通过" in page
    db = connect(path)
    Desk(db, clock=clock).close_meeting(mid)
    db.conn.close()
    page = server.get(f"/m/{mid}/live")[1]
    assert "会议已结束" in page and 'http-equiv="refresh"' not in page
