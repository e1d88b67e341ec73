"""What every `yiting` command shares: the context (which database, which language), printing
a line safely, and turning errors into one clear line. `yiting.cli` and `yiting.cli_publish`
both import it; neither imports the other's helpers."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from yiting.errors import StoreError, YitingError
from yiting.i18n import t
from yiting.store.failures import DatabaseError


def say(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print a line: never a control character or bidi override from the record (an older
    database may hold some) or from what was typed on the command line."""
    from yiting.text_input import shown

    click.echo(shown(text), err=err, nl=nl)


def _report_unexpected(exc: BaseException) -> None:
    from yiting.crashlog import write_error_log

    say(t("cli.unexpected", detail=type(exc).__name__, log=write_error_log(exc, "cli")), err=True)


def friendly(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn yiting's errors into one clear line and a non-zero exit; never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except YitingError as exc:
            say(t("cli.error", message=exc.message()), err=True)
            sys.exit(1)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except DatabaseError as exc:  # damage found after opening, or a lock held elsewhere
            context = click.get_current_context(silent=True)
            obj = context.find_object(Context) if context else None
            path = str(obj.db_path) if obj else ""
            from yiting.store.failures import refusal

            refused = refusal(exc, path) or StoreError("store.corrupt", path=path, detail=str(exc))
            say(t("cli.error", message=refused.message()), err=True)
            sys.exit(1)
        except OSError as exc:  # a folder that does not exist, a full disk, no permission
            say(t("cli.error", message=t("cli.os_error", path=exc.filename or "",
                                                 detail=exc.strerror or str(exc))), err=True)
            sys.exit(1)
        except Exception as exc:  # noqa: BLE001 - the last line of defence for a facilitator
            _report_unexpected(exc)
            sys.exit(2)

    return wrapper


class Context:
    def __init__(self, db_path: str | None, lang: str, serve: tuple[str, int] | None = None) -> None:
        self._db_path = db_path
        self.lang = lang
        self.serve = serve  # where the console serves residents' pages; None: it does not

    @property
    def db_path(self) -> Path:
        """--db PATH, or `--db demo` for the demo database; the default database otherwise."""
        from yiting.locations import default_db, demo_db

        if self._db_path == "demo":
            return demo_db()
        return Path(self._db_path).expanduser() if self._db_path else default_db()

    @property
    def explicit_db(self) -> bool:
        """Whether the user named the database (a typo should then be reported, not created)."""
        return bool(self._db_path)

    def database(self, *, readonly: bool = False):
        """The database, which must exist: only the console and `yiting demo` create one."""
        from yiting.store.db import connect

        return connect(self.db_path, readonly=readonly, create=False)

    def desk(self):
        from yiting.desk import Desk

        return Desk(self.database(), actor="cli")
