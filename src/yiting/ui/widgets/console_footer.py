"""The console's footer: Textual's, drawn as one line of its own so keys come and go without a layout."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size, Spacing
from textual.layout import DockArrangeResult
from textual.strip import Strip
from textual.widgets import Footer

from yiting.ui.compat import FooterKey, bindings_ready, footer_key_disabled, forget_rich_style

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen

_NOTHING_PLACED = DockArrangeResult([], set(), Spacing())


class _Key(FooterKey):
    """A FooterKey whose refreshes repaint the footer that draws it (and never lay the screen out)."""

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        footer = self.parent
        if not isinstance(footer, ConsoleFooter) or recompose:
            return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        forget_rich_style(self)  # as Widget.refresh does: the key's look may have changed
        footer.refresh()
        return self

    def notify_style_update(self) -> None:
        super().notify_style_update()
        footer = self.parent
        if isinstance(footer, ConsoleFooter):
            footer.refresh()  # hover, theme, compact: the footer draws the key


class ConsoleFooter(Footer):
    """Textual's Footer, whose keys are drawn by the footer itself, on its one line.

    Textual's Footer lays its keys out as widgets: a key shown or hidden (e and p come and go
    when a speech starts or ends) moves the keys right of it, which takes a layout of the whole
    screen and a repaint of what it touched, more than the rest of the key press. Here the
    FooterKeys are still composed, styled and shown or hidden as Textual's Footer does (so
    `query(FooterKey)` and `key.display` say what is offered), but the footer places none of
    them: it draws each shown key's own `render()` followed by its right margin, and a click or
    the mouse over the line is passed to the key under it. A key shown, hidden or relabelled is
    then a repaint of this one line. When the keys now offered are keys the footer already
    holds, in the same order, they are shown, hidden or relabelled in place; anything else (a
    key it never had, a binding group) recomposes it as Textual's Footer does.

    Relies on Textual internals (8.2), all through `yiting.ui.compat`: `FooterKey`, its
    `_disabled`, `Footer._bindings_ready` and `Widget._rich_style_cache`; and on `Widget.arrange`
    returning a `DockArrangeResult`. The footer does not scroll sideways: keys past its width are
    cut, as Textual's Footer shows them until scrolled. tests/ui/test_console_footer.py.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._spans: list[tuple[int, int, FooterKey]] = []  # where each key was drawn
        self._hovered: FooterKey | None = None

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if type(widget) is FooterKey:
                widget.__class__ = _Key  # same widget, its refreshes go to the footer
            yield widget

    def arrange(self, size: Size, optimal: bool = False) -> DockArrangeResult:
        return _NOTHING_PLACED  # the keys are drawn by render_line, not placed

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        # Margins and the rest of the line: the footer's background, as Textual paints a container.
        base = Style.from_color(bgcolor=self.rich_style.bgcolor)
        console = self.app.console
        segments: list[Segment] = []
        spans: list[tuple[int, int, FooterKey]] = []
        x = 0
        for key in self.children:
            if not isinstance(key, FooterKey) or not key.display:
                continue
            margin = key.styles.margin
            if margin.left:
                segments.append(Segment(" " * margin.left, base))
                x += margin.left
            drawn = list(key.render().render(console))
            cells = Segment.get_line_length(drawn)
            segments += drawn
            spans.append((x, x + cells, key))
            x += cells
            if margin.right:
                segments.append(Segment(" " * margin.right, base))
                x += margin.right
        self._spans = spans
        return Strip(segments, x).crop(0, width).adjust_cell_length(width, base) if y == 0 \
            else Strip.blank(width, base)

    def _key_at(self, x: int) -> FooterKey | None:
        for start, end, key in self._spans:
            if start <= x < end and key.display and key.parent is self:
                return key
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event.x)
        if key is not None:
            key.on_mouse_down()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self._key_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._hover(None)

    def _hover(self, key: FooterKey | None) -> None:
        """What Textual does for the key under the mouse: its :hover style and its tooltip."""
        if key is self._hovered:
            return
        for widget, hovered in ((self._hovered, False), (key, True)):
            if widget is not None and widget.parent is self:
                widget.mouse_hover = hovered
                widget.update_node_styles()
        self._hovered = key
        self.tooltip = key.tooltip if key is not None else None

    def bindings_changed(self, screen: Screen) -> None:
        if (bindings_ready(self) and screen.app.app_focus and self.is_attached and screen is self.screen
                and self._update_in_place()):
            return
        self._hovered = None
        super().bindings_changed(screen)

    def _update_in_place(self) -> bool:
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            return False
        wanted: dict[str, tuple] = {}
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if not binding.show:
                continue
            if binding.group is not None:
                return False
            wanted.setdefault(binding.action, (binding, enabled, tooltip))
        keys = list(self.children)
        if not all(isinstance(key, _Key) for key in keys):
            return False
        held = {key.action: key for key in keys}
        for action, (binding, enabled, _tooltip) in wanted.items():
            key = held.get(action)
            if key is None or key.key != binding.key or footer_key_disabled(key) == enabled:
                return False
        if [key.action for key in keys if key.action in wanted] != list(wanted):
            return False
        for key in keys:
            key.display = key.action in wanted
            if key.action in wanted:
                binding, _enabled, tooltip = wanted[key.action]
                if key.description != binding.description:
                    key.description = binding.description
                if (key.tooltip or "") != (tooltip or ""):
                    key.tooltip = tooltip or None
        self.refresh()
        return True
