"""The command palette (ctrl+p): every key of the screen you are on, found by its name or, in
Chinese, by the pinyin initials of its name (xyw → 下一位), as names are found at check-in."""

from __future__ import annotations

from functools import partial
from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from yiting.i18n import t
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


class YCommandPalette(CommandPalette):
    """Textual's palette with its words in the user's language."""

    def __init__(self) -> None:
        super().__init__(id="--command-palette", placeholder=t("ui.palette.placeholder"))

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """Textual's countdown to "No matches found", saying it in our words."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(t("ui.palette.no_matches"), style="not bold")),
                           disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
