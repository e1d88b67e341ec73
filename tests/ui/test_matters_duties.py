"""The six steps in the console: raise and merge on the Matters screen, sort, take into a meeting,
decide in the meeting's console, follow up and evaluate on the Duties screen; overdue counted on
home as the clock moves past a due date."""

from __future__ import annotations

from datetime import timedelta

from yiting.store import matters as reads
from yiting.store import queries
from yiting.store.db import connect
from yiting.store.verify import verify
from yiting.ui.app import YitingApp
from yiting.ui.screens.duties import DutiesScreen
from yiting.ui.screens.form import FormScreen
from yiting.ui.screens.home import HomeScreen
from yiting.ui.screens.matters import MattersScreen


async def raise_matter(pilot, title, by, building, *, category="5", named=False):
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, FormScreen)
    await pilot.press(*title, "enter", "enter", category, "enter", "enter", *by, "enter", "enter")
    if named:
        await pilot.press("2")
    await pilot.press("enter", *building, "ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, MattersScreen)


def path_text(app) -> str:
    return str(app.screen.query_one("#matter-path").render())


async def test_raise_merge_sort_take_decide_follow_up_evaluate(quiet_db, step_clock):
    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MattersScreen)
        await raise_matter(pilot, "3号楼楼顶漏水", "李桂兰", "3号楼")  # 5: 漏水
        await raise_matter(pilot, "3号楼顶层漏雨", "赵德明", "3号楼", named=True)
        table = app.screen.query_one("#matters-table")
        assert table.row_count == 2
        assert "赵德明" in path_text(app)  # the newest, who agreed to be named, is selected
        # g: the report just raised is the same leak: merged into the first, both raisers kept
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert table.row_count == 1
        shown = path_text(app)
        assert "李**" in shown and "李桂兰" not in shown and "赵德明 (居民, 3号楼)" in shown
        # e: sorted as urgent
        await pilot.press("e", "enter", "4", "ctrl+s")
        await pilot.pause()
        assert "漏水 · 紧急" in path_text(app)
        # t: into the meeting being prepared
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "上会议事" in path_text(app)
        matter_id = int(app.screen.selected()["id"])
        await pilot.press("escape")
        await pilot.pause()
        # the meeting: its item on the matter opened, a decision and an action item written
        app.go_live(ids["draft"])
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ConsoleScreen"
        await pilot.press("down", "o")
        await pilot.pause()
        await pilot.press("d", *"请物业检测楼顶防水并维修", "ctrl+s")
        await pilot.pause()
        await pilot.press("t", *"维修3号楼楼顶防水", "enter", *"物业公司", "enter", *"郑国强", "ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        # the duty: accepted, a progress note, done, judged by show of hands
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DutiesScreen)
        duties = app.screen.query_one("#duties-table")
        keys = [k.value for k in duties.rows]
        duty_id = next(d["id"] for d in app.screen.rows if d["task"] == "维修3号楼楼顶防水")
        duties.move_cursor(row=keys.index(str(duty_id)), animate=False)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("n", *"已进场检测", "ctrl+s")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("v", "ctrl+u", *"15", "enter", "ctrl+u", "4", "enter", "ctrl+u", "1", "ctrl+s")
        await pilot.pause()
        detail = str(app.screen.query_one("#duty-detail").render())
        assert "已进场检测" in detail and "满意 15 · 基本满意 4 · 不满意 1" in detail
    db = connect(path)
    matter = queries.row(db, "matters", matter_id)
    assert matter["status"] == "evaluated"
    path_of = reads.matter_path(db, matter_id, "2025-09-12")
    assert [r["name"] for r in path_of["raisers"]] == ["李桂兰", "赵德明"]
    assert path_of["meetings"][0]["items"][0]["decisions"][0]["text"] == "请物业检测楼顶防水并维修"
    (entry,) = path_of["duties"]
    assert entry["duty"]["accepted_at"] and entry["duty"]["status"] == "done"
    assert [n["text"] for n in entry["notes"]] == ["已进场检测"]
    assert entry["evaluations"][0]["method"] == "show_of_hands"
    assert entry["evaluations"][0]["meeting_id"] == ids["draft"]  # hands counted at the open meeting
    assert verify(db).ok


async def test_overdue_on_home_and_duties_as_the_clock_passes_the_due_date(quiet_db, step_clock):
    path, _ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        matter = app.desk.raise_matter("消防通道堵塞", category="消防")
        app.desk.dispatch_matter(matter["id"], "清理消防通道", owner_party="物业公司", due="2025-09-13")
        await pilot.press("r")
        await pilot.pause()
        title = app.screen.query_one("#overdue-title")
        assert "1 项" in str(title.render())  # the past meeting's action, due 2025-09-05
        step_clock.moment = step_clock.moment.replace(hour=23, minute=59) + timedelta(days=1)
        await pilot.press("r")
        await pilot.pause()
        assert "1 项" in str(title.render())  # due today is not overdue
        step_clock.advance(minutes=2)
        await pilot.press("r")
        await pilot.pause()
        assert "2 项" in str(title.render())
        await pilot.press("d")
        await pilot.pause()
        assert [(d["task"], d["overdue"]) for d in app.screen.rows] == [("清运假山石料", 1), ("清理消防通道", 1)]
        table = app.screen.query_one("#duties-table")
        assert [str(table.get_row_at(i)[1]) for i in range(2)] == ["已逾期 9 天", "已逾期 1 天"]
        # f: one party at a time, then all again
        await pilot.press("f")
        await pilot.pause()
        assert {d["owner_party"] for d in app.screen.rows} == {"物业公司"}
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.party is None and len(app.screen.rows) == 2


async def test_a_new_meeting_offers_the_open_duties_first(quiet_db, step_clock):
    path, _ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", *"十月议事会", "ctrl+s")
        await pilot.pause()
        meeting = max(queries.meetings(app.db), key=lambda m: m["id"])
        first = queries.agenda(app.db, meeting["id"])[0]
        assert first["title"] == "上次议定事项落实情况" and "清运假山石料（物业公司）" in first["description"]
        # in the meeting, the item shows the duties to report on
        app.go_live(meeting["id"])
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert "清运假山石料（物业公司）；期限 2025-09-05；已逾期" in str(app.screen.query_one("#outcomes").render())


async def test_ctrl_z_puts_a_wrong_merge_back(quiet_db, step_clock):
    path, _ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        kept = app.desk.raise_matter("楼道灯不亮", category="照明")
        other = app.desk.raise_matter("电梯异响", category="设施维修")
        app.desk.merge_matters(kept["id"], other["id"])
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.query_one("#matters-table").row_count == 1
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.screen.query_one("#matters-table").row_count == 2


async def test_a_grid_workers_csv_from_the_matters_screen(quiet_db, step_clock, tmp_path):
    path, _ids = quiet_db
    csv = tmp_path / "网格员.csv"
    csv.write_bytes("事项,类别,提出人,身份\n楼道灯不亮,照明,王丽,网格员\n井盖松动,道路,李桂兰,居民\n".encode("gbk"))
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("ctrl+l", *str(csv), "ctrl+s")
        await pilot.pause()
        report = app.screen
        assert report.__class__.__name__ == "ReportScreen"
        assert "第 3 行（井盖松动）未导入" in " ".join(str(w.render()) for w in report.query("Static, Label"))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MattersScreen)
        assert [m["title"] for m in app.screen.rows] == ["楼道灯不亮"]
