"""The console's space: the queue sized to its rows, the outcomes taking the rest, reached by tab
and scrolled by keys."""

from __future__ import annotations

from textual.widgets import DataTable

from yiting.desk import Desk
from yiting.store.db import connect
from yiting.ui.app import YitingApp
from yiting.ui.screens.console import top_height


def add_tasks(path, ids, clock, n: int) -> list[str]:
    db = connect(path)
    desk = Desk(db, clock=clock)
    tasks = [f"第{i}项任务：清理{i}号楼道杂物" for i in range(1, n + 1)]
    for task in tasks:
        desk.add_action(ids["live"], task, owner_party="物业公司", due="2025-10-01")
    db.conn.close()
    return tasks


async def test_outcomes_are_reached_by_tab_and_scrolled_by_keys_at_80x24(meetings_db, step_clock):
    path, ids = meetings_db
    tasks = add_tasks(path, ids, step_clock, 15)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#outcomes-box")
        reached = []
        for _ in range(3):
            await pilot.press("tab")
            await pilot.pause()
            reached.append(app.focused.id)
        # agenda, queue and outcomes, each in turn
        assert set(reached) == {"agenda", "queue", "outcomes-box"}
        while app.focused is not box:
            await pilot.press("tab")
            await pilot.pause()
        assert box.max_scroll_y > 0  # more tasks than lines: it scrolls
        await pilot.press("home")
        await pilot.pause()
        assert box.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert box.scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y
        shown = str(box.query_one("#outcomes").render())
        assert tasks[-1] in shown
        # the outcomes panel holds at least a few lines at 80×24
        assert box.size.height >= 5


async def test_queue_is_sized_to_its_rows_and_the_outcomes_take_the_rest_at_120x40(meetings_db, step_clock):
    path, _ = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        queue = screen.query_one("#queue", DataTable)
        box = screen.query_one("#outcomes-box")
        assert queue.row_count == 2
        # border, header and room for three names: not twenty-five empty lines under two
        assert queue.outer_size.height == 2 + 1 + 3
        # everything under the top is the outcomes' (header, status line and footer aside)
        body = screen.query_one("#console-body")
        assert body.outer_size.height + box.outer_size.height == 40 - 3
        assert box.outer_size.height > 20


def test_top_and_outcomes_share_the_room():
    assert top_height(21, 12, 7) == 12  # both fit: the top gets what it needs
    assert top_height(21, 30, 7) == 14  # a long queue: the outcomes keep their lines (a third)
    assert top_height(21, 12, 40) == 12  # many outcomes: they scroll, the top stays whole
    assert top_height(37, 40, 6) == 31
    assert top_height(8, 30, 30) == 10  # tiny terminal: at least one queue row
