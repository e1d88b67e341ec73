"""A message under a field: takes no room until there is something to say."""

from __future__ import annotations

from textual.widgets import Static


class FieldError(Static):
    """Messages quote what was typed ("下周[/]" is not a date): shown literally, never as markup."""

    def __init__(self, content="", *, id=None, classes=None) -> None:
        super().__init__(content, id=id, classes=classes, markup=False)

    def on_mount(self) -> None:
        self.display = False

    def update(self, content="", *args, **kwargs) -> None:  # type: ignore[override]
        super().update(content, *args, **kwargs)
        self.display = bool(str(content))
