"""Bindings whose descriptions are message keys, shown in the language chosen at run time."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from yiting.i18n import t


def translate_bindings(node: DOMNode) -> None:
    """Replace each binding description that is a catalogue key ("ui.key.…") by its text.

    Class-level BINDINGS are built once at import, before the language may be known (tests
    switch it), so each instance translates its own copy of the bindings.
    """
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(b, description=t(b.description), tooltip=t(b.tooltip) if b.tooltip else "")
            if b.description.startswith("ui.") else b
            for b in bindings
        ]
