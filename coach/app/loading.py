"""Loading the language layer on a daemon thread, awaited from the UI's event loop.

A daemon thread rather than asyncio's executor (where ``@work(thread=True)`` runs): the
executor is joined when the app exits, so quitting during a slow spaCy load would wait for
the load to finish. A daemon thread is simply abandoned when the person quits.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from time import perf_counter
from typing import TypeVar

T = TypeVar("T")


async def load_in_background(factory: Callable[[], T]) -> tuple[T, float]:
    """What ``factory`` returns (the parser, say), and the seconds it took; raises what it
    raised."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[tuple[T, float]] = loop.create_future()
    threading.Thread(
        target=_load, args=(factory, loop, done), name="hinge-coach-language", daemon=True
    ).start()
    return await done


def _load(
    factory: Callable[[], T],
    loop: asyncio.AbstractEventLoop,
    done: asyncio.Future[tuple[T, float]],
) -> None:
    def settle(outcome: tuple[T, float] | None, error: Exception | None) -> None:
        if done.done():
            return  # the app quit meanwhile and the waiting worker was cancelled
        if outcome is None:
            done.set_exception(error or RuntimeError("the parser factory returned nothing"))
        else:
            done.set_result(outcome)

    started = perf_counter()
    outcome: tuple[T, float] | None = None
    error: Exception | None = None
    try:
        outcome = (factory(), perf_counter() - started)
    except Exception as failure:
        error = failure
    with contextlib.suppress(RuntimeError):  # the loop has closed: nobody is waiting any more
        loop.call_soon_threadsafe(settle, outcome, error)
