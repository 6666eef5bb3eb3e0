"""The pieces under the parser: numbers, the pattern notation, typo tolerance, negation."""

from __future__ import annotations

import pytest
from language_fixtures import language_parser  # noqa: F401  (fixture)

from coach.language.numbers import phrase_value, severity_value, word_value
from coach.language.patterns import (
    PatternError,
    compile_phrase,
    make_typo_compare,
    span_ruler_patterns,
)


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["6"], 6),
        (["six"], 6),
        (["twenty", "five"], 25),
        (["a"], 1),
        (["a", "couple"], 2),
        (["1.5"], 1.5),
        (["two", "or", "three"], 2),
        (["3-4"], 3),
        (["like", "6"], 6),
    ],
)
def test_phrase_value(words: list[str], value: float) -> None:
    assert phrase_value(words) == value


def test_severity_value() -> None:
    assert severity_value("7/10") == 7
    assert severity_value("3/5") == 6
    assert severity_value("eight") == 8
    assert severity_value("12") is None
    assert word_value("banana") is None


def test_notation() -> None:
    assert compile_phrase("low~|lower~ back") == [
        {"LEMMA": {"FUZZY": {"IN": ["low", "lower"]}}},
        {"LEMMA": "back"},
    ]
    assert compile_phrase("my? _{0,2} #num =ten")[0] == {"LEMMA": "my", "OP": "?"}
    assert compile_phrase("_{0,2} x")[0] == {"OP": "{0,2}"}
    assert compile_phrase("!be|do")[0] == {"LEMMA": {"NOT_IN": ["be", "do"]}}
    with pytest.raises(PatternError):
        compile_phrase("x? y?")


def test_every_pattern_compiles() -> None:
    patterns = span_ruler_patterns()
    assert len(patterns) > 500
    assert all(p["pattern"] for p in patterns)


def test_typo_compare_is_strict_about_real_words() -> None:
    same = make_typo_compare()
    assert same("hamstrng", "hamstring")
    assert same("kettlebel", "kettlebell")
    assert same("lowr", "lower")
    assert not same("pair", "pain")  # short words must be exact
    assert not same("light", "tight")
    assert not same("should", "shoulder")  # a real word, protected
    assert not same("bamstring", "hamstring")  # typos keep the first letter


@pytest.mark.parametrize(
    ("text", "areas"),
    [
        ("my hamstrngs are sore", ["hamstrings"]),
        ("my lowwer back is sore", ["low_back"]),
        ("my kneez are sore", []),  # too short to guess at; a pain with no place is no fact
    ],
)
def test_typos_in_messages(language_parser, text: str, areas: list) -> None:  # noqa: F811
    facts = language_parser.parse(text)["facts"]
    assert [f["area"] for f in facts if f["type"] == "symptom"] == areas


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("my back doesn't hurt", False),
        ("my back does hurt", True),
        ("I never have back pain", False),
        ("no numbness, but my back hurts", True),
        ("not sure, but my back hurts", True),
    ],
)
def test_negation_scope(language_parser, text: str, present: bool) -> None:  # noqa: F811
    symptoms = [f for f in language_parser.parse(text)["facts"] if f["type"] == "symptom"]
    assert symptoms and symptoms[-1]["present"] is present


def _surface(phrase: str) -> str | None:
    """A plain text the phrase should match: first alternative of every word."""
    words = []
    for token in phrase.split():
        if token[0] in "_#!" or token.endswith(("?", "*", "+", "}")):
            return None
        words.append(token.lstrip("=^").split("|")[0].rstrip("~"))
    return " ".join(words)


def test_every_plain_phrase_matches_its_own_words(language_parser) -> None:  # noqa: F811
    from coach.language.concepts import CONCEPTS_KEY
    from coach.language.patterns import iter_phrases, load_pattern_data

    nlp = language_parser.nlp
    misses = []
    for label, phrase in iter_phrases(load_pattern_data()):
        text = _surface(phrase)
        if text is None:
            continue
        doc = nlp(text)
        if not any(s.label_ == label for s in doc.spans[CONCEPTS_KEY]):
            longer = [s.label_ for s in doc.spans[CONCEPTS_KEY] if len(s) > len(phrase.split())]
            if not longer:
                misses.append((label, phrase))
    assert not misses, misses[:40]
