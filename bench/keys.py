"""CPU per key, driving the console with Textual's Pilot (headless, 120×40).

    python bench/keys.py yiting DB [--groups main,add] [--serve CLIENTS]
                                                       the console on the large meeting
    python bench/keys.py bare                          a bare app updating one Static per key

Prints JSON {key: [cpu seconds per press, …]} (process CPU: `time.process_time`, which counts
every thread of the process; `thread_time` of the UI thread is given too under "thread:KEY").
Pilot's wall time moves in 20 ms steps (its idle polling), so only CPU is measured. With
--serve, the console's own LAN server (on a thread of its own, as `yiting` runs it) answers
CLIENTS phones polling the meeting's live page every 5 s from another process.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


PROFILE_DIR = os.environ.get("BENCH_PROFILE_KEYS")  # a folder: one pyinstrument profile per key
_profilers: dict = {}


async def _one(pilot, key: str, out: dict, name: str) -> None:
    await pilot.pause()
    profiler = None
    if PROFILE_DIR:
        from pyinstrument import Profiler

        profiler = _profilers.setdefault(name, Profiler(interval=0.0002, async_mode="disabled"))
        profiler.start()
    cpu, thread = time.process_time(), time.thread_time()
    await pilot.press(key)
    await pilot.pause()
    if profiler is not None:
        profiler.stop()
    out.setdefault(name, []).append(time.process_time() - cpu)
    out.setdefault("thread:" + name, []).append(time.thread_time() - thread)


async def bare(presses: int = 30) -> dict:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App):
        BINDINGS = [("x", "bump", "bump")]  # noqa: RUF012 - Textual's own idiom
        count = 0

        def compose(self) -> ComposeResult:
            yield Static("0", id="n")

        def action_bump(self) -> None:
            self.count += 1
            self.query_one("#n", Static).update(str(self.count))

    out: dict = {}
    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        for _ in range(presses):
            await _one(pilot, "x", out, "update one Static")
    return out


async def yiting(db_path: Path, serve: int = 0, groups: tuple[str, ...] = ("main",)) -> dict:
    """Press the keys of `groups` in one console session: "main" (agenda cursor, next/start/end
    speech, tally +1), "add" (the add-speaker dialog) or "duties" (home → the Duties screen, its
    cursor and its party filter; on the ten-year archive). With `serve`, the console's own LAN
    server (on its thread) answers that many phones polling the live page meanwhile."""
    from yiting.store import queries
    from yiting.ui.app import YitingApp
    from yiting.ui.screens.form import FormScreen

    out: dict = {}
    app = YitingApp(db_path, serve=("127.0.0.1", 0) if serve else None)
    clients = None
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        screen = app.screen
        meeting_id = screen.meeting_id
        if serve:
            while not app.server.running:
                if app.server.problem:
                    raise RuntimeError(f"the console's server did not start: {app.server.problem}")
                await pilot.pause(0.1)
            port = app.server.port
            clients = subprocess.Popen(  # noqa: ASYNC220 - starting it is quick; it runs apart
                [sys.executable, str(HERE / "clients.py"), f"http://127.0.0.1:{port}/m/{meeting_id}/live",
                 str(serve), "5", "60"], stdout=subprocess.PIPE, text=True)
            await pilot.pause(6.0)  # every phone has started polling
        try:
            if "main" in groups:
                screen.query_one("#agenda").focus()
                for key in ["down", "up"] * 8:
                    await _one(pilot, key, out, "agenda cursor")
                screen.query_one("#queue").focus()
                for _ in range(8):
                    await _one(pilot, "space", out, "next speaker")
                for _ in range(6):
                    await _one(pilot, "e", out, "end speech")
                    await _one(pilot, "space", out, "start speech")
                proposal = app.db.execute(
                    "SELECT p.id FROM proposals p JOIN agenda_items i ON i.id = p.item_id"
                    " WHERE i.meeting_id = ? AND p.status = 'submitted' ORDER BY p.id DESC LIMIT 1",
                    [meeting_id]).fetchone()
                if proposal is not None:
                    app.show_vote(meeting_id, proposal[0])
                    await pilot.pause()
                    await pilot.press("o")  # open the vote: show of hands, the meeting's rule
                    await pilot.pause()
                    for _ in range(20):
                        await _one(pilot, "y", out, "tally +1")
            if "duties" in groups:  # home, then the Duties screen over every meeting's action items
                await pilot.press("escape")
                await pilot.pause()
                for _ in range(3):
                    await _one(pilot, "d", out, "open duties")
                    await pilot.press("escape")
                    await pilot.pause()
                await pilot.press("d")
                await pilot.pause()
                for key in ["down", "up"] * 8:
                    await _one(pilot, key, out, "duties cursor")
                for _ in range(6):
                    await _one(pilot, "f", out, "duties by party")
            if "add" in groups:
                screen.query_one("#queue").focus()
                people = [p for p in queries.participants(app.db, meeting_id) if p["checked_in_at"]]
                for index in range(5):
                    person = people[(index * 37) % len(people)]
                    for key in ["a", *person["name"], "enter", "enter", "enter"]:
                        await _one(pilot, key, out, "add speaker")
                    if isinstance(app.screen, FormScreen):  # refused (already waiting): leave the form
                        await pilot.press("escape")
                        await pilot.pause()
        finally:
            if clients is not None:
                clients.terminate()
                out["clients"] = clients.communicate(timeout=10)[0]
    return out


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        result = asyncio.run(bare())
    else:
        serve = int(sys.argv[sys.argv.index("--serve") + 1]) if "--serve" in sys.argv else 0
        groups = tuple(sys.argv[sys.argv.index("--groups") + 1].split(",")) if "--groups" in sys.argv else ("main",)
        result = asyncio.run(yiting(Path(sys.argv[2]), serve, groups=groups))
    for name, profiler in _profilers.items():
        Path(PROFILE_DIR, name.replace(" ", "_").replace("+", "plus") + ".txt").write_text(
            profiler.output_text(unicode=True, color=False, show_all=True))
    print(json.dumps(result))
