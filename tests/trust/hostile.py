"""Hostile text and hostile ids: what residents, a paste from WeChat or a stuck key can type."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

FRAGMENTS = [
    # right-to-left and invisible marks
    "\u202e", "\u200f", "\u061c", "\u2067", "\u200b", "\u2060", "\ufeff",
    # combining characters, alone and stacked
    "e\u0301", "\u0301", "\u0300" * 30, "\u1100\u1161\u11a8", "g\u0308\u0332",
    # emoji, joined and flagged
    "😀", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇨🇳", "👍🏽",
    # NUL, controls, line breaks, blanks Python strips
    "\x00", "\x01\x07\x08", "\x1b[31m", "\x7f", "\r\n", "\t", "\u2028", "\u0085", "\u3000", "\xa0", " ",
    "\x1c\x1d\x1e\x1f",
    # SQL, HTML, Markdown, CSV formulas and format strings
    "'; DROP TABLE events; --", "\" OR 1=1 --", "Robert'); DELETE FROM votes;--", "\\", "%s%n", "{0}", "{title}",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "&amp;&lt;&#0;", "]]>", "{{7*7}}",
    "# 标题", "|a|b|", "=SUM(A1)", "+86 139", "@cmd",
    # the language of the record
    "假山", "北门拓宽到 9.6 米", "赞成 12 > 反对 5，通过", "李桂兰",
]
# A lone surrogate (what a mis-decoded terminal byte becomes with surrogateescape).
SURROGATES = ["\udc80", "\ud800"]
BIG = ["长" * 10_240, "a" * 10_241, ("议事" * 2_600)[:5_000] + "\n" + "x" * 5_300, " " * 10_000 + "x"]

fragment = st.sampled_from(FRAGMENTS)
_short = st.lists(st.one_of(fragment, st.text(max_size=6)), min_size=1, max_size=5).map("".join)
# Mostly short hostile text the desk should take, now and then text it must refuse.
text = st.one_of(
    _short, _short, _short, _short,
    st.text(min_size=1, max_size=24),
    st.lists(st.one_of(fragment, st.sampled_from(SURROGATES)), min_size=1, max_size=3).map("".join),
    st.sampled_from(BIG),
    st.sampled_from(["", " ", "\x00", "\u3000\x00 "]),
)


def typed(value: str, column: str = "") -> str:
    """What the record must hold for text typed as `value` into `column`: the same, minus
    control characters and bidi overrides (line breaks kept in a multi-line field, tabs as
    spaces) and the blanks around it."""
    from yiting.desk.base import MULTILINE
    from yiting.text_input import clean

    return clean(value, multiline=column in MULTILINE).strip()


@dataclass(frozen=True)
class Raw:
    """An id typed by hand rather than picked from the record."""

    value: object


BOGUS_IDS = [Raw(v) for v in (-1, 0, 10**6, 10**30, -(10**30), "abc", "", None, 1.5, float("nan"),
                              float("inf"), "1; DROP TABLE votes", "١", "\x00", (1,), True)]
# Mostly an index into the rows the machine made, sometimes an id nobody made
# (-1 is the newest row, 0 the first: the meeting every run starts with.)
ref = st.one_of(*[st.integers(-2, 2)] * 4, st.integers(-40, 40), st.integers(-40, 40), st.sampled_from(BOGUS_IDS))

counts = st.one_of(*[st.integers(0, 2)] * 4, st.integers(-3, 30), st.sampled_from(["", "3", " 7 ", "-1", "1.5", "十", "١٢", "1e3",
                                                          "9" * 30, "\x00", None, "nan"]))
areas = st.one_of(st.none(), st.sampled_from([60, 89.5, 120, 209.5, 0.01]), st.floats(allow_nan=True, allow_infinity=True),
                  st.sampled_from(["", "89.5㎡", "120 m²", "1,200", "-3", "nan", "inf", "1e309", "abc", "0"]))
dates = st.one_of(st.none(), st.sampled_from(["2025-10-31", "2025/9/18", "2025年9月18日", "明天", "2025-02-30",
                                              "9/18", "", "0000-01-01", "9999-12-31", "2025-13-01"]), text)
