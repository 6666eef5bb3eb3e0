"""The pipeline trained at install time (hatch_build.py): there, checked before use, used
for a first start on an empty cache, and the same bytes a fresh training gives."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import spacy

from coach.language import cache, manifest
from coach.language.intents import load_examples, model_key, train

ROOT = Path(__file__).resolve().parent.parent


def test_the_install_built_the_pipeline_for_this_data_and_code() -> None:
    folder = cache.installed(model_key())
    assert folder is not None, f"no pipeline for this data and code in {cache.installed_root()}"
    assert folder.parent == cache.installed_root()


def test_the_build_trains_with_the_locked_versions() -> None:
    """The pipeline's key includes spaCy's and the lookups' versions: built with others, the
    installed pipeline would never match and every first start would train again."""
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    pins = dict(r.split("==") for r in requires if "==" in r)
    locked = {p["name"]: p["version"]
              for p in tomllib.loads((ROOT / "uv.lock").read_text())["package"]}
    assert set(pins) >= {"spacy", "spacy-lookups-data", "thinc"}
    for name, version in pins.items():
        assert locked[name] == version, name


def test_a_first_start_on_an_empty_cache_trains_nothing_and_writes_nothing(
        tmp_path: Path) -> None:
    empty = tmp_path / "cache"
    run = subprocess.run([sys.executable, "-m", "coach", "ask", "why does my low back hurt"],
                         capture_output=True, text=True, timeout=120,
                         env={"HINGE_COACH_CACHE": str(empty), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    assert "Preparing the language model" not in run.stderr
    assert "low back" in run.stdout
    assert not empty.exists() or not any(empty.iterdir())


def test_a_tampered_installed_pipeline_is_not_trusted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = "t" * 24
    folder = cache.store(spacy.blank("en"), key, tmp_path)
    monkeypatch.setattr(cache, "installed_root", lambda: tmp_path)
    assert cache.installed(key) == folder
    victim = next(p for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "complete")
    victim.write_bytes(victim.read_bytes() + b"tampered")
    assert cache.installed(key) is None
    assert cache.inspect(key, tmp_path / "empty-cache").kind == "missing"


def test_the_installed_pipeline_is_what_training_these_sources_gives(tmp_path: Path) -> None:
    """Reproducible: training again here gives the same file hashes as the install's."""
    key = model_key()
    folder = cache.installed(key)
    assert folder is not None
    fresh = cache.store(train(load_examples()), key, tmp_path)
    shipped = json.loads((folder / manifest.MANIFEST).read_text())["files"]
    again = json.loads((fresh / manifest.MANIFEST).read_text())["files"]
    # spaCy writes the sentencizer's punctuation from a set, in the order of this process's
    # string hashing: the same characters, listed in another order. Every other file, the
    # trained weights included, is the same byte for byte.
    unordered = "sentencizer.json"
    assert set(again) == set(shipped)
    assert {n: h for n, h in again.items() if n != unordered} == {
        n: h for n, h in shipped.items() if n != unordered}

    def punctuation(root: Path) -> set[str]:
        return set(json.loads((root / unordered).read_text())["punct_chars"])

    assert punctuation(fresh) == punctuation(folder)
