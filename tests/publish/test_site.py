"""The static site: files per meeting, versions, the index, weight, escaping and privacy."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timedelta, timezone
from html import unescape

from conftest import ADDRESS, BASE_URL, PHONE, SCRIPT

from yiting.desk import Desk
from yiting.publish.site import publish_meeting, site_entries
from yiting.store.db import connect

CST = timezone(timedelta(hours=8))
FILES = ("index.html", "minutes.md", "minutes.json", "minutes.csv", "qr.png", "notice.png", "versions.json")


def test_publish_writes_every_file(published):
    site, result, _, mid = published
    folder = site / "m" / str(mid)
    for name in FILES:
        assert (folder / name).is_file(), name
    for name in ("index.html", "minutes.md", "minutes.json", "minutes.csv"):
        assert (folder / "v1" / name).read_bytes() == (folder / name).read_bytes() or name == "index.html"
    assert (site / "index.html").is_file()
    assert result.url == f"{BASE_URL}/m/{mid}/"
    assert result.version == 1 and result.changed


def test_page_content_and_weight(published):
    site, _, _, mid = published
    page = (site / "m" / str(mid) / "index.html").read_text(encoding="utf-8")
    assert len(page.encode("utf-8")) <= 30 * 1024
    assert "<title>黄河水韵北门拓宽议事会" in page
    assert "北门拓宽到 9.6 米，10 月 31 日开工" in page  # the decision
    assert "赞成 3 票，反对 1 票，弃权 0 票；赞成多于反对，通过。" in page  # the vote's explanation
    assert "更正（原因：漏记一票赞成）" in page  # a correction shown as a correction
    assert "刘明</b>：完成北门拓宽施工" in page and "2025-11-30 前" in page  # who, what, by when
    assert "修正案" in page
    assert "李**" in page and "李桂兰" not in page
    versions = json.loads((site / "m" / str(mid) / "versions.json").read_text(encoding="utf-8"))
    assert versions["versions"][0]["sha256"] in page
    assert versions["versions"][0]["log_head"] in page


def test_page_needs_nothing_from_outside(published):
    site, _, _, mid = published
    for page in (site / "index.html", site / "m" / str(mid) / "index.html", site / "m" / str(mid) / "v1" / "index.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"https?://", html), page
        assert "<script" not in html and "@import" not in html and "url(" not in html
        for ref in re.findall(r'(?:src|href|action)="([^"]*)"', html):
            assert not ref.startswith(("//", "http:", "https:", "data:", "javascript:")), ref
        assert "Content-Security-Policy" in html and "default-src 'none'" in unescape(html)


def test_script_escaped_and_private_fields_absent_in_every_file(published):
    site, _, _, _ = published
    escaped = {".html": "&lt;script&gt;alert(1)&lt;/script&gt;", ".md": r"\<script\>alert(1)\</script\>",
               ".json": SCRIPT, ".csv": SCRIPT}
    files = [p for p in site.rglob("*") if p.is_file()]
    assert len(files) >= 12
    for path in files:
        raw = path.read_bytes()
        for secret in (PHONE, ADDRESS, "李桂兰"):
            assert secret.encode("utf-8") not in raw, (path, secret)
        if path.suffix == ".html":
            assert b"<script" not in raw, path
        if path.suffix in escaped and path.parent.name in ("1", "v1") and path.name != "versions.json":
            assert escaped[path.suffix] in raw.decode("utf-8"), path
    data = json.loads((site / "m" / "1" / "minutes.json").read_text(encoding="utf-8"))
    texts = [p["text"] for i in data["agenda"] for p in i["proposals"]]
    assert SCRIPT in texts  # JSON keeps the text exactly; readers escape it on display


def test_versions_unchanged_changed_and_earlier_reachable(meeting_db, site, clock):
    path, mid = meeting_db
    db = connect(path)
    first = publish_meeting(db, mid, site, base_url=BASE_URL, now=datetime(2025, 10, 26, 12, 0, tzinfo=CST))
    again = publish_meeting(db, mid, site, base_url=BASE_URL, now=datetime(2025, 10, 26, 12, 5, tzinfo=CST))
    assert (first.version, first.changed) == (1, True)
    assert (again.version, again.changed) == (1, False)
    # marking the meeting published is not a change of content
    Desk(db, clock=clock).mark_published(mid)
    after_mark = publish_meeting(db, mid, site, base_url=BASE_URL)
    assert (after_mark.version, after_mark.changed) == (1, False)
    # a later follow-up of an action changes the minutes: a new version
    action = db.execute("SELECT id FROM actions WHERE meeting_id = ? ORDER BY id LIMIT 1", [mid]).fetchone()[0]
    Desk(db, clock=clock).update_action(action, status="in_progress", notes="已开工")
    second = publish_meeting(db, mid, site, base_url=BASE_URL, now=datetime(2025, 11, 2, 9, 0, tzinfo=CST))
    assert (second.version, second.changed) == (2, True)
    folder = site / "m" / str(mid)
    state = json.loads((folder / "versions.json").read_text(encoding="utf-8"))
    assert [v["number"] for v in state["versions"]] == [1, 2]
    for v in state["versions"]:
        content = (folder / f"v{v['number']}" / "minutes.json").read_bytes()
        assert hashlib.sha256(content).hexdigest() == v["sha256"]
        assert len(v["log_head"]) == 64
    assert state["versions"][0]["sha256"] != state["versions"][1]["sha256"]
    assert (folder / "minutes.json").read_bytes() == (folder / "v2" / "minutes.json").read_bytes()
    old_page = (folder / "v1" / "index.html").read_text(encoding="utf-8")
    assert "办理中" not in old_page and 'href="../"' in old_page
    assert "办理中" in (folder / "index.html").read_text(encoding="utf-8")
    assert "第 1 版" in (folder / "index.html").read_text(encoding="utf-8")  # earlier versions listed


def test_qr_png_is_rewritten_only_for_a_new_address(published, clock):
    """The QR code names the address, nothing else; the notice shows the version, so it follows
    every change of content."""
    site, _, path, mid = published
    folder = site / "m" / str(mid)
    inode = lambda name: (folder / name).stat().st_ino  # a rewrite is a rename: a new inode
    qr, notice = inode("qr.png"), inode("notice.png")
    db = connect(path)
    action = db.execute("SELECT id FROM actions WHERE meeting_id = ? ORDER BY id LIMIT 1", [mid]).fetchone()[0]
    Desk(db, clock=clock).update_action(action, status="in_progress", notes="已开工")
    assert publish_meeting(db, mid, site, base_url=BASE_URL).version == 2
    assert inode("qr.png") == qr and inode("notice.png") != notice
    moved = publish_meeting(db, mid, site, base_url="http://10.0.0.9:8000")
    assert inode("qr.png") != qr and moved.version == 2


def test_result_keeps_the_recorded_status(meeting_db, tmp_path, clock):
    """The pages show a published meeting as closed, but the CLI marks only what is still closed."""
    path, mid = meeting_db
    db = connect(path)
    Desk(db, clock=clock).mark_published(mid)
    result = publish_meeting(db, mid, tmp_path / "fresh", base_url=BASE_URL)
    assert result.status == "published" and result.changed
    state = json.loads((result.folder / "versions.json").read_text(encoding="utf-8"))
    assert state["status"] == "closed"


def test_index_lists_meetings_newest_first(tmp_path, site, clock):
    db = connect(tmp_path / "two.sqlite")
    desk = Desk(db, clock=clock)
    ids = []
    for title in ("九月板凳会", "十月长廊议事"):
        m = desk.create_meeting(title, venue="石榴籽长廊")
        desk.open_meeting(m["id"])
        clock.advance(days=30)
        desk.close_meeting(m["id"])
        ids.append(m["id"])
    for mid in ids:
        publish_meeting(db, mid, site, base_url=BASE_URL)
    assert [e["title"] for e in site_entries(site)] == ["十月长廊议事", "九月板凳会"]
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.index("十月长廊议事") < index.index("九月板凳会")
    assert 'href="m/1/"' in index and 'href="m/2/"' in index


def test_draft_meeting_is_refused(tmp_path, site, clock):
    import pytest

    from yiting.errors import YitingError

    db = connect(tmp_path / "draft.sqlite")
    m = Desk(db, clock=clock).create_meeting("还没开的会")
    with pytest.raises(YitingError):
        publish_meeting(db, m["id"], site, base_url=BASE_URL)
    assert not (site / "m").exists()
