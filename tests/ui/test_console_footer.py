"""The console's footer draws its keys on its own line: what it draws follows the speech, a
key coming or going lays out only the footer, and a click on a drawn key still works."""

from __future__ import annotations

from rich.cells import cell_len

from yiting.ui.app import YitingApp
from yiting.ui.compat import composed_lines
from yiting.ui.widgets.console_footer import ConsoleFooter

SPEAKING = "space 下一位 a 登记 e 结束发言 p 暂停"


def drawn(app) -> str:
    """The footer's line as it is on the screen (the bottom line of the composed screen)."""
    strips = composed_lines(app.screen)
    return strips[-1].text.rstrip()


def x_of(app, label: str) -> int:
    line = drawn(app)
    assert label in line, line
    return cell_len(line[:line.index(label)])


async def test_the_drawn_keys_follow_start_end_and_pause(meetings_db, step_clock):
    path, _ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert drawn(app).startswith(SPEAKING)
        layouts = []
        screen = app.screen
        lay_out = screen._refresh_layout  # Textual internal: a layout of the whole screen
        screen._refresh_layout = lambda *a, **k: (layouts.append(1), lay_out(*a, **k))[1]

        await pilot.press("e")
        await pilot.pause()
        assert drawn(app).startswith("space 下一位 a 登记 m ")
        assert "结束发言" not in drawn(app) and "暂停" not in drawn(app)
        assert "e" not in [key for key, _ in shown_keys(screen)]

        await pilot.press("space")
        await pilot.pause()
        assert drawn(app).startswith(SPEAKING)

        await pilot.press("p")
        await pilot.pause()
        assert drawn(app).startswith("space 下一位 a 登记 e 结束发言 p 继续")

        await pilot.press("p")
        await pilot.pause()
        assert drawn(app).startswith(SPEAKING)
        assert layouts == []  # keys came and went four times without laying the screen out


def shown_keys(screen) -> list[tuple[str, str]]:
    footer = screen.query_one(ConsoleFooter)
    return [(key.key, key.description) for key in footer.children if key.display]


async def test_a_click_on_a_drawn_key_presses_it(meetings_db, step_clock):
    path, _ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.running is not None
        assert await pilot.click(ConsoleFooter, offset=(x_of(app, "p 暂停") + 2, 0))
        await pilot.pause()
        assert screen.running["status"] == "paused"
        assert "p 继续" in drawn(app)

        # After the keys moved: e, then space (the first key), where they are drawn now.
        assert await pilot.click(ConsoleFooter, offset=(x_of(app, "e 结束发言"), 0))
        await pilot.pause()
        assert screen.running is None
        assert "结束发言" not in drawn(app)
        assert await pilot.click(ConsoleFooter, offset=(1, 0))
        await pilot.pause()
        assert screen.running is not None
        assert drawn(app).startswith(SPEAKING)

        # Past the last key: nothing happens.
        assert await pilot.click(ConsoleFooter, offset=(118, 0))
        await pilot.pause()
        assert screen.running is not None


async def test_the_mouse_over_a_key_shows_it_hovered(meetings_db, step_clock):
    path, _ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(ConsoleFooter)
        before = composed_lines(app.screen)[-1]
        x = x_of(app, "a 登记")
        await pilot.hover(ConsoleFooter, offset=(x, 0))
        await pilot.pause()
        await pilot.pause()
        hovered = [key.key for key in footer.children if key.mouse_hover]
        assert hovered == ["a"]
        after = composed_lines(app.screen)[-1]
        assert after.text == before.text
        assert cell_style(after, x) != cell_style(before, x)  # FooterKey's :hover style


def cell_style(strip, x: int):
    return next(iter(strip.divide([x, x + 1])[1])).style
