"""Type-ahead matching of names: by the characters, or by pinyin initials (张三 → zs)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def initials(name: str) -> str:
    """The pinyin initials of `name` in lower case ("张小明" → "zxm"); "" without pypinyin."""
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError:  # pypinyin is optional: matching by characters still works
        return ""
    return "".join(part[:1] for part in lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()


def matches(query: str, name: str, *extra: str) -> bool:
    """True when `query` is in the name (or an extra field), or starts the name's initials."""
    query = query.strip().lower()
    if not query:
        return True
    if query in name.lower() or any(query in (e or "").lower() for e in extra):
        return True
    if query.isascii() and query.isalpha():
        found = initials(name)
        return found.startswith(query) or (len(query) > 1 and query in found)
    return False


def warm() -> None:
    """Load pypinyin's dictionary ahead of the first search (run in a worker)."""
    initials("张三")
