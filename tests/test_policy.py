"""The contract's starting-step policy, clause by clause, each asserting the exact plan."""

from __future__ import annotations

import pytest
from factsets import (
    equipment,
    fault,
    full_answers,
    goal,
    history,
    mastery,
    no_equipment,
    no_red_flags,
    red_flag,
    session_with,
    symptom,
)

from rules import vocabulary as v

LADDER = list(v.STEPS)
STICK_CUES = ["three_points", "brace_core", "soft_knees", "hips_back"]
# Contract clause 6: every start focuses the cues its step depends on most (hinge.toml).
STEP_CUES = {
    "stick_hinge": STICK_CUES,
    "kettlebell_hinge": ["hips_back", "soft_knees", "brace_core"],
    "suitcase_hinge": ["brace_core", "hips_back"],
    "double_kettlebell_hinge": ["brace_core", "hips_back"],
    "elevated_kettlebell_deadlift": ["hips_back", "soft_knees", "brace_core"],
    "elevated_double_kettlebell_deadlift": ["hips_back", "soft_knees", "brace_core"],
    "trap_bar_deadlift": ["brace_core", "whole_foot", "hips_back"],
}


def assert_focus(plan: dict, cues: list[str]) -> None:
    """The faults' cues first, in order, then the start step's own (clause 6)."""
    focus = plan["focus"]
    assert focus[: len(cues)] == cues, focus
    assert sorted(focus[len(cues):]) == sorted(c for c in STEP_CUES[plan["start"]]
                                               if c not in cues), focus


def plan_for(**overrides):
    plan = session_with(full_answers(**overrides)).plan()
    assert plan is not None, "a complete interview must give a plan"
    return plan


# --- clause 1: red flags --------------------------------------------------------------------
@pytest.mark.parametrize("kind", v.EMERGENCY_RED_FLAGS)
def test_emergency_red_flags_refer_urgently_with_no_progression(kind):
    plan = plan_for(symptoms=[symptom("low_back", "pain")], red_flags=[red_flag(kind)])
    assert plan == {
        "start": None, "ladder": [], "focus": [], "watch_for": [],
        "referral": {"urgency": "emergency", "reasons": [kind]},
        "because": plan["because"],
    }
    assert any("emergency services" in b for b in plan["because"])


@pytest.mark.parametrize("kind", [k for k in v.SOON_RED_FLAGS if k != "severe_pain"])
def test_other_red_flags_refer_soon(kind):
    plan = plan_for(symptoms=[symptom("low_back", "pain")], red_flags=[red_flag(kind)])
    assert plan["referral"] == {"urgency": "soon", "reasons": [kind]}
    assert (plan["start"], plan["ladder"], plan["focus"]) == (None, [], [])
    assert any("not a diagnosis" in b for b in plan["because"])


def test_any_emergency_flag_makes_the_whole_referral_urgent_and_lists_every_flag():
    plan = plan_for(
        symptoms=[symptom("low_back", "pain")],
        red_flags=[red_flag("night_pain"), red_flag("bladder_bowel")],
    )
    assert plan["referral"] == {"urgency": "emergency", "reasons": ["bladder_bowel", "night_pain"]}


def test_a_red_flag_refers_at_once_even_before_the_interview_is_done():
    session = session_with([red_flag("saddle_numbness")])
    assert session.plan()["referral"]["urgency"] == "emergency"
    assert session.next_topic() is None, "no more questions after a referral"


def test_severity_eight_or_more_is_severe_pain():
    plan = plan_for(symptoms=[symptom("low_back", "pain", severity=8)], red_flags=[no_red_flags()])
    assert plan["referral"] == {"urgency": "soon", "reasons": ["severe_pain"]}
    assert plan["start"] is None


def test_severity_seven_is_not_a_red_flag():
    plan = plan_for(symptoms=[symptom("hamstrings", "pain", severity=7)],
                    red_flags=[no_red_flags()])
    assert plan["referral"] is None
    assert plan["start"] == "kettlebell_hinge"


