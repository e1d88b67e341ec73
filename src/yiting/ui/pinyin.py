"""Type-ahead matching of names: by the characters, or by pinyin initials (张三 → zs).

The initials come from `data/pinyin-initials.txt`, a table made once from pypinyin
(`scripts/make_initials.py`): loading pypinyin itself would cost the console ~55 MB.
"""

from __future__ import annotations

import re
from array import array
from functools import lru_cache

from yiting.locations import shipped_data

INITIALS_FILE = "pinyin-initials.txt"
_PARTS = re.compile(r"[A-Za-z]+|\S")


class _Initials:
    """Character → the initials of its readings ("曾" → "cz"), kept as one array of small
    numbers over the range of known characters (~0.4 MB; a dict of them would take ~4 MB)."""

    def __init__(self, text: str) -> None:
        groups = [line.partition("\t") for line in text.splitlines() if line and not line.startswith("#")]
        self.first = min(ord(min(chars)) for _letters, _, chars in groups)
        last = max(ord(max(chars)) for _letters, _, chars in groups)
        self.letters = ["", *(letters for letters, _, _chars in groups)]
        self.index = array("H", bytes(2 * (last - self.first + 1)))
        for number, (_letters, _, chars) in enumerate(groups, start=1):
            for char in chars:
                self.index[ord(char) - self.first] = number

    def get(self, char: str) -> str:
        offset = ord(char) - self.first
        return self.letters[self.index[offset]] if 0 <= offset < len(self.index) else ""


@lru_cache(maxsize=1)
def _table() -> _Initials:
    return _Initials((shipped_data() / INITIALS_FILE).read_text(encoding="utf-8"))


@lru_cache(maxsize=4096)
def initials(name: str) -> tuple[str, ...]:
    """The possible initials of each part of `name`: "曾小明" → ("cz", "x", "m").

    A Latin word counts by its first letter; digits and marks such as "·" count for nothing.
    """
    table = _table()
    parts = []
    for part in _PARTS.findall(name):
        if part.isascii():
            if part.isalpha():
                parts.append(part[0].lower())
        elif letters := table.get(part):
            parts.append(letters)
    return tuple(parts)


def spells(query: str, name: str) -> bool:
    """True when the letters of `query` are initials of consecutive characters of `name`,
    from its first character for one letter ("z" → 赵德明), anywhere for more ("dm")."""
    found = initials(name)
    last_start = len(found) - len(query) if len(query) > 1 else min(0, len(found) - 1)
    return any(all(letter in found[start + i] for i, letter in enumerate(query))
               for start in range(last_start + 1))


def matches(query: str, name: str, *extra: str) -> bool:
    """True when `query` is in the name (or an extra field), or spells the name's initials."""
    query = query.strip().lower()
    if not query:
        return True
    if query in name.lower() or any(query in (e or "").lower() for e in extra):
        return True
    return query.isascii() and query.isalpha() and spells(query, name)


def warm() -> None:
    """Read the initials table ahead of the first search (run in a worker)."""
    _table()
