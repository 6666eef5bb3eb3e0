"""Shared set-up for the language tests: one trained parser per test run, in a temp cache.

Imported by the ``test_language_*`` modules (not a conftest, so it never loads for other
tests). The parser is built once per process, however many modules ask for it, in a cache
directory of its own, so tests neither read nor write the user's real cache.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import pytest

from coach.language.cache import CACHE_ENV

_TMP = Path(tempfile.mkdtemp(prefix="hinge-coach-test-cache-"))
atexit.register(shutil.rmtree, _TMP, True)
# Set at import, before any parser can be built, and for subprocesses started by tests.
os.environ[CACHE_ENV] = str(_TMP)


def cache_dir() -> Path:
    return _TMP


@lru_cache(maxsize=1)
def shared_parser():  # type: ignore[no-untyped-def]
    from coach.language import cache
    from coach.language.intents import model_key
    from coach.language.parser import Parser

    parser = Parser(cache_dir=_TMP)
    # Loaded from the pipeline the install trained, the test cache would stay empty; the
    # cache tests start from a warm one, as a machine that has run the coach before.
    key = model_key()
    shipped = cache.installed(key)
    if shipped is not None and not cache.pipeline_dir(key, _TMP).exists():
        shutil.copytree(shipped, cache.pipeline_dir(key, _TMP))
    return parser


@pytest.fixture(scope="session")
def language_parser():  # type: ignore[no-untyped-def]
    return shared_parser()
