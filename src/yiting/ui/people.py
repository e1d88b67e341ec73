"""Roster lines typed in the console: "王芳 业主 3-2-501 89.5㎡", and walk-ins added on the spot."""

from __future__ import annotations

import re
from typing import Any

from yiting.errors import InvalidInput
from yiting.i18n import t
from yiting.parsing import parse_area, split_area_unit
from yiting.text_input import clean

OBSERVER_WORDS = ("观察员", "列席", "observer", "无表决权")
NAMED_WORDS = ("公开姓名", "同意公开", "named")  # the person agreed to be named in the minutes
OFFICIAL_WORDS = ("公开身份", "公职", "official")  # here in an official capacity: named for it
PRIVATE_WORDS = ("不公开", "隐去", "private")  # neither: masked, whatever the party's preset says
EMPLOYER_PREFIXES = ("单位：", "单位:", "工作单位：", "工作单位:", "employer:", "employer=")
# A floor area needs its unit (`yiting.parsing.AREA_UNITS`) or a decimal point or comma: a bare
# "501" is a room number far more often than 501 m². A bare whole number is the area only in the
# fourth place of "姓名 身份 楼栋 面积", after a building that is not itself a bare number ("3 2 501").
# What the word says is read by `yiting.parsing.parse_area`, as in a CSV or a typed count.
_NUMBER = re.compile(r"^[\d０-９][\d０-９.,．，]*$")
_DECIMAL = re.compile(r"^[\d０-９]+[.,．，][\d０-９]+$")
_WHOLE = re.compile(r"^\d+$")


def _area_word(word: str) -> bool:
    number, unit = split_area_unit(word)
    return bool(_NUMBER.match(number)) if unit else bool(_DECIMAL.match(word))


def parse_person_line(line: str) -> dict[str, Any]:
    """"王芳 业主 3-2-501 89.5㎡" → name, party, building, area; "观察员"/"observer" means no
    vote; "公开姓名" the person agreed to be named, "公开身份" official capacity, "不公开" neither;
    "单位：腾讯公司" their employer (kept private)."""
    words = clean(line).split()  # a control character is neither part of a word nor a space
    if not words:
        raise InvalidInput("desk.required", field="name")
    person: dict[str, Any] = {"name": words[0]}
    rest: list[str] = []
    for word in words[1:]:
        lower = word.lower()
        if lower in OBSERVER_WORDS:
            person["voting"] = False
            continue
        if lower in NAMED_WORDS:
            person["named"] = True
            continue
        if lower in OFFICIAL_WORDS:
            person["official"] = True
            continue
        if lower in PRIVATE_WORDS:
            person.update(named=False, official=False)
            continue
        prefix = next((p for p in EMPLOYER_PREFIXES if lower.startswith(p)), None)
        if prefix is not None:
            person["employer"] = word[len(prefix):]
            continue
        if re.match(r"^[-+−]\d", word):
            raise InvalidInput("parsing.bad_area", field="area_m2", value=word)
        if "area_m2" not in person and _area_word(word):
            parse_area(word)  # "1,234平" is refused here, with the reason, before Enter adds it
            person["area_m2"] = split_area_unit(word)[0]
            continue
        rest.append(word)
    if len(rest) >= 3 and "area_m2" not in person and _WHOLE.match(rest[-1]) and not _WHOLE.match(rest[-2]):
        person["area_m2"] = rest.pop()
        parse_area(person["area_m2"])
    if rest:
        person["party"] = rest[0]
    if len(rest) > 1:
        person["building"] = " ".join(rest[1:])
    return person


def describe_person_line(line: str) -> str:
    """What `parse_person_line` understood, to show before Enter adds it."""
    if not line.strip():
        return ""
    try:
        person = parse_person_line(line)
    except InvalidInput as exc:
        return str(exc)
    parts = [t("ui.parsed.name", value=person["name"])]
    if person.get("party"):
        parts.append(t("ui.parsed.party", value=person["party"]))
    if person.get("building"):
        parts.append(t("ui.parsed.building", value=person["building"]))
    if person.get("area_m2"):
        parts.append(t("ui.parsed.area", value=f"{parse_area(person['area_m2']):g}"))
    if person.get("employer"):
        parts.append(t("ui.parsed.employer", value=person["employer"]))
    parts.append(t("ui.parsed.observer") if person.get("voting") is False else t("ui.parsed.voter"))
    parts.append(t("ui.parsed.shown", value=public_form(person)))
    return t("ui.parsed.heading") + " · ".join(parts)


def public_form(person: dict[str, Any]) -> str:
    """How residents will see this person in the minutes (王** or 王秀兰), with the reason; for a
    line not yet added, `official` is what the desk will take from the party's preset."""
    from yiting.presets import official_by_default
    from yiting.publish.privacy import shown_name

    official = person.get("official")
    if official is None:
        official = official_by_default(person.get("party"))
    person = {**person, "official": official}
    reason = "named" if person.get("named") else "official" if official else "masked"
    return t(f"ui.public.{reason}", name=shown_name(person))


def duplicate_warning(people: list[dict[str, Any]], person: dict[str, Any]) -> str:
    """A warning when the roster already has someone of this name (maybe the same person)."""
    same = [p for p in people if p["name"] == person["name"]]
    if not same:
        return ""
    where = "、".join(p.get("building") or p.get("party") or "—" for p in same)
    return t("ui.setup.duplicate", name=person["name"], where=where)


def add_walk_in(desk, meeting_id: int, line: str) -> dict[str, Any]:
    """Someone not on the roster arrived: add them from one typed line and check them in."""
    person = parse_person_line(line)
    row = desk.add_participant(meeting_id, **person)
    return desk.check_in(row["id"])
