"""Where the trained pipeline is kept between runs: written safely, checked before use.

The directory is ``platformdirs.user_cache_dir("hinge-coach")`` unless ``HINGE_COACH_CACHE``
names another. Each trained pipeline sits in a folder named after the hash of everything
that shaped it, so changed data or code simply means a new folder; a stale one is never
loaded. Folders are written under a temporary name, finished with their manifest
(``manifest.py``) and renamed into place, so a second process starting at the same moment
either sees a complete pipeline or none; a folder whose files no longer match their manifest
is rebuilt once and replaced, never trusted and never retrained at every start.

If the directory can't be written, a private folder in the system's temporary directory
stands in for it, so the model is still prepared once rather than at every start.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from spacy.language import Language

from coach.language import manifest

CACHE_ENV = "HINGE_COACH_CACHE"
APP_NAME = "hinge-coach"
# Set to 1 to ignore the pipeline built at install time (tests of the cache itself).
NO_INSTALLED_ENV = "HINGE_COACH_NO_INSTALLED_MODEL"


@dataclass(frozen=True)
class CacheState:
    """What loading the pipeline for a key will do, found without changing anything.

    ``ready``: ``folder`` holds it, checked. ``missing``: it will be built and kept in
    ``folder``. ``damaged``: ``folder`` holds a copy that fails its check (``reason``); it
    will be rebuilt and replaced. ``unwritable``: the cache directory can't be written
    (``reason``); it will be built and kept in ``fallback``, or nowhere if that is None.
    """

    kind: Literal["ready", "missing", "damaged", "unwritable"]
    folder: Path
    reason: str = ""
    fallback: Path | None = None


def cache_root() -> Path:
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def content_key(parts: Iterable[bytes | str]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        # Length-prefixed so ("ab", "c") and ("a", "bc") differ.
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:24]


def pipeline_dir(key: str, root: Path | None = None) -> Path:
    return (root or cache_root()) / f"pipeline-{key}"


def installed_root() -> Path:
    """Where the install put the pipeline it trained (hatch_build.py): the environment's
    ``share/hinge-coach``, beside the program itself, read-only to the program."""
    return Path(sys.prefix) / "share" / APP_NAME


def installed(key: str) -> Path | None:
    """The pipeline for ``key`` built at install time, if there is one and every file still
    matches the hash its manifest records; else None."""
    if os.environ.get(NO_INSTALLED_ENV):
        return None
    folder = pipeline_dir(key, installed_root())
    if folder.is_dir() and manifest.problem(folder, key) is None:
        return folder
    return None


def inspect(key: str, root: Path | None = None) -> CacheState:
    """Where the pipeline for ``key`` is, or what loading it will have to do first."""
    shipped = installed(key)
    if shipped is not None:
        return CacheState("ready", shipped)
    root = root or cache_root()
    folder = pipeline_dir(key, root)
    trouble = manifest.problem(folder, key) if folder.is_dir() else None
    if folder.is_dir() and trouble is None:
        return CacheState("ready", folder)
    unwritable = _cannot_write(root)
    if unwritable is None:
        return CacheState("damaged", folder, trouble) if trouble else CacheState("missing", folder)
    spare = _private_fallback()
    if spare is not None:
        kept = pipeline_dir(key, spare)
        if kept.is_dir() and manifest.problem(kept, key) is None:
            # Told once, when it was built there; from then on it simply loads.
            return CacheState("ready", kept)
    return CacheState("unwritable", folder, unwritable, spare)


def load_cached(key: str, root: Path | None = None) -> Language | None:
    """The checked, cached pipeline for ``key``, or None (none there, or it fails its check)."""
    folder = pipeline_dir(key, root)
    if not folder.is_dir() or manifest.problem(folder, key) is not None:
        return None
    return _load(folder)


def _load(folder: Path) -> Language | None:
    import spacy

    try:
        # The config rebuilds the same tokenizer; reading it back from disk again would
        # only cost load time.
        return spacy.load(folder, exclude=["tokenizer"])
    except Exception:  # intact files spaCy still can't read: rebuilt like any damage
        return None


def store(nlp: Language, key: str, root: Path | None = None) -> Path:
    """Write ``nlp`` under ``key`` atomically; if another process won the race, keep theirs."""
    final = pipeline_dir(key, root)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{key}-", dir=final.parent))
    try:
        nlp.to_disk(tmp)
        manifest.write_manifest(tmp, key)
        _put_in_place(tmp, final, key)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    _drop_stale(final)
    return final


def _put_in_place(tmp: Path, final: Path, key: str) -> None:
    try:
        os.rename(tmp, final)
        return
    except OSError:
        pass
    # The target exists. Another process's intact copy is identical (same key,
    # deterministic training), so ours is discarded; a damaged one is replaced.
    if manifest.problem(final, key) is None:
        return
    trash = Path(tempfile.mkdtemp(prefix=f".trash-{key}-", dir=final.parent))
    try:
        os.rename(final, trash / final.name)
        os.rename(tmp, final)
    finally:
        shutil.rmtree(trash, ignore_errors=True)


def _drop_stale(current: Path) -> None:
    """Remove this program's pipelines for older data or code (a few MB each that nothing
    will load again); folders it didn't make, whatever their names, are left alone."""
    for old in current.parent.glob("pipeline-*"):
        if old != current and old.is_dir() and not old.is_symlink() and manifest.made_here(old):
            shutil.rmtree(old, ignore_errors=True)


def load_or_build(key: str, build: Callable[[], Language], root: Path | None = None) -> Language:
    state = inspect(key, root)
    if state.kind == "ready":
        nlp = _load(state.folder)
        if nlp is not None:
            return nlp
    nlp = build()
    keep_in = state.fallback if state.kind == "unwritable" else state.folder.parent
    if keep_in is not None:
        # Written or not, this run has its pipeline; inspect() said beforehand what happens.
        with contextlib.suppress(OSError):
            store(nlp, key, keep_in)
    return nlp


def _cannot_write(root: Path) -> str | None:
    """Why nothing can be written in ``root``, or None if it can."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".probe-", dir=root)
        os.close(fd)
        os.unlink(probe)
    except OSError as error:
        return error.strerror or str(error)
    return None


def _private_fallback() -> Path | None:
    """A folder in the temporary directory that only this user can have written, or None.

    Checked, not assumed: anyone can create names in /tmp, and a pipeline planted there
    by someone else must never be loaded.
    """
    owner = os.getuid() if hasattr(os, "getuid") else getpass.getuser()
    folder = Path(tempfile.gettempdir()) / f"{APP_NAME}-cache-{owner}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
        if hasattr(os, "getuid") and (
            not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid()
            or info.st_mode & 0o077
        ):
            return None
    except OSError:
        return None
    return folder if _cannot_write(folder) is None else None
