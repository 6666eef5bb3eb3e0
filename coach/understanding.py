"""The one place that loads the language layer.

Loading spaCy and the intent model takes a while, so the app calls this from a worker thread
while the window is already up, and the chat calls it once at start.
"""

from __future__ import annotations

from coach.dialogue import Understander


def load_parser() -> Understander:
    from coach.language.parser import Parser

    return Parser()


# Said while the first start trains the intent classifier, so a wait has a reason.
FIRST_RUN_NOTICE = (
    "Preparing the language model: the first start only, about 15 seconds; it is cached."
)


def needs_training() -> bool:
    """Will ``load_parser`` train the intent model first (no trained copy in the cache)?"""
    from coach.language.intents import is_trained

    return not is_trained()
