"""Each of `yiting.ui.compat`'s uses of Textual's private names against stock Textual: a Textual
that moved one of them fails here, by name. (The speaker queue's lines against DataTable's own
are compared line by line in test_speaker_queue.py, the console footer's against Textual's
Footer in test_console_footer.py.)"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Console
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import DataTable, Digits, Footer, Static

from yiting.ui import compat, safe_output


class KeysScreen(Screen):
    BINDINGS: ClassVar = [Binding("x", "shown", "Shown"), Binding("y", "hidden", "Hidden"),
                Binding("z", "dimmed", "Dimmed")]

    def compose(self) -> ComposeResult:
        yield Static("hello there", id="hello")
        yield Digits("1:00", id="digits")
        yield Footer()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return {"hidden": False, "dimmed": None}.get(action, True)


class StockApp(App):
    def get_default_screen(self) -> Screen:
        return KeysScreen()


async def test_composed_lines_are_what_the_screen_shows():
    app = StockApp()
    async with app.run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        lines = compat.composed_lines(app.screen)
        assert compat.composed_height(app.screen) == 6 == len(lines)
        assert all(isinstance(line, Strip) and line.cell_length == 40 for line in lines)
        assert "hello there" in "".join(segment.text for segment in lines[0])


async def test_bindings_table_is_the_nodes_own_and_feeds_the_footer():
    app = StockApp()
    async with app.run_test(size=(60, 6)) as pilot:
        screen = app.screen
        own = [(key, binding.action) for key, binding in compat.node_bindings(screen)]
        assert own[-3:] == [("x", "shown"), ("y", "hidden"), ("z", "dimmed")]  # after Screen's own
        table = compat.binding_table(screen)
        table["x"] = [Binding("x", "shown", "Renamed")]
        screen.refresh_bindings()
        await pilot.pause()
        assert screen.active_bindings["x"].binding.description == "Renamed"
        # Another instance of the class keeps the class's bindings.
        assert compat.binding_table(KeysScreen())["x"][0].description == "Shown"
        # The action state Textual uses: check_action's answer, None (dimmed) kept apart from False.
        assert compat.action_state(app, "shown", screen) is True
        assert compat.action_state(app, "hidden", screen) is False
        assert compat.action_state(app, "dimmed", screen) is None
        assert "y" not in screen.active_bindings and screen.active_bindings["z"].enabled is False


async def test_footer_keys_are_footerkeys_with_their_state():
    app = StockApp()
    async with app.run_test(size=(60, 6)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        assert compat.bindings_ready(footer)
        keys = {key.action: key for key in footer.query(compat.FooterKey)}
        assert {"shown", "dimmed"} <= set(keys) and "hidden" not in keys
        assert compat.footer_key_disabled(keys["dimmed"]) and not compat.footer_key_disabled(keys["shown"])
        style = keys["shown"].rich_style
        compat.forget_rich_style(keys["shown"])
        assert keys["shown"].rich_style == style  # rebuilt the same, not lost


async def test_notifications_are_listed_and_withdrawn():
    app = StockApp()
    async with app.run_test(size=(60, 10)) as pilot:
        app.notify("one")
        app.notify("two")
        await pilot.pause()
        shown = compat.notifications(app)
        assert [n.message for n in shown] == ["one", "two"]
        compat.withdraw_notification(app, shown[0])
        assert [n.message for n in compat.notifications(app)] == ["two"]


async def test_digits_take_a_new_value_and_show_it():
    app = StockApp()
    async with app.run_test(size=(40, 6)) as pilot:
        digits = app.screen.query_one(Digits)
        compat.set_digits(digits, "+0:05")
        await pilot.pause()
        assert digits.value == "+0:05"
        stock = Digits("+0:05")
        assert [line.text for line in digits.render_lines(digits.region.reset_offset)] == \
               [line.text for line in digits.render_lines(digits.region.reset_offset)]
        assert stock.value == digits.value


def test_strip_render_is_wrapped_once_and_cleans_before_rendering():
    safe_output.install()
    safe_output.install()  # a second install wraps nothing more
    render = Strip.render
    assert getattr(render, "_yiting_wrapped", False)
    console = Console(width=40, force_terminal=True, color_system="truecolor")
    strip = Strip([Segment("a\x1b]0;x\x07b\u202ec", None)])
    assert compat.strip_segments(strip)[0].text.startswith("a\x1b")
    out = strip.render(console)
    assert out == "a]0;xbc"  # the ESC, BEL and U+202E gone, the cells kept
    compat.replace_segments(strip, [Segment("same")])
    assert [s.text for s in compat.strip_segments(strip)] == ["same"]


class RowsApp(App):
    def compose(self) -> ComposeResult:
        yield Rows()


class Rows(compat.RowDrawingTable):
    def __init__(self) -> None:
        super().__init__(zebra_stripes=True)
        self.changes = 0

    def rows_changing(self):
        from contextlib import contextmanager

        @contextmanager
        def counted():
            self.changes += 1
            yield

        return counted()


async def test_row_drawing_table_reads_rows_and_styles_as_datatable_keeps_them():
    app = RowsApp()
    async with app.run_test(size=(40, 8)) as pilot:
        table = app.query_one(Rows)
        table.add_column("a", key="a")
        table.add_column("b", key="b")
        table.add_rows([("1", "x"), ("2", "y")])
        await pilot.pause()
        assert table.changes >= 1  # DataTable's idle-time resize ran inside the hook
        values = table.row_values(1)
        assert [values[key] for key in ("a", "b")] == table.get_row_at(1) == ["2", "y"]
        base = table.rich_style
        assert table.row_style(1, base) != table.row_style(0, base)  # zebra stripes
        cursor, _post = table.cell_styles(False, True, (False, False))
        plain, _post = table.cell_styles(False, False, (False, False))
        assert cursor != plain
        assert table.pseudo_state is not None
        assert table.hover_cursor_shown in (True, False)
        compat.scroll_update(table, table.virtual_size)
        assert isinstance(table, DataTable)


class PaletteApp(App):
    COMMANDS: ClassVar = set()  # nothing matches anything
    def get_default_screen(self) -> Screen:
        return KeysScreen()


class Said(compat.TranslatedPalette):
    def no_matches_text(self):
        return "nothing like it"


async def test_the_palette_says_no_matches_in_our_words():
    from textual.command import CommandList

    app = PaletteApp()
    async with app.run_test(size=(60, 12)) as pilot:
        app.push_screen(Said())
        await pilot.pause()
        await pilot.press(*"qqqqzzzz")
        palette = app.screen
        found = []
        for _ in range(200):  # the countdown is Textual's (a few hundred ms)
            await pilot.pause(0.02)
            options = palette.query_one(CommandList)
            found = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
            if found:
                break
        assert found == ["nothing like it"]
