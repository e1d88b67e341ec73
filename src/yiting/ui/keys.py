"""Bindings whose descriptions are message keys, shown in the language chosen at run time."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from yiting.i18n import t

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
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [_translated(b) for b in bindings]


def _translated(binding):
    if binding.action in TEXTUAL_ACTIONS:
        return replace(binding, description=t(TEXTUAL_ACTIONS[binding.action]))
    if binding.description.startswith("ui."):
        return replace(binding, description=t(binding.description),
                       tooltip=t(binding.tooltip) if binding.tooltip else "")
    return binding
