"""The last line of defence: an unexpected failure becomes a note in error.log and a message,
never a traceback in front of the room."""

from __future__ import annotations

import sys
import traceback
from datetime import datetime

from yiting.i18n import t


def report_unexpected(exc: BaseException) -> str:
    """Write `exc` with its traceback to error.log in the data directory; return a message."""
    from yiting.locations import data_dir

    log = data_dir() / "error.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now().isoformat()} yiting console {' '.join(sys.argv[1:])}\n")
            handle.write("".join(traceback.format_exception(exc)))
    except OSError:
        log = "(stderr)"  # type: ignore[assignment]
    return t("ui.unexpected", detail=type(exc).__name__, log=str(log))
