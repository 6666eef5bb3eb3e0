"""Interview rules: what is asked, in what order, and never twice."""

from __future__ import annotations

import pytest
from factsets import (
    equipment,
    fault,
    full_answers,
    goal,
    history,
    mastery,
    no_conditions,
    no_faults,
    no_red_flags,
    no_symptoms,
    red_flag,
    session_with,
    symptom,
)

from coach.session import CoachSession
from rules import vocabulary as v


def test_a_fresh_interview_starts_with_symptoms_and_has_no_plan():
    session = CoachSession()
    assert session.next_topic() == "symptoms"
    assert session.plan() is None


def test_the_full_order_for_a_person_without_pain():
    session = CoachSession()
    answers = {
        "symptoms": [no_symptoms()],
        "readiness": [no_conditions()],
        "lifting_history": [history("intermediate", 2)],
        "stick_mastery": [mastery(True)],
        "faults": [no_faults()],
        "equipment": [equipment("kettlebell", 1)],
        "goal": [goal("strength")],
    }
    asked = []
    while (topic := session.next_topic()) is not None:
        asked.append(topic)
        session.tell(answers[topic])
    assert asked == [
        "symptoms", "readiness", "lifting_history", "stick_mastery", "faults", "equipment", "goal"
    ]
    assert session.plan()["start"] == "suitcase_hinge"


@pytest.mark.parametrize("reported", [symptom("knees", "pain"), symptom("low_back", "tightness")])
def test_pain_or_low_back_trouble_is_screened_for_red_flags_next(reported):
    session = session_with([reported])
    assert session.next_topic() == "red_flags"


def test_any_symptom_anywhere_is_screened_for_red_flags():
    # Contract, "Screening": pain, soreness or tightness, anywhere from the back to the feet.
    session = session_with([symptom("hamstrings", "soreness")])
    assert session.next_topic() == "red_flags"


def test_readiness_is_asked_of_everyone_even_without_pain():
    session = session_with([no_symptoms()])
    assert session.next_topic() == "readiness"
    session.tell([no_conditions()])
    assert session.next_topic() == "lifting_history"


def test_one_denied_sign_does_not_finish_the_screening():
    session = session_with([symptom("low_back", "pain"), red_flag("leg_numbness", present=False)])
    assert session.next_topic() == "red_flags"
    session.tell([no_red_flags()])
    assert session.next_topic() != "red_flags"


def test_no_plan_before_red_flags_are_screened_when_pain_is_reported():
    facts = [f for f in full_answers(symptoms=[symptom("low_back", "pain")])]
    session = session_with(facts)
    assert session.plan() is None
    assert session.next_topic() == "red_flags"


def test_history_is_not_asked_when_low_back_trouble_rules_out_skipping():
    session = session_with([symptom("low_back", "soreness"), no_red_flags(), no_conditions()])
    assert session.next_topic() == "stick_mastery"


def test_history_is_not_asked_when_the_stick_is_not_mastered_yet():
    session = session_with([no_symptoms(), no_conditions(), mastery(False)])
    assert session.next_topic() == "faults"


def test_equipment_is_not_asked_for_a_stick_start():
    session = session_with([no_symptoms(), no_conditions(), mastery(False), no_faults()])
    assert session.next_topic() == "goal"
    session.tell([goal("everyday")])
    assert session.next_topic() is None
    assert session.plan()["start"] == "stick_hinge"


def test_equipment_is_asked_once_load_is_possible():
    session = session_with(
        [no_symptoms(), no_conditions(), history("beginner"), mastery(True), no_faults()]
    )
    assert session.next_topic() == "equipment"


def test_volunteered_answers_are_not_asked_again():
    session = session_with([history("experienced", 6), fault("toe_lift"), goal("barbell")])
    session.tell([no_symptoms(), no_conditions()])
    assert session.next_topic() == "stick_mastery"
    session.tell([mastery(True)])
    assert session.next_topic() == "equipment"


def test_not_sure_about_everything_never_closes_the_screening():
    # "Not sure" answers the other topics with safe defaults, but the screening lists are
    # then asked one sign at a time, and a sign never answered means clearance, not load.
    session = CoachSession()
    asked = []
    while (question := session.next_question()) is not None:
        key = (question.topic, question.sign["kind"] if question.sign else None)
        assert key not in asked, f"{key} asked twice"
        asked.append(key)
        if question.sign:
            session.tell_unanswered(question.sign["type"], question.sign["kind"])
        else:
            session.tell_unsure(question.topic)
        assert len(asked) <= 40
    plan = session.plan()
    assert plan["start"] == "stick_hinge" and plan["ladder"] == ["stick_hinge"]
    assert plan["referral"]["urgency"] == "clearance"
    topics = [t for t, _ in asked]
    assert topics[:3] == ["symptoms", "red_flags", "red_flags"]
    assert len([k for t, k in asked if t == "red_flags" and k]) == 13


def test_unsure_about_red_flags_asks_them_one_at_a_time():
    session = session_with(full_answers(symptoms=[symptom("low_back", "pain")]))
    assert session.next_topic() == "red_flags"
    session.tell_unsure("red_flags")
    assert session.plan() is None
    question = session.next_question()
    assert (question.topic, question.sign) == (
        "red_flags", {"type": "red_flag", "kind": "saddle_numbness", "present": True}
    )
    for kind in [k for k in v.RED_FLAG_KINDS if k != "severe_pain"]:
        session.tell([red_flag(kind, present=False)])
    assert session.plan()["start"] == "kettlebell_hinge"


def test_a_changed_answer_changes_the_plan():
    session = session_with(full_answers(history=[history("experienced", 6)],
                                        faults=[fault("toe_lift", present=False)]))
    assert session.plan()["start"] == "double_kettlebell_hinge"
    session.tell([fault("toe_lift")], said="actually my toes do lift")
    plan = session.plan()
    assert plan["start"] == "kettlebell_hinge"
    assert plan["watch_for"] == ["toe_lift"]


def test_none_of_these_overrules_earlier_faults_and_a_later_fault_overrules_none():
    session = session_with(full_answers(faults=[fault("knee_bend")]))
    session.tell([no_faults()])
    assert session.plan()["watch_for"] == []
    session.tell([fault("toe_lift")])
    assert session.plan()["watch_for"] == ["toe_lift"]


def test_a_later_answer_replaces_not_sure():
    session = session_with(full_answers(mastery=[]))
    session.tell_unsure("stick_mastery")
    assert session.plan()["start"] == "stick_hinge"
    session.tell([mastery(True)])
    assert session.plan()["start"] == "kettlebell_hinge"
    assert session.unsure_topics() == ()


def test_unknown_topic_is_refused_clearly():
    with pytest.raises(ValueError, match="unknown topic 'diet'"):
        CoachSession().tell_unsure("diet")
