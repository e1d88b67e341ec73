"""A real `yiting serve` process on 127.0.0.1 for the tests (`Serve`), the trust tests' demo site
with secrets planted around it, and the raw-socket and load clients that attack it. Shared by
tests/publish and tests/trust (tests/ is on sys.path through tests/conftest.py).

Everything here talks to loopback only, and every loop has a deadline of its own.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

STARTUP_SECONDS = 30
SECRET = "YITING-TRUST-SECRET-7f3a9c"  # planted outside the site; must never be served
OPEN_MEETING_TITLE = "清河锦城小区民主协商议事会"


def _env(home: Path | None) -> dict[str, str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "YITING_LANG": "zh"}
    if home is not None:
        env["YITING_HOME"] = str(home)
    return env


def _yiting(db: Path, home: Path, *args: str, timeout: float = 120) -> str:
    done = subprocess.run([sys.executable, "-m", "yiting", "--db", str(db), *args], capture_output=True,
                          text=True, timeout=timeout, env=_env(home), check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@dataclass
class DemoSite:
    root: Path
    db: Path
    site: Path
    home: Path
    open_meeting: int
    published: list[int]
    secrets: list[Path] = field(default_factory=list)


def make_demo(root: Path) -> DemoSite:
    """The demo database (`yiting demo`), its site folder (filled by `publish` once the server's port
    is known), and secret files beside and above the site, some reached by symlinks inside it."""
    home = root / "home"
    home.mkdir(parents=True, exist_ok=True)
    db = root / "demo.sqlite"
    _yiting(db, home, "demo", "--no-open", "--yes")
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT id, status FROM meetings ORDER BY id").fetchall()
    finally:
        conn.close()
    [open_meeting] = [mid for mid, status in rows if status == "open"]
    published = [mid for mid, status in rows if status in ("closed", "published")]
    demo = DemoSite(root=root, db=db, site=root / "site", home=home, open_meeting=open_meeting,
                    published=published)
    return demo


def publish(demo: DemoSite, port: int) -> None:
    _yiting(demo.db, demo.home, "publish", "--all", "--out", str(demo.site), "--base-url",
            f"http://127.0.0.1:{port}")
    plant_secrets(demo)


def plant_secrets(demo: DemoSite) -> None:
    """Files a traversal would reach: beside the site, above it, and symlinked from inside it."""
    outside = demo.root / "outside"
    outside.mkdir(exist_ok=True)
    for path in (demo.root / "secret.html", demo.root / "secret.txt", demo.root / "secret.json",
                 demo.root / "passwd", outside / "index.html", outside / "minutes.md",
                 demo.site.parent.parent / f"{demo.root.name}-secret.html"):
        path.write_text(f"{SECRET} {path.name}\n", encoding="utf-8")
        demo.secrets.append(path)
    hidden = demo.site / ".tmp-secret.html"
    hidden.write_text(f"{SECRET} hidden\n", encoding="utf-8")
    links = {demo.site / "leak.html": demo.root / "secret.html",
             demo.site / "m" / "leak.txt": demo.root / "secret.txt",
             demo.site / "m" / str(demo.published[0]) / "leak.json": demo.root / "secret.json",
             demo.site / "m" / "99999": outside,  # a symlinked meeting folder pointing out
             demo.site / "out": outside}
    for link, target in links.items():
        if not link.is_symlink():
            link.symlink_to(target)


class Serve:
    """`yiting serve --host 127.0.0.1 --port 0` in its own process, serving `site` from `db`.
    `home` is its YITING_HOME (else the test's own, from tests/conftest.py); `overrides` sets
    module constants of yiting.publish.server (or `server_live.NAME`…) first (shorter timeouts for the tests that wait on
    them); `open_files` is the open-file limit it starts with."""

    def __init__(self, db: Path, site: Path, *, home: Path | None = None,
                 overrides: dict[str, object] | None = None, open_files: int | None = None) -> None:
        code = "from yiting.cli import main\n"
        for name, value in (overrides or {}).items():
            module, _, constant = name.rpartition(".")
            code = (f"import yiting.publish.{module or 'server'} as s\ns.{constant} = {value!r}\n") + code
        if open_files:  # the process starts with this many open files, as macOS starts every one (256)
            code = ("import resource\n"
                    f"resource.setrlimit(resource.RLIMIT_NOFILE, ({open_files}, "
                    "resource.getrlimit(resource.RLIMIT_NOFILE)[1]))\n" + code)
        code += "main()\n"
        site.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code, "--db", str(db), "serve", "--host", "127.0.0.1", "--port", "0",
             "--dir", str(site)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_env(home))
        self.output: list[str] = []
        self.port = 0
        found = threading.Event()

        def read() -> None:
            for line in self.proc.stdout:  # ends with the process
                self.output.append(line)
                match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
                if match and not found.is_set():
                    self.port = int(match.group(1))
                    found.set()

        threading.Thread(target=read, daemon=True).start()
        if not found.wait(STARTUP_SECONDS):
            self.stop()
            raise AssertionError("yiting serve did not start:\n" + "".join(self.output))

    def get(self, path: str, method: str = "GET", body: bytes | None = None) -> tuple[int, str, dict]:
        """(status, text, headers) of one request through http.client, the path sent as written."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)
            if body is not None:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            response = conn.getresponse()
            return response.status, response.read().decode("utf-8", "replace"), dict(response.getheaders())
        finally:
            conn.close()

    def fds(self) -> int:
        """Open file descriptors of the server process (its sockets among them)."""
        return len(os.listdir(f"/proc/{self.proc.pid}/fd"))

    def connections(self) -> int:
        """TCP connections the server holds on its port (established, or closed by the client and
        not yet by the server), from /proc/net/tcp."""
        port_hex = f"{self.port:04X}"
        count = 0
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            try:
                lines = Path(table).read_text().splitlines()[1:]
            except OSError:
                continue
            for line in lines:
                fields = line.split()
                local, state = fields[1], fields[3]
                if local.endswith(":" + port_hex) and state in ("01", "08"):  # ESTABLISHED, CLOSE_WAIT
                    count += 1
        return count

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def serve_demo(demo: DemoSite, **options) -> Serve:
    """`Serve` on the demo's database and site, with the demo's home."""
    return Serve(demo.db, demo.site, home=demo.home, **options)


def raw(port: int, data: bytes, timeout: float = 10) -> bytes:
    """Send bytes as written and read the whole answer (the server closes: `Connection: close`)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        try:
            sock.sendall(data)
        except OSError:
            pass  # refused mid-send (an oversized request): read what the server said
        chunks = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                break
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
            if _complete(b"".join(chunks)):
                break  # a refused body may keep the server reading (lingering) before it closes
        return b"".join(chunks)


def _complete(answer: bytes) -> bool:
    """One whole answer with a Content-Length and its body is in (a final one, not a 1xx)."""
    head, sep, body = answer.partition(b"\r\n\r\n")
    if not sep or re.match(rb"HTTP/\d\.\d 1\d\d", head):
        return False
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    return bool(length) and len(body) >= int(length.group(1)) and status_of(answer) >= 400


def request(port: int, method: str | bytes, target: str | bytes, headers: bytes = b"", body: bytes = b"",
            timeout: float = 10) -> tuple[int, bytes]:
    """(status, whole answer) of one request written byte for byte."""
    method = method.encode() if isinstance(method, str) else method
    target = target.encode("utf-8") if isinstance(target, str) else target
    data = method + b" " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers + b"\r\n" + body
    answer = raw(port, data, timeout)
    return status_of(answer), answer


def status_of(answer: bytes) -> int:
    match = re.match(rb"HTTP/\d\.\d (\d{3})", answer)
    return int(match.group(1)) if match else 0


def get(port: int, path: str, timeout: float = 10) -> tuple[int, str]:
    status, answer = request(port, "GET", path, timeout=timeout)
    return status, answer.partition(b"\r\n\r\n")[2].decode("utf-8", "replace")


@dataclass
class LoadResult:
    clients: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]

    def summary(self) -> str:
        return (f"{self.clients} clients × {self.seconds:g} s: {len(self.latencies)} requests served, "
                f"{len(self.errors)} errors, p50 {self.percentile(50) * 1000:.1f} ms, "
                f"p99 {self.percentile(99) * 1000:.1f} ms, max {max(self.latencies, default=0) * 1000:.1f} ms")


def load(port: int, paths: list[str], clients: int, seconds: float, expect: dict[str, str]) -> LoadResult:
    """`clients` phones, each on its own keep-alive connection, fetching `paths` in turn as fast
    as they are answered until `seconds` have passed; every answer must be a 200 containing
    `expect[path]`."""
    import aiohttp

    result = LoadResult(clients, seconds)

    async def phone(index: int, session, stop_at: float) -> None:
        loop = asyncio.get_running_loop()
        turn = index  # phones start on different pages
        while loop.time() < stop_at:
            path = paths[turn % len(paths)]
            turn += 1
            started = loop.time()
            try:
                async with session.get(f"http://127.0.0.1:{port}{path}") as response:
                    body = await response.text()
                    if response.status != 200 or expect.get(path, "") not in body:
                        result.errors.append(f"{path}: {response.status}")
                        continue
            except Exception as exc:  # noqa: BLE001 - every failure is counted, none stops the run
                result.errors.append(f"{path}: {type(exc).__name__}: {exc}")
                await asyncio.sleep(0.05)
                continue
            result.latencies.append(loop.time() - started)

    async def main() -> None:
        timeout = aiohttp.ClientTimeout(total=30)
        sessions = [aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=1))
                    for _ in range(clients)]
        try:
            stop_at = asyncio.get_running_loop().time() + seconds
            await asyncio.wait_for(asyncio.gather(*(phone(i, s, stop_at) for i, s in enumerate(sessions))),
                                   timeout=seconds + 60)
        finally:
            await asyncio.gather(*(s.close() for s in sessions))

    asyncio.run(main())
    return result


class Slowloris:
    """Many connections sending a request a byte at a time and never finishing it, on a thread
    that stops by itself after `seconds`. `closed_after` holds when the server closed each one."""

    REQUEST = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\nX-Padding: " + b"a" * 4000

    def __init__(self, port: int, connections: int, seconds: float, interval: float = 0.5) -> None:
        self.sockets = []
        for _ in range(connections):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.setblocking(False)
            self.sockets.append(sock)
        self.closed_after: dict[int, float] = {}
        self.answers: list[bytes] = []
        self.seconds, self.interval = seconds, interval
        self.rounds = 0  # how many times every open connection has been sent its next byte
        self._halt = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.started = time.monotonic()
        self._thread.start()

    def _run(self) -> None:
        sent = 0
        while not self._halt.is_set() and time.monotonic() - self.started < self.seconds:
            byte = self.REQUEST[sent:sent + 1] or b"a"
            for index, sock in enumerate(self.sockets):
                if index in self.closed_after:
                    continue
                try:
                    data = sock.recv(4096)
                    if data:
                        self.answers.append(data)
                    else:
                        self.closed_after[index] = time.monotonic() - self.started
                        continue
                except BlockingIOError:
                    pass
                except OSError:
                    self.closed_after[index] = time.monotonic() - self.started
                    continue
                try:
                    sock.send(byte)
                except BlockingIOError:
                    pass
                except OSError:
                    self.closed_after[index] = time.monotonic() - self.started
            sent += 1
            self.rounds = sent
            if len(self.closed_after) == len(self.sockets):
                break
            self._halt.wait(self.interval)

    def wait(self) -> None:
        self._thread.join(self.seconds + 10)

    def close(self) -> None:
        self._halt.set()
        self._thread.join(10)
        for sock in self.sockets:
            sock.close()


def flood(port: int, make_path, clients: int, seconds: float) -> threading.Thread:
    """`clients` connections asking for `make_path()` as fast as answered, on a thread of their
    own for `seconds`; the thread's `statuses` counts the answers."""
    import aiohttp

    statuses: dict[int, int] = {}

    async def one(session, stop_at: float) -> None:
        while asyncio.get_running_loop().time() < stop_at:
            try:
                async with session.get(f"http://127.0.0.1:{port}{make_path()}") as response:
                    await response.read()
                    statuses[response.status] = statuses.get(response.status, 0) + 1
            except Exception:  # noqa: BLE001 - counted as 0; the attacker's errors are not the point
                statuses[0] = statuses.get(0, 0) + 1
                await asyncio.sleep(0.05)

    async def main() -> None:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:
            stop_at = asyncio.get_running_loop().time() + seconds
            await asyncio.wait_for(asyncio.gather(*(one(session, stop_at) for _ in range(clients))),
                                   timeout=seconds + 60)

    thread = threading.Thread(target=lambda: asyncio.run(main()), daemon=True)
    thread.statuses = statuses  # type: ignore[attr-defined]
    thread.start()
    return thread
