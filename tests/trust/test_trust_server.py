"""`yiting serve` on the laptop under load and attack (issue 5), against a real server process on
127.0.0.1 serving the demo site: phones polling, slow clients, oversized and writing requests,
traversal in every encoding we know, the live page following the desk, event streams let go.

Loopback only; every loop stops by itself. The CI run is 100 phones × 5 s; the soak, 300 phones
× 60 s, runs with `YITING_SOAK=1 python -m pytest tests/trust/test_trust_server.py -k soak -s`.
Load figures are printed (-s) and appended to <artifacts>/trust/server-load.txt.

What these found, fixed in yiting/publish/server.py: `OPTIONS *` and `CONNECT host:port` got
aiohttp's bare 404 (no 405, no security headers); 60 headers of 3 KB were served (now 431 over
8 KB); `Expect: 100-continue` invited the body of a request that would be refused; an event
stream whose phone left kept its place (of 200) until the next keep-alive write, 15 s later;
`index.html/` served the page; and a process started with 256 open files (macOS) failed 300
phones with 404s, 500s and timeouts, whose connections also overflowed the listen backlog.
"""

from __future__ import annotations

import json
import os
import socket
import tempfile
import time
from pathlib import Path

import pytest
from serve_helpers import (
    OPEN_MEETING_TITLE,
    SECRET,
    Slowloris,
    flood,
    get,
    load,
    make_demo,
    publish,
    raw,
    request,
    serve_demo,
    status_of,
)
from waiting import wait_until

from yiting.publish import server as server_module

SECURITY = (b"content-security-policy:", b"x-content-type-options: nosniff", b"referrer-policy: no-referrer",
            b"x-frame-options: deny")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return make_demo(tmp_path_factory.mktemp("trust-serve"))


@pytest.fixture(scope="module")
def served(demo):
    running = serve_demo(demo)
    try:
        publish(demo, running.port)
        yield demo, running
    finally:
        running.stop()


def _record(line: str) -> None:
    folder = Path(os.environ.get("YITING_ARTIFACTS") or Path(tempfile.gettempdir()) / "yiting-artifacts") / "trust"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "server-load.txt").open("a", encoding="utf-8") as out:
        out.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {line}\n")
    print(line)


def _assert_healthy(port: int, demo) -> None:
    status, page = get(port, f"/m/{demo.published[0]}/", timeout=10)
    assert status == 200 and "<h1>" in page


# --- load ------------------------------------------------------------------------------------------

def _run_load(demo, running, clients: int, seconds: float) -> None:
    live, minutes = f"/m/{demo.open_meeting}/live", f"/m/{demo.published[0]}/"
    result = load(running.port, [live, minutes, "/"], clients, seconds,
                  expect={live: OPEN_MEETING_TITLE, minutes: "<h1>", "/": "<h1>"})
    _record(result.summary())
    assert not result.errors, result.errors[:10]
    assert len(result.latencies) >= clients  # every phone was answered at least once
    assert running.alive()


def test_phones_polling_the_live_page_and_minutes(served):
    demo, running = served
    _run_load(demo, running, clients=100, seconds=5)


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("YITING_SOAK") != "1", reason="the 60 s soak runs with YITING_SOAK=1")
def test_soak_300_phones_for_a_minute(served):
    demo, running = served
    _run_load(demo, running, clients=300, seconds=60)


