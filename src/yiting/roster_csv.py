"""Reading a roster from a CSV file as Excel or WPS saves it (UTF-8, UTF-8 with BOM, or GBK)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from yiting.desk.roster import parse_area
from yiting.errors import InvalidInput, YitingError

# Each column and the headers it may have, English or Chinese.
COLUMNS = {
    "name": ("name", "姓名", "名字"),
    "party": ("party", "role", "身份", "单位", "角色"),
    "building": ("building", "楼栋", "楼栋单元", "房号", "楼号"),
    "voting": ("voting", "表决权", "是否表决", "投票"),
    "area": ("area", "area_m2", "面积", "专有面积", "专有部分面积"),
    "phone": ("phone", "电话", "手机", "联系电话"),
    "named": ("named", "公开姓名", "同意署名"),
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
        from yiting.i18n import t

        return t(self.key, lang=lang, **self.params)


@dataclass
class RosterFile:
    people: list[dict[str, Any]]
    lines: list[int]
    refused: list[Refusal]


def decode(raw: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), else GB18030 (a superset of GBK)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInput("roster.bad_encoding")


def _flag(value: str, default: bool) -> bool | None:
    text = value.strip().lower()
    if text == "":
        return default
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    return None


def parse(raw: bytes, existing: set[tuple[str, str]] = frozenset()) -> RosterFile:
    """Parse a roster file; rows that cannot be taken are refused with their line and reason.

    `existing` holds (name, building) pairs already on the roster: such rows are refused as
    duplicates, as are repeats within the file.
    """
    text = decode(raw)
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInput("roster.empty") from None
    index: dict[str, int] = {}
    for position, title in enumerate(header):
        cleaned = title.strip().lower()
        for column, names in COLUMNS.items():
            if cleaned in names and column not in index:
                index[column] = position
    if "name" not in index:
        raise InvalidInput("roster.no_name_column", header=", ".join(header))
    seen = set(existing)
    result = RosterFile([], [], [])
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue

        def cell(column: str) -> str:
            at = index.get(column)
            return row[at].strip() if at is not None and at < len(row) else ""

        name = cell("name")
        if not name:
            result.refused.append(Refusal(line, "", "roster.no_name"))
            continue
        voting = _flag(cell("voting"), True)
        named = _flag(cell("named"), False)
        if voting is None or named is None:
            result.refused.append(Refusal(line, name, "roster.bad_flag",
                                          {"value": cell("voting") if voting is None else cell("named")}))
            continue
        try:
            area = parse_area(cell("area"))
        except YitingError as exc:
            result.refused.append(Refusal(line, name, exc.key, exc.params))
            continue
        if len(name) > 100:
            result.refused.append(Refusal(line, name[:20], "desk.too_long", {"field": "name", "limit": 100}))
            continue
        key = (name, cell("building"))
        if key in seen:
            result.refused.append(Refusal(line, name, "roster.duplicate", {"building": cell("building")}))
            continue
        seen.add(key)
        result.people.append({"name": name, "party": cell("party"), "building": cell("building"),
                              "voting": voting, "area_m2": area, "phone": cell("phone"), "named": named})
        result.lines.append(line)
    return result
