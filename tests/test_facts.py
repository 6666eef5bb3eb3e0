"""Fact schemas: the contract's shapes in, clear errors for bad values."""

from __future__ import annotations

import pytest
from factsets import equipment, history, symptom

from rules.facts import FactError, from_contract, to_contract


@pytest.mark.parametrize(
    "fact",
    [
        symptom("low_back", "pain", "picking_up", None),
        symptom(None, None, None, None, present=False),
        {"type": "red_flag", "kind": "saddle_numbness", "present": True},
        history("experienced", 6, True),
        {"type": "mastery", "skill": "three_points", "present": False},
        {"type": "fault", "kind": "toe_lift", "present": True},
        equipment("kettlebell", 2),
        {"type": "goal", "kind": "posture", "present": True},
    ],
)
def test_contract_facts_round_trip(fact):
    assert to_contract(from_contract(fact)) == fact


def test_missing_optional_fields_are_null():
    fact = to_contract(from_contract({"type": "symptom", "area": "knees", "present": True}))
    assert fact == symptom("knees", None, None, None)


@pytest.mark.parametrize(
    ("fact", "message"),
    [
        ({"type": "symptom", "area": "lowback", "present": True},
         "symptom.area must be one of low_back, upper_back"),
        ({"type": "symptom", "area": "knees", "severity": 11, "present": True},
         "symptom.severity must be a number from 0 to 10"),
        ({"type": "symptom", "area": "knees", "severity": True, "present": True},
         "symptom.severity must be a number from 0 to 10"),
        ({"type": "red_flag", "kind": "headache", "present": True}, "red_flag.kind must be one of"),
        ({"type": "red_flag", "kind": None, "present": True}, "a kind is needed when present"),
        ({"type": "history", "level": "pro", "present": True}, "history.level must be one of"),
        ({"type": "equipment", "item": "kettlebell", "count": 3, "present": True},
         "equipment.count must be 1, 2 or null"),
        ({"type": "mastery", "skill": None, "present": True}, "mastery.skill must be"),
        ({"type": "goal", "kind": "barbell", "present": "yes"},
         "goal.present must be true or false"),
        ({"type": "goal", "kind": "barbell"}, "goal.present is required"),
        ({"type": "goal", "kind": "barbell", "present": True, "colour": "red"},
         "goal has no field(s) colour"),
        ({"type": "mood", "present": True}, "unknown fact type 'mood'"),
        ("toe_lift", "a fact must be a JSON object"),
    ],
)
def test_bad_facts_are_refused_with_a_clear_message(fact, message):
    with pytest.raises(FactError, match=message.replace("(", r"\(").replace(")", r"\)")):
        from_contract(fact)


def test_a_bad_fact_in_a_message_tells_none_of_them():
    from coach.session import CoachSession

    session = CoachSession()
    with pytest.raises(FactError):
        session.tell([history("beginner"), {"type": "fault", "kind": "wobble", "present": True}])
    assert session.known_facts() == []
