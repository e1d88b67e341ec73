"""Who is named in public: the one rule, and the public form of a meeting record.

The rule (README "Privacy"; docs/publishing.md):

- A person is shown by name when they agreed to be (`named`, 公开姓名 是) or when the
  facilitator marked them as taking part in an official capacity (`official`, 公开身份). A new
  person's `official` comes from their party's preset (社区党委, 居委会, 街道, 物业公司, 业委会,
  法律顾问 … yes; 居民, 业主, 楼栋长, 志愿者 … no; docs/presets.md says why), matched exactly:
  a party or an employer that merely ends in 公司/局/中心/所 makes no one official.
- Everyone else is shown as the first character and two stars (`李**`), whatever the length
  of the name, so the mask does not tell the length either; their building is not shown.
- Each person is shown as they chose wherever they appear (found by their roster id): two
  people with the same name and different choices each keep theirs.
- An action's owner person is a person, whatever the owner party: shown by name only when
  everyone on the roster with that name is; typed text naming nobody on the roster is masked
  unless it is a party's name (物业公司).
- Whoever objected to a result (询异) is shown the same way: by name with their consent (given
  with the objection, or on the roster) or in an official capacity, masked otherwise; who
  answered it answers for an office and is shown as typed, like an action's owner party.
- The facilitator and the note-taker run the meeting in public and are shown as typed.
- Phone numbers, addresses and employers (单位) are not in the record at all (see record.py);
  floor areas of individual owners are dropped here (vote totals keep the summed areas).

`shown_name` decides how one person appears; every page, export, notice and the live page
show people through it (or through `public_record`, which applies it). The rule itself is in
`domain/naming.py` (pure), which the desk applies to text it writes on its own (the follow-up item).

Free text (summaries, proposals, decisions) is published as typed: the note-taker writes it
for the public, and cannot be second-guessed by a program.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from yiting.domain import naming
from yiting.domain.naming import MASK, is_named, mask, shown_name

__all__ = ["MASK", "Roster", "is_named", "mask", "objector_name", "public_record", "shown_name", "shown_raiser"]


def objector_name(objection: Mapping[str, Any], person: Mapping[str, Any] | None) -> str:
    """Who objected, as residents see it: named when they agreed to it with this objection or on
    the roster (or take part in an official capacity), masked otherwise; nobody named, empty."""
    if person is not None:
        return shown_name({**person, "named": person.get("named") or objection.get("named")})
    return shown_name({"name": objection.get("name"), "named": objection.get("named")})


def shown_raiser(raiser: Mapping[str, Any] | None) -> str:
    """How residents see who raised a matter: named when they agreed or raised it in a role (a
    grid worker, the committee), else masked; `raiser` as `store.matters.matter_raisers` gives it."""
    from yiting.domain.matters import raiser_is_named

    if not raiser:
        return ""
    name = (raiser.get("name") or "").strip()
    return name if raiser_is_named(raiser) else mask(name)


class Roster(naming.Roster):
    """A meeting's people as the public sees them (`domain.naming.Roster`), the presets' parties
    known as bodies."""

    def __init__(self, people: Iterable[Mapping[str, Any]]) -> None:
        from yiting.presets import party_names

        super().__init__(people, party_names())


def _copy(value: Any) -> Any:
    """A deep copy of plain JSON-like data (dicts and lists of scalars): several times faster
    than `copy.deepcopy`, which matters for a meeting of 2,000 speeches."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_copy(v) for v in value)
    return value


def public_record(record: dict[str, Any], *, copy: bool = True) -> dict[str, Any]:
    """A copy of `meeting_record(...)` fit for publishing: everyone shown by `shown_name`, a
    masked person's building dropped, personal floor areas dropped, and `published` shown as
    `closed` (publishing is not a content change). With `copy=False` the record itself is
    changed and returned (a caller that has no further use for it saves the copy: 10–40 ms for
    a meeting of 2,000 speeches)."""
    out = _copy(record) if copy else record
    roster = Roster(out["participants"])
    people = {p["id"]: dict(p) for p in out["participants"]}  # as on the roster, for the objectors below
    for person in out["participants"]:
        if not is_named(person):
            person["building"] = ""  # a surname and a building can name someone in a small block
        person["name"] = roster.by_id[person["id"]]
        person.pop("area_m2", None)
        person["checked_in"] = bool(person.pop("checked_in_at", None))

    for item in out["agenda"]:
        for speech in item["speeches"]:
            speech["speaker"] = roster.person(speech.get("speaker_id"), speech["speaker"]) or ""
        for proposal in item["proposals"]:
            proposal["proposer"] = roster.person(proposal.get("proposer_id"), proposal["proposer"])
            proposal["seconder"] = roster.person(proposal.get("seconder_id"), proposal["seconder"])
            for vote in proposal["votes"]:
                for ballot in vote.get("ballots", ()):
                    ballot["name"] = roster.person(ballot["participant_id"], ballot["name"]) or ""
    # An item's actions are the same objects as the meeting's in a record (not in a copy): mask each once.
    masked: set[int] = set()
    for action in [*out["actions"], *(a for item in out["agenda"] for a in item["actions"])]:
        if id(action) not in masked:
            masked.add(id(action))
            action["owner_party"] = roster.owner_party(action.get("owner_party"))
            action["owner_person"] = roster.owner_person(action.get("owner_person"))
            action["owner"] = " ".join(x for x in (action["owner_party"], action["owner_person"]) if x)
    for objection in out.get("objections", ()):
        objection["name"] = objector_name(objection, people.get(objection.get("participant_id")))
        objection["answered_by"] = roster.owner_party(objection.get("answered_by"))
    if out.get("status") == "published":
        out["status"] = "closed"
    return out
