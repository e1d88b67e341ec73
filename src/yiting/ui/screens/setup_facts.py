"""Set-up's facts and rules tabs: what the meeting is (title, place, time, people in charge) and
the rules it runs by, read, checked and saved. A part of `SetupScreen`."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static

from yiting.domain import QuorumKind, Rules, VoteRule, label, quorum_rule_phrase
from yiting.errors import YitingError
from yiting.i18n import t
from yiting.store import queries
from yiting.ui.widgets.choice import ChoiceBar
from yiting.ui.widgets.field_error import FieldError

FACTS = ("title", "community", "venue", "kind", "scheduled_at", "facilitator", "note_taker")
PERIOD = ("objection_days", "objection_contact")  # the objection period after the meeting (询异期)
NUMBERS = ("speech_seconds", "speeches_per_person", "warn_seconds", "party_seconds")


class FactsAndRules:
    """The facts and rules tabs (ctrl+s, Enter in a field): a part of `SetupScreen`."""

    def compose_facts(self, meeting: dict[str, Any]) -> ComposeResult:
        for name in FACTS:
            value = meeting[name] or ""
            if name == "scheduled_at":
                value = value[:16].replace("T", " ")
            with Horizontal(classes="form-row"):
                yield Label(t(f"ui.field.{name}"), classes="row-label")
                yield Input(compact=True, value=value, id=f"m-{name}", classes="row-input")
            yield FieldError("", id=f"e-{name}", classes="field-error")
        for name, value in zip(PERIOD, self._period_values(), strict=True):
            with Horizontal(classes="form-row"):
                yield Label(t(f"field.{name}"), classes="row-label")
                yield Input(compact=True, value=value, id=f"m-{name}", classes="row-input",
                            placeholder=t("ui.objection.contact_hint") if name == "objection_contact" else "")
            yield FieldError("", id=f"e-{name}", classes="field-error")

    def _period_values(self) -> tuple[str, str]:
        period = self.desk.objection_period(self.meeting_id)
        return str(period["days"]), period["contact"]

    def compose_rules(self, rules: Rules) -> ComposeResult:
        for name in NUMBERS:
            with Horizontal(classes="form-row"):
                yield Label(t(f"ui.rules.{name}"), classes="row-label")
                yield Input(compact=True, value=str(getattr(rules, name)), id=f"r-{name}", classes="row-input")
        with Horizontal(classes="form-row"):
            yield Label(t("ui.rules.vote_rule"), classes="row-label")
            yield ChoiceBar([(label(r), r.value) for r in VoteRule], rules.vote_rule.value,
                            id="r-vote_rule", classes="row-input")
        with Horizontal(classes="form-row"):
            yield Label(t("ui.rules.quorum_kind"), classes="row-label")
            yield ChoiceBar([(label(q), q.value) for q in QuorumKind], rules.quorum_kind.value,
                            id="r-quorum_kind", classes="row-input")
        with Horizontal(classes="form-row"):
            yield Label(t("ui.rules.quorum_value"), classes="row-label")
            yield Input(compact=True, value=f"{rules.quorum_value:g}", id="r-quorum_value", classes="row-input")
        with Horizontal(classes="form-row"):
            yield Label(t("order.rules.quorum_strict"), classes="row-label")
            yield ChoiceBar([(t("order.rules.more_than"), "true"), (t("order.rules.at_least"), "false")],
                            "true" if rules.quorum_strict else "false", id="r-quorum_strict", classes="row-input")
        yield Static(self.quorum_words(rules), markup=False, id="r-quorum-words", classes="hint")
        yield FieldError("", id="e-rules", classes="field-error")

    @staticmethod
    def quorum_words(rules: Rules) -> str:
        """The quorum and the parties' time, in words, under the fields that set them."""
        seconds = rules.party_seconds
        budget = t("order.rules.party_time", time=f"{seconds // 60}:{seconds % 60:02d}") if seconds \
            else t("order.rules.party_time_none")
        return t("order.rules.quorum_words", words=quorum_rule_phrase(rules).text(), budget=budget)

    def show_quorum_words(self) -> None:
        """The quorum as the rules now typed say it, or nothing while they do not read."""
        try:
            text = self.quorum_words(self.read_rules())
        except YitingError:
            text = ""
        self.query_one("#r-quorum-words", Static).update(text)

    def facts_changed(self) -> bool:
        meeting = self.desk.meeting(self.meeting_id)
        for name in FACTS:
            stored = meeting[name] or ""
            if name == "scheduled_at":
                stored = stored[:16].replace("T", " ")
            if self.query_one(f"#m-{name}", Input).value.strip() != stored.strip():
                return True
        typed = tuple(self.query_one(f"#m-{name}", Input).value.strip() for name in PERIOD)
        return typed != self._period_values()

    def rules_changed(self) -> bool:
        try:
            return self.read_rules() != self.desk.rules(self.meeting_id)
        except YitingError:
            return True

    def save_facts(self, quiet: bool = False) -> bool:
        for name in (*FACTS, *PERIOD):
            self.query_one(f"#e-{name}", Static).update("")
        values = {name: self.query_one(f"#m-{name}", Input).value for name in FACTS}
        try:
            self.desk.update_meeting(self.meeting_id, **values)
        except YitingError as exc:
            target = exc.params.get("field") or ("scheduled_at" if exc.key == "desk.bad_datetime" else "title")
            self.query_one(f"#e-{target if target in FACTS else 'title'}", Static).update(str(exc))
            return False
        days, contact = (self.query_one(f"#m-{name}", Input).value for name in PERIOD)
        try:
            self.desk.set_objection_period(self.meeting_id, days=days, contact=contact)
        except YitingError as exc:
            target = exc.params.get("field")
            self.query_one(f"#e-{target if target in PERIOD else PERIOD[0]}", Static).update(str(exc))
            return False
        self.refresh_data()
        if not quiet:
            self.app.notify(t("ui.saved"))
        return True

    def read_rules(self) -> Rules:
        data: dict[str, Any] = {name: self.query_one(f"#r-{name}", Input).value for name in NUMBERS}
        data["vote_rule"] = self.query_one("#r-vote_rule", ChoiceBar).value
        data["quorum_kind"] = self.query_one("#r-quorum_kind", ChoiceBar).value
        data["quorum_value"] = self.query_one("#r-quorum_value", Input).value or "0"
        data["quorum_strict"] = self.query_one("#r-quorum_strict", ChoiceBar).value
        return Rules.from_dict(data)

    @staticmethod
    def rules_message(exc: YitingError) -> str:
        """The refusal with the field's label ("每次发言（秒）"), not its name ("speech_seconds")."""
        field = exc.params.get("field")
        key = f"ui.rules.{field}"
        if isinstance(field, str) and t(key) != key:
            return str(type(exc)(exc.key, **{**exc.params, "field": t(key)}))
        return str(exc)

    def save_rules(self, quiet: bool = False) -> bool:
        error = self.query_one("#e-rules", Static)
        error.update("")
        try:
            rules = self.read_rules()
        except YitingError as exc:
            error.update(self.rules_message(exc))
            return False
        if rules.quorum_kind.value == "count":
            voters = sum(1 for p in queries.participants(self.db, self.meeting_id) if p["voting"])
            if voters and rules.quorum_value > voters:
                error.update(t("ui.setup.quorum_over", value=f"{rules.quorum_value:g}", voters=voters))
                return False
        meeting = self.desk.meeting(self.meeting_id)

        def saved(_row: Any) -> None:
            if not quiet:
                self.app.notify(t("ui.saved"))

        if meeting["status"] == "open":
            self.ask_reason(t("ui.rules.reason_needed"),
                            lambda reason: self.desk.set_rules(self.meeting_id, rules, reason), saved)
            return False
        try:
            self.desk.set_rules(self.meeting_id, rules)
        except YitingError as exc:
            error.update(self.rules_message(exc))
            return False
        saved(None)
        return True
