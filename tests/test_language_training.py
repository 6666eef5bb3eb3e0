"""Training is deterministic and cached by content; the cache is written atomically."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
import spacy
from language_fixtures import cache_dir, language_parser  # noqa: F401  (fixture)

from coach.language import cache
from coach.language.intents import (
    IntentDataError,
    load_examples,
    model_key,
    train,
)
from coach.language.parser import Parser


@pytest.fixture(autouse=True)
def without_the_installed_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the cache and training: the pipeline the install built
    (test_installed_model.py) would answer for them."""
    monkeypatch.setenv(cache.NO_INSTALLED_ENV, "1")


SMALL = """
[greet]
examples = ["hi", "hello there", "hey coach", "good morning"]
[deny]
examples = ["no", "nope", "nah not really", "no way"]
[inform]
examples = ["my back hurts", "I have two kettlebells", "I've lifted for 5 years", "my knees cave"]
[ask_muscles]
examples = ["what muscles does it work", "which muscles", "where should I feel it"]
"""
PROBES = ["hiya", "no thanks", "my hamstrings are tight", "what does it work", "banana"]


@pytest.fixture(scope="module")
def small_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("intents") / "intents.toml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_training_is_deterministic(small_data: Path) -> None:
    first = train(load_examples(small_data))
    second = train(load_examples(small_data))
    for text in PROBES:
        assert first(text).cats == second(text).cats
    assert first.get_pipe("textcat").model.to_bytes() == second.get_pipe("textcat").model.to_bytes()


def test_cache_round_trip_gives_the_same_answers(small_data: Path, tmp_path: Path) -> None:
    nlp = train(load_examples(small_data))
    key = model_key(small_data)
    cache.store(nlp, key, root=tmp_path)
    loaded = cache.load_cached(key, root=tmp_path)
    assert loaded is not None
    for text in PROBES:
        assert loaded(text).cats == nlp(text).cats
        assert loaded(text)._.facts == nlp(text)._.facts
    # The lemma table is stored in a form of its own: the same lemmas, general and domain.
    words = "Picked up the Kettlebells, deadlifted twice and my hamstrings were aching"
    lemmas = [t.lemma_ for t in loaded(words)]
    assert lemmas == [t.lemma_ for t in nlp(words)]
    assert {"pick", "kettlebell", "deadlift", "hamstring", "ache"} <= set(lemmas)


def test_storing_a_new_pipeline_removes_its_own_stale_ones_only(small_data: Path,
                                                                 tmp_path: Path) -> None:
    ours = cache.store(spacy.blank("en"), "0" * 24, tmp_path)  # an older key of ours
    unrelated = cache.pipeline_dir("1" * 24, tmp_path)  # someone else's, same naming
    (unrelated / "textcat").mkdir(parents=True)
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me", encoding="utf-8")
    stored = cache.store(train(load_examples(small_data)), model_key(small_data), tmp_path)
    assert not ours.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [stored.name, unrelated.name, "notes.txt"])


def test_key_follows_the_training_data(small_data: Path, tmp_path: Path) -> None:
    other = tmp_path / "intents.toml"
    other.write_text(SMALL.replace('"no way"', '"no way at all"'), encoding="utf-8")
    assert model_key(small_data) == model_key(small_data)
    assert model_key(small_data) != model_key(other)


def test_a_normal_start_does_not_retrain(language_parser, monkeypatch) -> None:  # noqa: F811
    import coach.language.intents as intents

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("retrained although the cache was warm")

    monkeypatch.setattr(intents, "train", refuse)
    Parser(cache_dir=cache_dir())  # loads the pipeline the session fixture cached


def test_concurrent_stores_leave_one_complete_copy(small_data: Path, tmp_path: Path) -> None:
    nlp = train(load_examples(small_data))
    errors: list[BaseException] = []

    def store() -> None:
        try:
            cache.store(nlp, "race", root=tmp_path)
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=store) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert [p.name for p in tmp_path.iterdir()] == ["pipeline-race"]
    assert cache.load_cached("race", root=tmp_path) is not None


def test_a_damaged_cache_is_rebuilt(small_data: Path, tmp_path: Path) -> None:
    broken = cache.pipeline_dir("broken", tmp_path)
    broken.mkdir(parents=True)
    (broken / "complete").write_text("broken", encoding="utf-8")
    assert cache.load_cached("broken", root=tmp_path) is None
    nlp = cache.load_or_build("broken", lambda: train(load_examples(small_data)), tmp_path)
    assert nlp("hi").cats


def test_cache_dir_comes_from_the_environment(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    assert cache.cache_root() == tmp_path
    monkeypatch.delenv(cache.CACHE_ENV)
    assert "hinge-coach" in str(cache.cache_root())
    assert os.environ.get(cache.CACHE_ENV) is None


def test_unknown_intent_in_the_data_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "intents.toml"
    path.write_text('[greet]\nexamples = ["hi"]\n[chitchat]\nexamples = ["lol"]\n')
    with pytest.raises(IntentDataError, match="chitchat"):
        load_examples(path)


def test_the_repo_training_data_covers_every_intent() -> None:
    from rules.vocabulary import INTENTS

    assert set(load_examples()) == set(INTENTS)


def test_the_notice_follows_the_cache(language_parser, monkeypatch, tmp_path: Path) -> None:  # noqa: F811
    from coach.understanding import FIRST_RUN_NOTICE, preparation_notice

    assert preparation_notice() is None  # the trained pipeline of this test run is cached
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    assert preparation_notice() == FIRST_RUN_NOTICE
