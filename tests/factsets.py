"""Builders for contract facts, so tests read like the person's answers."""

from __future__ import annotations

from typing import Any

from coach.session import CoachSession

Fact = dict[str, Any]


def symptom(
    area: str | None = "low_back",
    quality: str | None = "soreness",
    trigger: str | None = "unknown",
    severity: float | None = None,
    present: bool = True,
) -> Fact:
    return {
        "type": "symptom", "area": area, "quality": quality, "trigger": trigger,
        "severity": severity, "present": present,
    }


def no_symptoms() -> Fact:
    return symptom(None, None, None, None, present=False)


def red_flag(kind: str | None, present: bool = True) -> Fact:
    return {"type": "red_flag", "kind": kind, "present": present}


def no_red_flags() -> Fact:
    return red_flag(None, present=False)


def condition(kind: str | None, present: bool = True) -> Fact:
    return {"type": "condition", "kind": kind, "present": present}


def no_conditions() -> Fact:
    return condition(None, present=False)


def history(level: str | None = None, years: float | None = None, barbell: bool | None = None,
            present: bool = True) -> Fact:
    return {"type": "history", "level": level, "years": years, "barbell": barbell,
            "present": present}


def mastery(present: bool = True, skill: str = "stick_free") -> Fact:
    return {"type": "mastery", "skill": skill, "present": present}


def fault(kind: str | None, present: bool = True) -> Fact:
    return {"type": "fault", "kind": kind, "present": present}


def no_faults() -> Fact:
    return fault(None, present=False)


def equipment(item: str | None, count: int | None = 1, present: bool = True) -> Fact:
    return {"type": "equipment", "item": item, "count": count, "present": present}


def no_equipment() -> Fact:
    return equipment(None, None, present=False)


def goal(kind: str = "everyday") -> Fact:
    return {"type": "goal", "kind": kind, "present": True}


def full_answers(**overrides: list[Fact]) -> list[Fact]:
    """A complete interview of a healthy, mastered beginner with two kettlebells.

    Each keyword replaces one topic's answers: symptoms, red_flags, readiness, history,
    mastery, faults, equipment, goal.
    """
    answers: dict[str, list[Fact]] = {
        "symptoms": [no_symptoms()],
        "red_flags": [],
        "readiness": [no_conditions()],
        "history": [history("beginner")],
        "mastery": [mastery(True)],
        "faults": [no_faults()],
        "equipment": [equipment("kettlebell", 2)],
        "goal": [goal("everyday")],
    }
    unknown = set(overrides) - set(answers)
    assert not unknown, f"unknown topics {unknown}"
    answers.update(overrides)
    return [fact for facts in answers.values() for fact in facts]


def session_with(facts: list[Fact]) -> CoachSession:
    session = CoachSession()
    session.tell(facts)
    return session
