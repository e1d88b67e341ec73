"""Type-ahead by characters always; by pinyin initials when pypinyin is installed."""

from __future__ import annotations

import pytest

from yiting.ui.pinyin import initials, matches


def test_characters_match_without_pinyin():
    assert matches("德明", "赵德明")
    assert matches("3-1", "赵德明", "3-1")
    assert not matches("钱", "赵德明")
    assert matches("", "赵德明")


def test_pinyin_initials():
    pytest.importorskip("pypinyin", exc_type=ImportError)
    assert initials("赵德明") == "zdm"
    assert matches("zdm", "赵德明") and matches("ZD", "赵德明") and matches("dm", "赵德明")
    assert not matches("qxy", "赵德明")
