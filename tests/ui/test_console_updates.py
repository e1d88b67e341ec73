"""The console changes only what a key changed: the tables, the footer and the picker keep the
right rows, keys and options when they are updated in place instead of rebuilt; a change made in
another window is seen."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable
from textual.widgets._footer import FooterKey
from ui_meetings import open_add_speaker

from yiting.store.db import connect
from yiting.ui.app import YitingApp
from yiting.ui.tables import sync_table
from yiting.ui.widgets.speaker_queue import SpeakerQueue


class OneTable(App):
    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("#", key="n")
        table.add_column("name", key="name")


def rows(*names: str) -> list[tuple[str, tuple[str, str]]]:
    return [(name, (str(number), name)) for number, name in enumerate(names, start=1)]


def shown(table: DataTable) -> list[tuple[str, ...]]:
    return [tuple(str(cell) for cell in table.get_row(row.key)) for row in table.ordered_rows]


async def test_sync_table_keeps_the_rows_in_order_through_next_withdraw_and_reorder():
    app = OneTable()
    async with app.run_test() as pilot:
        table = app.query_one(DataTable)
        assert sync_table(table, rows("a", "b", "c", "d", "e"), order_by="n")
        table.move_cursor(row=2)
        await pilot.pause()
        assert not sync_table(table, rows("a", "b", "c", "d", "e"), order_by="n")

        assert sync_table(table, rows("b", "c", "d", "e"), order_by="n")  # the first is called
        assert shown(table) == [("1", "b"), ("2", "c"), ("3", "d"), ("4", "e")]
        assert table.cursor_row == 2  # the cursor stays on its line, as a refill kept it

        assert sync_table(table, rows("b", "d", "e"), order_by="n")  # one is withdrawn
        assert shown(table) == [("1", "b"), ("2", "d"), ("3", "e")]

        assert sync_table(table, rows("e", "b", "d"), order_by="n")  # the rules reorder
        assert shown(table) == [("1", "e"), ("2", "b"), ("3", "d")]

        assert sync_table(table, rows("e", "f", "b", "d", "g"), order_by="n")  # new, one in between
        assert shown(table) == [("1", "e"), ("2", "f"), ("3", "b"), ("4", "d"), ("5", "g")]

        assert sync_table(table, rows("x", "e"))  # without order_by: filled again
        assert shown(table) == [("1", "x"), ("2", "e")]
        assert table.cursor_row == 1  # clamped to the rows left

        assert sync_table(table, [])
        assert shown(table) == []


class OneQueue(App):
    def compose(self) -> ComposeResult:
        yield SpeakerQueue()


def waiting(*ids: int) -> list[dict]:
    return [{"id": i, "participant_id": i, "name": f"P{i}", "stance": "pro", "kind": "normal", "spoken": 0}
            for i in ids]


async def test_a_click_on_the_queue_picks_the_row_shown_after_speakers_were_called():
    app = OneQueue()
    async with app.run_test(size=(60, 20)) as pilot:
        queue = app.query_one(SpeakerQueue)
        queue.focus()
        # Each call moves every row up: the queue reuses each row's drawn cells on its new
        # line, and they must say so to a click.
        for first in range(1, 5):
            queue.show(waiting(*range(first, 12)))
            await pilot.pause()
        await pilot.click(SpeakerQueue, offset=(6, 2))  # header, first row, second row
        await pilot.pause()
        assert queue.cursor_row == 1
        assert queue.selected_id == 5


def footer_keys(screen) -> list[tuple[str, str]]:
    return [(key.key, key.description) for key in screen.query(FooterKey) if key.display]


async def test_the_footer_follows_the_speech_without_being_rebuilt(meetings_db, step_clock):
    path, _ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.pause()
        speaking = footer_keys(screen)
        assert [key for key, _ in speaking][:4] == ["space", "a", "e", "p"]
        await pilot.press("e")
        await pilot.pause()
        assert footer_keys(screen) == [k for k in speaking if k[0] not in ("e", "p")]
        await pilot.press("space")
        await pilot.pause()
        assert footer_keys(screen) == speaking
        await pilot.press("p")
        await pilot.pause()
        assert ("p", "继续") in footer_keys(screen)
        await pilot.press("p")
        await pilot.pause()
        assert footer_keys(screen) == speaking


async def test_typing_on_within_one_name_keeps_the_picker_list(meetings_db, step_clock):
    path, _ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        picker = await open_add_speaker(pilot)
        await pilot.press(*"孙建")
        await pilot.pause()
        first = picker.list.get_option_at_index(0)
        assert picker.chosen["name"] == "孙建国"
        await pilot.press("国")
        await pilot.pause()
        assert picker.list.get_option_at_index(0) is first  # same people: the list was kept
        assert picker.list.option_count == 1 and picker.list.highlighted == 0
        await pilot.press("backspace", "backspace", "backspace", "李")
        await pilot.pause()
        assert picker.chosen["name"] == "李桂兰"


async def test_another_window_is_seen(meetings_db, step_clock):
    from yiting.desk import Desk

    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=True)
    async with app.run_test(size=(120, 40)) as pilot:
        other = connect(path)
        Desk(other, clock=step_clock, actor="note-taker").queue_speaker(ids["item"], ids["周海"], "pro")
        other.conn.close()
        app.watch_database()
        await pilot.pause()
        assert "周海" in [w["name"] for w in app.screen.waiting]
