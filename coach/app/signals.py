"""SIGTERM and SIGHUP end the app the way Ctrl+Q does, so the terminal is given back.

Python's default for both is to die on the spot, leaving the terminal in raw mode, on the
alternate screen, with mouse tracking on and the cursor hidden. Here they ask the app to
exit instead, and Textual's driver undoes all of that on the way out. The profile needs
nothing more: every write to it is committed as it happens.
"""

from __future__ import annotations

import asyncio
import signal
from typing import Any

from textual.app import App

# SIGHUP: the terminal window was closed. Neither exists on Windows.
ENDING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def exit_on_signals(app: App[Any]) -> list[int]:
    """From inside the app's event loop: make the ending signals exit ``app``; returns those
    it could (the loop removes them again when it closes)."""
    loop = asyncio.get_running_loop()
    installed = []
    for signum in ENDING:
        try:
            loop.add_signal_handler(signum, _exit, app, signum)
        except (NotImplementedError, RuntimeError, ValueError):
            continue  # no signals here (Windows), or not the main thread: the default stays
        installed.append(signum)
    return installed


def _exit(app: App[Any], signum: int) -> None:
    # The shell's convention for "ended by a signal": 128 + its number (143, 129).
    app.exit(return_code=128 + signum)
