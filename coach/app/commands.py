"""The command palette (Ctrl+P): the app's system commands, in the order the app gives them.

The commands themselves come from ``HingeCoachApp.get_system_commands``. Textual's own
provider lists them sorted by title; this one keeps the app's order, so that the coach's
commands come first, in the order of their keys. Searching is Textual's, unchanged.
"""

from __future__ import annotations

from textual.command import DiscoveryHit, Hits
from textual.system_commands import SystemCommandsProvider


class CoachCommands(SystemCommandsProvider):
    async def discover(self) -> Hits:
        for command in self.app.get_system_commands(self.screen):
            if command.discover:
                yield DiscoveryHit(command.title, command.callback, help=command.help)
