"""The last line of defence: an unexpected failure becomes a note in error.log and a message,
never a traceback in front of the room."""

from __future__ import annotations

from yiting.crashlog import write_error_log
from yiting.i18n import t


def report_unexpected(exc: BaseException) -> str:
    """Write `exc` with its traceback to error.log in the data directory; return a message."""
    return t("ui.unexpected", detail=type(exc).__name__, log=write_error_log(exc, "console"))
