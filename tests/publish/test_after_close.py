"""After the meeting: the live page links the minutes (phones already on it get the link through
their open stream), and `/` lists meetings in progress and published ones, on `yiting serve`
and on the console's own server."""

from __future__ import annotations

import http.client
import json
import time
import urllib.request

import pytest
from serve_helpers import Serve

from yiting.desk import Desk
from yiting.publish.server import ServerThread
from yiting.publish.site import publish_meeting
from yiting.store.db import connect


def _open_meeting(db_path, clock) -> tuple[int, int]:
    """A meeting in progress whose one proposal passed and was decided."""
    db = connect(db_path)
    desk = Desk(db, clock=clock)
    m = desk.create_meeting("瑞丰家园护栏议事会", venue="党群服务中心")
    people = desk.add_participants(m["id"], [{"name": "孙丽"}, {"name": "郑伟"}, {"name": "钱芳"}])
    for p in people:
        desk.check_in(p["id"])
    desk.open_meeting(m["id"])
    item = desk.add_item(m["id"], "380 米护栏的费用分担")
    desk.open_item(item["id"])
    proposal = desk.submit_proposal(item["id"], "护栏费用由公共收益支付")
    vote = desk.open_vote(proposal["id"])
    for _ in range(3):
        desk.adjust_count(vote["id"], "yes")
    desk.close_vote(vote["id"])
    desk.record_decision(item["id"], "护栏费用由公共收益支付，十二月底前完工。", proposal_id=proposal["id"])
    db.conn.close()
    return m["id"], item["id"]


@pytest.fixture
def server(meeting_db, site):
    running = Serve(meeting_db[0], site)
    yield running
    running.stop()


class Stream:
    """The live page's server-sent events, read one `data:` line at a time (bounded)."""

    def __init__(self, port: int, meeting_id: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
        self.conn.request("GET", f"/m/{meeting_id}/live/events")
        self.response = self.conn.getresponse()
        assert self.response.status == 200

    def next(self) -> dict:
        for _ in range(50):  # the retry line, keep-alives, then data
            line = self.response.fp.readline().decode("utf-8")
            if line.startswith("data: "):
                return json.loads(line[6:])
        raise AssertionError("no event")

    def close(self) -> None:
        self.conn.close()


def test_a_phone_on_the_live_page_gets_the_minutes_link_when_they_are_out(server, meeting_db, site, clock):
    path, _ = meeting_db
    mid, _ = _open_meeting(path, clock)
    stream = Stream(server.port, mid)
    try:
        first = stream.next()
        assert "380 米护栏的费用分担" in first["html"] and first["done"] is False
        db = connect(path)
        Desk(db, clock=clock).close_meeting(mid)
        db.conn.close()
        ended = stream.next()
        # The final results at once; the link once the minutes exist (the stream stays open for it).
        assert "会议已结束" in ended["html"] and "✔ 通过" in ended["html"]
        assert "护栏费用由公共收益支付，十二月底前完工。" in ended["html"]
        assert f'href="/m/{mid}/"' not in ended["html"] and ended["done"] is False
        db = connect(path, readonly=True)
        publish_meeting(db, mid, site, base_url=f"http://127.0.0.1:{server.port}")
        db.conn.close()
        linked = stream.next()
        assert f'href="/m/{mid}/"' in linked["html"] and linked["done"] is True
    finally:
        stream.close()
    status, page, _ = server.get(f"/m/{mid}/live")
    assert status == 200 and f'href="/m/{mid}/"' in page and 'http-equiv="refresh"' not in page
    status, minutes, _ = server.get(f"/m/{mid}/")
    assert status == 200 and "护栏费用由公共收益支付，十二月底前完工。" in minutes


def test_home_page_lists_meetings_in_progress_and_published_on_yiting_serve(server, meeting_db, site, clock):
    path, published_id = meeting_db
    db = connect(path, readonly=True)
    publish_meeting(db, published_id, site, base_url=f"http://127.0.0.1:{server.port}")
    db.conn.close()
    live_id, _ = _open_meeting(path, clock)
    deadline = time.monotonic() + 10
    while True:  # the home page is read at most twice a second
        status, page, _ = server.get("/")
        if "瑞丰家园护栏议事会" in page or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert status == 200
    assert "正在进行的会议" in page and f'href="m/{live_id}/live"' in page and "瑞丰家园护栏议事会" in page
    assert "已公开的纪要" in page and f'href="m/{published_id}/"' in page and "黄河水韵北门拓宽议事会" in page
    assert server.get("/index.html")[1] == page  # the live page's "← 全部纪要" names this one
    status, icon, headers = server.get("/favicon.ico")
    assert status == 200 and headers["Content-Type"] == "image/x-icon"


def test_home_page_of_the_consoles_server_before_anything_is_published(tmp_path, clock):
    path = tmp_path / "console.sqlite"
    connect(path).conn.close()
    live_id, _ = _open_meeting(path, clock)
    site = tmp_path / "empty-site"
    thread = ServerThread(site, path, "127.0.0.1", 0)
    port = thread.start()
    try:
        def get(route: str) -> tuple[int, bytes, str]:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{route}", timeout=10) as answer:
                return answer.status, answer.read(), answer.headers["Content-Type"]

        status, body, _ = get("/")
        page = body.decode("utf-8")
        assert status == 200 and f'href="m/{live_id}/live"' in page and "还没有公开的纪要" in page
        assert get("/favicon.ico")[0] == 200  # no site yet: the icon every page links is still there
        status, body, _ = get(f"/m/{live_id}/")  # the QR code's address during the meeting
        assert status == 200 and "380 米护栏的费用分担" in body.decode("utf-8")
    finally:
        thread.stop()
