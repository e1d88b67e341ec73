"""click's own usage errors (a missing argument, an unknown option, a value out of range) in the
facilitator's language. In English click says them itself; `--help` stays English either way
(its text is the commands' docstrings).

click builds these messages in English when it raises them, so they are said again here from
what the error carries (its parameter, option name) or, for the few that carry only text, from
click's own sentence: a sentence not known here keeps click's wording after our "错误：".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import click
from click.exceptions import NoArgsIsHelpError

from yiting.i18n import get_language, t

# click's sentences (its gettext message ids) that carry the only copy of what went wrong
_DETAILS = (
    (re.compile(r"(?P<value>.+) is not in the range (?P<range>.+)\.$"), "cli.not_in_range"),
    (re.compile(r"(?P<value>.+) is not a valid (?:integer|float)(?: range)?\.$"), "cli.not_a_number"),
    (re.compile(r"(?P<value>.+) is not (?:one of )?(?P<choices>'.*)\.$"), "cli.not_a_choice"),
    (re.compile(r"(?:File|Directory|Path) (?P<value>.+) does not exist\.$"), "cli.path_missing"),
    (re.compile(r"(?:File|Directory|Path) (?P<value>.+) is a directory\.$"), "cli.path_is_dir"),
    (re.compile(r"(?:File|Directory|Path) (?P<value>.+) is a file\.$"), "cli.path_is_file"),
    (re.compile(r"Option (?P<value>.+) requires (?:an argument|\d+ arguments)\.$"), "cli.option_needs_value"),
    (re.compile(r"Option (?P<value>.+) does not take a value\.$"), "cli.option_takes_no_value"),
    (re.compile(r"No such command (?P<value>.+)\.$"), "cli.no_such_command"),
    (re.compile(r"Got unexpected extra arguments? \((?P<value>.*)\)$"), "cli.extra_arguments"),
)


class LocalizedUsageError(click.UsageError):
    """A usage error said in `lang`, shown as click shows one: usage, where help is, the error."""

    def __init__(self, error: click.UsageError, lang: str) -> None:
        super().__init__(_message(error, lang), error.ctx)
        self.exit_code = error.exit_code
        self.lang = lang

    def show(self, file=None) -> None:
        ctx = self.ctx
        lines = []
        if ctx is not None:
            usage = " ".join([ctx.command_path, *ctx.command.collect_usage_pieces(ctx)])
            lines.append(t("cli.usage", self.lang, usage=usage))
            if ctx.command.get_help_option(ctx) is not None:
                option = max(ctx.command.get_help_option_names(ctx), key=len)
                lines.append(t("cli.usage_hint", self.lang, command=ctx.command_path, option=option))
            lines.append("")
        lines.append(t("cli.error", self.lang, message=self.message))
        from yiting.text_input import shown

        click.echo(shown("\n".join(lines)), file=file, err=file is None, color=ctx.color if ctx else None)


@contextmanager
def usage_errors_in_language() -> Iterator[None]:
    """Re-raise click's usage errors in the current language (English ones go through as they are)."""
    try:
        yield
    except click.UsageError as error:
        lang = get_language()
        if lang == "en" or isinstance(error, (LocalizedUsageError, NoArgsIsHelpError)):  # the latter shows help
            from yiting.text_input import shown

            error.message = shown(error.message)  # it may quote what was typed: `yiting $'\x1b[2J'`
            raise
        raise LocalizedUsageError(error, lang) from error


def _message(error: click.UsageError, lang: str) -> str:
    ctx, param = error.ctx, getattr(error, "param", None)
    if isinstance(error, click.BadParameter):
        hint = error.param_hint or (param.get_error_hint(ctx) if param is not None and ctx else "")
        if not isinstance(hint, str):
            hint = " / ".join(repr(name) for name in hint)
        if isinstance(error, click.MissingParameter):
            kind = error.param_type or (param.param_type_name if param is not None else "parameter")
            return t("cli.missing_option" if kind == "option" else "cli.missing_argument", lang, name=hint)
        return t("cli.bad_value", lang, name=hint, detail=_detail(error.message, lang))
    if isinstance(error, click.NoSuchOption):
        message = t("cli.no_such_option", lang, name=error.option_name)
        if error.possibilities:
            message += t("cli.did_you_mean", lang, names=", ".join(sorted(error.possibilities)))
        return message
    return _detail(error.message, lang)


def _detail(text: str, lang: str) -> str:
    for pattern, key in _DETAILS:
        found = pattern.match(text)
        if found:
            return t(key, lang, **found.groupdict())
    return text
