"""The ``parse`` JSON shape, honest confidences, and robustness to any input."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from language_fixtures import language_parser, shared_parser  # noqa: F401  (fixture)

from coach.language.pieces import MAX_CHARS, pieces
from coach.text import clean as clean_text
from rules.facts import read_told
from rules.vocabulary import INTENTS

KEYS = ["text", "intent", "confidence", "alternatives", "facts"]


def check_shape(result: dict) -> None:
    assert list(result) == KEYS
    assert isinstance(result["text"], str)
    assert result["intent"] in INTENTS
    assert 0.0 <= result["confidence"] <= 1.0
    total = result["confidence"]
    previous = result["confidence"]
    for alt in result["alternatives"]:
        assert list(alt) == ["intent", "confidence"]
        assert alt["intent"] in INTENTS and alt["intent"] != result["intent"]
        assert alt["confidence"] <= previous  # best first
        previous = alt["confidence"]
        total += alt["confidence"]
    assert total <= 1.0 + 1e-6  # probabilities of one distribution
    for fact in result["facts"]:
        read_told(fact)
    json.dumps(result)  # always serialisable


def test_contract_example(language_parser) -> None:  # noqa: F811
    result = language_parser.parse("my lower back hurts when I pick up my kid")
    check_shape(result)
    assert result["intent"] == "inform"
    assert result["facts"] == [
        {
            "type": "symptom",
            "area": "low_back",
            "quality": "pain",
            "trigger": "picking_up",
            "severity": None,
            "present": True,
        }
    ]


def test_low_confidence_is_reported_with_alternatives(language_parser) -> None:  # noqa: F811
    result = language_parser.parse("zebra quantum toaster")
    check_shape(result)
    assert result["confidence"] < 0.9
    assert result["alternatives"], "an unsure answer names what else it could be"


def test_short_answers(language_parser) -> None:  # noqa: F811
    assert language_parser.parse("nah")["intent"] == "deny"
    assert language_parser.parse("yes")["intent"] == "affirm"


def test_empty_and_blank(language_parser) -> None:  # noqa: F811
    for text in ["", "   ", "\n", "\x00\x01\x02"]:
        result = language_parser.parse(text)
        check_shape(result)
        assert result["text"] == ""
        assert result["facts"] == []
        assert result["confidence"] == 0.0


def test_huge_binary_and_markup(language_parser) -> None:  # noqa: F811
    huge = "my back hurts " * 8000  # ~112 KB
    binary = bytes(range(256)).decode("latin-1")
    markup = "<script>alert('x')</script><b>my knees</b> cave &amp; {\"a\": [1]}"
    for text in [huge, binary, markup, "\ud800 lone surrogate", "🏋️" * 500]:
        result = language_parser.parse(text)
        check_shape(result)
        assert result["text"] == clean_text(text)  # all of it: nothing is dropped


def test_markup_typed_around_words_does_not_hide_them(language_parser) -> None:  # noqa: F811
    plain = language_parser.parse("my low back is sore and my toes lift")
    for text in ["[bold]my low back[/] is sore and my [i]toes[/i] lift",
                 "[link=https://x.y]my low back[/link] is sore and my toes lift"]:
        marked = language_parser.parse(text)
        assert marked["facts"] == plain["facts"], text
        assert marked["intent"] == plain["intent"] == "inform"


def test_clean_text() -> None:
    assert clean_text("  a\tb\x00c\n ") == "a b c"
    assert clean_text("x" * (MAX_CHARS * 3)) == "x" * (MAX_CHARS * 3)
    long = "I lift. " * 2000 + "word " * 3000
    parts = pieces(clean_text(long))
    assert all(len(p) <= MAX_CHARS for p in parts)
    assert " ".join(parts) == clean_text(long)


def test_parse_many_matches_parse(language_parser) -> None:  # noqa: F811
    texts = ["hi", "my knees cave in", "", "what's a hinge?"]
    assert list(language_parser.parse_many(texts)) == [language_parser.parse(t) for t in texts]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_gets_a_valid_answer(text: str) -> None:
    check_shape(shared_parser().parse(text))


WORDS = [
    "my",
    "back",
    "no",
    "not",
    "never",
    "knees",
    "cave",
    "5",
    "years",
    "a",
    "7",
    "out",
    "of",
    "10",
    "stick",
    "without",
    "kettlebell",
    "two",
    "hurts",
    "?",
    ",",
    "and",
    "but",
    "lifted",
    "numb",
    "both",
    "legs",
    "want",
    "stronger",
    "fine",
    "nothing",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25))
def test_domain_word_salad_gets_valid_facts(words: list[str]) -> None:
    check_shape(shared_parser().parse(" ".join(words)))
