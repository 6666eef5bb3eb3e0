"""The knowledge file: complete, in the contract's ids, and traced to the article."""

from __future__ import annotations

import tomllib
from importlib.resources import files

from rules import vocabulary as v
from rules.knowledge import load


def test_the_seven_steps_in_order_each_with_needs_how_and_when_to_move_on():
    k = load()
    assert [s.id for s in k.steps] == list(v.STEPS)
    for step in k.steps:
        assert step.name and step.how and step.move_on
        assert step.needs.count in (1, 2)
    assert k.step("stick_hinge").needs.always_available
    assert k.step("double_kettlebell_hinge").needs.count == 2
    assert k.step("trap_bar_deadlift").needs.any_of == ("trap_bar",)


def test_the_stick_drill_has_the_articles_four_steps():
    drill = load().stick_drill
    assert len(drill) == 4
    assert "broomstick" in drill[0].text
    assert "three points of contact" in drill[1].text
    assert "don't need the stick" in drill[3].text


def test_six_mistakes_each_with_cues_and_a_fix():
    k = load()
    assert set(k.mistakes) == set(v.FAULT_KINDS)
    for mistake in k.mistakes.values():
        assert mistake.cues and mistake.fix


def test_every_cue_and_passage_is_there():
    k = load()
    assert set(k.cues) == set(v.CUES)
    assert set(k.passages) >= {
        "what_is_hinge", "back_pain", "muscles", "benefits", "barbell_route", "equipment"
    }
    assert k.muscles["primary"] == ("glutes", "hamstrings")


def test_every_quote_is_the_articles_own_words():
    article = _normalise(files("rules.knowledge").joinpath("article.txt").read_text("utf-8"))
    k = load()
    items = [*k.steps, *k.cues.values(), *k.mistakes.values(), *k.stick_drill,
             *k.passages.values(), *k.details.values()]
    for item in items:
        assert item.source.section in k.sections
        assert item.source.quote, f"{item} has no quote"
        # "..." in a quote stands for words left out; each piece must be verbatim.
        for piece in item.source.quote.split("..."):
            assert _normalise(piece) in article, piece


def test_the_fixes_that_are_the_coachs_own_say_so():
    # The article fixes flat feet (corkscrew) and toes lifting (whole foot); the other four
    # fixes are the coach's, and answers must not pass them off as the article's.
    k = load()
    by_article = {f for f, m in k.mistakes.items() if m.fix_basis == "article"}
    assert by_article == {"flat_feet", "toe_lift"}


def test_the_coachs_own_guidance_is_kept_apart_from_the_articles_text():
    details = load().details
    assert details["sets_reps"].coach and "no sets" in details["sets_reps"].text
    assert details["skipping"].coach


def test_every_reason_says_where_its_rule_comes_from():
    k = load()
    # "coaching practice": the coach's own choice, named as such (e.g. loaded_step_focus).
    kinds = {*k.sections, "safety", "interview", "contract", "policy", "coaching"}
    for reason in k.reasons.values():
        first_word = reason.basis.split(":")[0].split(" ")[0]
        assert first_word in kinds, (reason.rule, reason.basis)


def test_red_flags_are_labelled_for_every_contract_kind():
    assert list(load().red_flags) == list(v.RED_FLAG_KINDS)


def test_knowledge_ships_inside_the_package():
    text = files("rules.knowledge").joinpath("hinge.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text)["steps"]


def _normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split()).strip(" .,;").lower()


def test_every_urgency_has_referral_words_that_send_to_care():
    from rules.vocabulary import URGENCIES

    knowledge = load()
    assert set(knowledge.referral) == set(URGENCIES)
    assert "emergency" in knowledge.referral["emergency"].advice
    assert "doctor or physiotherapist" in knowledge.referral["soon"].advice
    # The app's referral box border is short: titles must fit 80 columns' side panel.
    assert all(len(words.title) <= 20 for words in knowledge.referral.values())
