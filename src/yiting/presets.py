"""The shipped presets (`data/presets.json`, see docs/presets.md), read by every layer that
offers a default: the desk (a new person's party decides whether they appear in an official
capacity), the console's pickers and the demo."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from yiting.locations import shipped_data


def load_presets() -> dict[str, Any]:
    """The presets offered when creating a meeting (venues, kinds, parties, categories, rule
    sets), as `data/presets.json` has them; `docs/presets.md` describes the shape."""
    text = (shipped_data() / "presets.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def official_parties() -> frozenset[str]:
    """The labels (Chinese, English) and keys of the parties whose people appear in an official
    capacity by default: 社区党委, 居委会, 街道, 物业公司 …, not 居民, 业主, 楼栋长 …"""
    return frozenset(
        name
        for party in load_presets()["parties"] if party.get("official")
        for name in (party["key"], party["label_zh"], party["label_en"])
    )


def official_by_default(party: str | None) -> bool:
    """Whether a person added with this party appears in an official capacity unless the
    facilitator says otherwise: the party is exactly one of the official parties of the presets.
    A party typed otherwise (腾讯公司, 税务局, 某某中心) is not: the facilitator decides."""
    return (party or "").strip() in official_parties()


@lru_cache(maxsize=1)
def party_names() -> frozenset[str]:
    """Every preset party's labels and key: text that names a body or a role, not a person."""
    return frozenset(name for party in load_presets()["parties"]
                     for name in (party["key"], party["label_zh"], party["label_en"]))


@lru_cache(maxsize=1)
def _categories() -> dict[str, dict[str, str]]:
    """Each preset category by its key and by each of its labels."""
    found: dict[str, dict[str, str]] = {}
    for category in load_presets()["categories"]:
        for name in (category["key"], category["label_zh"], category["label_en"]):
            found[name.strip().lower()] = category
    return found


def category_key(text: str | None) -> str | None:
    """The preset key of a matter's category typed as its key or either label (漏水, Leaks,
    leaks → `leaks`); None for a category the presets do not have."""
    category = _categories().get((text or "").strip().lower())
    return category["key"] if category else None


def category_label(text: str | None, lang: str) -> str:
    """A matter's category as shown in `lang`; a category not in the presets as it was typed."""
    category = _categories().get((text or "").strip().lower())
    if category is None:
        return (text or "").strip()
    return category["label_zh" if lang == "zh" else "label_en"]


def category_keys() -> list[str]:
    """The preset categories' keys, in the presets' order."""
    return [c["key"] for c in load_presets()["categories"]]
