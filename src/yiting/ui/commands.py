"""The command palette (ctrl+p): every key of the screen you are on, found by its name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ScreenKeys(Provider):
    """Offers each described binding active on the current screen as a command."""

    def _commands(self):
        screen = self.screen
        seen: set[tuple[str, str]] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            ident = (binding.action, binding.description)
            if active.node is not screen and active.node is not self.app:
                continue
            if not binding.description or ident in seen or not active.enabled:
                continue
            seen.add(ident)
            key = self.app.get_key_display(binding)
            yield binding.description, key, partial(self.app.run_action, binding.action, active.node)

    async def discover(self) -> Hits:
        for text, key, run in self._commands():
            yield DiscoveryHit(text, run, help=key)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, key, run in self._commands():
            score = matcher.match(f"{text} {key}")
            if score > 0:
                yield Hit(score, matcher.highlight(text), run, help=key)
