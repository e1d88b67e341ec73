"""Speaking time: who held the floor how long, by person and by party (业委会, 物业公司, 居民 …),
so that a meeting can see whether one side spoke far more than the others.

Pure: the caller passes each speech's speaker, party and seconds (a running speech's time so
far), and gets totals back, longest first.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Spoken:
    """One speech: who gave it (any key: a roster id), their party, and its seconds."""

    who: Hashable
    party: str
    seconds: float


@dataclass(frozen=True)
class Share:
    """A person's or a party's total: `seconds` spoken in `speeches` speeches."""

    key: Hashable  # the person (as given) or the party's name
    party: str
    seconds: int
    speeches: int


@dataclass(frozen=True)
class SpeakingTime:
    by_person: list[Share]
    by_party: list[Share]

    @property
    def seconds(self) -> int:
        return sum(share.seconds for share in self.by_party)


def _shares(totals: dict[Hashable, list]) -> list[Share]:
    shares = [Share(key, party, round(seconds), count) for key, (party, seconds, count) in totals.items()]
    # Longest first; equal times keep the order in which they first spoke.
    order = {key: i for i, key in enumerate(totals)}
    return sorted(shares, key=lambda s: (-s.seconds, order[s.key]))


def speaking_time(speeches: Iterable[Spoken]) -> SpeakingTime:
    """Each person's and each party's speaking time and number of speeches, longest first.
    Every kind of speech counts (a point of order takes the floor too); a speech with no time
    yet counts as a speech of 0 s. A party left blank is the empty string."""
    people: dict[Hashable, list] = {}
    parties: dict[Hashable, list] = {}
    for speech in speeches:
        seconds = max(0.0, float(speech.seconds or 0))
        party = (speech.party or "").strip()
        for totals, key in ((people, speech.who), (parties, party)):
            entry = totals.setdefault(key, [party, 0.0, 0])
            entry[1] += seconds
            entry[2] += 1
    return SpeakingTime(_shares(people), _shares(parties))
