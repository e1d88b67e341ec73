"""Chromium follows every link of the site index, a published page and the live page after
close, as `yiting serve` answers them, and meets no 404 (nor any other error)."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from urllib.parse import urldefrag, urlparse

import pytest
from serve_helpers import Serve

from yiting.desk import Desk
from yiting.publish.site import publish_meeting
from yiting.store import queries
from yiting.store.db import connect

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
PAGES = (".html", "/")  # what the browser opens as a page; other files are fetched as files
MAX_PAGES = 40


def _closed_then_published(db_path, site, base: str, clock) -> int:
    db = connect(db_path)
    desk = Desk(db, clock=clock)
    m = desk.create_meeting("清河锦城楼道照明议事会", venue="睦邻议事亭")
    person = desk.add_participant(m["id"], "孙丽")
    desk.check_in(person["id"])
    desk.open_meeting(m["id"])
    item = desk.add_item(m["id"], "楼道声控灯更换")
    desk.open_item(item["id"])
    proposal = desk.submit_proposal(item["id"], "全部换成 LED 声控灯")
    vote = desk.open_vote(proposal["id"])
    desk.adjust_count(vote["id"], "yes")
    desk.close_vote(vote["id"])
    desk.record_decision(item["id"], "全部换成 LED 声控灯，月底前完成。", proposal_id=proposal["id"])
    desk.close_meeting(m["id"])
    db.conn.close()
    db = connect(db_path, readonly=True)
    publish_meeting(db, m["id"], site, base_url=base)
    db.conn.close()
    return m["id"]


class Browser:
    """One headless Chromium driven over the DevTools protocol: every response it gets is kept."""

    def __init__(self, profile) -> None:
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--no-first-run", "--disable-component-update", "--disable-sync", "--remote-debugging-port=0",
             f"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.is_file() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert port_file.is_file(), "chromium did not open its DevTools port"
        self.port = int(port_file.read_text().split()[0])

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    async def crawl(self, starts: list[str], origin: str) -> tuple[dict[str, int], dict[str, list[str]]]:
        """(status of every response the browser got, links of every page opened)."""
        import aiohttp

        statuses: dict[str, int] = {}
        links: dict[str, list[str]] = {}
        async with aiohttp.ClientSession() as session:
            ws_url = None
            for _ in range(100):
                async with session.get(f"http://127.0.0.1:{self.port}/json/list") as response:
                    pages = [p for p in await response.json() if p.get("type") == "page"]
                if pages:
                    ws_url = pages[0]["webSocketDebuggerUrl"]
                    break
                await asyncio.sleep(0.1)
            assert ws_url
            async with session.ws_connect(ws_url, max_msg_size=0) as ws:
                counter = 0
                loaded = asyncio.Event()

                async def call(method: str, **params):
                    nonlocal counter
                    counter += 1
                    mine = counter
                    await ws.send_json({"id": mine, "method": method, "params": params})
                    while True:
                        message = await ws.receive_json(timeout=20)
                        if message.get("method") == "Network.responseReceived":
                            answer = message["params"]["response"]
                            statuses[answer["url"]] = answer["status"]
                        elif message.get("method") == "Page.loadEventFired":
                            loaded.set()
                        if message.get("id") == mine:
                            return message.get("result", {})

                await call("Network.enable")
                await call("Page.enable")
                queue, seen = list(starts), set(starts)
                while queue and len(links) < MAX_PAGES:
                    url = queue.pop(0)
                    loaded.clear()
                    await call("Page.navigate", url=url)
                    for _ in range(100):  # events arrive with the answers to the calls below
                        if loaded.is_set():
                            break
                        await call("Runtime.evaluate", expression="1")
                        await asyncio.sleep(0.05)
                    result = await call("Runtime.evaluate", returnByValue=True, expression=(
                        "Array.from(document.querySelectorAll('a[href],link[href]')).map(a => a.href)"))
                    found = [urldefrag(h)[0] for h in result["result"].get("value", [])]
                    links[url] = found
                    for link in found:
                        if link.startswith(origin) and link not in seen:
                            seen.add(link)
                            if urlparse(link).path.endswith(PAGES):
                                queue.append(link)
                            else:
                                statuses.setdefault(link, _status(link))
        return statuses, links


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def test_every_link_leads_to_a_page(published, tmp_path, clock):
    site, _, db_path, mid = published
    server = Serve(db_path, site)
    browser = None
    try:
        origin = f"http://127.0.0.1:{server.port}"
        db = connect(db_path)  # a follow-up after the meeting: a second version, linked from the first
        Desk(db, clock=clock).update_action(queries.actions(db, mid)[0]["id"], status="done")
        db.conn.close()
        db = connect(db_path, readonly=True)
        publish_meeting(db, mid, site, base_url=origin)
        db.conn.close()
        ended = _closed_then_published(db_path, site, origin, clock)
        browser = Browser(tmp_path / "profile")
        starts = [f"{origin}/", f"{origin}/m/{mid}/", f"{origin}/m/{ended}/live"]
        statuses, links = asyncio.run(browser.crawl(starts, origin))
    finally:
        if browser is not None:
            browser.stop()
        server.stop()
    for start in starts:
        assert links[start], start  # each start page was opened and has links
    assert f"{origin}/m/{ended}/" in links[f"{origin}/m/{ended}/live"]  # the live page links the minutes
    assert f"{origin}/m/{mid}/v1/" in links  # an earlier version, and from it the latest
    assert {f"{origin}/m/{mid}/minutes.csv", f"{origin}/m/{mid}/notice.png", f"{origin}/favicon.ico"} <= set(statuses)
    every_link = {link for found in links.values() for link in found if link.startswith(origin)}
    assert every_link <= set(statuses) | set(links)
    bad = {url: status for url, status in statuses.items() if status >= 400}
    assert not bad, bad
