"""What the start-up figures run under a pseudo-terminal: yiting itself, or the bare baseline app.

    python bench/launch.py yiting [yiting's own arguments…]
    python bench/launch.py bare

Both write `time.monotonic()` (CLOCK_MONOTONIC: the same clock in every process on Linux) to the
file named by BENCH_READY_FILE when Textual's `on_ready` fires, i.e. when the first frame is on
the screen, and then quit after BENCH_EXIT_AFTER seconds (default 0; the idle-CPU and memory
figures let the app run a while). yiting's console has no such hook of its own, so for yiting
the hook is added here by wrapping `YitingApp.on_ready` before the `yiting` command runs: the
app's code is unchanged (the hook we would like in ui/ is described in bench/README.md).
"""

from __future__ import annotations

import os
import sys
import time

_PROFILER = None
if os.environ.get("BENCH_PROFILE"):  # start-up profile, written at the first frame (bench/README.md)
    from pyinstrument import Profiler

    _PROFILER = Profiler(interval=0.0005)
    _PROFILER.start()


def _stamp(app) -> None:
    if _PROFILER is not None and _PROFILER.is_running:
        _PROFILER.stop()
        with open(os.environ["BENCH_PROFILE"], "w") as handle:
            handle.write(_PROFILER.output_text(unicode=True, color=False, show_all=bool(os.environ.get("BENCH_PROFILE_ALL"))))
    if os.environ.get("BENCH_MODULES"):  # which modules the first frame needed
        with open(os.environ["BENCH_MODULES"], "w") as handle:
            handle.write("\n".join(sorted(sys.modules)))
    path = os.environ.get("BENCH_READY_FILE")
    if path:
        with open(path, "w") as handle:
            handle.write(repr(time.monotonic()))
    if os.environ.get("BENCH_PROFILE_IDLE"):  # profile what runs while nothing happens
        from pyinstrument import Profiler

        idle = Profiler(interval=0.001, async_mode="disabled")

        def begin() -> None:
            idle.start()

        def end() -> None:
            idle.stop()
            with open(os.environ["BENCH_PROFILE_IDLE"], "w") as handle:
                handle.write(idle.output_text(unicode=True, color=False, show_all=False))
            app.exit()

        app.set_timer(1.0, begin)
        app.set_timer(float(os.environ.get("BENCH_EXIT_AFTER", "6") or 6), end)
        return
    delay = float(os.environ.get("BENCH_EXIT_AFTER", "0") or 0)
    if delay <= 0:
        app.exit()
    else:
        app.set_timer(delay, app.exit)


def bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App):
        def compose(self) -> ComposeResult:
            yield Static("议亭 bench: a bare Textual app")

        def on_ready(self) -> None:
            _stamp(self)

    Bare().run()


def yiting(args: list[str]) -> None:
    from yiting.ui import app as ui_app

    original = ui_app.YitingApp.on_ready

    def on_ready(self) -> None:
        original(self)
        _stamp(self)

    ui_app.YitingApp.on_ready = on_ready
    from yiting.cli import main

    main(args, prog_name="yiting")


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        yiting(sys.argv[2:])
