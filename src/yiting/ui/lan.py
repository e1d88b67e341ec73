"""The console's own LAN server: residents' phones open the meeting's pages from this laptop
while the console runs, without a second `yiting serve` window."""

from __future__ import annotations

import errno
import threading
from pathlib import Path

from yiting.network import DEFAULT_PORT, server_url


class ConsoleServer:
    """`yiting serve` on a thread of its own (its requests never wait on the facilitator's
    keys, nor the keys on them), started after the first frame and stopped on quit."""

    def __init__(self, db_path: Path, site: Path, lang: str, host: str = "0.0.0.0", port: int = DEFAULT_PORT) -> None:
        self.db_path = db_path
        self.site = site
        self.lang = lang
        self.host = host
        self.port = port
        self.running = False
        self.started = False
        self.problem: tuple[str, dict] | None = None  # a message key and its values, on failure
        self._thread = None
        self._stopped = False
        self._settled = threading.Event()  # set once it listens, failed, or will not start

    def start(self) -> None:
        """Start listening (blocks until it listens or fails: run it in a worker thread)."""
        from yiting.publish.server import ServerThread

        if self._stopped:
            self._settled.set()
            return
        self.started = True
        self._thread = ServerThread(self.site, self.db_path, self.host, self.port, lang=self.lang)
        try:
            self.port = self._thread.start()
        except OSError as exc:
            self._settled.set()
            if exc.errno == errno.EADDRINUSE:
                self.problem = ("ui.serve.busy", {"port": self.port})
            elif exc.errno == errno.EACCES:
                self.problem = ("ui.serve.denied", {"port": self.port})
            else:
                self.problem = ("ui.serve.failed", {"detail": exc.strerror or str(exc)})
            return
        self.running = True
        self._settled.set()
        if self._stopped:  # the console quit while the server was starting
            self.stop()

    def stop(self) -> None:
        self._stopped = True
        self._settled.set()
        if self._thread is not None:
            self._thread.stop()
        self.running = False

    def meeting_url(self, meeting_id: int) -> str:
        return f"{self.base_url()}/m/{meeting_id}/"

    def base_url(self, wait: float = 0.0) -> str:
        """The address phones use for this server, without the final slash. `wait`: seconds to
        wait for a server that is starting (its port may not be known before: `--port 0`); give
        it only when the console serves."""
        if wait:
            self._settled.wait(wait)
        return server_url(self.host, self.port).rstrip("/")

    def status(self) -> tuple[str, dict]:
        """What the QR screen says about it: a message key and its values."""
        if self.running:
            return "ui.serve.on", {}
        if self.problem is not None:
            return self.problem
        return ("ui.serve.starting", {}) if self.started else ("ui.serve.off", {})
