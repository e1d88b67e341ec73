"""Reading a roster from a CSV file as Excel or WPS saves it (UTF-8, UTF-8 with BOM, GBK, or
UTF-16 "Unicode text")."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from yiting.errors import InvalidInput, YitingError
from yiting.parsing import clean_text, parse_area
from yiting.text_input import clean

# Each column and the headers it may have, English or Chinese.
COLUMNS = {
    "name": ("name", "姓名", "名字"),
    "party": ("party", "role", "身份", "角色"),
    "employer": ("employer", "单位", "工作单位"),
    "building": ("building", "楼栋", "楼栋单元", "房号", "楼号"),
    "voting": ("voting", "表决权", "是否表决", "投票"),
    "area": ("area", "area_m2", "面积", "专有面积", "专有部分面积"),
    "phone": ("phone", "电话", "手机", "联系电话"),
    "address": ("address", "住址", "地址", "家庭住址"),
    "named": ("named", "公开姓名", "同意署名"),
    "official": ("official", "公开身份", "公职身份"),
}
TRUE = {"是", "有", "yes", "y", "1", "true", "√", "✓"}
FALSE = {"否", "无", "no", "n", "0", "false", "×"}


@dataclass
class Refusal:
    line: int
    name: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        return YitingError(self.key, **self.params).message(lang)


@dataclass
class RosterFile:
    people: list[dict[str, Any]]
    lines: list[int]
    refused: list[Refusal]


def decode(raw: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode
    text"), else GB18030 (a superset of GBK). A file with NUL characters is not text at all."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            raise InvalidInput("roster.not_text")
        return text
    raise InvalidInput("roster.bad_encoding")


def flag(value: str, default: bool | None) -> bool | None:
    """A yes/no cell (是/否, yes/no, 1/0, √/×): `default` when empty, None when it is neither."""
    text = value.strip().lower()
    if text == "":
        return default
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    return None


def records(text: str) -> list[tuple[int, list[str]]]:
    """(first line, cells) of each record; a quoted cell may span lines."""
    first_line = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        delimiter = "\t" if "\t" in first_line else ";" if ";" in first_line else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    found = []
    start = 1
    try:
        for row in reader:
            found.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InvalidInput("roster.bad_csv", line=start, detail=str(exc)) from None
    return found


def _person(row: list[str], index: dict[str, int]) -> dict[str, Any]:
    """One row as the desk takes it; raises YitingError for a cell the desk would refuse."""

    def cell(column: str) -> str:
        at = index.get(column)
        return row[at] if at is not None and at < len(row) else ""

    if not clean(cell("name")).strip():
        raise InvalidInput("roster.no_name")
    voting = flag(cell("voting"), True)
    if voting is None:
        raise InvalidInput("roster.bad_flag", value=clean(cell("voting")).strip()[:40])
    named = flag(cell("named"), False)
    if named is None:
        raise InvalidInput("roster.bad_flag", value=clean(cell("named")).strip()[:40])
    official = flag(cell("official"), None)  # empty: the party's preset decides
    if official is None and cell("official").strip():
        raise InvalidInput("roster.bad_flag", value=clean(cell("official")).strip()[:40])
    person: dict[str, Any] = {"name": clean_text(cell("name"), "name", required=True, limit=100)}
    for column in ("party", "building", "phone", "address", "employer"):
        person[column] = clean_text(cell(column), column, limit=100)
    person.update(voting=voting, area_m2=parse_area(cell("area")), named=named, official=official)
    return person


def header_index(header: list[str], columns: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Where each of `columns` is in a header row (the first header of each name wins)."""
    index: dict[str, int] = {}
    for position, title in enumerate(header):
        cleaned = title.replace("\ufeff", "").strip().lower()
        for column, names in columns.items():
            if cleaned in names and column not in index:
                index[column] = position
    return index


def parse(raw: bytes, existing: set[tuple[str, str]] = frozenset()) -> RosterFile:
    """Parse a roster file; rows that cannot be taken are refused with their line and reason.

    The whole file is refused (InvalidInput) when it is empty, not text, not CSV or has no name
    column. Each row is checked as the desk would check it, so the batch `add_participants`
    gets is taken whole. `existing` holds (name, building) pairs already on the roster: such
    rows are refused as duplicates, as are repeats within the file.
    """
    rows = [(line, row) for line, row in records(decode(raw)) if any(cell.strip() for cell in row)]
    if not rows:
        raise InvalidInput("roster.empty")
    _, header = rows[0]
    index = header_index(header, COLUMNS)
    if "name" not in index:
        raise InvalidInput("roster.no_name_column", header=clean(", ".join(header))[:200])
    seen = set(existing)
    result = RosterFile([], [], [])
    for line, row in rows[1:]:
        typed = row[index["name"]] if index["name"] < len(row) else ""
        shown = clean(typed).strip()[:20]
        try:
            person = _person(row, index)
        except YitingError as exc:
            result.refused.append(Refusal(line, shown, exc.key, exc.params))
            continue
        key = (person["name"], person["building"])
        if key in seen:
            result.refused.append(Refusal(line, shown, "roster.duplicate", {"building": person["building"]}))
            continue
        seen.add(key)
        result.people.append(person)
        result.lines.append(line)
    return result
