"""Set-up: facts, rules, the roster in one line a person, the agenda with time boxes."""

from __future__ import annotations

import pytest

from yiting.desk import Desk
from yiting.errors import InvalidInput
from yiting.store import queries
from yiting.store.db import connect
from yiting.ui.app import YitingApp
from yiting.ui.screens.checkin import CheckinScreen
from yiting.ui.screens.confirm import ReportScreen
from yiting.ui.screens.console import ConsoleScreen
from yiting.ui.screens.setup import SetupScreen, parse_item_line, parse_person_line


def test_parse_lines():
    assert parse_person_line("王芳 业主 3-2-501 89.5") == {"name": "王芳", "party": "业主", "building": "3-2-501",
                                                          "area_m2": "89.5"}
    assert parse_person_line("马佳 社区工作者 列席")["voting"] is False
    assert parse_person_line("王秀兰 居民 3号楼 单位：税务局 公开姓名") == {
        "name": "王秀兰", "party": "居民", "building": "3号楼", "employer": "税务局", "named": True}
    assert parse_person_line("周工 自然资源局 公开身份")["official"] is True
    assert parse_person_line("令狐冲冲 物业公司 不公开") == {"name": "令狐冲冲", "party": "物业公司", "named": False,
                                                           "official": False}
    assert parse_item_line("北门拓宽 15") == ("北门拓宽", "15")
    assert parse_item_line("楼道照明") == ("楼道照明", 10)


async def open_setup(app, pilot, meeting_id):
    app.show_setup(meeting_id)
    await pilot.pause()
    assert isinstance(app.screen, SetupScreen)


async def test_roster_agenda_and_rules(quiet_db, step_clock):
    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_setup(app, pilot, ids["draft"])
        await pilot.press("f4")
        await pilot.press(*"王芳 业主 3-2-501 -5", "enter")
        await pilot.pause()
        assert "-5" in str(app.screen.query_one("#e-person").render())
        await pilot.press("ctrl+u", *"王芳 业主 3-2-501 89.5", "enter")
        await pilot.press(*"马佳 社区工作者 列席", "enter")
        await pilot.pause()
        await pilot.press("f5")
        await pilot.press(*"楼道照明 abc", "enter")
        await pilot.press(*"消防通道 20", "enter")
        await pilot.pause()
        table = app.screen.query_one("#agenda-table")
        assert table.row_count == 3
        table.focus()
        await pilot.press("left_square_bracket")  # the last item moves up one
        await pilot.pause()
        await pilot.press("f3")
        await pilot.press("ctrl+u", *"180", "ctrl+s")
        await pilot.pause()
        await pilot.press("f2", "ctrl+u", *"北门拓宽现场议事会", "ctrl+s")
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
    db = connect(path)
    people = queries.participants(db, ids["draft"])
    assert [p["name"] for p in people][-2:] == ["王芳", "马佳"]
    assert people[-2]["area_m2"] == 89.5 and people[-1]["voting"] == 0
    assert [i["title"] for i in queries.agenda(db, ids["draft"])] == ["北门拓宽到 9.6 米", "消防通道", "楼道照明 abc"]
    assert queries.agenda(db, ids["draft"])[1]["timebox_minutes"] == 20
    meeting = queries.row(db, "meetings", ids["draft"])
    assert '"speech_seconds": 180' in meeting["rules"] and meeting["title"] == "北门拓宽现场议事会"


async def test_import_roster_from_csv(quiet_db, step_clock, tmp_path):
    path, ids = quiet_db
    csv = tmp_path / "roster.csv"
    csv.write_text("姓名,身份,楼栋,面积\n刘红,业主,7-1,76\n,业主,7-2,80\n", encoding="utf-8")
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_setup(app, pilot, ids["draft"])
        await pilot.press("ctrl+l", *str(csv), "enter")
        await pilot.pause()
        # The refused line is listed, with its number and why, as the CLI lists it.
        report = app.screen
        assert isinstance(report, ReportScreen)
        assert "1 行未导入" in report.question
        assert "第 3 行" in report.detail and "姓名" in report.detail
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("ctrl+l", *str(tmp_path / "missing.csv"), "enter")
        await pilot.pause()
        assert "missing.csv" in str(app.screen.query_one("#e-path").render())
    db = connect(path)
    assert "刘红" in [p["name"] for p in queries.participants(db, ids["draft"])]


