"""The LAN server on a thread of its own (for the console), and the live page rendered once
for all the phones that ask within the reader's cache window."""

import socket
import urllib.request

import pytest

from yiting.publish import server_live
from yiting.publish.server import ServerThread


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


def test_serves_from_its_own_thread_and_stops(published):
    site, _, db_path, mid = published
    thread = ServerThread(site, db_path, "127.0.0.1", 0)
    port = thread.start()
    try:
        status, page = fetch(f"http://127.0.0.1:{port}/m/{mid}/")
        assert status == 200 and "黄河水韵北门拓宽议事会" in page
    finally:
        thread.stop()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_a_taken_port_is_reported_to_the_caller(published):
    site, _, db_path, _ = published
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(OSError):
            ServerThread(site, db_path, "127.0.0.1", busy.getsockname()[1]).start()


def test_live_page_is_rendered_once_per_view(published, monkeypatch):
    site, _, db_path, mid = published
    renders = []
    from yiting.publish import pages

    original = pages.render_live
    monkeypatch.setattr(pages, "render_live", lambda *a, **k: renders.append(1) or original(*a, **k))
    monkeypatch.setattr(server_live, "CACHE_SECONDS", 60.0)
    thread = ServerThread(site, db_path, "127.0.0.1", 0)
    port = thread.start()
    try:
        bodies = [fetch(f"http://127.0.0.1:{port}/m/{mid}/live") for _ in range(5)]
    finally:
        thread.stop()
    assert {status for status, _ in bodies} == {200} and len({body for _, body in bodies}) == 1
    assert len(renders) == 1
