"""What every screen of the console shares: the desk, translated keys, refusals shown kindly."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.screen import ModalScreen, Screen

from yiting.errors import RuleViolation, YitingError
from yiting.i18n import t
from yiting.ui.keys import translate_bindings

if TYPE_CHECKING:
    from yiting.desk import Desk
    from yiting.ui.app import YitingApp


class DeskMixin:
    """Access to the app's desk and a safe way to call it."""

    app: YitingApp

    @property
    def desk(self) -> Desk:
        return self.app.desk

    @property
    def db(self):
        return self.app.db

    def attempt(self, call: Callable[[], Any], *, then: Callable[[Any], None] | None = None,
                override: Callable[[str], Any] | None = None) -> Any:
        """Run one desk call. A refusal becomes a notification; a rule of order that the
        facilitator may let go (`RuleViolation`) asks for a one-line reason and, given one,
        runs `override(reason)` instead."""
        try:
            result = call()
        except RuleViolation as exc:
            if override is None:
                self.app.notify(str(exc), severity="error")
                return None
            self.ask_reason(str(exc), override, then)
            return None
        except YitingError as exc:
            self.app.notify(str(exc), severity="error")
            return None
        except Exception as exc:  # noqa: BLE001 - keep the meeting going; the details go to error.log
            from yiting.ui.errors import report_unexpected

            self.app.notify(report_unexpected(exc), severity="error", timeout=10)
            return None
        if then is not None:
            then(result)
        return result

    def ask_reason(self, why: str, override: Callable[[str], Any],
                   then: Callable[[Any], None] | None = None) -> None:
        from yiting.ui.screens.form import Field, FormScreen

        def submit(values: dict[str, Any]) -> Any:
            reason = values["reason"].strip()
            if not reason:
                from yiting.errors import InvalidInput

                raise InvalidInput("desk.required", field="reason")
            return override(reason)

        def done(result: Any) -> None:
            if result is not None and then is not None:
                then(result)

        self.app.push_screen(
            FormScreen(t("ui.override.title"), [Field("reason", t("ui.override.reason"))],
                       submit, note=why),
            callback=done,
        )


class YScreen(DeskMixin, Screen):
    """A full screen of the console."""

    HELP_KEY = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)

    def refresh_data(self) -> None:
        """Re-read what the screen shows (another window changed the record)."""


class YModal(DeskMixin, ModalScreen):
    """A dialog over a screen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)

    def refresh_data(self) -> None:
        """Dialogs keep what the user is typing."""
