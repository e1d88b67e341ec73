"""The owners' screen: ballots entered over two sittings (quit and reopen), the live panel."""

from __future__ import annotations

from owners_meeting import with_owners_vote

from yiting.store import owners as register
from yiting.store.db import connect
from yiting.ui.app import YitingApp
from yiting.ui.screens.owners import OwnersScreen


def panel(app) -> str:
    return str(app.screen.query_one("#owners-panel").render())


async def test_ballots_over_two_sittings_and_what_is_still_needed(meetings_db, step_clock):
    path, ids = meetings_db
    vote_id = with_owners_vote(path, ids, step_clock)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, OwnersScreen)
        assert "还需 6 户、572.31 m² 参与即达到三分之二" in panel(app)  # 8 heads, 858.46 m²: none back yet
        await pilot.press("c", *"孙立国", "enter", "enter")  # the collector, then now
        await pilot.pause()
        await pilot.press("y", "y", "n")  # 3号楼1单元 101, 102 (the same owner), 201 (co-owners)
        await pilot.pause()
        assert "已交回 3/9 套" in panel(app) and "收票人：孙立国" in panel(app)
        assert "还需 4 户" in panel(app)
    # quit; the second sitting, another day
    step_clock.advance(days=2)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        assert "已交回 3/9 套" in panel(app)
        await pilot.press("y")  # the cursor is on 101, already counted: refused, nothing changes
        await pilot.pause()
        assert "已交回 3/9 套" in panel(app)
        assert any("已经计入" in str(n.message) for n in app._notifications)
        await pilot.press("down", "down", "down", "down", "y", "y", "y", "a")
        await pilot.pause()
        assert "已交回 7/9 套" in panel(app)
        assert "参与表决已达到面积、人数两个三分之二。" in panel(app)
        assert "同意已达到参与者面积、人数的过半数。" in panel(app)  # 5 of 6 heads, 628.22 of 721.62 m²
    db = connect(path)
    ballots = register.unit_ballots(db, vote_id)
    assert len(ballots) == 7 and {b["collected_by"] for b in ballots} == {"孙立国", ""}
    assert ballots[0]["collected_at"][:10] == "2025-09-12" and ballots[-1]["collected_at"][:10] == "2025-09-14"


async def test_an_owners_vote_of_one_building_opened_from_the_owners_screen(meetings_db, step_clock):
    from owners_meeting import UNITS

    from yiting.desk import Desk

    path, ids = meetings_db
    db = connect(path)
    desk = Desk(db, clock=step_clock)
    for building, label, area, owners in UNITS:
        desk.add_unit(ids["live"], label, area, building=building, owners=owners, developer=not owners)
    desk.submit_proposal(ids["item"], "3号楼2单元楼道加装扶手")
    db.conn.close()
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        # rule: ordinary; scope: whole, 3号楼, 3号楼1单元, 3号楼2单元 -> the last; objection period
        await pilot.press("enter", "right", "right", "right", "enter", *"2025-09-30", "enter")
        await pilot.pause()
        assert isinstance(app.screen, OwnersScreen)
        assert "3号楼2单元" in panel(app).splitlines()[0]
        assert "业主总人数 3 人" in panel(app)  # that entrance's three units, three owners
        assert app.screen.query_one("#owners-table").row_count == 3
    vote = register.unit_votes(connect(path), ids["live"])[0]
    assert (vote["scope"], vote["eligible"], vote["objection_until"]) == ("3号楼2单元", 3, "2025-09-30")


async def test_p_prints_the_ballots_and_the_counting_sheet(meetings_db, step_clock, isolated_home):
    from ui_meetings import until

    path, ids = meetings_db
    vote_id = with_owners_vote(path, ids, step_clock)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u", "p")
        folder = isolated_home / "papers"
        ballots = folder / f"meeting-{ids['live']}-vote-{vote_id}-ballots.pdf"
        sheet = folder / f"meeting-{ids['live']}-vote-{vote_id}-counting-sheet.pdf"
        assert await until(pilot, lambda: ballots.exists() and sheet.exists() and any(
            "计票单" in str(n.message) for n in app._notifications))
        assert ballots.read_bytes().count(b"/Type /Page ") == 9  # one A4 a unit


async def test_the_register_imported_added_edited_and_removed_from_the_console(quiet_db, step_clock, tmp_path):
    """At home, u on the draft meeting: i imports a semicolon CSV, + adds a unit, e edits it,
    Delete removes it; each change is in the register at once."""
    path, ids = quiet_db
    csv_file = tmp_path / "units.csv"
    csv_file.write_text("楼栋;房号;面积;业主\n5号楼;101;88.5;王芳\n5号楼;102;90;王芳\n5号楼;201;70;\n", encoding="utf-8")
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one("#meetings")
        table.move_cursor(row=[str(k.value) for k in table.rows].index(str(ids["draft"])))
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, OwnersScreen) and app.screen.meeting_id == ids["draft"]
        await pilot.press("i", *str(csv_file), "enter")
        await pilot.pause()
        assert app.screen.query_one("#owners-table").row_count == 3
        assert "业主总人数 2 人" in panel(app)  # 王芳 twice is one; 201 has no owner recorded: one of its own
        await pilot.press("plus", *"5号楼", "enter", *"202", "enter", *"66.6", "enter", "enter", *"李明", "enter",
                          "enter")
        await pilot.pause()
        assert app.screen.query_one("#owners-table").row_count == 4
        await pilot.press("down", "down", "down", "e", "enter", "enter", "ctrl+u", *"67.25", "ctrl+s")
        await pilot.pause()
        assert "67.25" in str(app.screen.query_one("#owners-table").get_row_at(3))
        await pilot.press("delete")
        await pilot.pause()
    db = connect(path)
    units = register.units(db, ids["draft"])
    assert [(u["label"], u["area_m2"]) for u in units] == [("101", 88.5), ("102", 90.0), ("201", 70.0)]
    events = [e[0] for e in db.execute("SELECT action FROM events WHERE meeting_id = ? ORDER BY seq", [ids["draft"]])]
    assert events[-3:] == ["add_unit", "edit_unit", "remove_unit"] and "import_units" in events


async def test_r_on_a_closed_owners_vote_says_how_it_is_corrected(meetings_db, step_clock):
    from yiting.desk import Desk
    from yiting.ui.screens.voting import VotingScreen

    path, ids = meetings_db
    vote_id = with_owners_vote(path, ids, step_clock)
    db = connect(path)
    desk = Desk(db, clock=step_clock)
    desk.record_unit_ballot(vote_id, register.units(db, ids["live"])[0]["id"], "yes")
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        desk.close_vote(vote_id)  # the count closes at the desk in another window
        db.conn.close()
        app.watch_database()
        await pilot.pause()
        assert isinstance(app.screen, VotingScreen) and app.screen.stage == "closed"
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, VotingScreen)  # no form to type a count into
        assert any("不能更正" in str(n.message) for n in app._notifications)
    assert len(register.unit_votes(connect(path), ids["live"])) == 1
