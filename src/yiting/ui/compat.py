"""Every use of Textual's private names, in one place (Textual 8.2).

Textual's public API has no way to do what these do; each is here because it pays (bench/README.md,
"Textual's and aiohttp's internals", gives the figures) or because the public way shows
something else. Each has a test against stock Textual in tests/ui/test_compat.py: a Textual
that moved one of these fails there first, by name, not somewhere in a screen.

- the screen's composed lines (`Screen._compositor`): a dialog draws the console under it from
  them (`ui/screens/base.py`: a repaint under a dialog ~3 ms cheaper than Textual's
  `BackgroundScreen`);
- a node's own bindings (`DOMNode._bindings`): descriptions translated when the language is
  known (`ui/keys.py`), the console's pause/resume label and its `o` (`ui/screens/console.py`),
  the keys F1 lists; the action state Textual itself uses (`App._check_action_state`);
- the app's notifications (`App._notifications`, `App._unnotify`): the same message replaces
  its toast instead of stacking (`ui/app.py`);
- `Digits._value`: the timer's digits repaint without a layout of the screen
  (`ui/widgets/countdown.py`: ~3 ms each time the timer's width changes);
- `Strip.render`: the one method every line passes through on its way to the terminal, wrapped
  so no control character in the record reaches it (`ui/safe_output.py`);
- the footer's keys (`textual.widgets._footer.FooterKey`, its `_disabled`,
  `Footer._bindings_ready`, `Widget._rich_style_cache`): the console's footer draws its keys
  on one line (`ui/widgets/console_footer.py`: start/end speech ~1.5× cheaper, session 2);
- DataTable's row data and row styles and its idle-time resize (`_data`, `_row_locations`,
  `_get_row_style`, `_get_styles_to_render_cell`, `_pseudo_class_state`, `_show_hover_cursor`,
  `_update_dimensions`, `Widget._scroll_update`): the speaker queue draws its rows itself
  (`ui/widgets/speaker_queue.py`: a call of the next speaker redraws what moved);
- the command palette's "No matches" countdown, said in the user's language (`ui/commands.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from textual.command import CommandPalette
from textual.widgets import DataTable
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from rich.segment import Segment
    from rich.style import Style
    from textual.app import App
    from textual.binding import Binding
    from textual.dom import DOMNode
    from textual.geometry import Size
    from textual.notifications import Notification
    from textual.screen import Screen
    from textual.strip import Strip
    from textual.timer import Timer
    from textual.widget import Widget
    from textual.widgets import Digits, Footer
    from textual.widgets.data_table import RowKey

__all__ = [
    "FooterKey",
    "RowDrawingTable",
    "TranslatedPalette",
    "action_state",
    "binding_table",
    "bindings_ready",
    "composed_height",
    "composed_lines",
    "footer_key_disabled",
    "forget_rich_style",
    "node_bindings",
    "notifications",
    "replace_segments",
    "scroll_update",
    "set_digits",
    "strip_segments",
    "withdraw_notification",
    "wrap_strip_render",
]


# -- the screen's composed lines -------------------------------------------------------------
def composed_lines(screen: Screen) -> list[Strip]:
    """The lines of `screen` as last composed (what the terminal shows of it)."""
    return screen._compositor.render_strips()


def composed_height(screen: Screen) -> int:
    return screen._compositor.size.height


# -- bindings ----------------------------------------------------------------------------------
def binding_table(node: DOMNode) -> dict[str, list[Binding]]:
    """`node`'s own bindings by key, to change in place (this node only: a copy of its class's)."""
    return node._bindings.key_to_bindings


def node_bindings(node: DOMNode) -> Iterator[tuple[str, Binding]]:
    """(key, binding) for each of `node`'s own bindings, in their order."""
    return iter(node._bindings)


def action_state(app: App, action: str, node: DOMNode) -> bool | None:
    """What Textual makes of `node.check_action` for `action`: True, False (hidden), None (dimmed)."""
    return app._check_action_state(action, node)


