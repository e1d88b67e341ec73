"""A malformed request to `yiting serve` gets its 400 and one line in error.log; the server's
terminal shows nothing of it (it used to print aiohttp's traceback over the QR code)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time

from serve_helpers import STARTUP_SECONDS, raw, status_of

MALFORMED = (
    b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n",
    b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
)


def test_malformed_requests_write_nothing_to_stderr_and_a_line_each_to_error_log(tmp_path, isolated_home):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>ok</p>", encoding="utf-8")
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "YITING_HOME": str(isolated_home), "YITING_LANG": "zh"}
    proc = subprocess.Popen([sys.executable, "-m", "yiting", "--db", str(tmp_path / "m.sqlite"), "serve", "--host",
                             "127.0.0.1", "--port", "0", "--dir", str(site)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    errors: list[str] = []
    reader = threading.Thread(target=lambda: errors.extend(proc.stderr), daemon=True)
    reader.start()
    try:
        port = 0
        deadline = time.monotonic() + STARTUP_SECONDS
        while not port and time.monotonic() < deadline:
            line = proc.stdout.readline()
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            port = int(found.group(1)) if found else 0
        assert port, "yiting serve did not start"
        for data in MALFORMED:
            assert status_of(raw(port, data)) == 400
        log = isolated_home / "error.log"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and (not log.is_file() or log.read_text("utf-8").count("\n") < 3):
            time.sleep(0.05)
        entries = log.read_text(encoding="utf-8").splitlines()
        assert len(entries) == len(MALFORMED), entries
        assert all("Error handling request from 127.0.0.1" in e and "400" in e for e in entries)
        assert "Traceback" not in log.read_text(encoding="utf-8")
        with socket.create_connection(("127.0.0.1", port), timeout=10) as ok:  # still serving
            ok.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            assert ok.recv(100).startswith(b"HTTP/1.1 200")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        reader.join(10)
    assert "".join(errors) == ""
