"""A real browser (Debian's headless Chromium) opens the published page at a phone's size."""

from __future__ import annotations

import json
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
from conftest import PHONE, artifacts_dir
from serve_helpers import Serve

from yiting.publish.site import publish_meeting
from yiting.store.db import connect

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")


def chromium(profile: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--no-first-run", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
               "--disable-extensions", "--disable-default-apps", f"--user-data-dir={profile}",
               # nothing but loopback resolves: the test never reaches out, whatever the page says
               "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)


def page_requests(net_log: Path, origin: str) -> list[str]:
    """URLs the page asked for (not the browser's own background traffic) in a Chromium net log."""
    data = json.loads(net_log.read_text(encoding="utf-8"))
    start_job = data["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    found = []
    for event in data["events"]:
        params = event.get("params") or {}
        if event["type"] != start_job or "url" not in params:
            continue
        initiator = params.get("initiator", "")
        isolation = params.get("network_isolation_key", "")
        if initiator.startswith(origin) or origin in isolation or params["url"].startswith(origin):
            found.append(params["url"])
    return found


@pytest.fixture
def served(published):
    site, result, db_path, mid = published
    server = Serve(db_path, site)
    try:
        base = f"http://127.0.0.1:{server.port}"
        db = connect(db_path, readonly=True)
        result = publish_meeting(db, mid, site, base_url=base)
        db.conn.close()
        yield base, result, site, mid
    finally:
        server.stop()


def test_phone_sized_page_in_chromium(served, tmp_path):
    base, result, site, mid = served
    url = result.url
    out = artifacts_dir()
    shot, tall = out / "minutes-390x844.png", out / "minutes-390-full.png"
    net_log = tmp_path / "net.json"
    run = chromium(tmp_path / "profile", "--window-size=390,844", f"--log-net-log={net_log}",
                   f"--screenshot={shot}", url)
    assert shot.is_file(), run.stderr[-2000:]
    chromium(tmp_path / "profile2", "--window-size=390,3000", f"--screenshot={tall}", url)
    shutil.copy(site / "m" / str(mid) / "notice.png", out / "notice.png")

    requested = page_requests(net_log, base)
    assert url in requested
    assert all(r.startswith(base + "/") for r in requested), requested  # nothing leaves the site
    assert len(requested) <= 2  # the page (and perhaps a favicon probe): no fonts, scripts, images

    dom = chromium(tmp_path / "profile3", "--dump-dom", url).stdout
    text = unescape(dom)
    assert "<title>黄河水韵北门拓宽议事会" in dom
    assert "北门拓宽到 9.6 米，10 月 31 日开工；施工期间开放东侧临时通道。" in text  # decision
    assert "赞成 3 票，反对 1 票，弃权 0 票；赞成多于反对，通过。" in text  # vote explanation
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom and "<script" not in dom.lower()
    assert PHONE not in dom

    from PIL import Image

    image = Image.open(shot)
    assert image.size == (390, 844)
    assert image.convert("L").getextrema() == (0, 255)  # black text on white: high contrast


def test_live_page_updates_itself_in_chromium(published, tmp_path, clock):
    """With scripts on, the live page follows the meeting through server-sent events (the
    script passes the page's CSP by its hash); driven over the DevTools protocol."""
    import asyncio
    import time

    import aiohttp

    from yiting.desk import Desk

    _, _, db_path, _ = published
    db = connect(db_path)
    desk = Desk(db, clock=clock)
    meeting = desk.create_meeting("清河锦城楼道照明议事会")
    person = desk.add_participant(meeting["id"], "孙丽")
    desk.check_in(person["id"])
    desk.open_meeting(meeting["id"])
    item = desk.add_item(meeting["id"], "楼道声控灯更换")
    desk.open_item(item["id"])
    db.conn.close()

    site = published[0]
    server = Serve(db_path, site)
    profile = tmp_path / "cdp-profile"
    url = f"http://127.0.0.1:{server.port}/m/{meeting['id']}/live"
    browser = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         "--disable-component-update", "--disable-sync", "--remote-debugging-port=0", f"--user-data-dir={profile}",
         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", url],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 20
        while not port_file.is_file() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert port_file.is_file(), "chromium did not open its DevTools port"
        devtools_port = int(port_file.read_text().split()[0])

        async def scenario() -> tuple[str, str]:
            async with aiohttp.ClientSession() as session:
                ws_url = None
                for _ in range(100):
                    async with session.get(f"http://127.0.0.1:{devtools_port}/json/list") as response:
                        pages = [p for p in await response.json() if p.get("url", "").startswith(url)]
                    if pages:
                        ws_url = pages[0]["webSocketDebuggerUrl"]
                        break
                    await asyncio.sleep(0.1)
                assert ws_url, "the live page did not open"
                async with session.ws_connect(ws_url, max_msg_size=0) as ws:
                    counter = 0

                    async def text() -> str:
                        nonlocal counter
                        counter += 1
                        await ws.send_json({"id": counter, "method": "Runtime.evaluate", "params": {
                            "expression": "(document.getElementById('live')||{}).innerText||''",
                            "returnByValue": True}})
                        while True:
                            message = await ws.receive_json(timeout=10)
                            if message.get("id") == counter:
                                return message["result"]["result"].get("value", "")

                    async def until(wanted: str) -> str:
                        for _ in range(100):
                            seen = await text()
                            if wanted in seen:
                                return seen
                            await asyncio.sleep(0.2)
                        return seen

                    before = await until("楼道声控灯更换")
                    writer = connect(db_path)  # change the record while the page stays open
                    writing = Desk(writer, clock=clock)
                    proposal = writing.submit_proposal(item["id"], "全部换成 LED 声控灯")
                    vote = writing.open_vote(proposal["id"])
                    writing.adjust_count(vote["id"], "yes")
                    writer.conn.close()
                    after = await until("全部换成 LED 声控灯")
                    return before, after

        before, after = asyncio.run(scenario())
        assert "楼道声控灯更换" in before and "还没有表决" in before
        assert "全部换成 LED 声控灯" in after and "表决进行中" in after and "赞成 1" in after
    finally:
        browser.terminate()
        try:
            browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            browser.kill()
        server.stop()
