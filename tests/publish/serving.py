"""Running `yiting serve` as a real subprocess for the tests."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

STARTUP_SECONDS = 20


def _yiting() -> list[str]:
    script = Path(sys.executable).parent / "yiting"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from yiting.cli import main; main()"]


class Server:
    def __init__(self, db_path: Path, site: Path) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1", YITING_LANG="zh")
        self.proc = subprocess.Popen(
            [*_yiting(), "--db", str(db_path), "serve", "--host", "127.0.0.1", "--port", "0", "--dir", str(site)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.output: list[str] = []
        self.port: int | None = None
        found = threading.Event()

        def read() -> None:
            for line in self.proc.stdout:  # ends when the process does
                self.output.append(line)
                match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
                if match and self.port is None:
                    self.port = int(match.group(1))
                    found.set()

        threading.Thread(target=read, daemon=True).start()
        if not found.wait(STARTUP_SECONDS):
            self.stop()
            raise AssertionError("yiting serve did not start:\n" + "".join(self.output))

    def get(self, path: str, method: str = "GET", body: bytes | None = None) -> tuple[int, str, dict]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)  # the path goes out as written
            if body is not None:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            response = conn.getresponse()
            return response.status, response.read().decode("utf-8", "replace"), dict(response.getheaders())
        finally:
            conn.close()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
