"""Every message catalogue (src/yiting/i18n/messages_*.py) is whole in both languages: each key has
a Chinese and an English text, neither empty, with the same `{placeholders}`, and no key is in two
catalogues (the later one would silently win). Catalogues are found the way `t()` finds them, so a
new one is checked the day it is added."""

from __future__ import annotations

import importlib
import pkgutil
import string

import pytest

import yiting.i18n as i18n
from yiting.i18n import LANGUAGES

CATALOGUES = {info.name: importlib.import_module(f"yiting.i18n.{info.name}").MESSAGES
              for info in pkgutil.iter_modules(i18n.__path__) if info.name.startswith("messages_")}

# Gaps found when this test was written, for the catalogues' owners to fix (then drop them here:
# strict, so a fixed one fails until it is removed from this list).
KNOWN_GAPS: set[str] = set()  # a key listed here is expected to fail (xfail strict) until mended


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def entries():
    for module, messages in sorted(CATALOGUES.items()):
        for key in sorted(messages):
            marks = [pytest.mark.xfail(strict=True, reason="known gap")] if key in KNOWN_GAPS else []
            yield pytest.param(module, key, id=f"{module}:{key}", marks=marks)


def test_the_catalogues_are_found():
    assert {"messages_ui", "messages_domain", "messages_desk", "messages_cli"} <= set(CATALOGUES)
    assert all(CATALOGUES.values())


@pytest.mark.parametrize(("module", "key"), entries())
def test_every_message_is_whole_in_both_languages(module, key):
    entry = CATALOGUES[module][key]
    assert set(entry) == set(LANGUAGES), f"{key}: languages {sorted(entry)}"
    for lang in LANGUAGES:
        assert isinstance(entry[lang], str) and entry[lang].strip(), f"{key}: no {lang} text"
    zh, en = placeholders(entry["zh"]), placeholders(entry["en"])  # a stray brace raises here
    assert zh == en, f"{key}: zh has {sorted(zh)}, en has {sorted(en)}"


def test_no_key_is_in_two_catalogues():
    where: dict[str, list[str]] = {}
    for module, messages in CATALOGUES.items():
        for key in messages:
            where.setdefault(key, []).append(module)
    assert not {key: modules for key, modules in where.items() if len(modules) > 1}
