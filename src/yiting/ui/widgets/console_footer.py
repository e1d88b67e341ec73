"""The console's footer: Textual's, without rebuilding itself each time a key comes or goes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.screen import Screen


class ConsoleFooter(Footer):
    """A Footer that shows and hides the keys it already has.

    Textual's Footer removes and mounts all its keys whenever the screen's bindings may have
    changed; on the console that happens when a speech starts or ends (e and p come and go)
    and costs more than the rest of the key press. When the keys now offered are keys the
    footer already holds, in the same order, they are shown, hidden or relabelled in place;
    anything else (a key it never had, a binding group) rebuilds it as before."""

    def bindings_changed(self, screen: Screen) -> None:
        if (self._bindings_ready and screen.app.app_focus and self.is_attached and screen is self.screen
                and self._update_in_place()):
            return
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
        if not all(isinstance(key, FooterKey) for key in keys):
            return False
        held = {key.action: key for key in keys}
        for action, (binding, enabled, _tooltip) in wanted.items():
            key = held.get(action)
            if key is None or key.key != binding.key or key._disabled == enabled:
                return False
        if [key.action for key in keys if key.action in wanted] != list(wanted):
            return False
        for key in keys:
            key.display = key.action in wanted
            if key.action in wanted:
                binding, _enabled, tooltip = wanted[key.action]
                if key.description != binding.description:
                    key.description = binding.description
                    key.refresh(layout=True)
                if (key.tooltip or "") != (tooltip or ""):
                    key.tooltip = tooltip or None
        return True
