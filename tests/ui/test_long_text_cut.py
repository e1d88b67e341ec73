"""Long text cut with an ellipsis where it would not fit: meeting titles, agenda status, proposals."""

from __future__ import annotations

from textual.widgets import DataTable

from yiting.desk import Desk
from yiting.store import queries
from yiting.store.db import connect
from yiting.ui.app import YitingApp


async def test_home_list_cuts_long_titles_with_an_ellipsis_and_never_scrolls_sideways(quiet_db, step_clock):
    path, ids = quiet_db
    db = connect(path)
    long_title = "黄河水韵小区长廊议事会：广场假山拆除改造及小区环境问题和停车规划的第二次讨论"
    Desk(db, clock=step_clock).update_meeting(ids["draft"], title=long_title, venue="问题现场：黄河水韵小区北门外的长廊")
    db.conn.close()
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#meetings", DataTable)
        assert table.max_scroll_x == 0  # no sideways scrolling, no sliver of a scrollbar
        titles = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        cut = [title for title in titles if title not in {m["title"] for m in queries.meetings(app.db)}]
        assert cut and all(title.endswith("…") for title in cut)
        assert any(long_title.startswith(title[:-1]) for title in cut)
        # wider, the whole title shows
        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        titles = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        assert long_title in titles


async def test_agenda_status_keeps_its_whole_word_when_an_item_is_taken_up(quiet_db, step_clock):
    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.go_live(ids["draft"])
        await pilot.pause()
        agenda = app.screen.query_one("#agenda", DataTable)
        assert str(agenda.get_row_at(0)[2]) == "待议"
        await pilot.press("o")
        await pilot.pause()
        assert str(agenda.get_row_at(0)[2]) == "讨论中"
        status = agenda.columns[agenda.ordered_columns[2].key]
        assert status.get_render_width(agenda) - 2 * agenda.cell_padding >= 6  # 讨论中 is six cells


async def test_amendment_choice_cuts_a_long_proposal_with_an_ellipsis(meetings_db, step_clock):
    from yiting.ui.widgets.choice import ChoiceBar

    path, ids = meetings_db
    db = connect(path)
    text = "在小区东侧空地建设集中充电棚，安装智能充电桩20个，由物业公司引进运营商建设"
    Desk(db, clock=step_clock).submit_proposal(ids["item"], text, proposer_id=ids["钱秀英"])
    db.conn.close()
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        labels = [label for label, _key in app.screen.query_one("#f-amends", ChoiceBar).options]
        assert labels[-1].endswith("…") and text.startswith(labels[-1][:-1])
