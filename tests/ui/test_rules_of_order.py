"""The rules of order in the console: a point of order pauses the speech it interrupts, which
then resumes with the time it had left."""

from __future__ import annotations

from yiting.ui.app import YitingApp
from yiting.ui.screens.console import ConsoleScreen
from yiting.ui.widgets.countdown import Countdown
from yiting.ui.widgets.speaker_queue import SpeakerQueue


async def add_speaker(pilot, name: str, kind_steps: int = 0) -> None:
    await pilot.press("a")
    await pilot.pause()
    await pilot.press(*name, "enter", "enter", *(["right"] * kind_steps), "enter")
    await pilot.pause()


async def test_the_interrupted_speaker_resumes_the_same_speech(meetings_db, step_clock):
    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        speech = screen.running
        assert speech["participant_id"] == ids["钱秀英"]  # 40 s into her speech
        await add_speaker(pilot, "周海", kind_steps=1)  # a point of order
        assert isinstance(app.screen, ConsoleScreen)
        await pilot.press("space")
        await pilot.pause()
        assert screen.running["participant_id"] == ids["周海"]
        line = str(screen.query_one("#speaker-now").render())
        assert "程序问题：周海" in line and "钱秀英的发言暂停" in line and "第 0 次" not in line
        queue = screen.query_one(SpeakerQueue)
        assert [str(c) for c in queue.get_row_at(0)][1:4] == ["钱秀英", "反对", "续讲 剩1:20"]
        step_clock.advance(seconds=20)
        await pilot.press("e")
        await pilot.pause()
        assert "接着发言：钱秀英" in str(screen.query_one("#speaker-now").render())
        await pilot.press("space")
        await pilot.pause()
        assert screen.running["id"] == speech["id"] and screen.running["status"] == "speaking"
        assert int(screen.query_one(Countdown).remaining) == 80
        assert "第 1 次" in str(screen.query_one("#speaker-now").render())


async def test_setup_sets_a_strict_quorum_in_words_and_refuses_a_long_warning(quiet_db, step_clock):
    from yiting.desk import Desk
    from yiting.store.db import connect

    path, ids = quiet_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_setup(ids["draft"])
        await pilot.pause()
        screen = app.screen
        await pilot.press("f3", "tab", "tab", "ctrl+u", *"200", "ctrl+s")  # warn at 200 s of a 120 s speech
        await pilot.pause()
        assert "200" in str(screen.query_one("#e-rules").render())
        assert Desk(connect(path)).rules(ids["draft"]).warn_seconds == 30
        await pilot.press("ctrl+u", *"30")  # the warning again; the party limit is next
        words = screen.query_one("#r-quorum-words")
        assert "过半数" in str(words.render())
        screen.query_one("#r-quorum_strict").value = "false"  # at least half
        await pilot.pause()
        assert "不少于有表决权者的半数" in str(words.render())
        assert "各方发言时间不设上限" in str(words.render())
        await pilot.press("tab", *"300")  # each party's time on an item: 5 minutes
        await pilot.pause()
        assert "各方（按身份）合计发言不超过 5:00" in str(words.render())
        await pilot.press("ctrl+s")
        await pilot.pause()
    rules = Desk(connect(path)).rules(ids["draft"])
    assert (rules.quorum_strict, rules.warn_seconds, rules.party_seconds) == (False, 30, 300)


async def test_closing_a_roll_call_names_who_has_not_voted_and_asks(meetings_db, step_clock):
    from ui_meetings import with_proposal

    from yiting.ui.screens.confirm import ConfirmScreen

    path, ids = meetings_db
    with_proposal(path, ids, step_clock)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v", "right", "o")  # roll call of the five present
        await pilot.pause()
        screen = app.screen
        await pilot.press("y", "n", "y")  # 赵德明, 钱秀英, 孙建国 vote; 李桂兰 and 周海 not yet
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        detail = str(app.screen.query_one("#confirm-detail").render())
        assert "还有 2 位到会的表决人没有表决：李桂兰、周海" in detail
        await pilot.press("n")  # not yet: the vote stays open
        await pilot.pause()
        assert app.screen is screen and screen.stage == "open"
        await pilot.press("y", "y", "c")
        await pilot.pause()
        assert "没有表决" not in str(app.screen.query_one("#confirm-detail").render())
        await pilot.press("enter")
        await pilot.pause()
        assert screen.stage == "closed" and screen.vote["yes"] == 4


async def test_speaking_time_by_party_and_person_on_the_item_and_the_meeting(meetings_db, step_clock):
    from yiting.ui.screens.speaking_time import SpeakingTimeScreen

    path, ids = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        # 赵德明 (居民) spoke 95 s; 钱秀英 (业主) has been speaking for 40 s, and goes on 20 s more
        step_clock.advance(seconds=20)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, SpeakingTimeScreen)
        item = app.screen.query_one("#time-item")
        rows = [[str(c) for c in item.get_row_at(r)] for r in range(item.row_count)]
        assert rows == [["【居民】", "1:35", "1", "61%"], ["· 赵德明", "1:35", "1", ""],
                        ["【业主】", "1:00", "1", "39%"], ["· 钱秀英", "1:00", "1", ""]]
        assert "共 2:35" in str(app.screen.query_one("#time-item-heading").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
        await pilot.press("f1")
        await pilot.pause()
        table = app.screen.query_one("#help-keys")
        cells = [str(c) for r in range(table.row_count) for c in table.get_row_at(r)]
        assert "发言用时" in cells and "i" in cells


async def test_a_party_past_its_time_is_added_only_with_a_reason(meetings_db, step_clock):
    from yiting.desk import Desk
    from yiting.store.db import connect
    from yiting.ui.screens.form import FormScreen

    path, ids = meetings_db
    db = connect(path)
    desk = Desk(db, clock=step_clock)
    desk.set_rules(ids["live"], {**desk.rules(ids["live"]).to_dict(), "party_seconds": 60}, reason="居民发言太集中")
    db.conn.close()
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "各方每议题1分钟" in str(app.screen.query_one("#console-status").render())
        await add_speaker(pilot, "周海")  # 业主: 钱秀英 has held the floor 40 s of 60, still under
        assert isinstance(app.screen, ConsoleScreen)
        await pilot.press("a", *"赵德明", "enter", "enter", "enter")  # 居民: 95 s already, past 60
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "居民在本议题已发言 1:35" in str(app.screen.query_one("#form-error").render())
        await pilot.press(*"补充车位数据", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
        assert "赵德明" in [w["name"] for w in app.screen.waiting]


async def test_the_command_palette_opens_the_speaking_time_by_its_pinyin_initials(meetings_db, step_clock):
    import pytest
    from textual.command import CommandList
    from ui_meetings import until

    from yiting.ui.screens.speaking_time import SpeakingTimeScreen

    pytest.importorskip("pypinyin", exc_type=ImportError)
    path, _ = meetings_db
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        await pilot.press(*"fyys")  # 发言用时

        def offered() -> bool:
            return any("发言用时" in str(o.prompt) for o in palette.query_one(CommandList).options)

        assert await until(pilot, offered, 10)
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, SpeakingTimeScreen), 10)