def test_300_phones_on_a_laptop_that_starts_with_256_open_files(demo, served):
    """macOS starts a process with 256 open files; 300 phones then got 404s (a page's file could
    not be opened), 500s and timeouts. The server raises its own limit."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1024:
        pytest.skip(f"the hard open-file limit here is {hard}")
    short = serve_demo(demo, open_files=256)
    try:
        soft = int(next(line.split()[3] for line in Path(f"/proc/{short.proc.pid}/limits").read_text().splitlines()
                        if line.startswith("Max open files")))
        assert soft >= 1024
        live = f"/m/{demo.open_meeting}/live"
        result = load(short.port, [live, "/"], 300, 3, expect={live: OPEN_MEETING_TITLE, "/": "<h1>"})
        _record(f"started with 256 open files: {result.summary()}")
        assert not result.errors, sorted(set(result.errors))[:10]
    finally:
        short.stop()


def test_a_flood_of_unknown_meetings_does_not_starve_phones(served):
    """Every unknown meeting's live page is a database read (no cache can hold them all): 50
    connections asking for random ones, while 10 phones follow the real meeting."""
    import random

    demo, running = served
    attack = flood(running.port, lambda: f"/m/{random.randint(1000, 999_999_999)}/live", 50, 4)
    assert wait_until(lambda: sum(attack.statuses.values()) >= 50, 15), "the flood never reached the server"
    phones = load(running.port, [f"/m/{demo.open_meeting}/live"], 10, 3,
                  expect={f"/m/{demo.open_meeting}/live": OPEN_MEETING_TITLE})
    attack.join(60)
    _record(f"under a flood of unknown meetings ({sum(attack.statuses.values())} answers "
            f"{attack.statuses}): {phones.summary()}")
    assert not phones.errors, phones.errors[:10]
    assert attack.statuses.get(404) and not [s for s in attack.statuses if s >= 500 or s == 200]


# --- the live page follows the desk, event streams are let go -------------------------------------------

def _desk_vote(db_path: Path, meeting_id: int, text: str) -> None:
    from yiting.desk import Desk
    from yiting.store import queries
    from yiting.store.db import connect

    db = connect(db_path)
    try:
        desk = Desk(db)
        item_id = queries.row(db, "meetings", meeting_id)["current_item_id"]
        proposal = desk.submit_proposal(item_id, text)
        try:
            vote = desk.open_vote(proposal["id"])
        except Exception:  # noqa: BLE001 - no quorum in the demo: recorded as consultative, as a desk would
            vote = desk.open_vote(proposal["id"], consultative=True, reason="测试")
        desk.adjust_count(vote["id"], "yes")
    finally:
        db.conn.close()


def _read_event(sock_file, deadline: float) -> dict:
    while time.monotonic() < deadline:
        line = sock_file.readline()
        if not line:
            break
        if line.startswith(b"data: "):
            return json.loads(line[6:])
    raise AssertionError("no event")


def test_live_page_and_events_follow_the_desk(served):
    demo, running = served
    live = f"/m/{demo.open_meeting}/live"
    text = f"路灯<b>加装</b>{time.monotonic_ns()}"
    escaped = text.replace("<", "&lt;").replace(">", "&gt;")
    with socket.create_connection(("127.0.0.1", running.port), timeout=15) as sock:
        sock.sendall(f"GET {live}/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        stream = sock.makefile("rb")
        assert status_of(stream.readline()) == 200
        first = _read_event(stream, time.monotonic() + 15)
        assert escaped not in first["html"] and first["done"] is False
        _desk_vote(demo.db, demo.open_meeting, text)
        second = _read_event(stream, time.monotonic() + 15)
        assert escaped in second["html"] and text not in second["html"]
        stream.close()

    def page_with_it():
        answer = get(running.port, live)
        return answer if escaped in answer[1] else None

    status, page = wait_until(page_with_it, 15) or get(running.port, live)
    assert status == 200 and escaped in page and text not in page
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page


def _open_streams(port: int, meeting_id: int, count: int) -> list[socket.socket]:
    sockets = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=15)
        sock.sendall(f"GET /m/{meeting_id}/live/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        sockets.append(sock)
    for sock in sockets:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = sock.recv(4096)
            assert chunk, "stream closed early"
            head += chunk
        assert status_of(head) == 200, head[:200]
    return sockets


def test_event_streams_are_let_go_when_phones_leave(served):
    demo, running = served
    assert wait_until(lambda: running.connections() == 0, 30)  # earlier tests' refused bodies linger 10 s
    baseline = running.fds()
    sockets = _open_streams(running.port, demo.open_meeting, 50)
    assert running.connections() >= 50 and running.fds() >= baseline + 50
    for sock in sockets:
        sock.close()
    assert wait_until(lambda: running.connections() == 0 and running.fds() <= baseline, 15), \
        (running.connections(), running.fds(), baseline)
    _assert_healthy(running.port, demo)


def test_a_phone_that_leaves_frees_its_stream_slot(demo, served):
    """With room for 3 streams: a 4th is refused (503); once the 3 phones go, a new one is
    let in within seconds, not after the next keep-alive write (15 s) finds them gone."""
    short = serve_demo(demo, overrides={"server_live.MAX_EVENT_STREAMS": 3})
    try:
        sockets = _open_streams(short.port, demo.open_meeting, 3)
        status, answer = request(short.port, "GET", f"/m/{demo.open_meeting}/live/events")
        assert status == 503 and SECRET.encode() not in answer
        for sock in sockets:
            sock.close()

        def admitted() -> bool:
            with socket.create_connection(("127.0.0.1", short.port), timeout=10) as sock:
                sock.sendall(f"GET /m/{demo.open_meeting}/live/events HTTP/1.1\r\nHost: x\r\n\r\n".encode())
                return status_of(sock.recv(4096)) == 200

        assert wait_until(admitted, 8)
    finally:
        short.stop()


# --- slow clients ------------------------------------------------------------------------------------

def test_slow_clients_do_not_starve_a_phone(served):
    demo, running = served
    baseline, lingering = running.fds(), running.connections()
    slow = Slowloris(running.port, connections=200, seconds=20)
    try:  # the slow requests are under way: the server holds all 200 and each has had a byte
        assert wait_until(lambda: slow.rounds >= 1 and running.fds() >= baseline - lingering + 200, 15), \
            (slow.rounds, running.fds(), baseline, lingering)
        for _ in range(10):
            started = time.monotonic()
            status, page = get(running.port, f"/m/{demo.open_meeting}/live", timeout=10)
            assert status == 200 and OPEN_MEETING_TITLE in page
            assert time.monotonic() - started < 5, "a phone waited behind slow clients"
        assert not slow.answers  # nothing was answered to a request that never finished
    finally:
        slow.close()
    _assert_healthy(running.port, demo)


def test_slow_clients_are_timed_out(demo, served):
    """The same attack against a server whose timeout is cut to 2 s (the real one is 30 s): the
    server closes every connection that never finishes its request, even one still dribbling."""
    assert server_module.KEEPALIVE_SECONDS <= 30
    short = serve_demo(demo, overrides={"KEEPALIVE_SECONDS": 2.0})
    try:
        idle = [socket.create_connection(("127.0.0.1", short.port), timeout=15) for _ in range(20)]
        slow = Slowloris(short.port, connections=50, seconds=20, interval=0.25)
        slow.wait()
        slow.close()
        assert len(slow.closed_after) == 50, f"{50 - len(slow.closed_after)} slow connections still open"
        assert max(slow.closed_after.values()) < 15
        for sock in idle:  # connected, never sent a byte: closed too (recv sees the end)
            assert sock.recv(1) == b""
            sock.close()
        assert get(short.port, "/")[0] == 200
    finally:
        short.stop()


# --- refused requests ----------------------------------------------------------------------------------

REFUSED = {
    # name: (method, target, extra header lines, body, acceptable statuses)
    "POST": (b"POST", b"/", b"Content-Length: 3\r\n", b"a=1", {405}),
    "PUT": (b"PUT", b"/index.html", b"Content-Length: 1\r\n", b"x", {405}),
    "DELETE": (b"DELETE", b"/index.html", b"", b"", {405}),
    "PATCH": (b"PATCH", b"/", b"", b"", {405}),
    "OPTIONS": (b"OPTIONS", b"/", b"", b"", {405}),
    "OPTIONS *": (b"OPTIONS", b"*", b"", b"", {405}),
    "TRACE": (b"TRACE", b"/", b"X-Echo: 1\r\n", b"", {405}),
    "CONNECT": (b"CONNECT", b"127.0.0.1:22", b"", b"", {405}),
    "PROPFIND": (b"PROPFIND", b"/", b"", b"", {405}),
    "garbage method": (b"G@RB\x01GE", b"/", b"", b"", {400}),
    "lowercase get": (b"get", b"/", b"", b"", {400, 405}),
    "request line 5 KB": (b"GET", b"/" + b"a" * 5000, b"", b"", {400, 414}),
    "path 600 chars": (b"GET", b"/" + b"a" * 600, b"", b"", {400, 414}),
    "header 10 KB": (b"GET", b"/", b"X-Big: " + b"a" * 10_000 + b"\r\n", b"", {400, 431}),
    "headers 60 x 3 KB": (b"GET", b"/", b"".join(b"X-%d: %s\r\n" % (i, b"a" * 3000) for i in range(60)), b"",
                          {400, 431}),
    "200 headers": (b"GET", b"/", b"".join(b"X-%d: a\r\n" % i for i in range(200)), b"", {400, 431}),
    "GET with a body": (b"GET", b"/", b"Content-Length: 5\r\n", b"hello", {413}),
    "GET chunked": (b"GET", b"/", b"Transfer-Encoding: chunked\r\n", b"5\r\nhello\r\n0\r\n\r\n", {400, 413}),
    "HEAD with a body": (b"HEAD", b"/", b"Content-Length: 2\r\n", b"hi", {413}),
    "Content-Length and chunked": (b"GET", b"/", b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n",
                                   b"0\r\n\r\n", {400}),
    "negative length": (b"GET", b"/", b"Content-Length: -1\r\n", b"", {400}),
    "no slash": (b"GET", b"index.html", b"", b"", {400}),
    "POST expecting 100-continue": (b"POST", b"/", b"Expect: 100-continue\r\nContent-Length: 10000000\r\n", b"",
                                    {405}),
    "GET expecting 100-continue": (b"GET", b"/", b"Expect: 100-continue\r\nContent-Length: 10000000\r\n", b"",
                                   {413}),
    "unknown Expect": (b"PUT", b"/", b"Expect: something\r\nContent-Length: 5\r\n", b"", {405, 417}),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_hostile_requests_are_refused(served, name):
    demo, running = served
    method, target, headers, body, statuses = REFUSED[name]
    status, answer = request(running.port, method, target, headers, body)
    assert status in statuses, (name, answer[:300])
    assert b"100 Continue" not in answer  # no body is ever invited
    assert SECRET.encode() not in answer
    head = answer.partition(b"\r\n\r\n")[0].lower()
    assert all(h in head for h in SECURITY), (name, head)  # aiohttp's own 400s too, not only ours
    if status == 405:
        assert b"allow: get, head" in head
    _assert_healthy(running.port, demo)


def test_a_pipelined_flood_on_one_connection_is_answered_in_order(served):
    """2,000 requests written at once on one connection: answered one after another (the parser
    pauses reading while it is behind), and a phone on another connection is served meanwhile."""
    demo, running = served
    flood = b"GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n" * 1999 + b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    import threading

    answers: list[bytes] = []
    thread = threading.Thread(target=lambda: answers.append(raw(running.port, flood, timeout=30)), daemon=True)
    thread.start()
    _assert_healthy(running.port, demo)
    thread.join(40)
    assert answers and answers[0].count(b"HTTP/1.1 200 OK") == 2000
    _assert_healthy(running.port, demo)


def test_a_big_upload_is_refused_without_hurting_others(served):
    """20 MB pushed at the server: refused at once (413), and phones are served meanwhile."""
    import threading

    demo, running = served
    answers: list[bytes] = []

    def upload() -> None:
        head = b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 20000000\r\n\r\n"
        with socket.create_connection(("127.0.0.1", running.port), timeout=10) as sock:
            try:
                sock.sendall(head)
                for _ in range(20):
                    sock.sendall(b"x" * 1_000_000)
            except OSError:
                pass  # the server stopped reading: that is the point
            try:
                answers.append(sock.recv(4096))
            except OSError:
                answers.append(b"")

    thread = threading.Thread(target=upload, daemon=True)
    thread.start()
    for _ in range(5):
        _assert_healthy(running.port, demo)
    thread.join(30)
    assert not thread.is_alive()
    assert answers and status_of(answers[0]) in (405, 413, 0)
    _assert_healthy(running.port, demo)


# --- traversal ------------------------------------------------------------------------------------------

def _traversals(demo) -> list[str]:
    mid = demo.published[0]
    name = demo.root.name
    paths = []
    for target in ("secret.html", "secret.txt", "passwd", f"{name}-secret.html"):
        for up in ("../", "..%2f", "..%2F", "%2e%2e/", "%2E%2E%2F", ".%2e/", "%2e./", "%252e%252e/", "%252e%252e%252f",
                   "..%5c", "..\\", "..%255c", "..;/", "%2e%2e;/", "．．／", "%EF%BC%8E%EF%BC%8E%EF%BC%8F",
                   "%c0%ae%c0%ae/", "%c0%ae%c0%ae%c0%af", "%e0%80%ae%e0%80%ae/", "..%c0%af", "..%c1%9c",
                   "%uff0e%uff0e/", "%u002e%u002e/", "..%00/", "..%u2215", "..%e2%88%95", ".../", "..../",
                   "..//", "/..", "%2e%2e%2f"):
            for depth in (1, 2, 4):
                paths.append(f"/m/{mid}/" + up * depth + target)
                paths.append("/" + up * depth + target)
        paths += [f"/{demo.root}/{target}", f"//{demo.root}/{target}", f"/%2f{str(demo.root)[1:]}/{target}",
                  f"/m/{mid}/index.html%00/../../{target}", f"/{target}%00.html", f"/m/{mid}/%00../../{target}",
                  f"/m/{mid}/minutes.json/../../../{target}", f"/./{target}", f"/m/./../{target}"]
    paths += ["/leak.html", "/m/leak.txt", f"/m/{mid}/leak.json", "/m/99999/", "/m/99999/index.html",
              "/m/99999/minutes.md", "/out/", "/out/index.html", "/out/minutes.md", "/.tmp-secret.html",
              "/%2etmp-secret.html", "/etc/passwd", "/proc/self/environ", "/proc/self/cmdline",
              f"/m/{mid}/..", f"/m/{mid}/.", "/..", "/.", "/%2e", "/%2e%2e", "/~/", "/m/1/index.html::$DATA",
              "/index.html%20", "/index.html.", f"/m/{mid}/index.html/"]
    return paths


def test_traversal_in_every_encoding_is_refused(served):
    demo, running = served
    paths = _traversals(demo)
    targets = [p.encode("utf-8") for p in paths]
    targets += [f"http://127.0.0.1:{running.port}/../secret.html".encode(), b"http://127.0.0.1/../../passwd",
                f"file://{demo.root}/secret.html".encode()]
    statuses: dict[int, int] = {}
    for target in targets:
        for method in (b"GET", b"HEAD"):
            status, answer = request(running.port, method, target)
            statuses[status] = statuses.get(status, 0) + 1
            assert SECRET.encode() not in answer, target
            assert b"root:" not in answer, target
            assert status in (400, 404, 414), (target, status, answer[:200])
    print(f"traversal: {len(targets)} targets × GET/HEAD, statuses {statuses}")
    assert len(targets) > 500
    # The planted files are there, and the real pages next to them are served.
    assert all(secret.read_text().startswith(SECRET) for secret in demo.secrets)
    _assert_healthy(running.port, demo)


def test_every_served_byte_is_free_of_the_secret(served):
    """Walk every file of the site through the server (symlinks included) and grep the answers."""
    demo, running = served
    served_count = 0
    for path in sorted(demo.site.rglob("*")):
        relative = "/" + path.relative_to(demo.site).as_posix()
        status, answer = request(running.port, "GET", relative)
        assert SECRET.encode() not in answer, relative
        if status == 200:
            served_count += 1
    assert served_count > 20


def test_the_server_survived(served):
    demo, running = served
    assert running.alive()
    _assert_healthy(running.port, demo)
    assert raw(running.port, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").startswith(b"HTTP/1.1 200")
