"""Closing the meeting: what was decided, deferred and assigned, shown before it is final; then
the minutes published into the site this laptop serves, with their QR code."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Static

from yiting.i18n import t
from yiting.store import queries
from yiting.ui.screens.base import YScreen

if TYPE_CHECKING:
    from textual.timer import Timer

    from yiting.ui.publishing import Minutes

PROGRESS_SECONDS = 0.2


class CloseScreen(YScreen):
    HELP_INTRO = "ui.close.intro"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o", "close_meeting", "ui.key.confirm_close"),
        Binding("p", "publish", "ui.key.publish"),
        Binding("o", "open_notice", "ui.key.open_notice"),
        Binding("q", "qr", "ui.key.qr"),
        Binding("y", "objections", "ui.key.objections"),
        Binding("escape", "back", "ui.key.back"),
    ]

    def __init__(self, meeting_id: int, *, publish: bool = False) -> None:
        """`publish`: publish the (closed) meeting's minutes as soon as the screen shows."""
        super().__init__()
        self.meeting_id = meeting_id
        self.publish_on_mount = publish
        self.minutes: Minutes | None = None
        self.publishing_since: float | None = None
        self.outcome = ""  # what the last publish did, in a line
        self._progress_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="close-main"):
            with VerticalScroll(id="close-body"):
                yield Static("", markup=False, id="close-summary")
                yield Static("", markup=False, id="close-state")
                yield Static("", markup=False, id="close-where")
            with Vertical(id="close-minutes"):
                yield Static(t("ui.publish.scan"), markup=False, id="close-scan")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.title = t("ui.app_title")
        self.query_one("#close-minutes").display = False
        self.query_one("#close-where").display = False
        self.refresh_data()
        if self.publish_on_mount:
            self.action_publish()
        elif self.desk.meeting(self.meeting_id)["status"] in ("closed", "published"):
            self._look_up_minutes()

    # -- the summary and the state line ---------------------------------------------------------
    def refresh_data(self) -> None:
        meeting = self.desk.meeting(self.meeting_id)
        self.sub_title = f"{t('ui.close.title')} · {meeting['title']}"
        summary = self.desk.summary(self.meeting_id)
        out = Text()
        counts = t("ui.list_sep").join(f"{t('item.' + status)} {n}" for status, n in summary["items"].items()) or "—"
        out.append(t("ui.close.items", counts=counts) + "\n", style="bold")
        for item in queries.agenda(self.db, self.meeting_id):
            out.append(f"  {item['position']}. {item['title']} — {t('item.' + item['status'])}\n")
        decisions = queries.decisions(self.db, self.meeting_id)
        out.append("\n" + t("ui.close.decisions", n=len(decisions)) + "\n", style="bold")
        for d in decisions:
            out.append(f"  ·{d['text']}\n")
        actions = queries.actions(self.db, self.meeting_id)
        out.append("\n" + t("ui.close.actions", n=len(actions)) + "\n", style="bold")
        for a in actions:
            owner = " ".join(x for x in (a["owner_party"], a["owner_person"]) if x)
            # No space after a mark: a long line wraps at spaces, and "·" alone on a line is noise.
            due = f" ·{a['due']}" if a["due"] else ""
            out.append(f"  ·{a['task']} —{owner}{due}\n")
        self.query_one("#close-summary", Static).update(out)
        self.show_state(meeting, summary["open_vote"])

    def show_state(self, meeting: dict | None = None, open_vote: bool | None = None) -> None:
        meeting = meeting or self.desk.meeting(self.meeting_id)
        state = self.query_one("#close-state", Static)
        if self.publishing_since is not None:
            state.update(t("ui.publish.progress", seconds=time.monotonic() - self.publishing_since))
        elif meeting["status"] == "open":
            if open_vote is None:
                open_vote = queries.open_vote(self.db, self.meeting_id) is not None
            state.update(t("desk.vote_still_open") if open_vote else t("ui.close.confirm_hint"))
        else:
            self._state_first()
            lines = [t("ui.close.closed", status=t("meeting." + meeting["status"]),
                       ended=(meeting["ended_at"] or "")[:16].replace("T", " "))]
            if self.outcome:
                lines.append(self.outcome)
            elif self.minutes is None:
                lines.append(t("ui.publish.not_yet"))
            state.update("\n".join(lines))
        self.refresh_bindings()

    def _state_first(self) -> None:
        """Once the meeting is closed, where its minutes are comes first, above the summary (on
        a small screen the summary scrolls; the QR code stays in view on the right)."""
        if self.has_class("-closed"):
            return
        self.add_class("-closed")
        body = self.query_one("#close-body")
        body.move_child(self.query_one("#close-state"), before=0)
        body.move_child(self.query_one("#close-where"), after=0)
        body.scroll_home(animate=False)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if not self.is_mounted:
            return True
        if action == "close_meeting":
            return self.desk.meeting(self.meeting_id)["status"] == "open"
        if action == "publish":
            return self.desk.meeting(self.meeting_id)["status"] in ("closed", "published") or None
        if action == "open_notice":
            return self.minutes is not None and self.minutes.notice is not None
        if action == "objections":
            return self.desk.meeting(self.meeting_id)["status"] in ("closed", "published") or None
        return True

    # -- closing ------------------------------------------------------------------------------
    def action_close_meeting(self) -> None:
        from yiting.ui.screens.confirm import ConfirmScreen

        title = self.desk.meeting(self.meeting_id)["title"]
        unsettled = queries.items_passed_without_decision(self.db, self.meeting_id)

        def answer(yes: bool | None) -> None:
            if yes:
                self.attempt(lambda: self.desk.close_meeting(self.meeting_id), then=lambda _m: self.closed())
            elif unsettled:  # back to the console, to record the decision
                self.app.pop_or_home()

        if unsettled:
            items = "\n".join(f"{i['position']}. {i['title']}" for i in unsettled)
            self.app.push_screen(ConfirmScreen(t("ui.close.no_decision"), items, t("ui.close.no_decision_hint")),
                                 callback=answer)
            return
        self.app.push_screen(ConfirmScreen(t("ui.confirm.close_meeting"), title), callback=answer)

    def closed(self) -> None:
        self.refresh_data()
        self.action_publish()

    # -- publishing -----------------------------------------------------------------------------
    def action_publish(self) -> None:
        """Publish (again) into the site this laptop serves; says what changed."""
        if self.publishing_since is not None:
            return
        if self.desk.meeting(self.meeting_id)["status"] not in ("closed", "published"):
            self.app.notify(t("ui.publish.not_closed"), severity="warning")
            return
        app = self.app
        site = app.site
        meeting_id, lang, db_path = self.meeting_id, app.lang, app.db_path
        serving = app.serve
        self.publishing_since = time.monotonic()
        self.outcome = ""
        self.show_state()
        self._progress_timer = self.set_interval(PROGRESS_SECONDS, self._progress)

        def work() -> None:
            from yiting.errors import YitingError
            from yiting.ui.publishing import publish

            try:
                # The address the console's QR code names (its port is known once it listens).
                base_url = app.server.base_url(wait=10.0 if serving else 0.0)
                minutes = publish(db_path, meeting_id, site, base_url, lang)
            except YitingError as exc:
                self._from_thread(self._publish_failed, str(exc))
            except Exception as exc:  # noqa: BLE001 - the details go to error.log, a line to the screen
                from yiting.ui.errors import report_unexpected

                self._from_thread(self._publish_failed, report_unexpected(exc))
            else:
                self._from_thread(self._published, minutes)

        # On the app, not the screen: leaving the screen does not stop the publish.
        app.run_worker(work, thread=True, group="publish", name=f"publish-{meeting_id}")

    def _from_thread(self, callback, *args) -> None:
        import contextlib

        with contextlib.suppress(RuntimeError):  # the console is closing
            self.app.call_from_thread(callback, *args)

    def _progress(self) -> None:
        if self.publishing_since is None:
            return
        self.query_one("#close-state", Static).update(
            t("ui.publish.progress", seconds=time.monotonic() - self.publishing_since))

    def _stop_progress(self) -> None:
        self.publishing_since = None
        if self._progress_timer is not None:
            self._progress_timer.stop()
            self._progress_timer = None

    def _publish_failed(self, message: str) -> None:
        self._stop_progress()
        self.outcome = t("ui.publish.failed", detail=message)
        self.app.notify(self.outcome, severity="error", timeout=10)
        if self.is_attached:
            self.show_state()

    def _published(self, minutes: Minutes) -> None:
        self._stop_progress()
        if minutes.status == "closed":  # the record says so; the desk writes it
            self.attempt(lambda: self.desk.mark_published(self.meeting_id))
        if minutes.changed:
            self.outcome = t("ui.publish.new_version", version=minutes.version, seconds=minutes.seconds)
        else:
            self.outcome = t("ui.publish.unchanged", version=minutes.version)
        self.app.notify(self.outcome + "".join("\n! " + w for w in minutes.warnings),
                        severity="warning" if minutes.warnings else "information")
        if self.is_attached:
            self.show_minutes(minutes)
            self.show_state()

    def _look_up_minutes(self) -> None:
        """A closed meeting's screen shows the minutes published earlier (read off the site)."""
        site, meeting_id = self.app.site, self.meeting_id

        def work() -> None:
            from yiting.ui.publishing import published

            minutes = published(site, meeting_id)
            if minutes is not None:
                self._from_thread(self._found, minutes)

        self.run_worker(work, thread=True, group="minutes")

    def _found(self, minutes: Minutes) -> None:
        if self.minutes is None and self.is_attached:
            self.show_minutes(minutes)
            self.show_state()

    def show_minutes(self, minutes: Minutes) -> None:
        from yiting.ui.widgets.qr_code import QRCode

        shown = self.minutes.url if self.minutes is not None else None
        self.minutes = minutes
        panel = self.query_one("#close-minutes", Vertical)
        where = self.query_one("#close-where", Static)
        if shown != minutes.url:
            panel.query(QRCode).remove()
            panel.mount(QRCode(minutes.matrix))
        notice = minutes.notice
        lines = [minutes.url, t("ui.publish.version", version=minutes.version, time=minutes.time),
                 t("ui.publish.notice", path=notice) if notice else t("ui.publish.no_notice"),
                 *("! " + w for w in minutes.warnings)]
        where.update("\n".join(lines))
        where.display = True
        panel.display = True

    def action_open_notice(self) -> None:
        """The printable notice in the system's viewer (to print it)."""
        notice = self.minutes.notice if self.minutes is not None else None
        if notice is None:
            return
        self.app.notify(t("ui.publish.opening", path=notice.name))

        def work() -> None:
            from yiting.ui.publishing import open_in_viewer

            if not open_in_viewer(notice):
                self._from_thread(self._cannot_open, notice)

        self.app.run_worker(work, thread=True, group="viewer")

    def _cannot_open(self, notice) -> None:
        self.app.notify(t("ui.publish.cannot_open", path=notice), severity="warning", timeout=15)

    # -- elsewhere ------------------------------------------------------------------------------
    def action_objections(self) -> None:
        """The objection period: objections received after the minutes went up, and the answers."""
        from yiting.ui.screens.objections import ObjectionsScreen

        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        if isinstance(below, ObjectionsScreen) and below.meeting_id == self.meeting_id:
            self.app.pop_screen()  # back to the one this screen was opened from
        else:
            self.app.push_screen(ObjectionsScreen(self.meeting_id))

    def action_qr(self) -> None:
        self.app.action_qr()

    def action_back(self) -> None:
        meeting = self.desk.meeting(self.meeting_id)
        if meeting["status"] == "open":
            self.app.pop_or_home()
        else:
            self.app.go_home()
