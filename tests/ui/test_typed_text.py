"""Text people typed is shown as typed: `[/]` and `[@click=…]` are never Textual markup.

Every kind of field (names, buildings, proposals, summaries, decisions, tasks, owners, dates,
meeting title, venue, community, agenda titles) holds markup-like text, and the test walks
every screen: a crash (MarkupError) or a live link would fail it.
"""

from __future__ import annotations

from yiting.desk import Desk
from yiting.store import queries
from yiting.store.db import connect
from yiting.ui.app import YitingApp
from yiting.ui.screens.checkin import CheckinScreen
from yiting.ui.screens.close import CloseScreen
from yiting.ui.screens.console import ConsoleScreen
from yiting.ui.screens.form import FormScreen
from yiting.ui.screens.home import HomeScreen
from yiting.ui.screens.setup import SetupScreen
from yiting.ui.screens.voting import VotingScreen

CLOSE = "[/]"
LINK = "[@click=app.quit]x[/]"


def evil_meeting(path, clock) -> dict[str, int]:
    db = connect(path)
    desk = Desk(db, clock=clock)
    draft = desk.create_meeting(f"筹备[/]会 {LINK}", venue=f"亭{CLOSE}", community=LINK,
                                facilitator="马[/]佳", scheduled_at="2025-09-20 19:00")
    desk.add_participant(draft["id"], f"王{CLOSE}芳", party=LINK, building="[b]3-1")
    desk.add_item(draft["id"], f"拆除{CLOSE} 假山", timebox_minutes=10)
    live = desk.create_meeting(f"议事{CLOSE}会 {LINK}", venue=f"长廊{CLOSE}", community=LINK,
                               facilitator=f"马{CLOSE}佳", note_taker=LINK)
    wang = desk.add_participant(live["id"], f"王{CLOSE}芳", party=LINK, building=f"[b]{CLOSE}")
    link = desk.add_participant(live["id"], LINK, party="居民", building="1-1")
    twin = desk.add_participant(live["id"], f"王{CLOSE}芳", party="业主", building="5-2")
    for person in (wang, link, twin):
        desk.check_in(person["id"])
    item = desk.add_item(live["id"], f"拆除{CLOSE} 假山 {LINK}", timebox_minutes=15)
    desk.add_item(live["id"], f"[red]下一个{CLOSE}", timebox_minutes=5)
    desk.open_meeting(live["id"])
    desk.open_item(item["id"])
    desk.queue_speaker(item["id"], link["id"], "con")
    desk.start_speech(item["id"])
    clock.advance(seconds=20)
    speech = db.execute("SELECT id FROM speeches WHERE status = 'speaking'").fetchone()[0]
    desk.end_speech(speech, summary=f"反对{CLOSE} {LINK}")
    desk.queue_speaker(item["id"], twin["id"], "pro")
    desk.queue_speaker(item["id"], wang["id"], "pro")
    desk.start_speech(item["id"])  # 王[/]芳 is speaking when the app starts
    desk.submit_proposal(item["id"], f"拆除{CLOSE} 假山 {LINK}", proposer_id=link["id"])
    decision = desk.record_decision(item["id"], f"决定{CLOSE} {LINK}")
    desk.add_action(live["id"], f"清运{CLOSE}", owner_party=LINK, owner_person=f"郑{CLOSE}",
                    decision_id=decision["id"])
    db.conn.close()
    return {"draft": draft["id"], "live": live["id"], "item": item["id"]}


def shown(widget) -> str:
    return str(widget.render())


async def test_markup_in_every_field_is_shown_literally_on_every_screen(tmp_path, step_clock):
    path = tmp_path / "evil.sqlite"
    connect(path).conn.close()
    ids = evil_meeting(path, step_clock)
    app = YitingApp(path, clock=step_clock, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        console = app.screen
        assert isinstance(console, ConsoleScreen)
        now = shown(console.query_one("#speaker-now"))
        assert f"王{CLOSE}芳" in now
        assert LINK in shown(console.query_one("#outcomes"))
        assert f"拆除{CLOSE}" in shown(console.query_one("#console-status"))
        # Two 王[/]芳 in the queue are told apart by their buildings.
        names = [str(console.query_one("#queue").get_row_at(i)[1]) for i in range(console.query_one("#queue").row_count)]
        assert all("（" in n for n in names if n.startswith("王")), names

        # Dialogs: the summary (whose speech, with markup in the name), help, QR, add speaker.
        for keys in (("s",), ("l",), ("f1",), ("ctrl+r",)):
            await pilot.press(*keys)
            await pilot.pause()
            assert app.screen is not console
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is console
        await pilot.press("a", *"王", "enter")
        await pilot.pause()
        await pilot.press("escape")

        # An action item whose due date is markup: refused by its field, the app keeps going.
        await pilot.press("t", *f"任务{CLOSE}", "enter", *LINK, "enter", *LINK, "enter", *f"下周{CLOSE}", "enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert f"下周{CLOSE}" in shown(form.query_one("#e-due"))
        await pilot.press("escape")
        await pilot.pause()
        # A refusal as a toast: a notification quoting typed text is not markup either.
        app.notify(f"{CLOSE} {LINK}")
        await pilot.pause()

        # A proposal, then the voting screen on it, open to closed.
        await pilot.press("m", *f"改建{CLOSE} 乒乓球台 {LINK}", "ctrl+s")
        await pilot.pause()
        assert app.screen is console
        await pilot.press("v")
        await pilot.pause()
        voting = app.screen
        assert isinstance(voting, VotingScreen)
        assert CLOSE in shown(voting.query_one("#vote-proposal"))
        await pilot.press("o", "y", "y", "c", "enter")
        await pilot.pause()
        assert voting.stage == "closed"
        await pilot.press("escape")
        await pilot.pause()

        # Check-in: a walk-in whose name is markup.
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press(*f"陈{CLOSE}", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()

        # The close screen, then home, then the draft's set-up pages.
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CloseScreen)
        assert LINK in shown(app.screen.query_one("#close-summary"))
        await pilot.press("escape")
        await pilot.pause()
        app.go_home()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        app.show_setup(ids["draft"])
        await pilot.pause()
        for key in ("f3", "f4", "f5", "f2"):
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.is_running  # no [@click=app.quit] ever became a link that ran
    db = connect(path)
    people = [p["name"] for p in queries.participants(db, ids["live"])]
    assert f"陈{CLOSE}" in people
