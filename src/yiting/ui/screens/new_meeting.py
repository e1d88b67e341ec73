"""A new meeting from a preset: title, format (which brings its rules), venue, time."""

from __future__ import annotations

from typing import Any

from yiting.i18n import get_language, t
from yiting.ui.screens.form import Field, FormScreen


def load_presets() -> dict[str, Any]:
    try:
        from yiting.presets import load_presets as load

        return load()
    except (OSError, ValueError):
        return {"meeting_kinds": [], "venues": [], "rule_sets": []}


def preset_label(entry: dict[str, Any]) -> str:
    return entry.get(f"label_{get_language()}") or entry.get("label_zh") or entry.get("key", "")


def new_meeting_form(app) -> FormScreen:
    presets = load_presets()
    kinds = presets.get("meeting_kinds", [])
    venues = presets.get("venues", [])
    rule_sets = {r["name"]: r["rules"] for r in presets.get("rule_sets", [])}
    fields = [
        Field("title", t("ui.field.title"), placeholder=t("ui.new.title_hint")),
        Field("kind", t("ui.field.kind"), kind="choice",
              options=[(preset_label(k), k["key"]) for k in kinds] or [("—", "")]),
        # Any place will do; the presets are suggestions (→ completes the one shown).
        Field("venue", t("ui.field.venue_free"), suggestions=[preset_label(v) for v in venues],
              placeholder="、".join(preset_label(v) for v in venues[:3]) + "…"),
        # An example in the future (a week ahead, in the evening), never a date gone by.
        Field("scheduled_at", t("ui.field.scheduled_at"), placeholder=f"{app.desk.default_due()} 19:30"),
        Field("community", t("ui.field.community")),
        Field("facilitator", t("ui.field.facilitator")),
    ]

    def submit(values: dict[str, Any]):
        kind = next((k for k in kinds if k["key"] == values["kind"]), None)
        rules = rule_sets.get(kind.get("rule_set")) if kind else None
        meeting = app.desk.create_meeting(
            values["title"],
            kind=preset_label(kind) if kind else "",
            venue=values["venue"].strip(),
            scheduled_at=values["scheduled_at"] or None,
            community=values["community"],
            facilitator=values["facilitator"],
            rules=dict(rules) if rules else None,
        )
        # The open duties of earlier meetings, offered as the first item (上次议定事项落实情况);
        # the facilitator may take it off the agenda in set-up.
        if app.desk.add_follow_up_item(meeting["id"]) is not None:
            app.notify(t("ui.matters.follow_up_added"), timeout=6)
        return meeting

    return FormScreen(t("ui.new.heading"), fields, submit, id="new-meeting")
