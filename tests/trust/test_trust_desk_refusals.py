"""The desk refuses what would break the record, with a message: roster changes under an open vote,
a correction while another vote is open, a decision citing another item's vote, ids nobody could
have, text that cannot be stored, a full disk."""

from __future__ import annotations

import pytest

from yiting.desk import Desk
from yiting.errors import InvalidInput, NotFound, YitingError
from yiting.store import queries
from yiting.store.db import memory
from yiting.store.verify import verify


@pytest.fixture
def desk(clock):
    return Desk(memory(), clock=clock, backups=False)


def meeting_with_vote(desk, rule=None, method="show_of_hands"):
    meeting = desk.create_meeting("北门拓宽议事会")
    people = desk.add_participants(meeting["id"], [{"name": n, "area_m2": a} for n, a in
                                                   (("李桂兰", 89.5), ("王建国", 120), ("张秀英", 75))])
    for person in people:
        desk.check_in(person["id"])
    desk.open_meeting(meeting["id"])
    item = desk.add_item(meeting["id"], "北门拓宽到 9.6 米")
    desk.open_item(item["id"])
    proposal = desk.submit_proposal(item["id"], "拓宽北门")
    return meeting, people, item, desk.open_vote(proposal["id"], method, rule)


@pytest.mark.parametrize("change", [{"voting": False}, {"area_m2": None}, {"area_m2": 10}])
def test_the_roster_cannot_change_under_an_open_vote(desk, change):
    """Before: taking a counted voter's vote away (or an owner's area) left a tally above the
    voters present, and the vote could then never be closed."""
    meeting, people, item, vote = meeting_with_vote(desk, "art278_general" if "area_m2" in change else None,
                                                    "roll_call" if "area_m2" in change else "show_of_hands")
    if vote["method"] == "roll_call":
        for person in people:
            desk.cast_ballot(vote["id"], person["id"], "yes")
    else:
        for _ in people:
            desk.adjust_count(vote["id"], "yes")
    with pytest.raises(YitingError) as refused:
        desk.update_participant(people[0]["id"], **change)
    assert refused.value.key == "desk.vote_in_progress_roster"
    desk.update_participant(people[0]["id"], name="李桂兰", voting=True, area_m2=89.5)  # unchanged: fine
    assert desk.close_vote(vote["id"])["passed"] == 1
    desk.update_participant(people[0]["id"], **change)  # once it is closed, fine


def test_a_voter_cannot_leave_the_roster_under_an_open_vote(desk):
    meeting, people, item, vote = meeting_with_vote(desk)  # noqa: RUF059
    late = desk.add_participant(meeting["id"], "刘明")
    desk.check_in(late["id"])
    for _ in range(4):
        desk.adjust_count(vote["id"], "yes")
    with pytest.raises(YitingError, match="表决进行中"):
        desk.remove_participant(late["id"])
    observer = desk.add_participant(meeting["id"], "志愿者", voting=False)
    desk.remove_participant(observer["id"])
    assert desk.close_vote(vote["id"])["yes"] == 4


def test_a_correction_waits_for_the_open_vote(desk):
    """Before: correcting an earlier vote while another was open flipped the item back to
    'discussing', so it could be closed with its vote still open."""
    meeting, people, item, vote = meeting_with_vote(desk)  # noqa: RUF059
    desk.adjust_count(vote["id"], "yes")
    desk.close_vote(vote["id"])
    second = desk.open_vote(desk.submit_proposal(item["id"], "增设减速带")["id"])
    with pytest.raises(YitingError) as refused:
        desk.correct_vote(vote["id"], "漏记一票", 2, 0, 0)
    assert refused.value.key == "desk.vote_still_open"
    assert desk.item(item["id"])["status"] == "voting"
    desk.close_vote(second["id"])
    assert desk.correct_vote(vote["id"], "漏记一票", 2, 0, 0)["corrects_vote_id"] == vote["id"]


def test_a_decision_names_a_vote_on_its_own_item(desk):
    meeting, people, item, vote = meeting_with_vote(desk)  # noqa: RUF059
    desk.adjust_count(vote["id"], "yes")
    desk.close_vote(vote["id"])
    desk.close_item(item["id"])
    other = desk.add_item(meeting["id"], "楼道杂物")
    desk.open_item(other["id"])
    with pytest.raises(InvalidInput):
        desk.record_decision(other["id"], "清理楼道", vote_id=vote["id"])


@pytest.mark.parametrize("bogus", [10**30, -(10**30), float("inf"), float("nan"), "abc", None, "1.5"])
def test_an_id_nobody_could_have_is_not_found(desk, bogus):
    """Before: an id beyond SQLite's integers raised OverflowError out of the desk."""
    meeting, people, item, vote = meeting_with_vote(desk, method="roll_call")
    for call in (lambda: desk.check_in(bogus), lambda: desk.open_item(bogus), lambda: desk.close_vote(bogus),
                 lambda: desk.clear_ballot(vote["id"], bogus)):
        with pytest.raises(NotFound):
            call()
    assert queries.row(desk.db, "meetings", 10**30) is None


@pytest.mark.parametrize("typed", ["\udc80", "王\udcff建国", "\ud800"])
def test_text_that_cannot_be_stored_is_refused_with_a_message(desk, typed):
    """Before: a lone surrogate (a terminal byte decoded with surrogateescape) reached SQLite and
    raised UnicodeEncodeError."""
    meeting = desk.create_meeting("议事会")
    for call in (lambda: desk.create_meeting(typed), lambda: desk.add_participant(meeting["id"], typed),
                 lambda: desk.raise_matter("井盖", description=typed)):
        with pytest.raises(InvalidInput) as refused:
            call()
        assert refused.value.key == "desk.bad_characters"
        assert "无法保存" in refused.value.message() and "cannot be stored" in refused.value.message("en")
    assert verify(desk.db).ok


def test_a_full_disk_refuses_the_step_with_a_message_and_keeps_the_record(tmp_path, clock):
    """Before: SQLite's "database or disk is full" escaped the desk as sqlite3.OperationalError."""
    from yiting.errors import StoreError
    from yiting.store.db import connect

    desk = Desk(connect(tmp_path / "meeting.sqlite"), clock=clock, backups=False)
    meeting = desk.create_meeting("议事会")
    pages = desk.db.execute("PRAGMA page_count").fetchone()[0]
    desk.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full
    before = len(queries.events(desk.db))
    with pytest.raises(StoreError) as refused:
        for n in range(200):
            desk.add_participant(meeting["id"], f"居民{n}" + "长" * 90, address="住址" * 40)
    assert refused.value.key == "store.write_failed" and "没有记录" in refused.value.message()
    assert verify(desk.db).ok
    written = len(queries.events(desk.db))
    assert len(queries.participants(desk.db, meeting["id"])) == written - before
    desk.db.execute("PRAGMA max_page_count = 1073741823")  # space freed
    desk.add_participant(meeting["id"], "王建国")
    assert verify(desk.db).ok
