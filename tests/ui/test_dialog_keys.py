"""A dialog's keys repaint only what they change: typing in the add-speaker picker lays the
dialog out only when the list of people grows or shrinks, moving between fields leaves the
tinted console under it alone, and that tint is drawn exactly as Textual draws it."""

from __future__ import annotations

from textual.renderables.background_screen import BackgroundScreen
from textual.visual import RichVisual, Visual
from ui_meetings import after_one_speech, open_add_speaker

from yiting.ui.app import YitingApp
from yiting.ui.screens.base import TintedScreen
from yiting.ui.screens.form import FormScreen
from yiting.ui.widgets.field_error import FieldError


def count_layouts(screen) -> list[int]:
    layouts = [0]
    refresh_layout = screen._refresh_layout

    def counted(*args, **kwargs):
        layouts[0] += 1
        return refresh_layout(*args, **kwargs)

    screen._refresh_layout = counted
    return layouts


async def test_picker_is_as_tall_as_its_people_and_lays_out_only_when_that_changes(meetings_db, step_clock):
    path, _ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        picker = await open_add_speaker(pilot)
        everyone = picker.list.option_count
        assert everyone > 6 and picker.list.outer_size.height == 6  # max-height
        layouts = count_layouts(app.screen)
        await pilot.press("孙")
        await pilot.pause()
        assert picker.list.option_count == 1 and picker.list.outer_size.height == 1
        assert layouts[0] >= 1  # the dialog shrank
        layouts[0] = 0
        await pilot.press(*"建国")
        await pilot.pause()
        assert picker.chosen["name"] == "孙建国"
        assert layouts[0] == 0  # the same one person: nothing moved
        await pilot.press("backspace", "backspace", "backspace")
        await pilot.pause()
        assert picker.list.option_count == everyone and picker.list.outer_size.height == 6


async def test_moving_between_fields_leaves_the_tinted_console_alone(meetings_db, step_clock, monkeypatch):
    path, _ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        drawn = []
        render_strips = TintedScreen.render_strips

        def counted(self, *args):
            drawn.append(1)
            return render_strips(self, *args)

        await pilot.press("孙")
        await pilot.pause()
        monkeypatch.setattr(TintedScreen, "render_strips", counted)
        layouts = count_layouts(app.screen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.focused.id == "f-stance"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.focused.id == "f-kind"
        assert layouts[0] == 0 and not drawn


async def test_tinted_console_is_what_textual_draws(meetings_db, step_clock):
    path, _ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        dialog, console = app.screen, app.screen_stack[-2]
        color, style = dialog.styles.background, dialog.visual_style
        ours = Visual.to_strips(dialog, TintedScreen(console, color, {}), 100, 30, style)
        textuals = Visual.to_strips(dialog, RichVisual(dialog, BackgroundScreen(console, color)), 100, 30, style)
        assert [list(strip) for strip in ours] == [list(strip) for strip in textuals]


async def test_clearing_a_clear_message_costs_no_layout(meetings_db, step_clock):
    path, _ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        error = app.screen.query_one("#form-error", FieldError)
        layouts = count_layouts(app.screen)
        error.update("")
        await pilot.pause()
        assert layouts[0] == 0 and not error.display
        error.update("说明")
        await pilot.pause()
        assert error.display and layouts[0] >= 1
        error.update("")
        await pilot.pause()
        assert not error.display


async def test_the_override_reason_is_asked_for_once_when_a_rule_is_broken(meetings_db, step_clock):
    from textual.widgets import Input

    path, ids = meetings_db
    after_one_speech(path, ids, step_clock)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert not form.query("#f-override_reason")  # not composed until needed
        await pilot.press(*"赵德明", "ctrl+s")
        await pilot.pause()
        assert form.override and form.focused.id == "f-override_reason"
        await pilot.press("enter")  # no reason yet: asked again, not twice
        await pilot.pause()
        assert len(form.query("#f-override_reason")) == 1 and form.focused.id == "f-override_reason"
        assert form.query_one("#f-override_reason", Input).region.height == 1
        await pilot.press(*"补充新情况", "enter")
        await pilot.pause()
        assert app.screen is not form


async def test_picker_list_comes_back_after_nobody_matched(meetings_db, step_clock):
    path, _ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        picker = await open_add_speaker(pilot)
        await pilot.press(*"无此人")
        await pilot.pause()
        assert picker.list.option_count == 0 and picker.list.outer_size.height == 0
        await pilot.press("backspace", "backspace", "backspace", "孙")
        await pilot.pause()
        assert picker.chosen["name"] == "孙建国" and picker.list.outer_size.height == 1


async def test_arrow_keys_in_the_picker_field_choose_another_person(meetings_db, step_clock):
    path, _ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        picker = await open_add_speaker(pilot)
        first, second = picker.shown[0], picker.shown[1]
        assert picker.chosen == first
        await pilot.press("down")
        await pilot.pause()
        assert picker.list.highlighted == 1 and picker.chosen == second
        await pilot.press("up", "up")
        await pilot.pause()
        assert picker.list.highlighted == 0 and picker.chosen == first
