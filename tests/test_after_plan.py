"""Questions after the plan (contract, "After the plan"): why-not and can-I-skip from the rules
that keep the person from a step, what-if on a copy of the session, corrections that change
the plan or say why not. End to end through `chat --json`, and on the session directly for
every step and every fault."""

from __future__ import annotations

from typing import Any

import pytest
from test_chat_e2e import chat

from coach.after_plan import step_named, what_if, why_not
from coach.session import CoachSession
from rules import vocabulary as v

# Two years of lifting, hinges without the stick, toes lift, one kettlebell: kettlebell hinge.
INTERVIEW = ("no", "no", "2 years", "yes", "my toes lift", "one kettlebell", "strength")
START = "kettlebell_hinge"


def session_at_kettlebell_hinge() -> CoachSession:
    session = CoachSession()
    session.tell([
        {"type": "symptom", "area": None, "quality": None, "trigger": None, "severity": None,
         "present": False},
        {"type": "condition", "kind": None, "present": False},
        {"type": "history", "level": None, "years": 2, "barbell": None, "present": True},
        {"type": "mastery", "skill": "stick_free", "present": True},
        {"type": "fault", "kind": "toe_lift", "present": True},
        {"type": "equipment", "item": "kettlebell", "count": 1, "present": True},
        {"type": "goal", "kind": "strength", "present": True},
    ])
    assert session.plan()["start"] == START
    return session


def facts_now(session: CoachSession) -> list[dict[str, Any]]:
    return [k.fact for k in session.known_facts()]


@pytest.mark.parametrize("step", v.STEPS[v.STEPS.index(START) + 1:])
def test_why_not_every_step_above_the_start_gives_reasons_and_leaves_facts_alone(step: str):
    session = session_at_kettlebell_hinge()
    before = facts_now(session)
    said = why_not(session, step)
    assert said is not None
    assert "no skipping ahead" in said  # the toe-lift rule, read from the trace
    assert facts_now(session) == before


def test_why_not_names_the_fact_that_would_have_to_change():
    said = why_not(session_at_kettlebell_hinge(), "suitcase_hinge")
    assert "this would have to change: no toes lifting off the floor" in said


def test_a_step_at_or_below_the_start_is_allowed():
    said = why_not(session_at_kettlebell_hinge(), "stick_hinge")
    assert "part of your ladder" in said


@pytest.mark.parametrize("fault", v.FAULT_KINDS)
def test_what_if_each_fault_is_a_difference_on_a_copy(fault: str):
    session = session_at_kettlebell_hinge()
    before = facts_now(session)
    said = what_if(session, [{"type": "fault", "kind": fault, "present": True}])
    assert said is not None and "only a what-if" in said
    if fault in ("back_bend", "back_arch"):
        assert "you would start at the **Stick hip hinge**" in said
    elif fault != "toe_lift":
        assert "the mistakes to watch for would be" in said
    else:
        assert "would stay the same" in said
    assert facts_now(session) == before and session.plan()["start"] == START


@pytest.mark.parametrize(
    ("item", "count", "changes"),
    [("kettlebell", 2, False), ("trap_bar", 1, False), ("kettlebell", 0, True)],
)
def test_what_if_an_equipment_change(item: str, count: int, changes: bool):
    session = session_at_kettlebell_hinge()
    fact = ({"type": "equipment", "item": None, "count": None, "present": False} if count == 0
            else {"type": "equipment", "item": item, "count": count, "present": True})
    said = what_if(session, [fact])
    assert ("would change" in said) is changes, said


@pytest.mark.parametrize(
    ("text", "step"),
    [("why not just start me on the trap bar? i deadlift 180kg", "trap_bar_deadlift"),
     ("can i skip the stick?", "stick_hinge"), ("why not the suitcase hinge", "suitcase_hinge"),
     ("can i go straight to the double kettlebell hinge", "double_kettlebell_hinge")],
)
def test_steps_are_named_as_people_name_them(text: str, step: str):
    assert step_named(text) == step


# --- end to end -------------------------------------------------------------------------------

def test_why_not_the_trap_bar_after_the_plan():
    turns = chat(*INTERVIEW, "why not just start me on the trap bar? i deadlift 180kg")
    say = turns[-1]["say"]
    assert "not the **Trap bar deadlift**" in say
    assert "\\" not in say
    assert turns[-1]["plan"] is None  # nothing changed


def test_can_i_skip_the_stick_is_answered_not_the_whole_ladder():
    turns = chat(*INTERVIEW, "can i skip the stick?")
    assert "part of your ladder" in turns[-1]["say"]


def test_what_if_my_toes_lift_and_my_knees_cave():
    turns = chat(*INTERVIEW, "what if my knees cave in?")
    say = turns[-1]["say"]
    assert "only a what-if" in say and "knees caving in" in say
    assert turns[-1]["plan"] is None


def test_a_correction_that_changes_the_plan_and_one_that_does_not():
    turns = chat(*INTERVIEW, "actually I have two kettlebells", "actually my toes don't lift")
    same, changed = turns[-2], turns[-1]
    assert same["plan"] is None and "No change to your plan" in same["say"]
    assert changed["plan"] is not None and changed["plan"]["start"] == "suitcase_hinge"
    # What changed in the plan, said before the plan itself.
    assert "you now start at the **Suitcase hinge** instead of" in changed["say"]


def test_every_plan_line_says_where_it_comes_from():
    turns = chat(*INTERVIEW)
    say = turns[-1]["say"]
    why = say.split("**Why**\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert why and all(line.endswith(("*(article)*", "*(coach's guidance)*",
                                      "*(safety practice)*", "*(coach's policy)*"))
                       for line in why), why
    # The loaded step's cues are the coach's choice, and its exit criterion the coach's own.
    assert any("depends most on these cues" in line and "coach's guidance" in line
               for line in why)
    assert "**Next**: " in say and "*(coach's guidance)*" in say.split("**Next**: ", 1)[1]
