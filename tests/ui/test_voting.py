"""Voting: quorum first, show of hands with keys, roll call, paper ballot, corrections."""

from __future__ import annotations

from ui_meetings import with_proposal

from yiting.desk import Desk
from yiting.store import queries
from yiting.store.db import connect
from yiting.ui.app import YitingApp
from yiting.ui.screens.confirm import ConfirmScreen
from yiting.ui.screens.console import ConsoleScreen
from yiting.ui.screens.form import FormScreen
from yiting.ui.screens.voting import VotingScreen


async def test_show_of_hands_counts_and_result(meetings_db, step_clock):
    path, ids = meetings_db
    proposal_id = with_proposal(path, ids, step_clock)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, VotingScreen)
        await pilot.press("o")
        await pilot.pause()
        assert app.screen.stage == "open"
        await pilot.press("y", "y", "n", "a", "a", "A")
        await pilot.pause()
        assert app.screen.query_one("#tally-yes").value == "2"
        assert app.screen.query_one("#tally-abstain").value == "1"
        await pilot.press("y", "y")  # the second would make 6 votes of 5 present: refused
        await pilot.pause()
        assert app.screen.vote["yes"] == 3
        await pilot.press("c", "enter")
        await pilot.pause()
        assert app.screen.stage == "closed"
        assert "通过" in str(app.screen.query_one("#vote-result").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
    db = connect(path)
    assert queries.proposals(db, ids["item"])[0]["status"] == "adopted"
    assert queries.votes(db, proposal_id)[0]["explanation"].startswith("赞成 3 票")


async def test_no_quorum_offers_a_consultative_vote(meetings_db, step_clock):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock, undo_checkins=3)  # 2 of 6 present, quorum is half
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v", "o")
        await pilot.pause()
        # Letting the quorum go needs a one-line reason, like every other rule let go.
        assert isinstance(app.screen, FormScreen)
        await pilot.press("enter")  # no reason: refused, the dialog stays
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"人没到齐，先听听意见", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, VotingScreen) and screen.vote["consultative"] == 1
        assert "仅供参考" in str(screen.query_one("#vote-quorum").render())


async def test_roll_call_one_key_each(meetings_db, step_clock):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v", "right", "o")  # method: roll call
        await pilot.pause()
        screen = app.screen
        assert screen.vote["method"] == "roll_call"
        await pilot.press("y", "n", "y", "a", "y")
        await pilot.pause()
        assert (screen.vote["yes"], screen.vote["no"], screen.vote["abstain"]) == (3, 1, 1)
        await pilot.press("c", "enter")
        await pilot.pause()
        assert screen.stage == "closed"
    db = connect(path)
    vote = queries.votes_of_meeting(db, ids["live"])[0]
    assert len(queries.ballots(db, vote["id"])) == 5


async def test_paper_ballot_refuses_more_votes_than_present_then_corrects(meetings_db, step_clock):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v", "right", "right", "o")  # paper ballot
        await pilot.pause()
        screen = app.screen
        assert screen.vote["method"] == "paper_ballot"
        await pilot.press("ctrl+u", "9", "ctrl+s")
        await pilot.pause()
        assert "9" in str(screen.query_one("#paper-error").render())
        await pilot.press("ctrl+u", "2", "tab", "ctrl+u", "3", "ctrl+s")
        await pilot.pause()
        assert (screen.vote["yes"], screen.vote["no"]) == (2, 3)
        await pilot.press("c", "enter")
        await pilot.pause()
        assert screen.stage == "closed" and not screen.vote["passed"]
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+u", "4", "enter", "ctrl+u", "1", "enter", "enter", *"漏记两张票", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.vote["corrects_vote_id"] is not None and screen.vote["passed"] == 1
    db = connect(path)
    votes = queries.votes_of_meeting(db, ids["live"])
    assert [v["status"] for v in votes] == ["closed", "closed"]
    assert votes[0]["no"] == 3 and votes[1]["correction_reason"] == "漏记两张票"


async def test_owners_vote_by_roll_call_shows_area_and_heads(meetings_db, step_clock):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v", "2", "tab", "5", "o")  # roll call, art. 278 ordinary majority
        await pilot.pause()
        screen = app.screen
        assert screen.vote["rule"] == "art278_general" and screen.owners_vote
        assert screen.query_one("#roll-call").row_count == 2  # 钱秀英 and 周海 have floor areas
        await pilot.press("y", "y", "c", "enter")
        await pilot.pause()
        assert screen.vote["yes_area"] == 180.5 and screen.vote["passed"] == 1
        assert "180.5" in screen.query_one("#tally-yes").note
        assert "m²" in str(screen.query_one("#vote-result").render())


async def test_owners_paper_ballot_needs_the_areas(meetings_db, step_clock):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v", "3", "tab", "5", "o")  # paper ballot, art. 278 ordinary majority
        await pilot.pause()
        screen = app.screen
        assert screen.owners_vote and screen.query_one("#paper-yes_area").display
        await pilot.press("ctrl+u", "2", "ctrl+s")  # two in favour but no area: refused
        await pilot.pause()
        assert str(screen.query_one("#paper-error").render())
        await pilot.press("tab", *"180.5", "ctrl+s", "c", "enter")
        await pilot.pause()
        assert screen.stage == "closed" and screen.vote["yes_area"] == 180.5


