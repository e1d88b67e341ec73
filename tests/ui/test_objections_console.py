"""The objection period in the console: from home (a closed meeting) or the close screen, record
an objection and its answer, set the period, and publish a new version that lists them."""

from __future__ import annotations

from ui_meetings import until

from yiting.desk import Desk
from yiting.store.db import connect
from yiting.ui.app import YitingApp
from yiting.ui.screens.close import CloseScreen
from yiting.ui.screens.form import FormScreen
from yiting.ui.screens.home import HomeScreen
from yiting.ui.screens.objections import ObjectionsScreen


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def test_record_an_objection_and_its_answer_then_publish_a_new_version(quiet_db, step_clock):
    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        table = home.query_one("#meetings")
        table.move_cursor(row=table.get_row_index(str(ids["live"])))
        await pilot.press("y")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ObjectionsScreen)
        assert "还没有登记异议" in text_of(screen, "#objection-none")
        assert "询异期进行中，至 2025-09-19（含）" in text_of(screen, "#objection-period")

        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"座椅离3号楼太近", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        [objection] = Desk(connect(path, readonly=True)).objections(ids["live"])
        assert (objection["text"], objection["name"]) == ("座椅离3号楼太近", "")
        assert screen.query_one("#objection-list").row_count == 1

        await pilot.press("enter")  # answer the one under the cursor
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.press(*"移到广场东侧", "ctrl+s")  # no one named as answering: refused by its field
        await pilot.pause()
        assert app.screen is form and "请填写答复人" in text_of(form, "#e-answered_by")
        form.query_one("#f-answered_by").focus()
        await pilot.press(*"居委会", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        [objection] = Desk(connect(path, readonly=True)).objections(ids["live"])
        assert (objection["answer"], objection["answered_by"]) == ("移到广场东侧", "居委会")
        assert "异议 1 条，已答复 1 条" in text_of(screen, "#objection-period")

        await pilot.press("s")  # the period: where to object
        await pilot.pause()
        app.screen.query_one("#f-contact").focus()
        await pilot.press(*"社区服务中心二楼", "ctrl+s")
        await pilot.pause()
        assert "受理：社区服务中心二楼" in text_of(screen, "#objection-period")

        await pilot.press("p")  # publish again, on the close screen
        await pilot.pause()
        close = app.screen
        assert isinstance(close, CloseScreen)
        minutes = await until(pilot, lambda: close.minutes)
        assert minutes is not None, text_of(close, "#close-state")
        page = (app.site / "m" / str(ids["live"]) / "index.html").read_text(encoding="utf-8")
        assert "座椅离3号楼太近" in page and "移到广场东侧" in page
        assert "收到异议 1 条，均已答复。" in page

        await pilot.press("y")  # and from the close screen back to the objections
        await pilot.pause()
        assert app.screen is screen
        depth = len(app.screen_stack)
        await pilot.press("p")  # back and forth: the two screens, not a growing stack
        await pilot.pause()
        assert isinstance(app.screen, CloseScreen) and len(app.screen_stack) == depth + 1
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen and len(app.screen_stack) == depth


async def test_home_says_why_an_open_or_draft_meeting_has_no_objections(meetings_db, step_clock):
    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if not isinstance(app.screen, HomeScreen):
            app.go_home()
            await pilot.pause()
        table = app.screen.query_one("#meetings")
        table.move_cursor(row=table.get_row_index(str(ids["draft"])))
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("尚未结束" in str(n.message) for n in app._notifications)


async def test_setup_sets_the_period_and_says_why_a_bad_one_is_refused(quiet_db, step_clock):
    from yiting.ui.screens.setup import SetupScreen

    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_setup(ids["draft"])
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        days = screen.query_one("#m-objection_days")
        assert days.value == "7"
        days.value = "100"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "1 到 90" in text_of(screen, "#e-objection_days")
        days.value = "10"
        screen.query_one("#m-objection_contact").value = "社区服务中心二楼"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert text_of(screen, "#e-objection_days") == ""
        period = Desk(connect(path, readonly=True)).objection_period(ids["draft"])
        assert (period["days"], period["contact"]) == (10, "社区服务中心二楼")


async def test_ctrl_z_takes_back_the_objection_just_recorded(quiet_db, step_clock):
    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ObjectionsScreen(ids["live"]))
        await pilot.pause()
        screen = app.screen
        await pilot.press("a", *"登记错了", "ctrl+s")
        await pilot.pause()
        assert screen.query_one("#objection-list").row_count == 1
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert Desk(connect(path, readonly=True)).objections(ids["live"]) == []
        assert "还没有登记异议" in text_of(screen, "#objection-none")
        assert any("已撤销：刚登记的异议" in str(n.message) for n in app._notifications)
