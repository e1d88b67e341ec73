"""Reading what people type or import: text, counts and minutes, floor areas, dates and times.

Part of the kernel: the desk checks every value with these before it writes, the roster's CSV
import reads its cells with them, and the console formats times with `iso`. A value that does
not parse raises `InvalidInput`, whose message is shown in the user's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from yiting.errors import InvalidInput
from yiting.text_input import clean

MAX_TEXT = 10_000
MULTILINE = frozenset({"description", "text", "notes"})  # fields that may hold several lines


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


_DATE = re.compile(r"^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*$")


def parse_date(text: str | None) -> str | None:
    """A due date as YYYY-MM-DD; accepts 2026-12-01, 2026/12/1, 2026.12.1 and 2026年12月1日."""
    if text is None or str(text).strip() == "":
        return None
    match = _DATE.match(str(text))
    try:
        if not match:
            raise ValueError
        return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        raise InvalidInput("desk.bad_date", value=str(text)) from None


def parse_datetime(text: str | None, clock: Callable[[], datetime]) -> str | None:
    """A scheduled time: ISO 8601, or `YYYY-MM-DD HH:MM` in the laptop's time zone."""
    if text is None or str(text).strip() == "":
        return None
    raw = str(text).strip().replace("/", "-")
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise InvalidInput("desk.bad_datetime", value=str(text)) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=clock().tzinfo)
    return iso(moment)


def clean_text(value: Any, field: str, *, required: bool = False, limit: int = MAX_TEXT,
               multiline: bool | None = None) -> str:
    """Text as typed, minus surrounding blanks, control characters and bidi overrides
    (`yiting.text_input.clean`; line breaks kept in the fields of `MULTILINE`); refused when
    required and empty or too long."""
    keep_lines = field in MULTILINE if multiline is None else multiline
    text = clean(value, multiline=keep_lines).strip()
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate, e.g. a terminal byte decoded with surrogateescape
            raise InvalidInput("desk.bad_characters", field=field) from None
    if required and not text:
        raise InvalidInput("desk.required", field=field)
    if len(text) > limit:
        raise InvalidInput("desk.too_long", field=field, limit=limit)
    return text


def parse_minutes(value: Any) -> int:
    """A time box in whole minutes, 1 to 600."""
    try:
        minutes = int(str(value).strip())
    except (TypeError, ValueError):
        raise InvalidInput("desk.bad_minutes", value=str(value)) from None
    if not 1 <= minutes <= 600:
        raise InvalidInput("desk.bad_minutes", value=str(value))
    return minutes


# Full-width digits, point and comma as an input method types them, read as their ASCII forms.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
# Every way people write square metres, longest first so that 平方米 is not read as 平 + 方米.
AREA_UNITS = ("平方米", "平米", "平", "㎡", "m²", "m2")
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^(\d+),(\d+)$")
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


def split_area_unit(text: str) -> tuple[str, bool]:
    """`text` without its area unit (any of `AREA_UNITS`, any case), and whether it had one."""
    stripped = text.strip()
    lower = stripped.lower()
    for unit in AREA_UNITS:
        if lower.endswith(unit.lower()):
            return stripped[: len(stripped) - len(unit)].strip(), True
    return stripped, False


def parse_number(value: Any, *, bad: str, field: str = "") -> float:
    """A number as people write it: full-width digits read as digits; a decimal comma is a
    decimal point ("89,5" → 89.5) unless exactly three digits follow it, where commas group
    thousands ("1,234.5" → 1234.5, "1,234,567"). "1,234" alone could be either and is refused
    (`parsing.ambiguous_number`); anything else that is not a number raises `InvalidInput(bad)`."""
    raw = str(value)
    text = raw.translate(_FULL_WIDTH).strip().replace(" ", "")
    if _PLAIN.match(text):
        return float(text)
    comma = _DECIMAL_COMMA.match(text)
    if comma and len(comma[2]) != 3:
        return float(f"{comma[1]}.{comma[2]}")
    if comma:  # "1,234": one thousand two hundred and thirty-four, or one point two three four?
        raise InvalidInput("parsing.ambiguous_number", field=field, value=raw.strip(),
                           whole=comma[1] + comma[2], decimal=f"{comma[1]}.{comma[2]}")
    if _THOUSANDS.match(text):
        return float(text.replace(",", ""))
    raise InvalidInput(bad, field=field, value=raw.strip())


_COUNT_WORDS = ("人", "票", "户")


def parse_count(value: Any, field: str) -> int:
    """A count of votes or people: a whole number, not negative; written as people write it
    (full-width digits, thousands grouped with commas, 12人 / 12票 / 12户)."""
    text = str(value).translate(_FULL_WIDTH).strip()
    if text.endswith(_COUNT_WORDS):
        text = text[:-1].strip()
    if re.match(r"^[-−]\s*\d", text):
        raise InvalidInput("desk.negative_count", field=field)
    comma = _DECIMAL_COMMA.match(text)
    if comma and len(comma[2]) == 3:  # a count is whole: 1,234 can only be a thousand and more
        return int(comma[1] + comma[2])
    if comma or not re.match(r"^[\d,]+$", text):
        raise InvalidInput("desk.bad_count", field=field, value=str(value).strip())
    number = parse_number(text, bad="desk.bad_count", field=field)
    return int(number)


def parse_area(value: Any) -> float | None:
    """An exclusive floor area in m², or None when not given: a number as `parse_number` reads it,
    with or without a unit (平, 平米, 平方米, ㎡, m², m2); refuses negative or absurd values."""
    if value is None or str(value).strip() == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        area = float(value)
    else:
        number, _unit = split_area_unit(str(value).translate(_FULL_WIDTH))
        area = parse_number(number, bad="parsing.bad_area", field="area_m2") if number else -1.0
    if not 0 <= area <= 100_000 or area != area:
        raise InvalidInput("parsing.bad_area", field="area_m2", value=str(value))
    return round(area, 2)
