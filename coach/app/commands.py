"""The command palette (Ctrl+P): the coach's commands first, then Textual's own."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from coach.app.app import HingeCoachApp

# (title, action, help); the title is what a person would type to find it.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("Why?", "why", "Why I'm asking this question, or why this plan (F2)"),
    ("How did you decide?", "how", "The rules and facts behind your plan (F3)"),
    ("Show my plan", "plan", "Your plan in the chat, and the side panel (F4)"),
    ("Show my history", "history", "Your path over the sessions: steps and decisions (F5)"),
    ("Save transcript", "save", "The conversation and your plan as a Markdown file (Ctrl+S)"),
    ("Restart the interview", "restart", "Forget what you told me and start over (Ctrl+R)"),
    ("Help: what can I ask?", "help_coach", "What the coach can do for you"),
    ("Toggle side panel", "toggle_panel", "Show or hide what I know and your plan (Ctrl+B)"),
    ("Quit", "quit", "Leave Hinge Coach (Ctrl+Q)"),
)


class CoachCommands(Provider):
    """One provider for everything, so that the coach's commands come first in the list
    (the palette keeps each provider's order, but not the order between providers)."""

    def _commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        app = cast("HingeCoachApp", self.app)
        coach = [(title, getattr(app, f"action_{action}"), help)
                 for title, action, help in COMMANDS]
        ours = {title for title, _, _ in coach}
        textual = [(c.title, c.callback, c.help) for c in app.get_system_commands(self.screen)
                   if c.discover and c.title not in ours]
        return coach + textual

    async def discover(self) -> Hits:
        for title, callback, help in self._commands():
            yield DiscoveryHit(title, callback, help=help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help)
