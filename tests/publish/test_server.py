"""`yiting serve` as a real subprocess on 127.0.0.1: pages, live page, the QR's address, refusals."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import PHONE, SCRIPT
from serve_helpers import Serve, request

from yiting.desk import Desk
from yiting.publish.server import SECURITY_HEADERS
from yiting.publish.site import publish_meeting
from yiting.store.db import connect


@pytest.fixture
def server(meeting_db, site):
    path, _ = meeting_db
    site.mkdir(parents=True, exist_ok=True)
    running = Serve(path, site)
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
    for name in ("minutes.md", "minutes.json", "minutes.csv", "qr.png", "notice.png", "notice.pdf", "v1/"):
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


MALFORMED = {  # refused by aiohttp's parser (its own 400) before our handler runs
    "not a method": (b"G@T", b"/", b""),
    "request line over 2 KB": (b"GET", b"/" + b"a" * 3000, b""),
    "header without a colon": (b"GET", b"/", b"Bad Header\r\n"),
    "header over 4 KB": (b"GET", b"/", b"X-Big: " + b"a" * 5000 + b"\r\n"),
    "length and chunked": (b"GET", b"/", b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n"),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_aiohttps_own_refusals_carry_the_security_headers(server, name):
    status, answer = request(server.port, *MALFORMED[name])
    assert status == 400
    head = answer.partition(b"\r\n\r\n")[0].decode("latin-1").lower()
    for header, value in SECURITY_HEADERS.items():
        assert f"{header}: {value}".lower() in head, (name, head)


def test_live_page_of_an_open_meeting(server, meeting_db, clock):
    path, _ = meeting_db
    mid, vote_id = _open_meeting(path, clock)
    status, page, _ = server.get(f"/m/{mid}/live")
    assert status == 200
    assert 'http-equiv="refresh" content="5"' in page
    assert "380 米护栏的费用分担" in page
    assert "正在发言：孙**（赞成）" in page and "孙丽" not in page and PHONE not in page
    assert "表决进行中" in page and "赞成 1，反对 0" in page
    assert "&lt;script&gt;" in page and SCRIPT not in page
    assert f'href="/m/{mid}/"' not in page  # not published yet: no link to a missing page
    # The minutes' address (the console's QR code) leads to the live page until they are out.
    status, _, headers = server.get(f"/m/{mid}/")
    assert status == 302 and headers["Location"] == f"/m/{mid}/live"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert server.get("/m/999/")[0] == 404
    db = connect(path)
    desk = Desk(db, clock=clock)
    desk.adjust_count(vote_id, "yes")
    desk.close_vote(vote_id)
    db.conn.close()
    page = wait_for(server, f"/m/{mid}/live", "通过")  # the server reads the database again
    assert "赞成 2 票，反对 0 票" in page and "✔ 通过" in page
    db = connect(path)
    Desk(db, clock=clock).close_meeting(mid)
    db.conn.close()
    page = wait_for(server, f"/m/{mid}/live", "会议已结束")
    assert "✔ 通过" in page and "赞成 2 票，反对 0 票" in page  # the final results stay on the page
    assert "纪要发布后" in page and 'http-equiv="refresh"' in page  # it waits for the minutes' link


def wait_for(server: Serve, path: str, text: str, seconds: float = 10) -> str:
    deadline = time.monotonic() + seconds
    while True:
        page = server.get(path)[1]
        if text in page or time.monotonic() > deadline:
            return page
        time.sleep(0.2)


def test_live_page_script_is_the_only_one_and_allowed_by_its_hash(server, meeting_db, clock):
    import base64
    import hashlib
    import re

    path, _ = meeting_db
    mid, _ = _open_meeting(path, clock)
    _, page, headers = server.get(f"/m/{mid}/live")
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in headers["Content-Security-Policy"]
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page


def test_live_events_stream_the_state(server, meeting_db, clock):
    """Server-sent events: the first event carries the current state, escaped; a change follows."""
    import http.client
    import json

    path, _ = meeting_db
    mid, vote_id = _open_meeting(path, clock)
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request("GET", f"/m/{mid}/live/events")
        response = conn.getresponse()
        assert response.status == 200
        assert response.getheader("Content-Type").startswith("text/event-stream")

        def next_event() -> dict:
            for _ in range(50):  # bounded: retry line, keep-alives, then data
                line = response.fp.readline().decode("utf-8")
                if line.startswith("data: "):
                    return json.loads(line[6:])
            raise AssertionError("no event")

        first = next_event()
        assert "380 米护栏的费用分担" in first["html"] and "&lt;script&gt;" in first["html"]
        assert first["done"] is False
        db = connect(path)
        Desk(db, clock=clock).close_vote(vote_id)
        db.conn.close()
        second = next_event()
        assert "✔ 通过" in second["html"]
    finally:
        conn.close()
