"""The phrase reader for yes, no, fine, partly and "not sure" (coach/language/yes_no.py)."""

from __future__ import annotations

import pytest

from coach.language.yes_no import is_plain_no, means, read_answer, read_yes_no


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("yes, no problem", "yes"),
        ("no problem at all", "fine"),
        ("yeah nah", "no"),
        ("nah yeah", "yes"),
        ("nope, all good", "no"),
        ("kinda", "partly"),
        ("for sure", "yes"),
        ("not really", "no"),
        ("i'm fine", "fine"),
        ("um, yes", "yes"),
        ("idk", "unsure"),
        ("no idea", "unsure"),
        ("I'm not sure", "unsure"),
        ("yes maybe", "unsure"),
        ("x", None),
        ("10 yes x...!", None),
        ("what if I say no", None),
    ],
)
def test_the_whole_phrase_decides(text: str, answer: str | None):
    assert read_answer(text).answer == answer


@pytest.mark.parametrize(
    ("text", "topic", "said"),
    [
        ("no problem at all", "stick_mastery", "yes"),
        ("no problem at all", "symptoms", "no"),
        ("all good", "check_in", "no"),
        ("kinda", "stick_mastery", "unsure"),
        ("kinda", "confirm", "yes"),
        ("no problem", "equipment", None),
    ],
)
def test_fine_and_partly_are_read_against_the_question(text: str, topic: str, said: str | None):
    assert means(read_answer(text), topic) == said


def test_only_an_answer_or_more():
    assert read_answer("nope, not at all thanks").only
    assert not read_answer("no i dont think so, whats a hinge even").only
    assert read_answer("no i dont think so, whats a hinge even").rest.endswith("hinge even")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("yes", "yes"),
        ("a bit", "yes"),  # presence wins: a false alarm costs a question
        ("no", "no"),
        ("no, but sometimes", None),
        ("nah not really any of those, maybe the night one", None),
        ("yes no", None),
        ("all good", "no"),
    ],
)
def test_a_sign_question_needs_a_plain_answer(text: str, said: str | None):
    assert read_yes_no(text) == said


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("no", True),
        ("nope, none of those", True),
        ("no problems", True),
        ("none of the above, thanks", True),
        ("not really", False),
        ("no except the night one", False),
        ("nah not really any of those, maybe the night one", False),
        ("yes", False),
    ],
)
def test_only_a_plain_no_closes_a_list(text: str, plain: bool):
    assert is_plain_no(text) is plain
