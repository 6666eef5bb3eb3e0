"""A stored pipeline's manifest: what its files must hash to, and the proof that it is ours.

The manifest is the folder's ``complete`` file, written last: a folder without one was never
finished. It names this program and the folder's key, and lists a SHA-256 for every file;
a folder is loaded only while its files still match, so a damaged cache is found at once,
not trusted. The same record tells the cleanup which folders this program made: it
removes those and nothing else.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

MANIFEST = "complete"
APP = "hinge-coach"
FORMAT = 1

# Folders found intact in this process, each by the size and time of every file in it:
# checking costs a read of every file, and a start-up may ask twice (to say what it will
# do, then to load). Any change to a file changes its entry, so it is checked again.
_intact: set[tuple[tuple[str, int, int], ...]] = set()


def write_manifest(folder: Path, key: str) -> None:
    """Record ``folder``'s files as they are now; the last thing written into it."""
    record = {"app": APP, "format": FORMAT, "key": key, "files": _hashes(folder)}
    (folder / MANIFEST).write_text(json.dumps(record, indent=1, sort_keys=True),
                                   encoding="utf-8")


def problem(folder: Path, key: str) -> str | None:
    """Why the pipeline in ``folder`` can't be trusted for ``key``, or None if it can."""
    path = folder / MANIFEST
    try:
        identity = _identity(folder)
        if identity in _intact:
            return None
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return "it was never finished"
    except (OSError, ValueError) as error:
        return f"its manifest can't be read ({error})"
    if not isinstance(record, dict) or record.get("app") != APP or record.get("key") != key:
        return "its manifest is not this program's"
    try:
        files = _hashes(folder)
    except OSError as error:
        return f"its files can't be read ({error})"
    expected = record.get("files") or {}
    if files != expected:
        changed = sorted(n for n in set(files) | set(expected) if files.get(n) != expected.get(n))
        return f"its files don't match their manifest ({', '.join(changed[:3])})"
    _intact.add(identity)
    return None


def made_here(folder: Path) -> bool:
    """Did this program write ``folder`` (whatever its state now)?

    Yes if its manifest names this program and the key in the folder's name; or, for
    folders written before manifests existed, if its ``complete`` file holds just that key.
    """
    key = folder.name.removeprefix("pipeline-")
    try:
        text = (folder / MANIFEST).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if text == key:
        return True
    try:
        record = json.loads(text)
    except ValueError:
        return False
    return isinstance(record, dict) and record.get("app") == APP and record.get("key") == key


def _hashes(folder: Path) -> dict[str, str]:
    out = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = Path(root) / name
            relative = path.relative_to(folder).as_posix()
            if relative == MANIFEST:
                continue
            with path.open("rb") as file:
                # In chunks: the classifier's weights (5 MB) are never all in memory at once.
                out[relative] = hashlib.file_digest(file, "sha256").hexdigest()
    return out


def _identity(folder: Path) -> tuple[tuple[str, int, int], ...]:
    files = []
    for root, _, names in os.walk(folder):
        for name in names:
            info = (Path(root) / name).stat()
            files.append((os.path.join(root, name), info.st_size, info.st_mtime_ns))
    return tuple(sorted(files))
