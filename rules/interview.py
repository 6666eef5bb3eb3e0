"""The interview: which topics are answered, and which the plan still needs.

A topic is asked only while the plan needs it and nobody has answered it; "not sure" is an
answer, so no topic is ever asked twice. The dialogue asks the first needed topic in the
contract's order (``rules.vocabulary.TOPICS``).
"""

from __future__ import annotations

from collections.abc import Callable

from rules._experta import AS, MATCH, NOT, P, Rule
from rules.conclusions import (
    Answered,
    ForceStick,
    Need,
    OnStep,
    PainReported,
    Referral,
    SkipBlocked,
    Target,
    Unsure,
)
from rules.facts import Equipment, Fault, Goal, History, Mastery, RedFlag, Symptom, UserFact
from rules.tracing import Stratum, TracingEngine


def _told(pattern: UserFact, topic: str) -> Rule:
    """A rule: telling a fact of this kind answers its topic."""

    @Rule(AS.told << pattern, salience=Stratum.NORMALISE)
    def topic_answered(self: TracingEngine, told: UserFact) -> None:
        self.conclude(Answered(topic=topic), "topic_answered", told)

    return topic_answered


def _need(topic: str, *conditions: object) -> Callable[..., None]:
    """A rule: while nothing points to a referral and the topic is unanswered, ask it."""

    @Rule(
        NOT(Referral()),
        NOT(Answered(topic=topic)),
        *conditions,
        salience=Stratum.NEED,
    )
    def need(self: TracingEngine) -> None:
        self.conclude(Need(topic=topic), f"need_{topic}")

    return need


class InterviewRules(TracingEngine):
    symptoms_told = _told(Symptom(), "symptoms")
    history_told = _told(History(), "lifting_history")
    mastery_told = _told(Mastery(skill="stick_free"), "stick_mastery")
    faults_told = _told(Fault(), "faults")
    equipment_told = _told(Equipment(), "equipment")
    goal_told = _told(Goal(), "goal")
    # One denied warning sign does not finish the screening; "none of these" or any present
    # sign does (a present one refers anyway).
    red_flags_denied = _told(RedFlag(kind=None, present=False), "red_flags")
    red_flags_told = _told(RedFlag(present=True), "red_flags")

    @Rule(AS.unsure << Unsure(topic=MATCH.topic), salience=Stratum.NORMALISE)
    def topic_unsure(self, unsure: Unsure, topic: str) -> None:
        self.conclude(Answered(topic=topic), "topic_unsure", unsure)

    # A returning person's check-in covers symptoms, faults and (on the stick) mastery, and
    # skipping only happens at a first interview, so these are first-interview questions.
    need_symptoms = _need("symptoms", NOT(OnStep()))
    need_red_flags = _need("red_flags", PainReported())
    # History only matters when skipping is possible.
    need_lifting_history = _need(
        "lifting_history", NOT(ForceStick()), NOT(SkipBlocked()), NOT(OnStep())
    )
    need_stick_mastery = _need("stick_mastery", NOT(OnStep()))
    need_faults = _need("faults", NOT(OnStep()))
    # Equipment only matters above the stick step, which needs nothing but a broomstick.
    need_equipment = _need("equipment", Target(index=P(lambda index: index >= 1)))
    need_goal = _need("goal")
