"""The public contract's ids: fact types and their values, intents, topics, steps and cues.

Every other module (the rule base, the language layer, the CLI and the app) takes its ids
from here so that a misspelt id is an import-time NameError rather than a silent mismatch.
"""

from __future__ import annotations

from typing import Final

INTENTS: Final = (
    "greet",
    "goodbye",
    "thanks",
    "help",
    "restart",
    "affirm",
    "deny",
    "unsure",
    "inform",
    "ask_back_pain",
    "ask_what_is_hinge",
    "ask_muscles",
    "ask_how_to_start",
    "ask_mistakes",
    "ask_progression",
    "ask_benefits",
    "ask_equipment",
    "ask_why_asking",
    "ask_how_decided",
    "out_of_scope",
)

# Topics in the order the interview asks them when several are still needed.
TOPICS: Final = (
    "symptoms",
    "red_flags",
    "readiness",
    "lifting_history",
    "stick_mastery",
    "faults",
    "equipment",
    "goal",
)
CHECK_IN_TOPIC: Final = "check_in"
# A yes/no question about one suspected warning sign or condition: asked before anything
# else, since a false alarm costs one question and a missed sign costs far more.
CONFIRM_TOPIC: Final = "confirm"
# A returning person is asked how their step went before anything else but a confirmation.
ASKING_ORDER: Final = (CONFIRM_TOPIC, CHECK_IN_TOPIC, *TOPICS)
# The screening topics: closed only by a plain no, never by "not sure" or silence.
SCREENING_TOPICS: Final = ("red_flags", "readiness")

# What a check-in can decide about the step a returning person was on.
DECISIONS: Final = ("move_up", "stay", "step_back")

SYMPTOM_AREAS: Final = (
    "low_back",
    "upper_back",
    "hamstrings",
    "glutes",
    "hips",
    "knees",
    "other",
)
SYMPTOM_QUALITIES: Final = ("soreness", "tightness", "pain")
SYMPTOM_TRIGGERS: Final = (
    "lifting",
    "picking_up",
    "sitting",
    "standing",
    "morning",
    "after_exercise",
    "unknown",
)

EMERGENCY_RED_FLAGS: Final = (
    "saddle_numbness",
    "bladder_bowel",
    "leg_weakness",
    "both_legs",
    "chest_pain",
    "fainting",
)
SOON_RED_FLAGS: Final = (
    "leg_numbness",
    "radiating_pain",
    "trauma",
    "fever",
    "weight_loss",
    "night_pain",
    "cancer_history",
    "severe_pain",
)
RED_FLAG_KINDS: Final = EMERGENCY_RED_FLAGS + SOON_RED_FLAGS
# A pain rating from this up (11/10 included) is also the red flag severe_pain.
SEVERE_PAIN_FROM: Final = 8

# PAR-Q+ style readiness: any of these present means a clinician's clearance before load.
CONDITION_KINDS: Final = (
    "heart_condition",
    "high_blood_pressure",
    "dizziness_or_fainting",
    "chronic_condition",
    "medication",
    "joint_problem",
    "recent_surgery",
    "pregnancy",
    "osteoporosis",
    "hernia",
    "supervised_only",
)

# Optional fields on any fact: how plainly it was said, and whom or when it is about. Only
# stated facts about the person now ("self") count as present.
CERTAINTIES: Final = ("stated", "suspected")
CONTEXTS: Final = ("self", "other", "past", "hypothetical")

HISTORY_LEVELS: Final = ("none", "beginner", "intermediate", "experienced")
MASTERY_SKILLS: Final = ("stick_free", "three_points")
FAULT_KINDS: Final = ("back_arch", "back_bend", "knees_cave", "flat_feet", "knee_bend", "toe_lift")
EQUIPMENT_ITEMS: Final = ("stick", "kettlebell", "dumbbell", "trap_bar", "barbell")
GOAL_KINDS: Final = ("barbell", "everyday", "strength", "posture", "back_health")

STEPS: Final = (
    "stick_hinge",
    "kettlebell_hinge",
    "suitcase_hinge",
    "double_kettlebell_hinge",
    "elevated_kettlebell_deadlift",
    "elevated_double_kettlebell_deadlift",
    "trap_bar_deadlift",
)
CUES: Final = (
    "three_points",
    "corkscrew_feet",
    "brace_core",
    "soft_knees",
    "hips_back",
    "whole_foot",
)

URGENCIES: Final = ("emergency", "soon", "clearance")

# Which topic a fact type answers.
TOPIC_OF_FACT: Final = {
    "symptom": "symptoms",
    "red_flag": "red_flags",
    "condition": "readiness",
    "history": "lifting_history",
    "mastery": "stick_mastery",
    "fault": "faults",
    "equipment": "equipment",
    "goal": "goal",
}
FACT_TYPES: Final = tuple(TOPIC_OF_FACT)


def level_for_years(years: float) -> str:
    """The contract's history levels: under a year beginner, 1 to 3 intermediate, over 3."""
    if years <= 0:
        return "none"
    if years < 1:
        return "beginner"
    if years <= 3:
        return "intermediate"
    return "experienced"
