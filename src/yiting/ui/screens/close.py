"""Closing the meeting: what was decided, deferred and assigned, shown before it is final."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from yiting.i18n import t
from yiting.store import queries
from yiting.ui.screens.base import YScreen


class CloseScreen(YScreen):
    HELP_INTRO = "ui.close.intro"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o", "close_meeting", "ui.key.confirm_close"),
        Binding("q", "qr", "ui.key.qr"),
        Binding("escape", "back", "ui.key.back"),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="close-body"):
            yield Static("", markup=False, id="close-summary")
            yield Static("", markup=False, id="close-state")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.title = t("ui.app_title")
        self.refresh_data()

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
        state = self.query_one("#close-state", Static)
        if summary["open_vote"]:
            state.update(t("desk.vote_still_open"))
        elif meeting["status"] == "open":
            state.update(t("ui.close.confirm_hint"))
        else:
            state.update(t("ui.close.closed", status=t("meeting." + meeting["status"]),
                           ended=(meeting["ended_at"] or "")[:16].replace("T", " ")))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "close_meeting" and self.is_mounted:
            return self.desk.meeting(self.meeting_id)["status"] == "open"
        return True

    def action_close_meeting(self) -> None:
        from yiting.ui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self.attempt(lambda: self.desk.close_meeting(self.meeting_id), then=lambda _m: self.refresh_data())

        self.app.push_screen(ConfirmScreen(t("ui.confirm.close_meeting"), self.desk.meeting(self.meeting_id)["title"]),
                             callback=answer)

    def action_qr(self) -> None:
        self.app.action_qr()

    def action_back(self) -> None:
        meeting = self.desk.meeting(self.meeting_id)
        if meeting["status"] == "open":
            self.app.pop_or_home()
        else:
            self.app.go_home()
