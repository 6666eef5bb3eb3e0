"""How a command ends when the outside world ends it first: Ctrl-C, or a reader gone away.

Both are normal ways to stop a command-line program, so neither prints a traceback; each
exits with the shell's conventional status (128 + the signal's number), so a script can
still tell that the output was cut short.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from types import FrameType

INTERRUPTED = 128 + signal.SIGINT  # 130
BROKEN_PIPE = 141  # 128 + SIGPIPE (POSIX numbering; also used where there is no SIGPIPE)


class _State:
    interrupted = False
    # The command's work is over: what is left is Python shutting down (joining threads,
    # flushing), where a KeyboardInterrupt would print a traceback and still exit 0.
    finishing = False


def _on_interrupt(signum: int, frame: FrameType | None) -> None:
    if _State.finishing or _State.interrupted:
        # Nothing left to interrupt, or a second Ctrl-C: leave now, quietly, with what was
        # written so far.
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(INTERRUPTED)
    _State.interrupted = True
    raise KeyboardInterrupt


def run_command(command: Callable[[], int]) -> int:
    """Run ``command`` and return its exit status, ending quietly on Ctrl-C or a closed pipe.

    Once the command is over, Ctrl-C is handed back to the system (``_finish``): an
    interrupt while the interpreter shuts down then ends the process by the signal, which a
    shell reports as 130, instead of printing a traceback and exiting 0.
    """
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _on_interrupt)
    try:
        status = command()
    except KeyboardInterrupt:
        _State.finishing = True
        with contextlib.suppress(OSError):
            print(file=sys.stderr)  # end the line the ^C was echoed on
        status = INTERRUPTED
    except BrokenPipeError:
        _State.finishing = True
        _discard_stdout()
        status = BROKEN_PIPE
    _State.finishing = True
    return _finish(status)


def _finish(status: int) -> int:
    """Flush what the command wrote, then give SIGINT its default action back.

    Python's own handler cannot serve the last moments of shutdown: the interpreter clears
    it while it finalises, and a signal caught in that window prints "Signal 2 ignored due
    to race condition" with a traceback. With the default action the system ends the
    process instead, quietly; everything written is already out.
    """
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        status = BROKEN_PIPE
    except (OSError, ValueError):
        pass
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    if threading.current_thread() is threading.main_thread():
        # Blocked while the action changes, so no interrupt falls between the two: one that
        # came earlier is still run by signal.signal (it runs pending handlers first) and
        # exits 130 through _on_interrupt; one that comes later waits, and is delivered
        # with the default action once unblocked.
        with _sigint_blocked():
            signal.signal(signal.SIGINT, signal.SIG_DFL)
    return status


@contextlib.contextmanager
def _sigint_blocked() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):  # Windows: nothing to block
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _discard_stdout() -> None:
    """Point stdout at the null device: what is still buffered for the reader that went away
    would otherwise fail again, with a traceback, when Python flushes it on the way out."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
