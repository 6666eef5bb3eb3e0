"""Explanations: because for plans, why for questions, how for conclusions."""

from __future__ import annotations

from factsets import (
    equipment,
    fault,
    full_answers,
    history,
    no_red_flags,
    red_flag,
    session_with,
    symptom,
)

from coach.session import CoachSession
from rules.knowledge import load


def test_every_because_sentence_comes_from_a_rule_in_the_knowledge_file():
    plan = session_with(full_answers(history=[history("experienced", 6)],
                                     faults=[fault("toe_lift")],
                                     equipment=[equipment("kettlebell", 1)])).plan()
    assert plan["because"]
    templates = [r.because.split("{")[0] for r in load().reasons.values() if r.because]
    for sentence in plan["because"]:
        assert any(sentence.startswith(t) for t in templates), sentence


def test_because_lists_each_rule_that_shaped_the_plan_once():
    plan = session_with(full_answers(history=[history("experienced", 6)],
                                     faults=[fault("toe_lift"), fault("knees_cave")])).plan()
    assert len(plan["because"]) == len(set(plan["because"]))
    text = " ".join(plan["because"])
    assert "no skipping" in text and "knees caving in and toes lifting" in text
    assert "Toes lifting off the floor: focus on whole foot down." in plan["because"]


def test_why_a_question_is_asked_names_the_rule_that_needs_it():
    session = session_with([symptom("low_back", "pain")])
    question = session.why_asking()
    assert question.topic == "red_flags"
    assert "You told me about a symptom" in question.why
    assert question.basis.startswith("safety")


def test_why_asking_a_topic_not_needed_now_still_answers():
    question = CoachSession().why_asking("equipment")
    assert "kit" in question.why


def test_how_the_start_was_decided_walks_down_to_what_the_person_said():
    session = CoachSession()
    session.tell(full_answers(history=[history("experienced", 6)],
                              equipment=[equipment("kettlebell", 1)]))
    session.tell([history("experienced", 6)], said="deadlifting for 6 years")
    explanation = session.how_decided("start")
    lines = explanation.lines()
    assert lines[0].startswith("- start at the Suitcase hinge [rule equipment_step_down]")
    assert any("[rule history_skip]" in line for line in lines)
    assert any('you said: "deadlifting for 6 years"' in line for line in lines)
    told = _leaves(explanation)
    assert {"type": "history", "level": "experienced", "years": 6, "barbell": None,
            "present": True} in told


def test_how_a_referral_was_decided():
    session = session_with([symptom("low_back", "pain"), red_flag("fever"), no_red_flags()])
    lines = session.how_decided("referral").lines()
    assert "[rule refer_soon]" in lines[0]
    assert any("[rule red_flag_soon]" in line for line in lines)


def test_how_a_focus_cue_was_decided():
    session = session_with(full_answers(faults=[fault("knee_bend")]))
    lines = session.how_decided("focus:soft_knees").lines()
    assert "[rule fault_focus]" in lines[0]
    assert any("fault (kind knee_bend): yes" in line for line in lines)


def test_how_on_something_not_concluded_says_so():
    assert "nothing concluded" in CoachSession().how_decided("start").conclusion


def test_a_sign_left_unanswered_is_explained_back_to_the_person():
    session = session_with(full_answers(symptoms=[symptom("low_back", "pain")]))
    session.tell_unsure("red_flags", said="no idea")
    session.tell_unanswered("red_flag", "night_pain", said="dunno really")
    lines = session.how_decided("referral").lines()
    assert any("unanswered_needs_clearance" in line for line in lines)
    assert any('you said: "dunno really"' in line for line in lines)


def test_known_facts_keep_what_was_said():
    session = CoachSession()
    session.tell([no_red_flags()], said="none of that")
    assert [(k.fact["type"], k.said) for k in session.known_facts()] == [
        ("red_flag", "none of that")
    ]


def _leaves(explanation):
    if explanation.told is not None:
        return [explanation.told]
    return [leaf for r in explanation.reasons for p in r.premises for leaf in _leaves(p)]
