"""The profile's files on disk: which they are, keeping a damaged one aside, deleting them.

A profile is its database file plus SQLite's ``-wal`` and ``-shm`` beside it and the lock
file used while opening (``lock.py``). A symbolic link is followed: the profile is the file
it points to, which is where SQLite keeps the ``-wal`` and ``-shm`` too.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from itertools import count
from pathlib import Path

from coach.cli_words import LINES
from coach.profile.errors import ProfileUnavailable, from_os_error

JOURNAL_SUFFIXES = ("-wal", "-shm")
LOCK_SUFFIX = ".lock"


def resolve(path: Path) -> Path:
    """The file a profile path stands for: absolute, with every symbolic link followed."""
    return Path(os.path.realpath(path))


def lock_path(path: Path) -> Path:
    return Path(f"{path}{LOCK_SUFFIX}")


def move_aside(path: Path) -> Path:
    """Rename a damaged profile (and its journal) to a new name beside it; return that name.

    The name has the time to the microsecond and, should it still be taken, a counter: an
    earlier damaged file kept aside is never overwritten.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    for n in count(1):
        aside = path.with_name(f"{path.name}.damaged-{stamp}" + (f"-{n}" if n > 1 else ""))
        if not any(Path(f"{aside}{s}").exists() for s in ("", *JOURNAL_SUFFIXES)):
            break
    # The journal first: a stale -wal left beside a fresh profile would be replayed into it.
    for suffix in (*JOURNAL_SUFFIXES, ""):
        part = Path(f"{path}{suffix}")
        if part.exists():
            _rename_new(part, Path(f"{aside}{suffix}"))
    return aside


def _rename_new(source: Path, target: Path) -> None:
    """Rename ``source`` to ``target``, failing rather than replacing an existing ``target``."""
    try:
        # A hard link fails if the target exists, where a rename would silently replace it.
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:
        # No hard links on this file system: check, then rename (the caller holds the lock).
        if target.exists():
            raise FileExistsError(target) from None
        source.rename(target)
        return
    source.unlink()


def forget(path: Path) -> list[Path]:
    """Delete the profile at ``path`` (a link is followed) and its files; what was deleted.

    The database goes first: if that fails nothing is lost, and a -wal never outlives its
    database to be replayed into a new one. Raises ``ProfileUnavailable`` with what was and
    wasn't deleted if a file can't be.
    """
    path = resolve(path)
    if path.is_dir():
        raise ProfileUnavailable(LINES("profile_folder_kept", path=path))
    deleted: list[Path] = []
    for part in (path, *(Path(f"{path}{s}") for s in (*JOURNAL_SUFFIXES, LOCK_SUFFIX))):
        try:
            part.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            done = (LINES("profile_did_delete", paths=", ".join(map(str, deleted))) if deleted
                    else LINES("profile_none_deleted"))
            raise ProfileUnavailable(LINES("profile_not_deleted", path=part,
                                           error=error.strerror or error, done=done)) from error
        deleted.append(part)
    return deleted


def make_owner_only(path: Path) -> None:
    """Create ``path`` empty, readable and writable by its owner only, unless it exists."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return
    except OSError as error:
        raise from_os_error(path, error) from error


def ensure_folder(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise from_os_error(path, error) from error

