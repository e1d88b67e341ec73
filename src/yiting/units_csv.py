"""Reading a register of units and owners (房屋名册) from a CSV file, as Excel or WPS saves it:
UTF-8, GBK or UTF-16; comma, tab or semicolon between cells (Excel in locales with a decimal
comma writes `;`).

One row a unit; a unit's co-owners in one cell ("王芳、李明") or on rows of their own that repeat
the building and unit. The desk checks each unit as it adds it (`Desk.import_units`); rows are
handed over with their line so that a refusal names it.
"""

from __future__ import annotations

from typing import Any

from yiting.errors import InvalidInput
from yiting.roster_csv import decode
from yiting.roster_csv import records as csv_records
from yiting.text_input import clean

COLUMNS = {
    "building": ("building", "楼栋", "楼号", "楼栋单元", "幢"),
    "label": ("unit", "label", "房号", "户号", "室", "专有部分"),
    "area_m2": ("area", "area_m2", "面积", "专有面积", "专有部分面积", "建筑面积"),
    "area_source": ("area_source", "source", "面积来源", "来源"),
    "owners": ("owners", "owner", "业主", "业主姓名", "产权人", "name", "姓名"),
    "developer": ("developer", "unsold", "开发商", "未售", "开发商未售"),
}


def parse_units(raw: bytes) -> list[dict[str, Any]]:
    """The units of a register file, each a dict the desk's `import_units` takes, with its `line`.

    The whole file is refused (InvalidInput) when it is empty, not text, not CSV, or lacks a
    unit or an area column."""
    records = [(line, row) for line, row in csv_records(decode(raw)) if any(cell.strip() for cell in row)]
    if not records:
        raise InvalidInput("roster.empty")
    _, header = records[0]
    titles = [title.replace("\ufeff", "").strip().lower() for title in header]
    index: dict[str, int] = {}
    for column, names in COLUMNS.items():  # the first name of a column's list that the header has wins
        found = next((titles.index(name) for name in names if name in titles), None)
        if found is not None:
            index[column] = found
    if "label" not in index or "area_m2" not in index:
        raise InvalidInput("owners.csv_columns", header=clean(", ".join(header))[:200])
    units: dict[tuple[str, str], dict[str, Any]] = {}
    for line, row in records[1:]:
        def cell(column: str, row: list[str] = row) -> str:
            at = index.get(column)
            return clean(row[at]).strip() if at is not None and at < len(row) else ""

        key = (cell("building"), cell("label"))
        unit = units.get(key)
        if unit is None:
            units[key] = {"line": line, "building": key[0], "label": key[1], "area_m2": cell("area_m2"),
                          "area_source": cell("area_source"), "owners": [], "developer": cell("developer")}
            unit = units[key]
        elif cell("area_m2") and cell("area_m2") != unit["area_m2"]:
            raise InvalidInput("owners.csv_area_differs", line=line, unit=" ".join(p for p in key if p))
        for name in cell("owners").replace("，", "、").replace(",", "、").split("、"):
            if name.strip() and name.strip() not in unit["owners"]:
                unit["owners"].append(name.strip())
    return list(units.values())
