"""A whole meeting from the home screen to the closed meeting, with keys only."""

from __future__ import annotations

from ui_meetings import until

from yiting.publish.record import meeting_record
from yiting.store.db import connect
from yiting.ui.app import YitingApp
from yiting.ui.screens.checkin import CheckinScreen
from yiting.ui.screens.close import CloseScreen
from yiting.ui.screens.console import ConsoleScreen
from yiting.ui.screens.home import HomeScreen
from yiting.ui.screens.setup import SetupScreen
from yiting.ui.screens.voting import VotingScreen


async def test_a_meeting_from_home_to_closed(empty_db, step_clock):
    app = YitingApp(empty_db, clock=step_clock, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        press = pilot.press
        assert isinstance(app.screen, HomeScreen)
        # A new meeting from the corridor-meeting preset.
        await press("n", *"假山和旱池长廊议事会", "enter", "right", "right", "enter", "right", "enter")
        await press(*"2025-09-12 19:00", "enter", *"富平社区", "enter", *"马佳", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        # Roster and agenda, one line each.
        await press("f4")
        for line in ("赵德明 居民 3-1", "钱秀英 业主 5-2", "孙建国 楼栋长 1-3", "王丽 物业公司 列席"):
            await press(*line, "enter")
        await press("f5", *"假山和旱池如何处理 20", "enter")
        await pilot.pause()
        # Check-in by typing part of the name (pinyin initials: see test_checkin).
        await press("f6")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        for name in ("赵德", "钱", "孙建"):
            await press(*name, "enter")
        step_clock.advance(minutes=2)
        await press("ctrl+o")
        await pilot.pause()
        console = app.screen
        assert isinstance(console, ConsoleScreen)
        # Take up the item, two speakers, one speech each.
        await press("o")
        await press("a", *"赵", "enter", "enter", "enter")
        await press("a", *"钱", "enter", "right", "enter", "enter")
        await pilot.pause()
        assert [w["name"] for w in console.waiting] == ["赵德明", "钱秀英"]
        await press("space")
        step_clock.advance(seconds=70)
        await press("space")
        step_clock.advance(seconds=50)
        await press("e", "s", *"假山年久失修 反对保留", "enter")
        await pilot.pause()
        # A proposal, voted by show of hands.
        await press("m", *"拆除假山 改建休闲座椅和乒乓球台", "enter", *"孙", "enter")
        await press("v")
        await pilot.pause()
        assert isinstance(app.screen, VotingScreen)
        await press("o", "y", "y", "n", "c", "enter")
        await pilot.pause()
        assert app.screen.vote["passed"] == 1
        await press("escape")
        await pilot.pause()
        assert app.screen is console
        # The decision, an action item, the item decided, the meeting closed.
        await press("d", "enter")
        await press("t", *"拆除假山并清运", "enter", *"物业公司", "enter", "enter", *"2025-09-18", "enter")
        await press("x", "enter")
        await press("c")
        await pilot.pause()
        assert isinstance(app.screen, CloseScreen)
        await press("ctrl+o", "enter")
        await pilot.pause()
        assert await until(pilot, lambda: app.screen.minutes)  # published into the site it serves
    db = connect(empty_db)
    meeting_id = db.execute("SELECT id FROM meetings").fetchone()[0]
    record = meeting_record(db, meeting_id)
    assert record["status"] == "published"
    assert record["kind"] == "长廊议事"
    assert record["attendance"] == {"present": 3, "eligible": 3}
    item = record["agenda"][0]
    assert item["status"] == "decided"
    assert [s["speaker"] for s in item["speeches"]] == ["赵德明", "钱秀英"]
    assert [s["seconds"] for s in item["speeches"]] == [70, 50]
    assert item["speeches"][1]["summary"] == "假山年久失修 反对保留"
    proposal = item["proposals"][0]
    assert proposal["proposer"] == "孙建国" and proposal["status"] == "adopted"
    assert proposal["votes"][0]["yes"] == 2 and proposal["votes"][0]["no"] == 1
    assert record["decisions"][0]["text"] == "拆除假山 改建休闲座椅和乒乓球台"
    assert record["actions"][0]["owner_party"] == "物业公司" and record["actions"][0]["due"] == "2025-09-18"
