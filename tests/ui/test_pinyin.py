"""Type-ahead by characters, and by pinyin initials from the shipped table."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from yiting.locations import shipped_data
from yiting.ui.pinyin import INITIALS_FILE, initials, matches


def test_characters_match():
    assert matches("德明", "赵德明")
    assert matches("3-1", "赵德明", "3-1")
    assert not matches("钱", "赵德明")
    assert matches("", "赵德明")


def test_pinyin_initials():
    assert initials("赵德明") == ("z", "d", "m")
    assert matches("zdm", "赵德明") and matches("ZD", "赵德明") and matches("dm", "赵德明")
    assert not matches("qxy", "赵德明")
    assert not matches("d", "赵德明"), "one letter only matches the first character"


@pytest.mark.parametrize(("query", "name"), [
    ("zgh", "曾国华"), ("cgh", "曾国华"),   # 曾 zēng as a surname, céng elsewhere
    ("sl", "单雷"), ("dl", "单雷"),         # 单 shàn as a surname
    ("qxm", "仇小梅"), ("xhm", "解红梅"), ("zhy", "翟海燕"), ("ym", "乐梅"),
])
def test_polyphonic_surnames_match_every_reading(query, name):
    assert matches(query, name)


def test_latin_words_and_marks():
    assert initials("阿依·买买提") == ("ae", "y", "m", "m", "cdst")
    assert matches("tl", "Tom Li") and matches("aymmt", "阿依·买买提")
    assert initials("3楼") == ("l",), "digits count for nothing"


def test_shipped_table_is_what_pypinyin_gives():
    pypinyin = pytest.importorskip("pypinyin")
    script = Path(__file__).resolve().parents[2] / "scripts" / "make_initials.py"
    table = runpy.run_path(str(script))["table"]

    shipped = (shipped_data() / INITIALS_FILE).read_text(encoding="utf-8")
    assert shipped == table(), f"regenerate with: python scripts/make_initials.py (pypinyin {pypinyin.__version__})"
