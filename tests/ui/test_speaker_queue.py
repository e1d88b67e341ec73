"""The speaker queue draws its rows itself (see SpeakerQueue): every line must be the one
DataTable would draw, with the same row/column under each cell for the mouse, and the rows
must follow the rules' order, the cursor and the mouse through calls, withdrawals and reorders."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable

from yiting.ui.widgets.speaker_queue import SpeakerQueue


class OneQueue(App):
    CSS = "SpeakerQueue { height: 1fr; width: 1fr; }"  # a fixed box, as in the console

    def __init__(self, width: str = "1fr") -> None:
        super().__init__()
        self.width = width
        self.chosen: list[str] = []

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.chosen.append(event.row_key.value)

    def compose(self) -> ComposeResult:
        queue = SpeakerQueue(zebra_stripes=True)
        queue.styles.width = self.width
        yield queue


def entry(i: int, name: str | None = None, spoken: int = 0, kind: str = "normal") -> dict:
    return {"id": i, "participant_id": i, "name": name or f"P{i}", "stance": "pro", "kind": kind,
            "spoken": spoken}


def people(*ids: int) -> list[dict]:
    names = {2: "王芳（3-1）", 3: "王芳（5-2）", 4: "[b]欧阳[/]娜娜", 6: "Tab\tName", 7: "two\nlines"}
    return [entry(i, names.get(i), spoken=i % 3, kind="reply" if i == 5 else "normal") for i in ids]


def drawn_as_datatable(queue: SpeakerQueue) -> list[tuple[int, int]]:
    """Lines (y, x) where the queue's own drawing differs from DataTable's, meta included."""
    queue._clear_caches()  # DataTable's own caches: draw afresh
    differing = []
    for y in range(queue.size.height):
        ours, theirs = queue.render_line(y), DataTable.render_line(queue, y)
        cells_ours = [(ch, seg.style) for seg in ours for ch in seg.text]
        cells_theirs = [(ch, seg.style) for seg in theirs for ch in seg.text]
        if cells_ours != cells_theirs:
            first = next((x for x, (a, b) in enumerate(zip(cells_ours, cells_theirs, strict=False)) if a != b),
                         min(len(cells_ours), len(cells_theirs)))
            differing.append((y, first))
    return differing


def names(queue: SpeakerQueue) -> list[tuple[str, str]]:
    return [(str(queue.get_row_at(i)[0]), str(queue.get_row_at(i)[1])) for i in range(queue.row_count)]


async def test_every_line_is_drawn_as_datatable_draws_it():
    for width in ("1fr", "30"):  # room to spare, and narrower than the table (it scrolls sideways)
        app = OneQueue(width)
        async with app.run_test(size=(70, 12)) as pilot:
            queue = app.query_one(SpeakerQueue)
            queue.show(people(*range(1, 15)))
            await pilot.pause()
            assert drawn_as_datatable(queue) == []  # not focused

            queue.focus()
            queue.move_cursor(row=3)
            await pilot.pause()
            assert drawn_as_datatable(queue) == []  # focused, the cursor on the fourth row

            queue.show(people(*range(2, 15)))  # the first is called: numbers and stripes move
            await pilot.pause()
            assert drawn_as_datatable(queue) == []

            await pilot.hover(SpeakerQueue, offset=(3, 4))  # the mouse's faint cursor
            await pilot.pause()
            assert queue.hover_row == 3
            assert drawn_as_datatable(queue) == []

            queue.scroll_to(x=4, y=queue.max_scroll_y, animate=False)
            await pilot.pause()
            assert queue.scroll_offset.y > 0 and (width == "1fr" or queue.scroll_offset.x == 4)
            assert drawn_as_datatable(queue) == []

            app.theme = "textual-light"  # styles change: the rows keep their text, not their colours
            await pilot.pause()
            assert drawn_as_datatable(queue) == []


async def test_the_rows_follow_calls_withdrawals_reorders_and_new_speakers():
    app = OneQueue()
    async with app.run_test(size=(60, 16)) as pilot:
        queue = app.query_one(SpeakerQueue)
        queue.focus()
        queue.show(people(1, 2, 3, 4, 5))
        await pilot.pause()
        await pilot.press("down", "down")
        assert queue.selected_id == 3

        queue.show(people(2, 3, 4, 5))  # the first speaker is called
        await pilot.pause()
        assert names(queue) == [("1", "王芳（3-1）"), ("2", "王芳（5-2）"), ("3", "[b]欧阳[/]娜娜"), ("4", "P5")]
        assert queue.cursor_row == 2  # the cursor keeps its line

        queue.show(people(2, 4, 5))  # one withdraws
        await pilot.pause()
        assert [name for _, name in names(queue)] == ["王芳（3-1）", "[b]欧阳[/]娜娜", "P5"]

        queue.show(people(5, 2, 4, 7))  # the rules reorder; someone new at the end
        await pilot.pause()
        assert names(queue) == [("1", "P5"), ("2", "王芳（3-1）"), ("3", "[b]欧阳[/]娜娜"), ("4", "two\nlines")]
        assert drawn_as_datatable(queue) == []

        await pilot.press("up", "up")
        assert queue.selected_id == 5
        queue.show([])
        await pilot.pause()
        assert queue.row_count == 0 and queue.selected_id is None


async def test_calling_a_speaker_repaints_the_queue_without_a_layout_of_the_screen():
    app = OneQueue()
    async with app.run_test(size=(60, 16)) as pilot:
        queue = app.query_one(SpeakerQueue)
        queue.show(people(*range(1, 30)))
        await pilot.pause()
        layouts = []
        original = app.screen._refresh_layout

        def counted(*args, **kwargs):
            layouts.append(1)
            return original(*args, **kwargs)

        app.screen._refresh_layout = counted
        queue.show(people(*range(2, 30)))
        await pilot.pause()
        await pilot.pause()
        assert layouts == []
        assert queue.virtual_size.height == 1 + 28
        assert queue.vertical_scrollbar.window_virtual_size == 1 + 28  # the scrollbar follows

        queue.show(people(2, 3))  # few enough to fit: the scrollbar goes, which takes a layout
        await pilot.pause()
        await pilot.pause()
        assert not queue.show_vertical_scrollbar
        assert names(queue) == [("1", "王芳（3-1）"), ("2", "王芳（5-2）")]


async def test_enter_and_a_second_click_choose_the_row_under_the_cursor():
    app = OneQueue()
    chosen = app.chosen
    async with app.run_test(size=(60, 16)) as pilot:
        queue = app.query_one(SpeakerQueue)
        queue.focus()
        queue.show(people(1, 2, 3, 4))
        await pilot.pause()
        queue.show(people(2, 3, 4))
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert chosen == ["3"]
        await pilot.click(SpeakerQueue, offset=(12, 3))  # the third row's name: the cursor moves
        await pilot.pause()
        assert queue.selected_id == 4 and chosen == ["3"]
        await pilot.click(SpeakerQueue, offset=(12, 3))  # and a second click chooses it
        await pilot.pause()
        assert chosen == ["3", "4"]
