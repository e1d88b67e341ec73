"""The yiting App: screens, global keys, themes, and the watch on the database."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from yiting.i18n import set_language, t
from yiting.locations import shipped_styles
from yiting.network import DEFAULT_PORT
from yiting.store import queries
from yiting.ui import safe_output
from yiting.ui.commands import ScreenKeys, YCommandPalette
from yiting.ui.compat import notifications, withdraw_notification
from yiting.ui.keys import translate_bindings
from yiting.ui.lan import ConsoleServer
from yiting.ui.type_ahead import TypeAhead

POLL_SECONDS = 0.3
# A dialog's text is written to disk this long after the last key: a kill -9 loses at most
# the keystroke in flight, and a burst of typing is one write.
DRAFT_SAVE_SECONDS = 0.5
DAYLIGHT = Theme(
    name="yiting-daylight",
    primary="#0033AA",
    secondary="#004D40",
    accent="#6A00A0",
    warning="#8A4B00",
    error="#B00000",
    success="#006400",
    foreground="#000000",
    background="#FFFFFF",
    surface="#FFFFFF",
    panel="#E6E6E6",
    boost="#D0D0D0",
    dark=False,
    variables={"footer-key-foreground": "#0033AA", "block-cursor-background": "#0033AA",
               "block-cursor-foreground": "#FFFFFF", "input-selection-background": "#0033AA 35%"},
)


def _styles() -> list[str | Path]:
    folder = Path(str(shipped_styles()))
    return [folder / "app.tcss", folder / "matters.tcss"]


class YitingApp(TypeAhead, App):
    """The facilitator's console on one database."""

    CSS_PATH = _styles()
    # The screen gets "-narrow" below 100 columns: the console gives the agenda more room there.
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    # Only our own commands: Textual's built-ins ("Quit the application", "Screenshot", …) are
    # English-only; quit, help, theme and QR are our app keys and show up translated.
    COMMANDS: ClassVar[set] = {ScreenKeys}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,question_mark", "help", "ui.key.help"),
        Binding("ctrl+r", "qr", "ui.key.qr", show=False),
        Binding("ctrl+e", "publish", "ui.key.publish", show=False),
        Binding("ctrl+t", "toggle_theme", "ui.key.theme", show=False),
    ]

    def __init__(self, db_path: Path | str, lang: str = "zh", *, clock: Callable[[], datetime] | None = None,
                 poll: bool = True, serve: tuple[str, int] | None = None, offer_demo: bool = False) -> None:
        """`serve` = (host, port): serve the published minutes and the live page from this
        process while the console runs (residents scan the QR code it shows). `offer_demo`: on
        a database with no meetings, ask whether to open the demo instead (the app then exits
        with "demo")."""
        set_language(lang)
        safe_output.install()
        super().__init__()
        translate_bindings(self)
        from yiting.desk import Desk
        from yiting.locations import demo_db, site_dir
        from yiting.store.db import connect, is_demo_database

        self.lang = lang
        self.db_path = Path(db_path)
        self.clock = clock
        self.created = not self.db_path.exists()  # this console makes the database: it says so
        self.db = connect(self.db_path)
        self.is_demo = is_demo_database(self.db) or self.db_path.resolve() == demo_db().resolve()
        self.offer_demo = offer_demo and not self.is_demo
        self.desk = Desk(self.db, clock=self.now, actor="facilitator")
        self.poll = poll
        self.serve = serve is not None
        self._database_labels: dict[int, str] = {}
        self.site = site_dir(self.db_path, demo=self.is_demo)  # where closing publishes, and what it serves
        self.server = ConsoleServer(self.db_path, self.site, lang, *(serve or ("0.0.0.0", DEFAULT_PORT)))
        self._data_version: int | None = None
        self.title = t("ui.app_title")
        self._drafts: dict[str, dict[str, str]] | None = None
        self._draft_timer = None

    # -- drafts of dialogs ---------------------------------------------------------------------
    @property
    def drafts_path(self) -> Path:
        return self.db_path.with_name(self.db_path.name + ".drafts.json")

    @property
    def drafts(self) -> dict[str, dict[str, str]]:
        """Text typed into dialogs and not yet saved (a half-typed proposal), by dialog; kept
        across screens in memory and next to the database, a moment after each key."""
        if self._drafts is None:
            import json

            try:
                self._drafts = json.loads(self.drafts_path.read_text(encoding="utf-8"))
                if not isinstance(self._drafts, dict):
                    self._drafts = {}
            except (OSError, ValueError):
                self._drafts = {}
        return self._drafts

    def draft_changed(self) -> None:
        """A dialog's text changed: write the drafts once the typing pauses."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_SAVE_SECONDS, self.save_drafts, name="save-drafts")

    def save_drafts(self) -> None:
        """Write the drafts beside the database (whole or not at all: a new file renamed over)."""
        import json
        import os

        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        if self._drafts is None:
            return
        path = self.drafts_path
        try:
            if self._drafts:
                partial = path.with_name(path.name + ".partial")
                partial.write_text(json.dumps(self._drafts, ensure_ascii=False), encoding="utf-8")
                os.replace(partial, path)
            elif path.exists():
                path.unlink()
        except OSError:
            pass

    async def action_quit(self) -> None:
        self.save_drafts()
        await super().action_quit()

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Notifications quote what people typed, so markup is off unless asked for; the same
        message shown again replaces its earlier toast instead of stacking up."""
        for old in notifications(self):
            if old.message == message:
                withdraw_notification(self, old)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def database_label(self, width: int = 36) -> str:
        """Which database the console is on: the demo, or its path (~ for the home folder; a
        long one keeps its end, the file's name and folders nearest to it). Worked out once:
        the header asks on every redraw."""
        if width not in self._database_labels:
            self._database_labels[width] = self._label_database(width)
        return self._database_labels[width]

    def _label_database(self, width: int) -> str:
        from rich.cells import cell_len

        from yiting.text_input import clean

        if self.is_demo:
            return t("ui.db.demo")
        path = self.db_path.expanduser().absolute()
        home = Path.home()
        shown = clean(f"~/{path.relative_to(home).as_posix()}" if path.is_relative_to(home) else str(path))
        while cell_len(shown) > width and "/" in shown.lstrip("/"):
            shown = "…/" + shown.lstrip("…/").split("/", 1)[1]
        return shown

    def format_title(self, title: str, sub_title: str):
        """The header: "议亭 · the database — the screen": the database always in view, before
        a long meeting title is cut at the edge."""
        from textual.content import Content

        parts: list = [Content(title), ("  ·  ", "dim"), (self.database_label(), "italic")]
        if sub_title:
            parts += [(" — ", "dim"), Content(sub_title).stylize("dim")]
        return Content.assemble(*parts)

    def now(self) -> datetime:
        return self.clock() if self.clock is not None else datetime.now().astimezone()

    # -- start -------------------------------------------------------------------------------
    def open_meeting_id(self) -> int | None:
        return queries.last_open_meeting(self.db)

    def get_default_screen(self) -> Screen:
        """The first screen, so that the first frame shows it: the open meeting's console
        (crash recovery and plain restarts alike), else the home screen."""
        meeting_id = self.open_meeting_id()
        if meeting_id is not None:
            from yiting.ui.screens.console import ConsoleScreen

            return ConsoleScreen(meeting_id)
        from yiting.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self.register_theme(DAYLIGHT)
        if self.poll:
            self._data_version = self._version()
            self.set_interval(POLL_SECONDS, self.watch_database)
        if self.created:
            self.notify(t("store.created", path=str(self.db_path)), timeout=8)
        if self.offer_demo:
            self.call_after_refresh(self._offer_demo)

    def _offer_demo(self) -> None:
        """A database with no meetings: open the demo (another file), or start with this one empty."""
        from yiting.locations import demo_db
        from yiting.store.db import has_meetings
        from yiting.ui.screens.confirm import ConfirmScreen

        if has_meetings(self.db):
            return

        def answered(demo: bool | None) -> None:
            if demo:
                self.exit("demo")

        self.push_screen(ConfirmScreen(t("ui.offer_demo.question"), t("ui.offer_demo.detail", path=str(demo_db()))),
                         callback=answered)

    def on_ready(self) -> None:
        if not gc.isenabled():  # paused by run_app until the first frame
            # What is alive now (modules, the console) lives as long as the app: frozen, full
            # collections stop walking it (a dialog opened ~50 ms slower whenever one ran).
            gc.freeze()
            gc.enable()
        self.run_worker(self._warm, thread=True, exclusive=True, group="warm")
        if self.serve:
            self.run_worker(self._serve, thread=True, group="serve")

    def _serve(self) -> None:
        self.server.start()
        if self.server.problem is not None:  # said now, not only when the QR screen is opened
            key, values = self.server.problem
            with contextlib.suppress(RuntimeError):  # the app is already closing
                self.call_from_thread(self.notify, t(key, **values), severity="warning", timeout=15)

    def on_unmount(self) -> None:
        self.server.stop()

    async def on_event(self, event) -> None:
        """Pasted text loses its control characters and bidi overrides before any field sees it
        (Textual would draw an ESC in an Input as the terminal's, not as text)."""
        from textual import events

        if isinstance(event, events.Paste):
            from yiting.text_input import clean

            event.text = clean(event.text, multiline=True)
        await super().on_event(event)

    @staticmethod
    def _warm() -> None:
        from yiting.ui.pinyin import warm

        warm()

    # -- another window --------------------------------------------------------------------
    def _version(self) -> int:
        return queries.data_version(self.db)

    def watch_database(self) -> None:
        """Another connection (a note-taker's window) committed: show its changes."""
        version = self._version()
        if version != self._data_version:
            self._data_version = version
            refresh = getattr(self.screen, "refresh_data", None)
            if refresh is not None:
                refresh()

    # -- where to go -------------------------------------------------------------------------
    def _show_alone(self, screen: Screen) -> None:
        """Show `screen` with nothing above the first screen. The first screen cannot be
        replaced (Textual's default screen): unless it is the one asked for, `screen` goes on it."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        first = self.screen_stack[0]
        if type(first) is type(screen) and getattr(first, "meeting_id", None) == getattr(screen, "meeting_id", None):
            return  # it refreshes itself on resume
        self.push_screen(screen)

    def go_home(self) -> None:
        from yiting.ui.screens.home import HomeScreen

        self._show_alone(HomeScreen())

    def pop_or_home(self) -> None:
        if len(self.screen_stack) > 1:
            self.pop_screen()
        else:
            self.go_home()

    def show_meeting(self, meeting_id: int) -> None:
        status = self.desk.meeting(meeting_id)["status"]
        if status == "draft":
            self.show_setup(meeting_id)
        elif status == "open":
            self.go_live(meeting_id)
        else:
            self.show_close(meeting_id)

    def show_setup(self, meeting_id: int) -> None:
        from yiting.ui.screens.setup import SetupScreen

        self.push_screen(SetupScreen(meeting_id))

    def show_checkin(self, meeting_id: int) -> None:
        from yiting.ui.screens.checkin import CheckinScreen

        self.push_screen(CheckinScreen(meeting_id))

    def show_vote(self, meeting_id: int, proposal_id: int) -> None:
        from yiting.ui.screens.voting import VotingScreen

        self.push_screen(VotingScreen(meeting_id, proposal_id))

    def show_owners(self, meeting_id: int) -> None:
        from yiting.ui.screens.owners import OwnersScreen

        self.push_screen(OwnersScreen(meeting_id))

    def show_close(self, meeting_id: int, *, publish: bool = False) -> None:
        from yiting.ui.screens.close import CloseScreen

        self.push_screen(CloseScreen(meeting_id, publish=publish))

    def go_live(self, meeting_id: int) -> None:
        """Open the meeting if it is a draft, then show its live console."""
        from yiting.errors import YitingError
        from yiting.ui.screens.console import ConsoleScreen

        meeting = self.desk.meeting(meeting_id)
        if meeting["status"] == "draft":
            try:
                self.desk.open_meeting(meeting_id)
            except YitingError as exc:
                self.notify(str(exc), severity="error")
                return
        elif meeting["status"] != "open":
            self.show_close(meeting_id)
            return
        for index, screen in enumerate(self.screen_stack):
            if isinstance(screen, ConsoleScreen) and screen.meeting_id == meeting_id:
                while len(self.screen_stack) > index + 1:
                    self.pop_screen()
                return
        self._show_alone(ConsoleScreen(meeting_id))

    # -- global keys -------------------------------------------------------------------------
    def action_command_palette(self) -> None:
        if self.use_command_palette and not YCommandPalette.is_open(self):
            self.push_screen(YCommandPalette())

    def action_help(self) -> None:
        from yiting.ui.screens.help import HelpScreen

        screen = self.screen
        if getattr(screen, "is_modal", False):
            return
        self.push_screen(HelpScreen(screen, screen.sub_title or t("ui.app_title")))

    def current_meeting_id(self) -> int | None:
        for screen in reversed(self.screen_stack):
            meeting_id = getattr(screen, "meeting_id", None)
            if meeting_id is not None:
                return meeting_id
            if hasattr(screen, "selected"):
                row = screen.selected()
                if row:
                    return row["id"]
        return self.open_meeting_id()

    def action_qr(self) -> None:
        from yiting.ui.screens.qr import QRScreen

        if getattr(self.screen, "is_modal", False):
            return
        meeting_id = self.current_meeting_id()
        if meeting_id is None:
            self.notify(t("ui.qr.no_meeting"), severity="warning")
            return
        meeting = self.desk.meeting(meeting_id)
        self.push_screen(QRScreen(self.server.meeting_url(meeting_id), meeting["title"], self.serving_text))

    def action_publish(self) -> None:
        """Publish the current meeting's minutes (again) on its close screen; an open meeting's
        are published when it closes there."""
        from yiting.ui.screens.close import CloseScreen

        if getattr(self.screen, "is_modal", False):
            return
        meeting_id = self.current_meeting_id()
        if meeting_id is None:
            self.notify(t("ui.qr.no_meeting"), severity="warning")
            return
        status = self.desk.meeting(meeting_id)["status"]
        if status == "draft":
            self.notify(t("ui.publish.draft"), severity="warning")
        elif isinstance(self.screen, CloseScreen) and self.screen.meeting_id == meeting_id:
            self.screen.action_publish()
        elif status == "open":
            self.show_close(meeting_id)
            self.notify(t("ui.publish.not_closed"))
        else:
            self.show_close(meeting_id, publish=True)

    def serving_text(self) -> str:
        key, values = self.server.status()
        return t(key, **values)

    def action_toggle_theme(self) -> None:
        self.theme = "textual-dark" if self.theme == DAYLIGHT.name else DAYLIGHT.name


def run_app(db_path: Path, lang: str = "zh", serve: tuple[str, int] | None = ("0.0.0.0", DEFAULT_PORT)) -> str | None:
    """Run the console; returns "demo" when the facilitator chose to open the demo instead."""
    # Opening the database happens before the terminal is taken over, so a file that cannot
    # be used fails here with its message (the CLI prints it), not inside the full screen.
    # The start makes no garbage worth collecting, but the collector's full passes over all
    # that was just imported cost 15-25 ms of the first frame: paused until `on_ready`.
    gc.disable()
    try:
        app = YitingApp(db_path, lang, serve=serve, offer_demo=True)
        result = app.run()
        app.db.close()  # let go of the file: the demo may be built next
        return result
    finally:
        gc.enable()
