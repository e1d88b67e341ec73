"""Who is named to residents, person by person: the rule itself (README "Privacy"), pure.

A person is shown by name when they agreed to be (`named`) or take part in an official capacity
(`official`); everyone else as the first character and a fixed mask (`李**`), whatever the length
of the name. Typed text naming an action's owner is shown as a roster of the meeting allows.
`publish/privacy.py` applies this to what is published; the desk applies it to text it writes
into the record on its own (the follow-up item), which is published as it stands.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

MASK = "**"


def mask(name: str | None) -> str:
    """`李桂兰` → `李**`: the first character and a fixed mask."""
    text = (name or "").strip()
    return text[:1] + MASK if text else ""


def is_named(person: Mapping[str, Any]) -> bool:
    """True when residents may see this person's name: they agreed, or they take part in an
    official capacity. `person` is a roster row or a record's participant."""
    return bool(person.get("named") or person.get("official"))


def shown_name(person: Mapping[str, Any] | None) -> str:
    """How residents see a person: their name, or masked (`王**`). The one place that decides."""
    if not person:
        return ""
    name = (person.get("name") or "").strip()
    return name if is_named(person) else mask(name)


class Roster:
    """A meeting's people as the public sees them: by id, and for text that names someone.
    `parties` are the names of bodies (the presets' parties); the roster's own parties join them."""

    def __init__(self, people: Iterable[Mapping[str, Any]], parties: Iterable[str] = ()) -> None:
        self.by_id: dict[Any, str] = {}
        self._named_by_name: dict[str, bool] = {}
        known = set(parties)
        for person in people:
            self.by_id[person["id"]] = shown_name(person)
            name = (person.get("name") or "").strip()
            # The same name, different choices: text naming them (an owner) names neither.
            self._named_by_name[name] = self._named_by_name.get(name, True) and is_named(person)
            if person.get("party"):
                known.add(person["party"].strip())
        self._parties = known

    def person(self, person_id: Any, name: str | None = None) -> str | None:
        """A person the record names by id (a speaker, proposer, voter)."""
        if person_id in self.by_id:
            return self.by_id[person_id]
        return None if name is None else mask(name)  # not on the roster: nobody agreed

    def owner_person(self, text: str | None) -> str:
        """An action's owner person (typed): named only if everyone of that name on the roster
        is; not on the roster, masked unless it names a party."""
        text = (text or "").strip()
        if not text:
            return ""
        if text in self._named_by_name:
            return text if self._named_by_name[text] else mask(text)
        return text if text in self._parties else mask(text)

    def owner_party(self, text: str | None) -> str:
        """An action's owner party (typed): a body, shown as typed, unless it is the name of
        someone on the roster who is not named."""
        text = (text or "").strip()
        if text in self._named_by_name and not self._named_by_name[text]:
            return mask(text)
        return text
