"""The model cache is checked, not trusted: a damaged copy is rebuilt once and said so, the
cleanup touches only what this program made, and a read-only cache is told once and worked
around, not retrained at every start under a "first start only" notice."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import spacy
from language_fixtures import cache_dir, shared_parser
from readonly import read_only
from spacy.language import Language

from coach.language import cache
from coach.language.intents import model_key
from coach.understanding import (
    DAMAGED_NOTICE,
    FIRST_RUN_NOTICE,
    preparation_notice,
)


@pytest.fixture(autouse=True)
def without_the_installed_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the cache and training: the pipeline the install built
    (test_installed_model.py) would answer for them."""
    monkeypatch.setenv(cache.NO_INSTALLED_ENV, "1")


KEY = "k" * 24


class Builds:
    """A stand-in for training: a blank pipeline, counted."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> Language:
        self.count += 1
        return spacy.blank("en")


@pytest.fixture(autouse=True)
def private_tmp(tmp_path_factory: pytest.TempPathFactory,
                monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system temp folder, for the fallback cache, is the test's own."""
    folder = tmp_path_factory.mktemp("system-tmp")
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def damage(folder: Path) -> None:
    """Change one stored file's bytes, as a bad disk or an interrupted copy would."""
    victim = next(p for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "complete")
    victim.write_bytes(victim.read_bytes() + b"\x00damage")


def test_a_damaged_cache_is_found_rebuilt_once_and_then_loaded(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    builds = Builds()
    cache.load_or_build(KEY, builds, root)
    folder = cache.pipeline_dir(KEY, root)
    assert cache.inspect(KEY, root).kind == "ready"
    damage(folder)
    state = cache.inspect(KEY, root)
    assert state.kind == "damaged" and "don't match" in state.reason
    assert cache.load_cached(KEY, root) is None  # never loaded as if it were fine
    cache.load_or_build(KEY, builds, root)
    assert builds.count == 2  # the first build, and the one rebuild
    assert cache.inspect(KEY, root).kind == "ready"
    for _ in range(3):  # the next starts load it, without building again
        cache.load_or_build(KEY, builds, root)
    assert builds.count == 2


def test_the_notice_names_the_damage_once(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    key = model_key()
    assert preparation_notice() == FIRST_RUN_NOTICE
    cache.store(spacy.blank("en"), key, tmp_path)
    assert preparation_notice() is None
    folder = cache.pipeline_dir(key, tmp_path)
    damage(folder)
    notice = preparation_notice()
    assert notice is not None and notice.startswith(DAMAGED_NOTICE.split("{")[0])
    assert str(folder) in notice and "first start" not in notice
    cache.store(spacy.blank("en"), key, tmp_path)  # what the load then does
    assert preparation_notice() is None


def test_cleanup_removes_only_what_this_program_made(tmp_path: Path) -> None:
    older = cache.store(spacy.blank("en"), "0" * 24, tmp_path)
    legacy = cache.pipeline_dir("2" * 24, tmp_path)  # written before manifests existed
    legacy.mkdir()
    (legacy / "complete").write_text("2" * 24, encoding="utf-8")
    others = {
        "pipeline-1": "no manifest at all",
        "pipeline-" + "3" * 24: "someone else's complete file",
        "pipeline-tool": '{"app": "another-tool", "key": "tool"}',
    }
    for name, complete in others.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "complete").write_text(complete, encoding="utf-8")
    (tmp_path / "pipeline-file").write_text("a file named like a pipeline")
    current = cache.store(spacy.blank("en"), KEY, tmp_path)
    assert not older.exists() and not legacy.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [current.name, *others, "pipeline-file"])
    for name, complete in others.items():
        assert (tmp_path / name / "complete").read_text(encoding="utf-8") == complete


def test_a_read_only_cache_is_told_once_and_kept_in_a_private_folder(
    tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = tmp_path / "cache"
    root.mkdir()
    monkeypatch.setenv(cache.CACHE_ENV, str(root))
    key = model_key()
    builds = Builds()
    with read_only(root):
        notice = preparation_notice()
        assert notice is not None and "first start" not in notice
        assert str(root) in notice and "can't be written" in notice
        state = cache.inspect(key)
        assert state.kind == "unwritable" and state.fallback is not None
        assert state.fallback.parent == private_tmp
        cache.load_or_build(key, builds)
        assert builds.count == 1
        # Later starts: nothing to tell, nothing to build.
        assert preparation_notice() is None
        cache.load_or_build(key, builds)
        assert builds.count == 1
        assert os.stat(state.fallback).st_mode & 0o077 == 0
    assert list(root.iterdir()) == []


def test_a_fallback_folder_someone_else_could_write_is_never_used(
    tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = tmp_path / "cache"
    root.mkdir()
    owner = os.getuid() if hasattr(os, "getuid") else "me"
    planted = private_tmp / f"hinge-coach-cache-{owner}"
    planted.mkdir()
    planted.chmod(0o777)
    cache.store(spacy.blank("en"), KEY, planted)  # a "pipeline" anyone could have put there
    with read_only(root):
        state = cache.inspect(KEY, root)
        assert state.kind == "unwritable" and state.fallback is None
        builds = Builds()
        cache.load_or_build(KEY, builds, root)
        assert builds.count == 1  # built in memory, not loaded from the planted folder


def test_a_damaged_cache_rebuilds_once_for_real() -> None:
    """`hinge-coach ask`, twice, over a copy of the real cache with one file damaged."""
    shared_parser()  # the session's trained pipeline
    key = model_key()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(cache.pipeline_dir(key, cache_dir()), cache.pipeline_dir(key, root))
        damage(cache.pipeline_dir(key, root) / "textcat")
        env = {**os.environ, cache.CACHE_ENV: str(root)}
        runs = [subprocess.run([sys.executable, "-m", "coach", "ask", "hi"], env=env,
                               capture_output=True, text=True, timeout=300)
                for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    assert "damaged" in runs[0].stderr and "rebuilding" in runs[0].stderr
    assert runs[1].stderr == ""  # rebuilt once: the next start just loads