async def test_after_a_consultative_vote_the_proposal_can_be_voted_again(meetings_db, step_clock):
    path, ids = meetings_db
    proposal_id = with_proposal(path, ids, step_clock, undo_checkins=3)
    db = connect(path)
    desk = Desk(db, clock=step_clock)
    vote = desk.open_vote(proposal_id, consultative=True)
    desk.close_vote(vote["id"])
    for name in ("赵德明", "钱秀英", "孙建国"):
        desk.check_in(ids[name])
    db.conn.close()
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert app.screen.stage == "setup"
        await pilot.press("o")
        await pilot.pause()
        assert app.screen.stage == "open" and app.screen.vote["consultative"] == 0


def shown(screen, selector: str) -> bool:
    return any(widget.display for widget in screen.query(selector))


def footer_actions(screen) -> set[str]:
    from textual.widgets._footer import FooterKey

    return {key.action for key in screen.query(FooterKey)}


async def test_a_count_from_another_window_shows_and_the_key_bar_follows_the_stage(meetings_db, step_clock):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v", "o", "y")
        await pilot.pause()
        screen = app.screen
        assert "count('yes', 1)" in footer_actions(screen) and "correct" not in footer_actions(screen)
        other = connect(path)  # a note-taker's window counts the hands at the back of the room
        desk = Desk(other, clock=step_clock)
        desk.adjust_count(screen.vote["id"], "yes")
        desk.adjust_count(screen.vote["id"], "no")
        app.watch_database()
        await pilot.pause()
        assert screen.query_one("#tally-yes").value == "2" and screen.query_one("#tally-no").value == "1"
        await pilot.press("y")  # counting here goes on from the record, not from what was shown
        await pilot.pause()
        assert screen.query_one("#tally-yes").value == "3"
        desk.close_vote(screen.vote["id"])
        other.conn.close()
        app.watch_database()
        await pilot.pause()
        assert screen.stage == "closed" and "通过" in str(screen.query_one("#vote-result").render())
        assert "correct" in footer_actions(screen) and "count('yes', 1)" not in footer_actions(screen)
        await pilot.press("y")  # the vote is closed: the key counts nothing
        await pilot.pause()
        assert screen.query_one("#tally-yes").value == "3"


async def test_a_cancelled_vote_returns_to_the_setup_as_it_was_chosen(meetings_db, step_clock):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v", "3", "o")  # paper ballot
        await pilot.pause()
        screen = app.screen
        assert shown(screen, "#paper") and not shown(screen, "#vote-setup")
        assert screen.focused is screen.query_one("#paper-yes")
        await pilot.press("ctrl+s", "x", *"开错了", "enter")  # saved (all 0), then called off
        await pilot.pause()
        assert screen.stage == "setup" and shown(screen, "#vote-setup") and not shown(screen, "#paper")
        assert screen.query_one("#vote-method").value == "paper_ballot"
        assert "open_vote" in footer_actions(screen)
        await pilot.press("tab", "shift+tab", "o")  # the same method again: a fresh form
        await pilot.pause()
        assert screen.stage == "open" and screen.query_one("#paper-yes").value == "0"
        await pilot.press("ctrl+u", "3", "ctrl+s")
        await pilot.pause()
        assert screen.vote["yes"] == 3 and shown(screen, "TallyBoard")


async def test_paper_ballot_does_not_close_on_stale_counts(meetings_db, step_clock):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v", "right", "right", "o")  # paper ballot
        await pilot.pause()
        screen = app.screen
        await pilot.press("ctrl+u", "3", "tab", "ctrl+u", "1", "ctrl+s")
        await pilot.pause()
        assert (screen.vote["yes"], screen.vote["no"]) == (3, 1)
        await pilot.press("shift+tab", "ctrl+u", "9")  # more than present: saving it is refused
        screen.set_focus(None)
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert screen.stage == "open" and screen.vote["yes"] == 3
        assert str(screen.query_one("#paper-error").render())  # the refusal is shown
        await pilot.press("ctrl+u", "4", "ctrl+s", "c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # closing asks first
        await pilot.press("n")
        await pilot.pause()
        assert screen.stage == "open"
        await pilot.press("c", "enter")
        await pilot.pause()
        assert screen.stage == "closed" and screen.vote["yes"] == 4


async def test_consultative_vote_is_marked_in_result_and_header(meetings_db, step_clock):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    db = connect(path)
    desk = Desk(db, clock=step_clock)
    for name in ("赵德明", "钱秀英", "孙建国", "李桂兰"):
        desk.undo_check_in(ids[name])
    db.conn.close()
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("v", "o")
        await pilot.pause()
        await pilot.press(*"先听意见", "enter", "y", "c", "enter")
        await pilot.pause()
        screen = app.screen
        assert screen.stage == "closed"
        assert str(screen.query_one("#vote-quorum").render()).startswith("【仅供参考】")
        assert "仅供参考" in str(screen.query_one("#vote-result").render())


async def test_english_results_are_in_english(meetings_db, step_clock):
    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    app = YitingApp(path, lang="en", clock=step_clock, poll=False)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("v", "o", "y", "y", "n", "c", "enter")
            await pilot.pause()
            result = str(app.screen.query_one("#vote-result").render())
            assert "ADOPTED" in result and "通过" not in result
            await pilot.press("escape")
            await pilot.pause()
            outcomes = str(app.screen.query_one("#outcomes").render())
            assert "通过" not in outcomes
    finally:
        from yiting.i18n import set_language

        set_language("zh")
