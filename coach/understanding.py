"""The one place that loads the language layer.

Loading spaCy and the intent model takes a while, so the app calls this from a worker thread
while the window is already up, and the chat calls it once at start.
"""

from __future__ import annotations

from coach.dialogue import Understander


def load_parser() -> Understander:
    from coach.language.parser import Parser

    return Parser()
