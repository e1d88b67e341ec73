"""Errors whose message is ready to show to a facilitator, in the chosen language."""

from __future__ import annotations

from typing import Any


class Phrase:
    """A sentence of the message catalogue not yet put into words: `key` and `params`, as in
    `YitingError`. Given as a parameter of an error, it is put into words in the language the
    error's message is shown in, not in the one current when the error was raised."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params

    def text(self, lang: str | None = None) -> str:
        from yiting.i18n import t

        return t(self.key, lang=lang, **self.params)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.key, self.params) == (other.key, other.params)

    def __repr__(self) -> str:
        return f"Phrase({self.key!r}, **{self.params!r})"


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

        params = {name: value.text(lang) if isinstance(value, Phrase) else value
                  for name, value in self.params.items()}
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
