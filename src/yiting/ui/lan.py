"""The console's own LAN server: residents' phones open the meeting's pages from this laptop
while the console runs, without a second `yiting serve` window."""

from __future__ import annotations

import errno
from pathlib import Path

from yiting.network import DEFAULT_PORT, server_url


class ConsoleServer:
    """`yiting serve` on a thread of its own (its requests never wait on the facilitator's
    keys, nor the keys on them), started after the first frame and stopped on quit."""

    def __init__(self, db_path: Path, lang: str, host: str = "0.0.0.0", port: int = DEFAULT_PORT) -> None:
        self.db_path = db_path
        self.lang = lang
        self.host = host
        self.port = port
        self.running = False
        self.started = False
        self.problem: tuple[str, dict] | None = None  # a message key and its values, on failure
        self._thread = None
        self._stopped = False

    def start(self) -> None:
        """Start listening (blocks until it listens or fails: run it in a worker thread)."""
        from yiting.locations import site_dir
        from yiting.publish.server import ServerThread

        if self._stopped:
            return
        self.started = True
        self._thread = ServerThread(site_dir(), self.db_path, self.host, self.port, lang=self.lang)
        try:
            self.port = self._thread.start()
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                self.problem = ("ui.serve.busy", {"port": self.port})
            elif exc.errno == errno.EACCES:
                self.problem = ("ui.serve.denied", {"port": self.port})
            else:
                self.problem = ("ui.serve.failed", {"detail": exc.strerror or str(exc)})
            return
        self.running = True
        if self._stopped:  # the console quit while the server was starting
            self.stop()

    def stop(self) -> None:
        self._stopped = True
        if self._thread is not None:
            self._thread.stop()
        self.running = False

    def meeting_url(self, meeting_id: int) -> str:
        return f"{server_url(self.host, self.port)}m/{meeting_id}/"

    def status(self) -> tuple[str, dict]:
        """What the QR screen says about it: a message key and its values."""
        if self.running:
            return "ui.serve.on", {}
        if self.problem is not None:
            return self.problem
        return ("ui.serve.starting", {}) if self.started else ("ui.serve.off", {})
