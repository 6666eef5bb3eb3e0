"""Facts the language layer reads from messages, written for these tests (not the eval set)."""

from __future__ import annotations

from typing import Any

import pytest
from language_fixtures import language_parser  # noqa: F401  (fixture)

from rules.facts import read_told


def sym(
    area: str | None,
    quality: str | None,
    trigger: str | None = "unknown",
    severity: float | None = None,
    present: bool = True,
) -> dict[str, Any]:
    return {
        "type": "symptom",
        "area": area,
        "quality": quality,
        "trigger": trigger,
        "severity": severity,
        "present": present,
    }


def rf(kind: str | None, present: bool = True) -> dict[str, Any]:
    return {"type": "red_flag", "kind": kind, "present": present}


def hist(
    level: str | None, years: float | None = None, barbell: bool | None = None
) -> dict[str, Any]:
    return {"type": "history", "level": level, "years": years, "barbell": barbell, "present": True}


def skill(name: str, present: bool = True) -> dict[str, Any]:
    return {"type": "mastery", "skill": name, "present": present}


def fault(kind: str | None, present: bool = True) -> dict[str, Any]:
    return {"type": "fault", "kind": kind, "present": present}


def kit(item: str | None, count: int | None = None, present: bool = True) -> dict[str, Any]:
    return {"type": "equipment", "item": item, "count": count, "present": present}


def goal(kind: str, present: bool = True) -> dict[str, Any]:
    return {"type": "goal", "kind": kind, "present": present}


