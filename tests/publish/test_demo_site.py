"""The demo meetings published: every page within 30 KB, no private field anywhere."""

from __future__ import annotations

import pytest
from conftest import BASE_URL

from yiting.publish.site import publish_meeting, publishable_ids
from yiting.store.db import connect

MAX_PAGE = 30 * 1024


@pytest.fixture
def demo_db(tmp_path):
    demo = pytest.importorskip("yiting.demo")
    db = connect(tmp_path / "demo.sqlite")
    ids = demo.build_demo(db)
    if not ids:
        pytest.skip("the demo has no meetings yet")
    return db


def test_demo_site_weight_and_privacy(demo_db, tmp_path):
    site = tmp_path / "site"
    ids = publishable_ids(demo_db, include_open=True)
    assert ids
    for mid in ids:
        publish_meeting(demo_db, mid, site, base_url=BASE_URL)
    pages = list(site.glob("m/*/index.html"))
    assert len(pages) == len(ids)
    for page in pages:
        assert page.stat().st_size <= MAX_PAGE, (page, page.stat().st_size)
    secrets = [row[0] for row in demo_db.execute(
        "SELECT phone FROM participants WHERE phone != '' UNION SELECT address FROM participants WHERE address != ''")]
    masked = [row[0] for row in demo_db.execute(
        "SELECT name FROM participants WHERE named = 0 AND party IN ('居民', '业主', '') AND length(name) > 1")]
    everything = [p.read_bytes() for p in site.rglob("*") if p.is_file()]
    for secret in secrets:
        assert not any(secret.encode("utf-8") in raw for raw in everything), secret
    pages_text = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")]
    for name in masked:
        assert not any(f">{name}<" in text or f"{name} <span" in text for text in pages_text), name
