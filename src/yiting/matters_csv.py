"""Reading the matters a grid worker collected (议事清单) from a CSV file, with the roster's
rules: the same encodings, one refusal per row that cannot be taken (its line and why), the whole
file refused when it is empty, not text, not CSV or has no title column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from yiting.domain.matters import RAISER_KINDS, URGENCIES
from yiting.errors import InvalidInput, YitingError
from yiting.i18n import LANGUAGES, t
from yiting.parsing import clean_text, parse_date
from yiting.presets import category_key
from yiting.roster_csv import Refusal, decode, flag, header_index, records
from yiting.text_input import clean

# Each column and the headers it may have, English or Chinese.
COLUMNS = {
    "title": ("title", "matter", "事项", "问题", "事项名称", "标题"),
    "description": ("description", "描述", "详情", "具体情况", "问题描述"),
    "category": ("category", "类别", "分类", "类型"),
    "urgency": ("urgency", "紧急程度", "紧急", "缓急"),
    "raised_by": ("raised_by", "raiser", "提出人", "反映人", "姓名"),
    "raiser_kind": ("raiser_kind", "提出人身份", "反映人身份", "身份"),
    "building": ("building", "楼栋", "楼栋单元", "楼号", "地点", "位置"),
    "raised_at": ("raised_at", "date", "日期", "反映时间", "提出时间", "时间"),
    "named": ("named", "公开姓名", "同意署名"),
}


@dataclass
class MattersFile:
    matters: list[dict[str, Any]]
    lines: list[int]
    refused: list[Refusal]


def _choice(typed: str, keys: tuple[str, ...], section: str, default: str) -> str:
    """A cell naming one of `keys` by its key or its label in either language."""
    text = typed.strip().lower()
    if not text:
        return default
    for key in keys:
        if text == key or text in (t(f"{section}.{key}", lang).lower() for lang in LANGUAGES):
            return key
    raise InvalidInput("desk.bad_choice", field=section.rsplit(".", 1)[-1], value=typed.strip()[:40])


def _matter(row: list[str], index: dict[str, int]) -> dict[str, Any]:
    """One row as `Desk.raise_matters` takes it; raises YitingError for a cell it would refuse."""

    def cell(column: str) -> str:
        at = index.get(column)
        return clean(row[at]) if at is not None and at < len(row) else ""

    typed_category = clean_text(cell("category"), "category", limit=50)
    category = category_key(typed_category)
    if typed_category and category is None:
        raise InvalidInput("matters.bad_category", value=typed_category)
    named = flag(cell("named"), False)
    if named is None:
        raise InvalidInput("roster.bad_flag", value=cell("named").strip()[:40])
    raised_on = parse_date(cell("raised_at"))
    return {
        "title": clean_text(cell("title"), "title", required=True, limit=200),
        "description": clean_text(cell("description"), "description"),
        "category": category or "",
        "urgency": _choice(cell("urgency"), URGENCIES, "matters.urgency", "normal"),
        "raised_by": clean_text(cell("raised_by"), "raised_by", limit=100),
        "raiser_kind": _choice(cell("raiser_kind"), RAISER_KINDS, "matters.raiser_kind", "resident"),
        "raiser_named": named,
        "building": clean_text(cell("building"), "building", limit=100),
        "raised_at": raised_on,
    }


def parse(raw: bytes, existing: set[tuple[str, str]] = frozenset()) -> MattersFile:
    """Parse a matters file; rows that cannot be taken are refused with their line and reason.

    `existing` holds (title, building) pairs already on the list of matters: such rows are
    refused as duplicates (merge them on the Matters screen if they are the same problem told
    again), as are repeats within the file.
    """
    rows = [(line, row) for line, row in records(decode(raw)) if any(cell.strip() for cell in row)]
    if not rows:
        raise InvalidInput("roster.empty")
    _, header = rows[0]
    index = header_index(header, COLUMNS)
    if "title" not in index:
        raise InvalidInput("matters.no_title_column", header=clean(", ".join(header))[:200])
    seen = set(existing)
    result = MattersFile([], [], [])
    for line, row in rows[1:]:
        shown = clean(row[index["title"]] if index["title"] < len(row) else "").strip()[:20]
        try:
            matter = _matter(row, index)
        except YitingError as exc:
            result.refused.append(Refusal(line, shown, exc.key, exc.params))
            continue
        key = (matter["title"], matter["building"])
        if key in seen:
            result.refused.append(Refusal(line, shown, "matters.duplicate", {"building": matter["building"]}))
            continue
        seen.add(key)
        result.matters.append(matter)
        result.lines.append(line)
    return result
