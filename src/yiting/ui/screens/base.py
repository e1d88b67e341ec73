"""What every screen of the console shares: the desk, translated keys, refusals shown kindly."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from rich.segment import Segment
from textual.reactive import Reactive
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import ModalScreen, Screen
from textual.strip import Strip
from textual.visual import Visual

from yiting.errors import RuleViolation, YitingError
from yiting.i18n import t
from yiting.ui.compat import composed_height, composed_lines
from yiting.ui.keys import translate_bindings

if TYPE_CHECKING:
    from rich.style import Style as RichStyle
    from textual.color import Color
    from textual.css.styles import RulesMap
    from textual.style import Style
    from textual.visual import RenderOptions
    from textual.widget import Widget

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


class TintedScreen(Visual):
    """The screen under a dialog, tinted: what Textual's `BackgroundScreen` draws, taken from
    that screen's compositor as strips instead of through a Rich console, with each style
    tinted once per dialog (`tints`) rather than once per cell on every repaint."""

    def __init__(self, screen: Screen, color: Color, tints: dict[RichStyle | None, RichStyle]) -> None:
        self.screen = screen
        self.color = color
        self.tints = tints

    def tint(self, style: RichStyle | None) -> RichStyle:
        tinted = self.tints.get(style)
        if tinted is None:
            tinted = self.tints[style] = next(iter(BackgroundScreen.process_segments(
                [Segment(" ", style)], self.color))).style
        return tinted

    def render_strips(self, width: int, height: int | None, style: Style,
                      options: RenderOptions) -> list[Strip]:
        base = style.rich_style
        strips = []
        for line in composed_lines(self.screen)[:height]:
            segments = [Segment(text, base + self.tint(seg_style))
                        for text, seg_style, control in line if not control]
            strips.append(Strip(segments, line.cell_length).crop(0, width))
        return strips

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return composed_height(self.screen)


ResultT = TypeVar("ResultT")


class YModal(DeskMixin, ModalScreen[ResultT]):
    """A dialog over a screen, dismissed with a result of type `ResultT` (the callback of
    `push_screen` gets it; None when the dialog has no answer to give)."""

    # Textual repaints the whole screen when focus moves; a dialog's screen paints only the
    # tinted copy of the screen below, which focus does not change (the widgets that gain and
    # lose focus repaint themselves), and that copy is the dearest thing on the screen.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    # The app's breakpoint classes are for the console's layout; on a dialog, setting them as it
    # opens would only restyle every widget in it once more.
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)
        self._tints: dict[Color, dict] = {}

    def render(self):
        background = super().render()
        if isinstance(background, BackgroundScreen):
            # The screen below changes under the dialog (the countdown runs on): drawn live,
            # only faster.
            tints = self._tints.setdefault(background.color, {})
            return TintedScreen(background.screen, background.color, tints)
        return background

    def refresh_data(self) -> None:
        """Dialogs keep what the user is typing."""
