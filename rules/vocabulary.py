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
    "lifting_history",
    "stick_mastery",
    "faults",
    "equipment",
    "goal",
)
CHECK_IN_TOPIC: Final = "check_in"
# A returning person is asked how their step went before anything else.
ASKING_ORDER: Final = (CHECK_IN_TOPIC, *TOPICS)

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

URGENCIES: Final = ("emergency", "soon")

# Which topic a fact type answers.
TOPIC_OF_FACT: Final = {
    "symptom": "symptoms",
    "red_flag": "red_flags",
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
