"""Bindings: descriptions that are message keys, shown in the language chosen at run time, and
the keys of a screen as F1 and the command palette list them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual.dom import DOMNode

from yiting.i18n import t
from yiting.ui.compat import action_state, binding_table, node_bindings

if TYPE_CHECKING:
    from textual.screen import Screen

# Textual's own bindings, named in our language too.
TEXTUAL_ACTIONS = {
    "app.focus_next": "ui.key.focus_next",
    "app.focus_previous": "ui.key.focus_previous",
    "screen.copy_text": "ui.key.copy",
    "quit": "ui.key.quit",
    "command_palette": "ui.key.palette",
}


def translate_bindings(node: DOMNode) -> None:
    """Replace each binding description that is a catalogue key ("ui.key.…") by its text.

    Class-level BINDINGS are built once at import, before the language may be known (tests
    switch it), so each instance translates its own copy of the bindings.
    """
    table = binding_table(node)
    for key, bindings in table.items():
        table[key] = [_translated(b) for b in bindings]


def _translated(binding):
    if binding.action in TEXTUAL_ACTIONS:
        return replace(binding, description=t(TEXTUAL_ACTIONS[binding.action]))
    if binding.description.startswith("ui."):
        return replace(binding, description=t(binding.description),
                       tooltip=t(binding.tooltip) if binding.tooltip else "")
    return binding


@dataclass(frozen=True)
class ScreenKey:
    """One described key of a screen, as F1 and the command palette offer it."""

    key: str  # as shown ("space", "+", "ctrl+s")
    description: str
    action: str
    node: DOMNode  # where the action runs: the screen or the app
    enabled: bool  # usable now (the screen's `check_action`)
    own: bool  # the screen's own key, not one the app has everywhere


def screen_keys(screen: Screen) -> list[ScreenKey]:
    """Every described key of `screen` and of the app, once each, whether or not it can be used
    now: what `Screen.active_bindings` offers, without leaving out what `check_action` hides
    from the footer or what a focused text field takes as typing (`[` while typing a name).
    A focused widget's own keys (a table's arrows) go without saying."""
    app = screen.app
    found: dict[tuple[str, str], ScreenKey] = {}
    for node in (screen, app):
        for _key, binding in node_bindings(node):
            ident = (binding.action, binding.description)
            if not binding.description or binding.action == "screen.copy_text":
                continue  # select-and-copy is not how a meeting is run
            shown = app.get_key_display(binding)
            if ident in found:  # another key for the same thing: "f1 ?", "[ ^↑"
                if shown not in found[ident].key.split():
                    found[ident] = replace(found[ident], key=f"{found[ident].key} {shown}")
                continue
            enabled = bool(action_state(app, binding.action, node))
            # Textual's own (tab, shift+tab) count with the app's keys.
            own = node is screen and not binding.action.startswith(("app.", "screen."))
            found[ident] = ScreenKey(shown, binding.description, binding.action, node, enabled, own)
    return list(found.values())