CASES: list[tuple[str, list[dict[str, Any]]]] = [
    # symptoms: area + quality + trigger, typos, ratings
    (
        "my lowr back gets tight after I pick up the laundry",
        [sym("low_back", "tightness", "picking_up")],
    ),
    ("My Hamstrngs are really sore", [sym("hamstrings", "soreness")]),
    ("my upper back aches when i sit at my desk", [sym("upper_back", "pain", "sitting")]),
    ("knees are stiff first thing in the morning", [sym("knees", "tightness", "morning")]),
    ("glutes are sore the day after training", [sym("glutes", "soreness", "after_exercise")]),
    ("my back hurts, about a 4 out of 10", [sym("low_back", "pain", severity=4)]),
    # A high rating is only a rating: the rule base derives severe_pain from it (contract).
    ("lower back pain when I deadlift, 9/10", [sym("low_back", "pain", "lifting", 9)]),
    ("my hips get tight from standing all day", [sym("hips", "tightness", "standing")]),
    # negated symptoms and general "no"
    ("my back doesn't hurt", [sym("low_back", "pain", present=False)]),
    ("nothing hurts", [sym(None, None, None, present=False)]),
    ("no pain at all", [sym(None, None, None, present=False)]),
    # red flags, present and denied
    ("I've had numbness around my groin", [rf("saddle_numbness")]),
    ("there's tingling in both legs", [rf("both_legs"), rf("leg_numbness")]),
    ("my foot has gone numb", [rf("leg_numbness")]),
    ("my right leg keeps getting weaker", [rf("leg_weakness")]),
    ("I've been peeing myself lately", [rf("bladder_bowel")]),
    ("the pain shoots down into my calf", [rf("radiating_pain")]),
    ("I had a fever last week", [rf("fever")]),
    ("I was treated for cancer years ago", [rf("cancer_history")]),
    ("I fell off a ladder onto my back", [rf("trauma")]),
    ("it wakes me up at night", [rf("night_pain")]),
    ("no numbness and no fever", [rf("leg_numbness", False), rf("fever", False)]),
    ("none of those warning signs", [rf(None, False)]),
    ("why is my groin numb?", [rf("saddle_numbness")]),  # asked, but about oneself
    ("why are you asking about my bladder?", [rf("bladder_bowel") | {"context": "hypothetical"}]),
    ("I got rear-ended in my car two weeks ago", [rf("trauma")]),
    ("sharp pain running from my back down to my knee",
     [rf("radiating_pain"), sym("low_back", "pain")]),
    # history: levels from years, never, barbell
    ("I've deadlifted for like 6 yrs", [hist("experienced", 6)]),
    ("I've lifted weights for 18 months", [hist("intermediate", 1.5)]),
    ("been training 3 years with a barbell", [hist("intermediate", 3, True)]),
    ("I've never lifted", [hist("none")]),
    ("lifting for about six months, never touched a barbell", [hist("beginner", 0.5, False)]),
    # mastery
    ("I can do the hinge without the stick now", [skill("stick_free")]),
    ("I still need the stick", [skill("stick_free", False)]),
    ("the stick stays on my head, shoulder blades and butt", [skill("three_points")]),
    # faults
    ("my knees cave in when I hinge", [fault("knees_cave")]),
    ("my toes lift off the floor", [fault("toe_lift")]),
    ("I round my back", [fault("back_bend")]),
    ("my knees don't cave", [fault("knees_cave", False)]),
    ("I don't make any of those mistakes", [fault(None, False)]),
    # equipment
    ("I have two kettlebells and a broomstick", [kit("kettlebell", 2), kit("stick", 1)]),
    ("I've got a single dumbbell", [kit("dumbbell", 1)]),
    ("my gym has a hex bar", [kit("trap_bar", 1)]),
    ("I don't have a kettlebell", [kit("kettlebell", None, False)]),
    ("no equipment at all", [kit(None, None, False)]),
    # goals
    ("I want to get stronger", [goal("strength")]),
    ("mostly I'd like better posture", [goal("posture")]),
    ("I want to protect my back", [goal("back_health")]),
    # several facts in one message
    (
        "I've lifted 5 years but my toes come up and my low back is sore",
        [hist("experienced", 5), fault("toe_lift"), sym("low_back", "soreness")],
    ),
    # chat drops subjects; ratings swallow the quality word; a wish after the history
    (
        "back pain is 9/10 today, can hardly move",
        [sym("low_back", "pain", severity=9), rf("severe_pain")],
    ),
    ("had a temp of 38 most of the week", [rf("fever")]),
    ("3 years of bench and squats, never deadlifted though", [hist("intermediate", 3)]),
    (
        "been lifting 4 years and I want to try barbell deadlifts",
        [hist("experienced", 4), goal("barbell")],
    ),
    ("I'm hunched over a laptop all day, want better posture", [goal("posture")]),
    ("I manage it w/o the stick now", [skill("stick_free")]),
    ("I do my swings with one 24kg bell", [kit("kettlebell", 1)]),
    ("kettlebell, just the one", [kit("kettlebell", 1)]),
    ("dumbbells, a pair", [kit("dumbbell", 2)]),
    ("kettlebells and two dumbbells", [kit("kettlebell", None), kit("dumbbell", 2)]),
    (
        "the pain goes from my lower back right down my leg",
        [rf("radiating_pain"), sym("low_back", "pain")],
    ),
    ("tingling from my butt down to my calf", [rf("leg_numbness")]),
    ("numb from my groin down my leg", [rf("saddle_numbness")]),
    ("I haven't lifted much, maybe a few gym classes", [hist("beginner")]),
    ("lifting for 6 or 7 years", [hist("experienced")]),
    (
        "I have 2 kettlebells and 3 years of lifting",
        [kit("kettlebell", 2), hist("intermediate", 3)],
    ),
    ("trained for two years, did barbell bench and rows", [hist("intermediate", 2, True)]),
    # warning signs and faults said with "can't" or "not" in them are not denials
    ("I can't move this morning", [rf("severe_pain")]),
    ("I can't go to the toilet properly since Monday", [rf("bladder_bowel")]),
    ("my back is not straight when I go down", [fault("back_bend")]),
    ("it's always worse at night", [rf("night_pain")]),
    ("my knees colapse inward", [fault("knees_cave")]),
    ("honestly I just want to not hurt my back when I'm gardening", [goal("everyday")]),
    ("I want strength, not posture", [goal("strength"), goal("posture", False)]),
    (
        "my hamstrings get sore which is fine, but the back pain is new, about a 6",
        [sym("hamstrings", "soreness"), sym("low_back", "pain", severity=6)],
    ),
    ("knees track out and my feet stay arched", [fault("knees_cave", False),
                                                 fault("flat_feet", False)]),
    # questions and chit-chat carry no facts
    ("what muscles does the hinge work?", []),
    ("can kettlebells replace a trap bar", []),
    ("is back soreness normal after deadlifts?", []),
    ("hello!", []),
    ("nah", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_facts(language_parser, text: str, expected: list[dict[str, Any]]) -> None:  # noqa: F811
    assert language_parser.parse(text)["facts"] == expected


@pytest.mark.parametrize("text", [c[0] for c in CASES])
def test_every_fact_is_valid_for_the_rule_base(language_parser, text: str) -> None:  # noqa: F811
    for fact in language_parser.parse(text)["facts"]:
        assert read_told(fact).to_contract() == fact
        assert list(fact) == list(read_told(fact).to_contract())  # field order too
