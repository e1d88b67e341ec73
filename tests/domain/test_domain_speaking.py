"""Speaking time by person and by party."""

from yiting.domain import Spoken, speaking_time


def test_totals_by_person_and_party_longest_first():
    time = speaking_time([Spoken(1, "居民", 95), Spoken(2, "物业公司", 40.4), Spoken(1, "居民", 30),
                          Spoken(3, "居民", 0), Spoken(4, "", 12), Spoken(2, "物业公司", 100)])
    assert [(s.key, s.seconds, s.speeches) for s in time.by_person] == [(2, 140, 2), (1, 125, 2), (4, 12, 1),
                                                                        (3, 0, 1)]
    assert [(s.key, s.seconds, s.speeches) for s in time.by_party] == [("物业公司", 140, 2), ("居民", 125, 3),
                                                                       ("", 12, 1)]
    assert time.seconds == 277


def test_no_speeches_no_time():
    time = speaking_time([])
    assert (time.by_person, time.by_party, time.seconds) == ([], [], 0)
