"""The one place that loads the language layer.

Loading spaCy and the intent model takes a while, so the app calls this from a worker thread
while the window is already up, and the chat calls it once at start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.cli_words import LINES

if TYPE_CHECKING:
    from coach.dialogue import Understander


def load_parser() -> Understander:
    from coach.language.parser import Parser

    parser = Parser()
    _give_back_freed_memory()
    return parser


def _give_back_freed_memory() -> None:
    """Return to the system the heap memory loading left free (about 6 MB on Linux).

    spaCy reads each classifier's weights file whole and copies the weights out of it
    (about 10 MB at a time); once freed, glibc keeps those pages in the heap, where nothing
    later fills them, so they stayed in the process's resident size for good. Elsewhere
    (no glibc) nothing is done.
    """
    import ctypes
    import ctypes.util
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return
    trim.argtypes = [ctypes.c_size_t]
    trim(0)


# Said before loading when it must first train the intent classifier, so a wait has a reason.
# The worded notices are in coach/data/cli.toml; the templates are kept here by name too,
# for the app (which tells the first start apart) and the tests.
FIRST_RUN_NOTICE = LINES("first_run")
DAMAGED_NOTICE = LINES["damaged"]
FALLBACK_NOTICE = LINES["fallback"]
UNKEPT_NOTICE = LINES["unkept"]


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
        return LINES("damaged", folder=state.folder, reason=state.reason)
    root = state.folder.parent
    if state.fallback is not None:
        return LINES("fallback", root=root, reason=state.reason, fallback=state.fallback)
    return LINES("unkept", root=root, reason=state.reason)