def test_a_red_flag_overrides_a_complete_plan():
    session = session_with(full_answers())
    assert session.plan()["start"] == "kettlebell_hinge"
    session.tell([red_flag("chest_pain")])
    assert session.plan()["referral"] == {"urgency": "emergency", "reasons": ["chest_pain"]}


def test_a_blanket_no_never_erases_a_reported_red_flag():
    session = session_with(full_answers(symptoms=[symptom("low_back", "pain")],
                                        red_flags=[red_flag("leg_numbness")]))
    session.tell([no_red_flags()])
    assert session.plan()["referral"] == {"urgency": "soon", "reasons": ["leg_numbness"]}


def test_taking_back_that_very_sign_removes_the_referral_once_confirmed():
    session = session_with(full_answers(symptoms=[symptom("low_back", "pain")],
                                        red_flags=[red_flag("leg_numbness")]))
    session.tell([red_flag("leg_numbness", present=False), no_red_flags()])
    # Taken back, the sign stands until "Just to be sure: you don't have X?" gets a yes.
    assert session.plan()["referral"]["reasons"] == ["leg_numbness"]
    question = session.next_question()
    assert (question.topic, question.sign) == (
        "confirm", {"type": "red_flag", "kind": "leg_numbness", "present": False}
    )
    session.confirm_retraction("red_flag", "leg_numbness", False)
    assert session.plan()["referral"]["reasons"] == ["leg_numbness"]
    session.tell([red_flag("leg_numbness", present=False)])
    session.confirm_retraction("red_flag", "leg_numbness", True)
    assert session.plan()["referral"] is None


def test_correcting_the_severity_lifts_the_severe_pain_flag():
    session = session_with(full_answers(symptoms=[symptom("low_back", "pain", severity=9)],
                                        red_flags=[no_red_flags()]))
    assert session.plan()["referral"]["reasons"] == ["severe_pain"]
    session.tell([symptom("low_back", "pain", severity=4)])
    assert session.plan()["referral"] is None


# --- clause 2: not mastered ----------------------------------------------------------------
def test_not_mastered_starts_at_the_stick_with_the_drill_cues():
    plan = plan_for(mastery=[mastery(False)], history=[history("experienced", 10)])
    assert plan == {
        "start": "stick_hinge", "ladder": LADDER, "focus": STICK_CUES, "watch_for": [],
        "referral": None, "because": plan["because"],
    }
    assert any("without the stick" in b for b in plan["because"])


def test_unsure_about_mastery_starts_at_the_stick():
    session = session_with(full_answers(mastery=[]))
    session.tell_unsure("stick_mastery")
    plan = session.plan()
    assert plan["start"] == "stick_hinge"
    assert plan["focus"] == STICK_CUES


# --- clause 3: mastered, skipping by lifting history --------------------------------------
@pytest.mark.parametrize(
    ("level", "years", "start"),
    [
        ("none", None, "kettlebell_hinge"),
        ("beginner", None, "kettlebell_hinge"),
        ("intermediate", None, "suitcase_hinge"),
        ("experienced", None, "double_kettlebell_hinge"),
        (None, 0, "kettlebell_hinge"),
        (None, 0.5, "kettlebell_hinge"),
        (None, 1, "suitcase_hinge"),
        (None, 3, "suitcase_hinge"),
        (None, 3.5, "double_kettlebell_hinge"),
        (None, 12, "double_kettlebell_hinge"),
    ],
)
def test_mastered_start_skips_by_history(level, years, start):
    plan = plan_for(history=[history(level, years)])
    assert plan["start"] == start
    assert plan["ladder"] == LADDER[LADDER.index(start):]
    assert sorted(plan["focus"]) == sorted(STEP_CUES[start]) and plan["watch_for"] == []


def test_never_lifted_said_as_a_no():
    assert plan_for(history=[history(present=False)])["start"] == "kettlebell_hinge"


