"""One browser tab's app process: started on its own, ended for certain when the tab goes.

textual-serve runs the command through a shell and, when the tab closes, asks the app to quit
and waits for it however long that takes. An app that doesn't answer (busy loading the
language model, or stuck) would then live on with nobody to see it. Here the app is started
directly (no shell, no ``uv`` in between, so the signal reaches the app itself) in a process
group of its own, and stopping escalates: quit, then SIGTERM, then SIGKILL to the group.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Sequence
from typing import Any

from textual_serve.app_service import AppService

# What a served session runs: this interpreter, this program, never a profile (see server.py).
SESSION_ARGV: tuple[str, ...] = (sys.executable, "-m", "coach", "--no-profile")

# Seconds the app gets to quit on its own, then to end on SIGTERM, before SIGKILL.
QUIT_GRACE = 2.0
TERM_GRACE = 2.0

# A browser reports its size in character cells; a hostile one could report any size and
# make the app lay out a screen of a billion cells.
MAX_WIDTH = 400
MAX_HEIGHT = 200


def clamp_size(width: int, height: int) -> tuple[int, int]:
    return max(1, min(int(width), MAX_WIDTH)), max(1, min(int(height), MAX_HEIGHT))


class SessionProcess(AppService):
    """textual-serve's AppService, with a direct start and a stop that always ends it."""

    def __init__(self, argv: Sequence[str] = SESSION_ARGV, **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = tuple(argv)
        self._stopped = False

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        width, height = clamp_size(width, height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            # Its own group, so that ending it also ends anything it started.
            start_new_session=True,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def start(self, width: int, height: int) -> None:
        await self.launch(width, height)
        self.attach()

    async def launch(self, width: int, height: int) -> None:
        """Start the app process only: its output waits in the pipe until ``attach``."""
        await self._open_app_process(width, height)

    def attach(self) -> None:
        """Forward the app's output to the browser (the write callbacks) from now on."""
        self._task = asyncio.create_task(self.run())

    async def set_terminal_size(self, width: int, height: int) -> None:
        try:
            width, height = clamp_size(width, height)
        except (TypeError, ValueError):
            return  # not a size: ignored, as a terminal would ignore it
        await super().set_terminal_size(width, height)

    async def stop(self) -> None:
        """End the app: ask it to quit, then make it. Safe to call more than once."""
        if self._stopped:
            return
        self._stopped = True
        process = self._process
        if process is None:
            return
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        # The app's stdin may already be gone (it crashed); then quitting is up to the signals.
        with contextlib.suppress(Exception):
            await self.send_meta({"type": "quit"})
        for grace, signum in ((QUIT_GRACE, signal.SIGTERM), (TERM_GRACE, signal.SIGKILL)):
            try:
                await asyncio.wait_for(process.wait(), grace)
                break
            except TimeoutError:
                _signal_group(process.pid, signum)
        await process.wait()
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


def _signal_group(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signum)
