"""Check-ins for a returning person: move up, stay or step back, as the article says."""

from __future__ import annotations

import pytest
from factsets import (
    equipment,
    fault,
    goal,
    history,
    mastery,
    no_conditions,
    no_faults,
    no_red_flags,
    no_symptoms,
    red_flag,
    symptom,
)

from rules.facts import from_contract
from rules.reasoner import Reasoner

# What a returning person's profile still holds: the lasting facts.
LASTING = [no_conditions(), history("beginner"), equipment("kettlebell", 2),
           equipment("trap_bar", 1), goal("everyday")]


def returning(step: str, *told: dict) -> Reasoner:
    reasoner = Reasoner()
    for fact in LASTING:
        reasoner.tell(from_contract(fact))
    reasoner.resume(step)
    for fact in told:
        reasoner.tell(from_contract(fact))
    return reasoner


def test_a_returning_person_is_asked_the_check_in_first_and_nothing_else():
    reasoner = returning("kettlebell_hinge")
    assert [q.topic for q in reasoner.needs()] == ["check_in"]
    assert reasoner.plan() is None


def test_a_clean_check_in_moves_up_one_step():
    reasoner = returning("kettlebell_hinge", no_symptoms(), no_faults())
    plan = reasoner.plan()
    assert (plan.start, plan.decision) == ("suitcase_hinge", "move_up")
    assert any("went well" in b and "Suitcase hinge" in b for b in plan.because)


def test_off_the_stick_only_once_it_is_no_longer_needed():
    reasoner = returning("stick_hinge", no_symptoms(), no_faults())
    assert [q.topic for q in reasoner.needs()] == ["stick_mastery"]
    reasoner.tell(from_contract(mastery(False)))
    plan = reasoner.plan()
    assert (plan.start, plan.decision) == ("stick_hinge", "stay")
    reasoner.tell(from_contract(mastery(True)))
    plan = reasoner.plan()
    assert (plan.start, plan.decision) == ("kettlebell_hinge", "move_up")


def test_moving_up_off_the_stick_asks_for_equipment_if_unknown():
    reasoner = Reasoner()
    reasoner.resume("stick_hinge")
    for fact in (no_conditions(), no_symptoms(), no_faults(), mastery(True)):
        reasoner.tell(from_contract(fact))
    assert [q.topic for q in reasoner.needs()] == ["equipment", "goal"]


def test_a_returning_fault_holds_the_step():
    reasoner = returning("suitcase_hinge", no_symptoms(), fault("toe_lift"))
    plan = reasoner.plan()
    assert (plan.start, plan.decision) == ("suitcase_hinge", "stay")
    assert plan.watch_for == ("toe_lift",)
    assert plan.focus == ("whole_foot", "brace_core", "hips_back")


def test_pain_steps_back_one():
    reasoner = returning("double_kettlebell_hinge", symptom("low_back", "pain"), no_faults(),
                         no_red_flags())
    plan = reasoner.plan()
    assert (plan.start, plan.decision) == ("suitcase_hinge", "step_back")


def test_pain_is_screened_for_red_flags_at_a_check_in():
    reasoner = returning("suitcase_hinge", symptom("low_back", "pain"))
    assert [q.topic for q in reasoner.needs()] == ["red_flags"]


def test_a_red_flag_at_a_check_in_refers():
    reasoner = returning("suitcase_hinge", symptom("low_back", "pain"), red_flag("leg_weakness"))
    plan = reasoner.plan()
    assert plan.start is None and plan.referral.urgency == "emergency"
    assert plan.decision is None


@pytest.mark.parametrize("kind", ["back_bend", "back_arch"])
def test_a_back_fault_goes_back_to_the_stick(kind):
    reasoner = returning("elevated_kettlebell_deadlift", no_symptoms(), fault(kind))
    plan = reasoner.plan()
    assert (plan.start, plan.decision) == ("stick_hinge", "step_back")


def test_pain_on_the_stick_stays_on_the_stick():
    reasoner = returning("stick_hinge", symptom("knees", "pain"), no_red_flags(), no_faults(),
                         mastery(True))
    plan = reasoner.plan()
    assert (plan.start, plan.decision) == ("stick_hinge", "stay")


def test_the_top_of_the_ladder_stays():
    reasoner = returning("trap_bar_deadlift", no_symptoms(), no_faults())
    plan = reasoner.plan()
    assert (plan.start, plan.decision) == ("trap_bar_deadlift", "stay")


def test_moving_up_still_respects_equipment():
    reasoner = Reasoner()
    for fact in (no_conditions(), history("beginner"), equipment("kettlebell", 1),
                 goal("everyday")):
        reasoner.tell(from_contract(fact))
    reasoner.resume("suitcase_hinge")
    reasoner.tell(from_contract(no_symptoms()))
    reasoner.tell(from_contract(no_faults()))
    plan = reasoner.plan()
    # Up from the suitcase hinge is the double kettlebell hinge, which needs two bells.
    assert plan.start == "suitcase_hinge"
    assert plan.unlock == "double_kettlebell_hinge"
    # Ready, but not claimed as a move (clause 8): the decision is to stay, and why.
    assert plan.decision == "stay"
    assert any("needs two kettlebells or dumbbells" in b for b in plan.because)


def test_not_sure_how_it_went_stays():
    reasoner = returning("suitcase_hinge")
    reasoner.tell_unsure("check_in")
    plan = reasoner.plan()
    assert (plan.start, plan.decision) == ("suitcase_hinge", "stay")


def test_the_decision_is_explained_down_to_the_profile():
    reasoner = returning("kettlebell_hinge", no_symptoms(), no_faults())
    lines = reasoner.explain("start").lines()
    assert any("[rule checkin_move_up]" in line for line in lines)
    assert any("last time you were on the Kettlebell hinge" in line for line in lines)