async def test_roster_shows_each_person_as_residents_will_and_the_facilitator_changes_it(quiet_db, step_clock):
    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_setup(app, pilot, ids["draft"])
        await pilot.press("f4")
        await pilot.press(*"王秀兰 居民 3号楼 单位:税务局")
        await pilot.pause()
        preview = str(app.screen.query_one("#person-preview").render())
        assert "王**" in preview and "单位 税务局" in preview and "王秀兰（" not in preview
        await pilot.press("enter", *"令狐冲冲 物业公司 单位:腾讯公司", "enter")
        await pilot.press(*"王秀兰 业委会 5号楼 不公开", "enter")
        await pilot.pause()
        table = app.screen.query_one("#roster-table")
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        shown = {(r[0], r[2]): r[1] for r in rows}
        assert shown[("王秀兰", "居民")] == "王**"
        assert shown[("令狐冲冲", "物业公司")] == "令狐冲冲（公职身份）"
        assert shown[("王秀兰", "业委会")] == "王**"  # 不公开 overrides the party's preset
        assert {r[-1] for r in rows} >= {"税务局", "腾讯公司"}, rows  # the employer is kept, shown only here
        # n on the first 王秀兰: she agreed after all; g on 令狐冲冲: here as a private person
        table.focus()
        first = next(i for i, r in enumerate(rows) if r[0] == "王秀兰" and r[2] == "居民")
        table.move_cursor(row=first)
        await pilot.press("n")
        await pilot.pause()
        table.move_cursor(row=next(i for i, r in enumerate(rows) if r[0] == "令狐冲冲"))
        await pilot.press("g")
        await pilot.pause()
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        shown = {(r[0], r[2]): r[1] for r in rows}
        assert shown[("王秀兰", "居民")] == "王秀兰（本人同意）"
        assert shown[("令狐冲冲", "物业公司")] == "令**"
        assert shown[("王秀兰", "业委会")] == "王**"
        # typing n in the roster line is text, not a toggle
        await pilot.press("f4", *"nn")
        await pilot.pause()
        assert app.screen.query_one("#person-line").value == "nn"
    db = connect(path)
    people = {(p["name"], p["party"]): p for p in queries.participants(db, ids["draft"])}
    assert people[("王秀兰", "居民")]["named"] == 1 and people[("王秀兰", "居民")]["employer"] == "税务局"
    assert people[("令狐冲冲", "物业公司")]["official"] == 0 and people[("令狐冲冲", "物业公司")]["employer"] == "腾讯公司"
    assert people[("王秀兰", "业委会")]["official"] == 0


def test_a_negative_time_box_is_refused_not_kept_in_the_title():
    with pytest.raises(InvalidInput) as refused:
        parse_item_line("加装电梯费用分摊 -5")
    assert "-5" in str(refused.value)
    with pytest.raises(InvalidInput):
        parse_item_line("加装电梯 0")
    assert parse_item_line("加装电梯 20分钟") == ("加装电梯", "20")
    assert parse_item_line("3号楼 加装电梯") == ("3号楼 加装电梯", 10)


async def test_setup_saves_typed_facts_before_going_live_and_warns_on_duplicates(quiet_db, step_clock):
    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_setup(ids["draft"])
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        await pilot.press("f4", *"赵德明 居民 9-9", "enter")
        await pilot.pause()
        assert "赵德明" in str(screen.query_one("#e-person").render())  # already on the roster
        await pilot.press(*"李四 居民 501")
        await pilot.pause()
        assert "楼栋 501" in str(screen.query_one("#person-preview").render())
        await pilot.press("ctrl+u", "f5", *"加装电梯费用分摊 -5", "enter")
        await pilot.pause()
        assert "-5" in str(screen.query_one("#e-item").render())
        await pilot.press("f3", "tab", "tab", "tab", "tab", "tab")  # the rules' number of seats
        await pilot.press("f2", "end", "改")
        await pilot.press("ctrl+o")  # not saved with ctrl+s: going live saves it first
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
    db = connect(path)
    assert Desk(db).meeting(ids["draft"])["title"] == "北门拓宽议事会改"


async def test_rules_errors_name_the_field_and_a_quorum_over_the_roster_is_refused(quiet_db, step_clock):
    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_setup(ids["draft"])
        await pilot.pause()
        screen = app.screen
        await pilot.press("f3", "ctrl+u", "0", "ctrl+s")
        await pilot.pause()
        message = str(screen.query_one("#e-rules").render())
        assert "speech_seconds" not in message and "每次发言" in message
        await pilot.press("ctrl+u", *"120")
        screen.query_one("#r-quorum_kind").value = "count"
        screen.query_one("#r-quorum_value").value = "50"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "50" in str(screen.query_one("#e-rules").render())


async def test_a_whole_number_area_typed_in_set_up_is_stored(quiet_db, step_clock):
    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.show_setup(ids["draft"])
        await pilot.pause()
        await pilot.press("f4", *"王秀兰 业主 3号楼1单元 76", "enter")
        await pilot.pause()
        person = [p for p in queries.participants(app.db, ids["draft"]) if p["name"] == "王秀兰"][0]
        assert person["building"] == "3号楼1单元" and person["area_m2"] == 76


async def test_esc_in_set_up_with_unsaved_edits_asks_save_discard_or_stay(quiet_db, step_clock):
    from textual.widgets import Input

    from yiting.ui.screens.confirm import UnsavedScreen
    from yiting.ui.screens.home import HomeScreen
    from yiting.ui.screens.setup import SetupScreen

    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        async def edit_then_esc(title: str):
            app.show_setup(ids["draft"])
            await pilot.pause()
            app.screen.query_one("#m-title", Input).value = title
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, UnsavedScreen)
            assert "基本信息" in app.screen.detail

        await edit_then_esc("改过的标题")
        await pilot.press("escape")  # stay: the edit is still there, unsaved
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#m-title", Input).value == "改过的标题"
        assert app.desk.meeting(ids["draft"])["title"] == "北门拓宽议事会"
        await pilot.press("escape", "d")  # discard: home, nothing saved
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.desk.meeting(ids["draft"])["title"] == "北门拓宽议事会"
        await edit_then_esc("北门拓宽现场会")
        await pilot.press("s")  # save: home, saved
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.desk.meeting(ids["draft"])["title"] == "北门拓宽现场会"
        app.show_setup(ids["draft"])  # nothing changed: Esc goes straight home
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
