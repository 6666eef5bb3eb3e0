"""Where the trained pipeline is kept between runs, and how it is written safely.

The directory is ``platformdirs.user_cache_dir("hinge-coach")`` unless ``HINGE_COACH_CACHE``
names another. Each trained pipeline sits in a folder named after the hash of everything
that shaped it, so changed data or code simply means a new folder; a stale one is never
loaded. Folders are written under a temporary name and renamed into place, so a second
process starting at the same moment either sees a complete pipeline or none.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from spacy.language import Language

CACHE_ENV = "HINGE_COACH_CACHE"
APP_NAME = "hinge-coach"
_COMPLETE = "complete"  # written last: a folder without it was never finished


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


def is_stored(key: str, root: Path | None = None) -> bool:
    return (pipeline_dir(key, root) / _COMPLETE).exists()


def load_cached(key: str, root: Path | None = None) -> Language | None:
    """The cached pipeline for ``key``, or None if there is none (or it is unreadable)."""
    import spacy

    if not is_stored(key, root):
        return None
    try:
        # The config rebuilds the same tokenizer; reading it back from disk again would
        # only cost load time.
        return spacy.load(pipeline_dir(key, root), exclude=["tokenizer"])
    except Exception:  # a damaged cache is rebuilt, never fatal
        return None


def store(nlp: Language, key: str, root: Path | None = None) -> Path:
    """Write ``nlp`` under ``key`` atomically; if another process won the race, keep theirs."""
    final = pipeline_dir(key, root)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{key}-", dir=final.parent))
    try:
        nlp.to_disk(tmp)
        (tmp / _COMPLETE).write_text(key, encoding="utf-8")
        try:
            os.rename(tmp, final)
        except OSError:
            # The target exists: another process finished first. Theirs is identical
            # (same key, deterministic training), so ours is simply discarded.
            if not (final / _COMPLETE).exists():
                shutil.rmtree(final, ignore_errors=True)
                os.rename(tmp, final)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    _drop_stale(final)
    return final


def _drop_stale(current: Path) -> None:
    """Remove pipelines of older data or code: each one is a few MB nothing will load again."""
    for old in current.parent.glob("pipeline-*"):
        if old != current and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)


def load_or_build(key: str, build: Callable[[], Language], root: Path | None = None) -> Language:
    cached = load_cached(key, root)
    if cached is not None:
        return cached
    nlp = build()
    # A read-only cache dir costs a retrain next time, nothing more.
    with contextlib.suppress(OSError):
        store(nlp, key, root)
    return nlp
