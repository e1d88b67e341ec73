"""Reads of the owners' register (units, owners, who owns what) and of an owners' vote's ballots."""

from __future__ import annotations

import re

from yiting.store.database import Database
from yiting.store.queries import Row, _all, _one


def units(db: Database, meeting_id: int, scope: str = "", *, ordered: bool = True) -> list[Row]:
    """A meeting's units, by building and unit; `scope` keeps one building's alone: those whose
    building is `scope`, or begins with it ("3号楼" holds "3号楼1单元" and "3号楼2单元")."""
    sql = "SELECT * FROM units WHERE meeting_id = ?"
    params: list[object] = [meeting_id]
    if scope:
        escaped = scope.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        sql += " AND (building = ? OR building LIKE ? ESCAPE '\\')"
        params += [scope, escaped + "%"]
    found = _all(db, sql, params)
    if not ordered:  # to count them: the order does not matter
        return found
    return sorted(found, key=lambda row: (_natural(row["building"]), _natural(row["label"]), row["id"]))


def _natural(text: str) -> list[tuple[int, int | str]]:
    """"8号楼" before "12号楼": numbers by their value, the rest as text."""
    return [(0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text) if part]


def has_units(db: Database, meeting_id: int) -> bool:
    return db.execute("SELECT 1 FROM units WHERE meeting_id = ? LIMIT 1", [meeting_id]).fetchone() is not None


_BUILDING = re.compile(r"^(.+?(?:号楼|栋|幢|座))")


def buildings(db: Database, meeting_id: int) -> list[str]:
    """What a vote may cover besides the whole property: each building ("3号楼", from "3号楼1单元")
    and each building-entrance as the register writes it."""
    found: set[str] = set()
    for (building,) in db.execute("SELECT DISTINCT building FROM units WHERE meeting_id = ? AND building != ''",
                                  [meeting_id]):
        found.add(building)
        head = _BUILDING.match(building)
        if head:
            found.add(head.group(1))
    return sorted(found, key=_natural)


def unit_by_label(db: Database, meeting_id: int, building: str, label: str) -> Row | None:
    return _one(db, "SELECT * FROM units WHERE meeting_id = ? AND building = ? AND label = ?",
                [meeting_id, building, label])


def owners(db: Database, meeting_id: int) -> list[Row]:
    return _all(db, "SELECT * FROM owners WHERE meeting_id = ? ORDER BY id", [meeting_id])


def owner_by_name(db: Database, meeting_id: int, name: str, developer: bool) -> Row | None:
    return _one(db, "SELECT * FROM owners WHERE meeting_id = ? AND name = ? AND developer = ? ORDER BY id LIMIT 1",
                [meeting_id, name, 1 if developer else 0])


def owners_of_units(db: Database, meeting_id: int) -> dict[int, list[int]]:
    """unit id -> its owners' ids, for every unit of the meeting that has owners."""
    found: dict[int, list[int]] = {}
    for unit_id, owner_id in db.execute(
            "SELECT uo.unit_id, uo.owner_id FROM unit_owners uo JOIN units u ON u.id = uo.unit_id"
            " WHERE u.meeting_id = ? ORDER BY uo.unit_id, uo.owner_id", [meeting_id]):
        found.setdefault(unit_id, []).append(owner_id)
    return found


def unit_owner_links(db: Database, unit_id: int) -> list[Row]:
    return _all(db, "SELECT * FROM unit_owners WHERE unit_id = ? ORDER BY id", [unit_id])


def owner_unit_count(db: Database, owner_id: int) -> int:
    return db.execute("SELECT COUNT(*) FROM unit_owners WHERE owner_id = ?", [owner_id]).fetchone()[0]


def register(db: Database, meeting_id: int, scope: str = "") -> list[Row]:
    """The units with their owners' names joined ("王芳、李明"; the developer marked), for the
    console's list and the CLI. Names stay in the database: publish/ never reads this."""
    rows = units(db, meeting_id, scope)
    names: dict[int, list[str]] = {}
    for unit_id, name, developer in db.execute(
            "SELECT uo.unit_id, o.name, o.developer FROM unit_owners uo JOIN owners o ON o.id = uo.owner_id"
            " JOIN units u ON u.id = uo.unit_id WHERE u.meeting_id = ? ORDER BY uo.id", [meeting_id]):
        names.setdefault(unit_id, []).append(name + ("*" if developer else ""))
    for row in rows:
        row["owner_names"] = names.get(row["id"], [])
    return rows


def unit_ballots(db: Database, vote_id: int) -> list[Row]:
    """An owners' vote's ballots in the order they were entered, with the unit's building and label."""
    return _all(db, "SELECT b.*, u.building, u.label, u.area_m2 FROM unit_ballots b JOIN units u ON u.id = b.unit_id"
                    " WHERE b.vote_id = ? ORDER BY b.id", [vote_id])


def unit_ballot(db: Database, vote_id: int, unit_id: int) -> Row | None:
    return _one(db, "SELECT * FROM unit_ballots WHERE vote_id = ? AND unit_id = ?", [vote_id, unit_id])


def unit_votes(db: Database, meeting_id: int) -> list[Row]:
    """The meeting's votes counted per unit, newest first: the vote's row with its `unit_vote`
    (scope, denominators, objection period) as `unit_vote_id`, `scope`, `denominators`, `objection_until`."""
    return _all(db, "SELECT v.*, uv.id AS unit_vote_id, uv.scope, uv.denominators, uv.objection_until"
                    " FROM votes v JOIN unit_votes uv ON uv.vote_id = v.id JOIN proposals p ON p.id = v.proposal_id"
                    " JOIN agenda_items i ON i.id = p.item_id WHERE i.meeting_id = ? ORDER BY v.id DESC", [meeting_id])


def unit_has_ballots(db: Database, unit_id: int) -> bool:
    return db.execute("SELECT 1 FROM unit_ballots WHERE unit_id = ? LIMIT 1", [unit_id]).fetchone() is not None


def meeting_has_unit_ballots(db: Database, meeting_id: int) -> bool:
    """Whether any owners' vote of the meeting counted per unit has a ballot entered."""
    return db.execute("SELECT 1 FROM unit_ballots b JOIN units u ON u.id = b.unit_id WHERE u.meeting_id = ? LIMIT 1",
                      [meeting_id]).fetchone() is not None


def latest_objection_until(db: Database, meeting_id: int) -> str | None:
    """The last day of the latest objection period set on the meeting's owners' votes (not
    counting cancelled votes); None when none has one."""
    found = db.execute("SELECT MAX(uv.objection_until) FROM unit_votes uv JOIN votes v ON v.id = uv.vote_id"
                       " JOIN proposals p ON p.id = v.proposal_id JOIN agenda_items i ON i.id = p.item_id"
                       " WHERE i.meeting_id = ? AND v.status <> 'cancelled' AND uv.objection_until IS NOT NULL",
                       [meeting_id]).fetchone()
    return found[0] if found else None


def unit_vote(db: Database, vote_id: int) -> Row | None:
    """What a vote counted per unit adds to its row; None for any other vote."""
    return _one(db, "SELECT * FROM unit_votes WHERE vote_id = ?", [vote_id])