# -- notifications ------------------------------------------------------------------------------
def notifications(app: App) -> list[Notification]:
    """The notifications shown now, oldest first."""
    return list(app._notifications)


def withdraw_notification(app: App, notification: Notification) -> None:
    """Take one toast away without repainting (the next notify does)."""
    app._unnotify(notification, refresh=False)


# -- digits ------------------------------------------------------------------------------------
def set_digits(digits: Digits, value: str) -> None:
    """Give `digits` a new value and repaint it, without the layout Digits asks for when the
    text's width changes (its box is fixed by CSS)."""
    digits._value = value
    digits.refresh()


# -- lines to the terminal --------------------------------------------------------------------
def strip_segments(strip: Strip) -> list[Segment]:
    return strip._segments


def wrap_strip_render(clean: Callable[[Strip], None]) -> None:
    """Call `clean(strip)` on each strip before it first becomes terminal text (once per
    process; a strip keeps what it rendered). `clean` may replace the strip's segments with
    `replace_segments`."""
    from textual.strip import Strip

    render = Strip.render
    if getattr(render, "_yiting_wrapped", False):
        return

    def wrapped(self: Strip, console) -> str:
        if self._render_cache is None:
            clean(self)
        return render(self, console)

    wrapped._yiting_wrapped = True  # type: ignore[attr-defined]
    Strip.render = wrapped  # type: ignore[method-assign]


def replace_segments(strip: Strip, segments: list[Segment]) -> None:
    """Change what an unrendered strip holds (the same cells: `wrap_strip_render`'s `clean`)."""
    strip._segments = segments


# -- the footer's keys --------------------------------------------------------------------------
def footer_key_disabled(key: FooterKey) -> bool:
    return key._disabled


def bindings_ready(footer: Footer) -> bool:
    """Whether the footer has composed its keys once (before that it always recomposes)."""
    return footer._bindings_ready


def forget_rich_style(widget: Widget) -> None:
    """What `Widget.refresh` does first: the widget's look may have changed."""
    widget._rich_style_cache.clear()


# -- a DataTable that draws its own rows ------------------------------------------------------
def scroll_update(widget: Widget, virtual_size: Size) -> None:
    """The scrollbars follow a new virtual size (they ask for a layout if one appears or goes)."""
    widget._scroll_update(virtual_size)


class RowDrawingTable(DataTable):
    """DataTable with what a subclass needs to draw a row as DataTable would: the row's values,
    DataTable's own styles, and a hook around its idle-time resize (`rows_changing`)."""

    def rows_changing(self) -> Any:
        """A context manager around DataTable's resize after rows changed (override)."""
        from contextlib import nullcontext

        return nullcontext()

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        with self.rows_changing():
            super()._update_dimensions(new_rows)

    def row_values(self, row: int) -> dict:
        """The cells of the row at index `row`, by column key."""
        return self._data[self._row_locations.get_key(row)]

    def row_style(self, row: int, base_style: Style) -> Style:
        return self._get_row_style(row, base_style)

    def cell_styles(self, hover: bool, cursor: bool, css_priority: tuple[bool, bool]) -> tuple[Style, Style]:
        """DataTable's (component, post) styles of a body cell that is not a header or label."""
        return self._get_styles_to_render_cell(False, False, False, hover, cursor, self.show_cursor,
                                               self._show_hover_cursor, *css_priority)

    @property
    def pseudo_state(self) -> Any:
        """The pseudo classes (focus, hover…) as Textual keeps them: a key for cached styles."""
        return self._pseudo_class_state

    @property
    def hover_cursor_shown(self) -> bool:
        return self._show_hover_cursor


# -- the command palette ------------------------------------------------------------------------
class TranslatedPalette(CommandPalette):
    """The palette with its "No matches" in words of our own (`no_matches_text`)."""

    def no_matches_text(self) -> Any:  # override: a Rich renderable
        raise NotImplementedError

    def _start_no_matches_countdown(self, search_value: str) -> None:
        from textual.command import CommandList
        from textual.widgets.option_list import Option

        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(self.no_matches_text(), disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer: Timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
