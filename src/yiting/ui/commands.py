"""The command palette (ctrl+p): every key of the screen you are on, found by its name or, in
Chinese, by the pinyin initials of its name (xyw → 下一位), as names are found at check-in."""

from __future__ import annotations

from functools import partial

from rich.align import Align
from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from yiting.i18n import t
from yiting.ui.compat import TranslatedPalette
from yiting.ui.keys import screen_keys
from yiting.ui.pinyin import matches

# A match by initials ranks below a match of the typed characters themselves.
INITIALS_SCORE = 0.5


class ScreenKeys(Provider):
    """Offers each key usable now on the current screen as a command."""

    def _commands(self):
        for key in screen_keys(self.screen):
            if key.enabled:
                yield key.description, key.key, partial(self.app.run_action, key.action, key.node)

    async def discover(self) -> Hits:
        for text, key, run in self._commands():
            yield DiscoveryHit(text, run, help=key)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, key, run in self._commands():
            score = matcher.match(f"{text} {key}")
            if score > 0:
                yield Hit(score, matcher.highlight(text), run, help=key)
            elif matches(query, text):
                yield Hit(INITIALS_SCORE, Text(text), run, help=key)


class YCommandPalette(TranslatedPalette):
    """Textual's palette with its words in the user's language."""

    def __init__(self) -> None:
        super().__init__(id="--command-palette", placeholder=t("ui.palette.placeholder"))

    def no_matches_text(self) -> Align:
        return Align.center(Text(t("ui.palette.no_matches"), style="not bold"))
