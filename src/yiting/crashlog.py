"""The last line of defence: an unexpected failure is written to error.log in the data
directory, and the user gets one line about it, never a traceback."""

from __future__ import annotations

import sys
import traceback
from datetime import datetime


def write_error_log(exc: BaseException, where: str) -> str:
    """Append `exc` with its traceback to error.log; return the log's path (or "(stderr)")."""
    from yiting.locations import data_dir

    log = data_dir() / "error.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now().isoformat()} yiting {where} {' '.join(sys.argv[1:])}\n")
            handle.write("".join(traceback.format_exception(exc)))
    except OSError:
        return "(stderr)"
    return str(log)
