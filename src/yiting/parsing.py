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


def parse_count(value: Any, field: str) -> int:
    """A count of votes or people: a whole number, not negative."""
    try:
        count = int(str(value).strip())
    except (TypeError, ValueError):
        raise InvalidInput("desk.bad_count", field=field, value=str(value)) from None
    if count < 0:
        raise InvalidInput("desk.negative_count", field=field)
    return count


def parse_area(value: Any) -> float | None:
    """An exclusive floor area in m², or None when not given; refuses negative or absurd values."""
    if value is None or str(value).strip() == "":
        return None
    try:
        area = float(str(value).strip().replace("㎡", "").replace("m²", "").replace(",", ""))
    except ValueError:
        raise InvalidInput("desk.bad_area", value=str(value)) from None
    if not 0 <= area <= 100_000 or area != area:
        raise InvalidInput("desk.bad_area", value=str(value))
    return round(area, 2)
