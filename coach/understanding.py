"""The one place that loads the language layer.

Loading spaCy and the intent model takes a while, so the app calls this from a worker thread
while the window is already up, and the chat calls it once at start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.dialogue import Understander


def load_parser() -> Understander:
    from coach.language.parser import Parser

    return Parser()


# Said before loading when it must first train the intent classifier, so a wait has a reason.
FIRST_RUN_NOTICE = (
    "Preparing the language model: the first start only, about 15 seconds; it is cached."
)
DAMAGED_NOTICE = (
    "The cached language model in {folder} is damaged ({reason}): rebuilding it, about 15 "
    "seconds, this once."
)
FALLBACK_NOTICE = (
    "The cache folder {root} can't be written ({reason}): preparing the language model in "
    "{fallback} instead, about 15 seconds, once. Set HINGE_COACH_CACHE to a writable folder "
    "to keep it there."
)
UNKEPT_NOTICE = (
    "The cache folder {root} can't be written ({reason}) and no private temporary folder "
    "can be used: preparing the language model without keeping it, about 15 seconds at "
    "every start. Set HINGE_COACH_CACHE to a writable folder."
)


def preparation_notice() -> str | None:
    """What loading the language layer must do first, to say before it starts; None when it
    only loads. Each problem is told when it is met: once its fix is kept, starts are quiet."""
    from coach.language.intents import cache_state

    state = cache_state()
    if state.kind == "ready":
        return None
    if state.kind == "missing":
        return FIRST_RUN_NOTICE
    if state.kind == "damaged":
        return DAMAGED_NOTICE.format(folder=state.folder, reason=state.reason)
    root = state.folder.parent
    if state.fallback is not None:
        return FALLBACK_NOTICE.format(root=root, reason=state.reason, fallback=state.fallback)
    return UNKEPT_NOTICE.format(root=root, reason=state.reason)
