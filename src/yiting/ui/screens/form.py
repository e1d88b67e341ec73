"""A small form in a dialog: fields, a desk call on submit, each refusal shown by its field."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input, Label, Static

from yiting.errors import RuleViolation, YitingError
from yiting.i18n import t
from yiting.ui.screens.base import YModal
from yiting.ui.widgets.choice import ChoiceBar
from yiting.ui.widgets.field_error import FieldError
from yiting.ui.widgets.person_picker import PersonPicker


@dataclass
class Field:
    """One field: kind "text", "choice" (options [(label, key)]) or "person" (people rows)."""

    name: str
    label: str
    value: str = ""
    kind: str = "text"
    placeholder: str = ""
    options: Sequence[tuple[str, str]] = field(default_factory=list)
    people: Sequence[dict] = field(default_factory=list)
    suggestions: Sequence[str] = field(default_factory=list)
    select_on_focus: bool = True  # a text field's value is selected when it gets focus


class FieldInput(Input):
    """A text field of a form: one line, as wide as the form."""

    # Input sets its virtual size on every keystroke, and Textual lays the whole dialog out
    # again on each change; a field's own size never depends on it.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)


class FormScreen(YModal):
    """Enter moves to the next field and submits on the last; ctrl+s submits; esc cancels.

    `submit(values)` makes the desk call; its result is the dialog's result. A `YitingError`
    is shown under the field it names (or whose value it quotes); a `RuleViolation` shows its
    message and asks for a one-line reason, passed on as `values["override_reason"]`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "ui.key.cancel"),
        Binding("ctrl+s", "submit", "ui.key.save"),
        Binding("enter", "next", show=False),
    ]

    def __init__(self, title: str, fields: Sequence[Field], submit: Callable[[dict[str, Any]], Any],
                 *, note: str = "", id: str | None = None, draft_key: str | None = None) -> None:
        super().__init__(id=id)
        self.title_text = title
        self.fields = list(fields)
        self.submit = submit
        self.note = note
        self.override = False
        # What was typed survives a cancel, another screen, a quit or a kill (kept by the app
        # under this key, on disk a moment after each key).
        self.draft_key = draft_key or id or f"{title}|{note}"
        self.saved = False
        self.initial = {f.name: f.value for f in self.fields}

    def compose(self) -> ComposeResult:
        draft = self.app.drafts.get(self.draft_key, {}) if self.draft_key else {}
        for f in self.fields:
            if f.kind == "text" and draft.get(f.name):
                f.value = draft[f.name]
        with Vertical(id="form-box"):
            yield Label(self.title_text, id="form-title", markup=False)
            if self.note:
                yield Static(self.note, id="form-note", markup=False)
            with VerticalScroll(id="form-fields"):
                for f in self.fields:
                    yield Label(f.label, classes="form-label")
                    if f.kind == "choice":
                        yield ChoiceBar(f.options, f.value or None, id=f"f-{f.name}", classes="form-input")
                    elif f.kind == "person":
                        yield PersonPicker(f.people, placeholder=f.placeholder, id=f"f-{f.name}",
                                           classes="form-input")
                    else:
                        suggester = None
                        if f.suggestions:
                            from textual.suggester import SuggestFromList

                            suggester = SuggestFromList(f.suggestions)
                        yield FieldInput(compact=True, value=f.value, placeholder=f.placeholder, id=f"f-{f.name}",
                                         classes="form-input", suggester=suggester,
                                         select_on_focus=f.select_on_focus)
                    yield FieldError("", id=f"e-{f.name}", classes="field-error")
            yield FieldError("", id="form-error", classes="field-error")
            yield Static(t("ui.form.hint"), id="form-hint")

    def on_mount(self) -> None:
        self.focus_field(0)

    def focus_field(self, index: int) -> None:
        widget = self.query_one(f"#f-{self.fields[index].name}")
        if isinstance(widget, PersonPicker):
            widget.input.focus()
        else:
            widget.focus()

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for f in self.fields:
            widget = self.query_one(f"#f-{f.name}")
            if isinstance(widget, PersonPicker):
                values[f.name] = widget.value
                values[f"{f.name}_text"] = widget.input.value
            else:
                values[f.name] = widget.value  # type: ignore[attr-defined]
        values["override_reason"] = self.query_one("#f-override_reason", Input).value if self.override else ""
        return values

    def typed(self) -> dict[str, str]:
        """The text fields as typed so far (the draft to keep)."""
        out = {}
        for f in self.fields:
            if f.kind == "text":
                value = self.query_one(f"#f-{f.name}", Input).value
                if value.strip() and value != self.initial.get(f.name, ""):
                    out[f.name] = value
        return out

    def keep_draft(self) -> None:
        if not self.draft_key or self.saved or not self.is_mounted:
            return
        typed = self.typed()
        drafts = self.app.drafts
        if typed == drafts.get(self.draft_key, {}):
            return
        if typed:
            drafts[self.draft_key] = typed
        else:
            drafts.pop(self.draft_key, None)
        self.app.draft_changed()

    def on_input_changed(self, event: Input.Changed) -> None:
        # A message about a field goes once the field is changed.
        owner = event.input if (event.input.id or "").startswith("f-") else event.input.parent
        name = ((owner.id or "")[2:]) if owner is not None else ""
        if name and self.is_mounted:
            for error in self.query(f"#e-{name}"):
                error.update("")  # type: ignore[attr-defined]
            self.query_one("#form-error", Static).update("")
        self.keep_draft()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "f-override_reason":
            self.action_submit()
            return
        owner = event.input if event.input.id else event.input.parent
        self.next_after((owner.id or "")[2:] if owner is not None else "")

    def action_next(self) -> None:
        focused = self.focused
        self.next_after((focused.id or "")[2:] if focused is not None else "")

    def next_after(self, name: str) -> None:
        """Enter: on to the next field, or submit from the last one."""
        names = [f.name for f in self.fields]
        index = names.index(name) if name in names else len(names) - 1
        if index + 1 < len(names) and not self.override:
            self.focus_field(index + 1)
        else:
            self.action_submit()

    def clear_errors(self) -> None:
        for error in self.query(".field-error"):
            error.update("")  # type: ignore[attr-defined]

    def show_error(self, exc: YitingError, values: dict[str, Any]) -> None:
        names = [f.name for f in self.fields]
        target = exc.params.get("field")
        if target not in names:
            quoted = str(exc.params.get("value", "")).strip()
            target = next((n for n in names if quoted and str(values.get(n, "")).strip() == quoted), None)
        if target in names:
            self.query_one(f"#e-{target}", Static).update(str(exc))
            self.focus_field(names.index(target))
        else:
            self.query_one("#form-error", Static).update(str(exc))

    def action_submit(self) -> None:
        if self.saved:
            return  # done once: a second Enter already on its way must not do it again
        self.clear_errors()
        values = self.values()
        try:
            result = self.submit(values)
        except RuleViolation as exc:
            if self.override and values["override_reason"].strip():
                self.show_error(exc, values)
                return
            self.query_one("#form-error", Static).update(str(exc))
            if not self.override:
                # Asked for only here: a dialog that never needs it opens without it.
                self.override = True
                self.query_one("#form-fields").mount(
                    Label(t("ui.override.reason"), id="override-label", classes="form-label"),
                    FieldInput(compact=True, id="f-override_reason", classes="form-input"))
            self.query_one("#f-override_reason", Input).focus()
            return
        except YitingError as exc:
            self.show_error(exc, values)
            return
        except Exception as exc:  # noqa: BLE001 - a message, never a traceback
            from yiting.ui.errors import report_unexpected

            self.query_one("#form-error", Static).update(report_unexpected(exc))
            return
        self.saved = True
        if self.draft_key and self.app.drafts.pop(self.draft_key, None) is not None:
            self.app.draft_changed()
        self.dismiss(result if result is not None else True)

    def action_cancel(self) -> None:
        self.dismiss(None)
