"""A message under a field: takes no room until there is something to say."""

from __future__ import annotations

from textual.widgets import Static


class FieldError(Static):
    """Messages quote what was typed ("下周[/]" is not a date): shown literally, never as markup."""

    def __init__(self, content="", *, id=None, classes=None) -> None:
        super().__init__(content, id=id, classes=classes, markup=False)
        self.message = str(content)

    def on_mount(self) -> None:
        self.display = False

    def update(self, content="", *args, **kwargs) -> None:  # type: ignore[override]
        # Each keystroke clears the messages: one already clear costs no layout of the dialog.
        if not self.message and not str(content):
            return
        self.message = str(content)
        super().update(content, *args, **kwargs)
        self.display = bool(self.message)
