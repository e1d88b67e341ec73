"""What the server's libraries log goes to error.log, never to the terminal.

aiohttp logs a malformed request ("Error handling request from 1.2.3.4", a `BadHttpMessage`
with its traceback) through the `aiohttp.server` logger; with no handler configured, Python
printed it on stderr: over `yiting serve`'s QR code, or over the console's screen. The request
was the client's fault and has had its 400: one line in error.log says what it was. Anything
else (an exception in a handler, in a task) is written there with its traceback.
"""

from __future__ import annotations

import logging
from datetime import datetime

LOGGERS = ("aiohttp", "asyncio")


class ErrorLogHandler(logging.Handler):
    """Appends each record to error.log in the data directory (written at the moment, so a
    crash right after loses nothing); a failure to write is dropped, never shown."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            from aiohttp.http_exceptions import HttpProcessingError

            from yiting.locations import data_dir

            exc = record.exc_info[1] if record.exc_info else None
            header = f"--- {datetime.now().isoformat(timespec='seconds')} yiting serve {record.name}"
            if isinstance(exc, HttpProcessingError):  # the client's fault, already answered with a 400
                detail = " ".join(str(exc).split())[:300]
                text = f"{header}: {record.getMessage()}: {type(exc).__name__}: {detail}\n"
            else:
                text = f"{header}\n{self.format(record)}\n"
            log = data_dir() / "error.log"
            log.parent.mkdir(parents=True, exist_ok=True)
            with log.open("a", encoding="utf-8") as handle:
                handle.write(text)
        except Exception:  # noqa: BLE001, S110 - a log that cannot be written must not stop the server
            pass


def route_to_error_log() -> None:
    """Send what aiohttp and asyncio log to error.log instead of stderr (once per process)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(h, ErrorLogHandler) for h in logger.handlers):
            logger.addHandler(ErrorLogHandler(logging.WARNING))
        logger.propagate = False