def test_unsure_about_history_skips_nothing():
    session = session_with(full_answers(history=[]))
    assert session.next_topic() == "lifting_history"
    session.tell_unsure("lifting_history")
    plan = session.plan()
    assert plan["start"] == "kettlebell_hinge"
    assert any("weren't sure about your lifting history" in b for b in plan["because"])


def test_experience_reason_names_the_years():
    plan = plan_for(history=[history("experienced", 6)])
    assert any("6 years" in b and "skip two" in b for b in plan["because"])


# --- clause 4: no skipping with faults or low-back symptoms; back faults to the stick ------
@pytest.mark.parametrize("kind", ["knees_cave", "flat_feet", "knee_bend", "toe_lift"])
def test_a_fault_blocks_skipping(kind):
    plan = plan_for(history=[history("experienced", 8)], faults=[fault(kind)])
    assert plan["start"] == "kettlebell_hinge"
    assert plan["watch_for"] == [kind]


@pytest.mark.parametrize("quality", v.SYMPTOM_QUALITIES)
def test_a_low_back_symptom_blocks_skipping(quality):
    plan = plan_for(history=[history("experienced", 8)],
                    symptoms=[symptom("low_back", quality)], red_flags=[no_red_flags()])
    assert plan["start"] == "kettlebell_hinge"
    assert plan["referral"] is None


def test_a_symptom_elsewhere_does_not_block_skipping():
    plan = plan_for(history=[history("experienced", 8)],
                    symptoms=[symptom("hamstrings", "tightness")], red_flags=[no_red_flags()])
    assert plan["start"] == "double_kettlebell_hinge"


@pytest.mark.parametrize(("kind", "cues"), [("back_bend", ["three_points", "hips_back"]),
                                            ("back_arch", ["brace_core"])])
def test_back_faults_send_anyone_to_the_stick(kind, cues):
    plan = plan_for(history=[history("experienced", 15)], faults=[fault(kind)])
    assert plan["start"] == "stick_hinge"
    assert plan["ladder"] == LADDER
    assert plan["watch_for"] == [kind]
    assert plan["focus"] == cues + [c for c in STICK_CUES if c not in cues]


def test_unsure_about_faults_blocks_skipping():
    session = session_with(full_answers(history=[history("experienced", 8)], faults=[]))
    session.tell_unsure("faults")
    assert session.plan()["start"] == "kettlebell_hinge"


# --- clause 5: equipment -----------------------------------------------------------------
def test_one_kettlebell_steps_an_experienced_lifter_down_to_the_suitcase_hinge():
    session = session_with(full_answers(history=[history("experienced", 5)],
                                        equipment=[equipment("kettlebell", 1)]))
    plan = session.plan()
    assert plan["start"] == "suitcase_hinge"
    assert session.plan_details().unlock == "double_kettlebell_hinge"
    assert any("a second kettlebell or dumbbell" in b for b in plan["because"])


def test_a_kettlebell_and_a_dumbbell_make_a_pair():
    plan = plan_for(history=[history("experienced", 5)],
                    equipment=[equipment("kettlebell", 1), equipment("dumbbell", 1)])
    assert plan["start"] == "double_kettlebell_hinge"


def test_two_dumbbells_do_for_the_double_step():
    plan = plan_for(history=[history("experienced")], equipment=[equipment("dumbbell", 2)])
    assert plan["start"] == "double_kettlebell_hinge"


def test_no_equipment_means_the_stick_and_says_what_unlocks_the_next_step():
    session = session_with(full_answers(equipment=[no_equipment()]))
    plan = session.plan()
    assert plan["start"] == "stick_hinge"
    assert session.plan_details().unlock == "kettlebell_hinge"
    assert any("With a kettlebell or dumbbell you could move on" in b for b in plan["because"])


def test_a_trap_bar_alone_does_not_make_the_kettlebell_steps_possible():
    plan = plan_for(history=[history("intermediate")], equipment=[equipment("trap_bar", 1)])
    assert plan["start"] == "stick_hinge"


