"""Errors whose message is ready to show to a facilitator, in the chosen language."""

from __future__ import annotations

from typing import Any


class YitingError(Exception):
    """An error the user caused or can act on; `str()` gives the message in the current language.

    `key` names an entry of the message catalogue (`yiting.i18n`); `params` fill it in.
    """

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def message(self, lang: str | None = None) -> str:
        from yiting.i18n import has, t

        params = dict(self.params)
        field = params.get("field")
        if isinstance(field, str) and has(f"field.{field}"):
            params["field"] = t(f"field.{field}", lang=lang)
        return t(self.key, lang=lang, **params)

    def __str__(self) -> str:
        return self.message()


class RuleViolation(YitingError):
    """A rule of order forbids this; the facilitator may let it go with a logged reason."""


class NotFound(YitingError):
    """An id that names nothing in the record."""


class InvalidInput(YitingError):
    """Input that does not parse or is out of range."""


class StoreError(YitingError):
    """The database cannot be used: corrupt, newer, locked, read-only."""
