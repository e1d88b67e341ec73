"""Messages in Chinese (the default) and English.

Each area of the code keeps its messages in a module of this package (`messages_*.py`), as a
dict `MESSAGES = {key: {"zh": ..., "en": ...}}`; `t()` looks a key up in all of them.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from typing import Any

LANGUAGES = ("zh", "en")
_current = "zh"
_catalog: dict[str, dict[str, str]] | None = None


def _load() -> dict[str, dict[str, str]]:
    global _catalog
    if _catalog is None:
        merged: dict[str, dict[str, str]] = {}
        for info in pkgutil.iter_modules(__path__):
            if info.name.startswith("messages_"):
                module = importlib.import_module(f"{__name__}.{info.name}")
                merged.update(module.MESSAGES)
        _catalog = merged
    return _catalog


def language_from_env() -> str:
    """The language the environment asks for: YITING_LANG, then the locale; Chinese otherwise."""
    wanted = os.environ.get("YITING_LANG") or ""
    if wanted[:2] in LANGUAGES:
        return wanted[:2]
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value.startswith("en"):
            return "en"
        if value.startswith("zh"):
            return "zh"
    return "zh"


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current = lang


def get_language() -> str:
    return _current


def t(key: str, lang: str | None = None, **params: Any) -> str:
    """The message `key` in `lang` (default: the current language), filled with `params`."""
    entry = _load().get(key)
    if entry is None:
        return key
    template = entry.get(lang or _current) or entry["zh"]
    return template.format(**params) if params else template


def has(key: str) -> bool:
    return key in _load()
