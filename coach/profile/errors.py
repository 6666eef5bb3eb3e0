"""What can go wrong with a profile, and telling damage from a file that is only out of reach.

The difference decides what happens to the person's data. A damaged file (not a database,
or one that fails its integrity check) will never open again, so it is moved aside and kept;
a file that is only unavailable (locked by another program, not readable or writable, in a
read-only folder, a folder itself) is fine and must be left exactly as it is.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from coach.cli_words import LINES

# SQLite's primary result codes that mean the file's content is bad, not our access to it.
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
_DAMAGE = {_SQLITE_CORRUPT, _SQLITE_NOTADB}
_BUSY = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_NO_ACCESS = {3, 8, 14, 23}  # SQLITE_PERM, SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_AUTH


class ProfileError(RuntimeError):
    """The profile can't be opened or written; the message says why and what to do."""


class ProfileUnavailable(ProfileError):
    """The profile is out of reach right now; it has not been touched."""


class ProfileDamaged(ProfileError):
    """The file's content can't be a profile (kept aside by whoever opens it)."""


def is_damage(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _DAMAGE


def unavailable(path: Path, why: str) -> ProfileUnavailable:
    return ProfileUnavailable(LINES("profile_unavailable", path=path, why=why))


def classify(path: Path, error: sqlite3.Error) -> ProfileError:
    """The profile error that an SQLite error opening ``path`` amounts to."""
    if is_damage(error):
        return ProfileDamaged(str(error))
    code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
    if code in _BUSY:
        why = LINES("profile_locked")
    elif code in _NO_ACCESS:
        why = LINES("profile_no_access", error=error)
    else:
        why = str(error)
    return unavailable(path, why)


def from_os_error(path: Path, error: OSError) -> ProfileUnavailable:
    return unavailable(path, error.strerror or str(error))