def test_a_barbell_is_not_equipment_for_this_ladder():
    plan = plan_for(equipment=[equipment("barbell", 1)])
    assert plan["start"] == "stick_hinge"


def test_unsure_about_equipment_starts_with_what_needs_only_a_stick():
    session = session_with(full_answers(equipment=[]))
    assert session.next_topic() == "equipment"
    session.tell_unsure("equipment")
    plan = session.plan()
    assert plan["start"] == "stick_hinge"
    assert any("weren't sure what equipment" in b for b in plan["because"])


# --- clause 6: focus cues and watch_for ----------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "cues"),
    [
        ("toe_lift", ["whole_foot"]),
        ("flat_feet", ["corkscrew_feet"]),
        ("knees_cave", ["corkscrew_feet"]),
        ("knee_bend", ["soft_knees"]),
    ],
)
def test_each_fault_focuses_its_cue(kind, cues):
    plan = plan_for(faults=[fault(kind)])
    assert_focus(plan, cues)
    assert plan["watch_for"] == [kind]


def test_several_faults_are_all_watched_and_cues_not_repeated():
    plan = plan_for(faults=[fault("toe_lift"), fault("knees_cave"), fault("flat_feet")])
    assert plan["watch_for"] == ["knees_cave", "flat_feet", "toe_lift"]
    assert_focus(plan, ["corkscrew_feet", "whole_foot"])


def test_a_stick_start_with_toes_lifting_focuses_on_both():
    plan = plan_for(mastery=[mastery(False)], faults=[fault("toe_lift")])
    assert plan["focus"] == ["whole_foot", *STICK_CUES]
    assert plan["watch_for"] == ["toe_lift"]


def test_a_denied_fault_is_not_watched():
    plan = plan_for(faults=[fault("toe_lift", present=False)])
    assert plan["watch_for"] == []
    assert sorted(plan["focus"]) == sorted(STEP_CUES[plan["start"]])


# --- clause 7: the barbell goal ------------------------------------------------------------
def test_barbell_goal_points_to_the_barbell_route():
    session = session_with(full_answers(goal=[goal("barbell")]))
    plan = session.plan()
    assert plan["start"] == "kettlebell_hinge"
    assert any("not the only one" in b and "barbell route" in b for b in plan["because"])
    assert session.plan_details().notes == ("barbell_route",)


def test_other_goals_do_not_mention_the_barbell_route():
    plan = plan_for(goal=[goal("back_health")])
    assert not any("barbell route" in b for b in plan["because"])


# --- the contract's example --------------------------------------------------------------
def test_the_contract_example_plan():
    plan = plan_for(history=[history("intermediate", 2)], faults=[fault("toe_lift")],
                    equipment=[equipment("kettlebell", 1)])
    assert {k: plan[k] for k in ("start", "ladder", "watch_for", "referral")} == {
        "start": "kettlebell_hinge",
        "ladder": ["kettlebell_hinge", "suitcase_hinge", "double_kettlebell_hinge",
                   "elevated_kettlebell_deadlift", "elevated_double_kettlebell_deadlift",
                   "trap_bar_deadlift"],
        "watch_for": ["toe_lift"], "referral": None,
    }
    # The example shows the fault's cue alone; clause 6, grown since, asks for the start
    # step's own cues too ("at least the cues that step depends on most").
    assert_focus(plan, ["whole_foot"])


def test_a_retraction_left_unanswered_keeps_the_sign_and_nothing_more():
    session = session_with(full_answers(symptoms=[symptom("low_back", "pain")],
                                        red_flags=[red_flag("night_pain")]))
    session.tell([red_flag("night_pain", present=False)])  # taken back, said by nobody
    session.tell_unanswered("red_flag", "night_pain")
    plan = session.plan()
    assert plan["referral"] == {"urgency": "soon", "reasons": ["night_pain"]}
    assert session.unanswered() == [] and session.next_topic() != "confirm"
