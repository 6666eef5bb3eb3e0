"""One process at a time through the profile's opening: creating, checking, upgrading it.

SQLite serialises writers, but opening is more than a write: deciding that a file is new,
damaged or out of date and then acting on it must not interleave with another process
doing the same (two processes both "creating" a new profile, or one moving aside the fresh
file another has just made). A lock file beside the profile covers the whole of it.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# How often a waiting process tries again; opening takes milliseconds.
_RETRY_SECONDS = 0.01


class LockTimeout(OSError):
    """Another process held the lock for the whole wait."""


@contextmanager
def exclusive(path: Path, timeout: float) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created, owner-only, if missing) while inside."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise LockTimeout(f"{path} stayed locked by another process for {timeout:g} s")
            time.sleep(_RETRY_SECONDS)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


# sys.platform, not os.name: mypy checks only the branch for the platform it targets.
if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
