"""The interview: which topics are answered, and which the plan still needs.

A topic is asked only while the plan needs it and nobody has answered it; "not sure" is an
answer to most topics, so they are never asked twice. The screening topics are the exception
(contract, "Screening"): only a plain no closes them, so "not sure", a repeated bare yes or an
answer the coach cannot read turns the list into one yes/no question per sign, and a
suspected sign gets a yes/no question of its own before anything else. The dialogue asks the
first needed topic in the contract's order (``rules.vocabulary.ASKING_ORDER``).
"""

from __future__ import annotations

from collections.abc import Iterator

from rules import vocabulary as v
from rules._experta import AS, MATCH, NOT, OR, DefFacts, Fact, P, Rule
from rules.conclusions import (
    Answered,
    Closed,
    ForceStick,
    Need,
    OnStep,
    Referral,
    Reopened,
    Retracting,
    Screen,
    SignToAsk,
    SkipBlocked,
    Suspected,
    Target,
    Unanswered,
    Unsure,
)
from rules.facts import (
    Condition,
    Equipment,
    Fault,
    Goal,
    History,
    Mastery,
    RedFlag,
    Symptom,
    UserFact,
)
from rules.tracing import Stratum, TracingEngine

# The signs asked one at a time when a screening list got no plain answer, in the order of
# the list. severe_pain is left out: it comes from the pain rating, which the person gives.
ONE_BY_ONE = {
    "red_flags": ("red_flag", tuple(k for k in v.RED_FLAG_KINDS if k != "severe_pain")),
    "readiness": ("condition", v.CONDITION_KINDS),
}


_NAMED = P(lambda kind: kind is not None)


def _told(pattern: UserFact, topic: str) -> Rule:
    """A rule: telling a fact of this kind answers its topic."""

    @Rule(AS.told << pattern, salience=Stratum.NORMALISE)
    def topic_answered(self: TracingEngine, told: UserFact) -> None:
        self.conclude(Answered(topic=topic), "topic_answered", told)

    return topic_answered


def _need(topic: str, *conditions: object) -> Rule:
    """A rule: while nothing points to a referral and the topic is unanswered, ask it.

    The facts its conditions bind (``AS.name << Pattern()``) are its premises, so "why are
    you asking?" can cite what set it off; a rule that only tests for absence has none.
    """

    @Rule(
        NOT(Referral()),
        NOT(Answered(topic=topic)),
        *conditions,
        salience=Stratum.NEED,
    )
    def need(self: TracingEngine, **matched: object) -> None:
        premises = [fact for fact in matched.values() if isinstance(fact, Fact)]
        self.conclude(Need(topic=topic), f"need_{topic}", *premises)

    return need


def _need_sign(topic: str, told: type[UserFact], *blocks: object) -> Rule:
    """A rule: a screening list asked one sign at a time needs each sign not yet told."""

    @Rule(
        AS.screen << Screen(topic=topic),
        NOT(Answered(topic=topic)),
        AS.sign << SignToAsk(topic=topic, type=MATCH.type, kind=MATCH.kind),
        NOT(told(kind=MATCH.kind)),
        NOT(Unanswered(kind=MATCH.kind)),
        *blocks,
        salience=Stratum.NEED,
    )
    def need_sign(
        self: TracingEngine, screen: Screen, sign: SignToAsk, type: str, kind: str
    ) -> None:
        self.conclude(Need(topic=topic, type=type, kind=kind), "need_sign", screen, sign)

    return need_sign


class InterviewRules(TracingEngine):
    @DefFacts()
    def signs_to_ask(self) -> Iterator[SignToAsk]:
        for topic, (type_id, kinds) in ONE_BY_ONE.items():
            for kind in kinds:
                yield SignToAsk(topic=topic, type=type_id, kind=kind)

    symptoms_told = _told(Symptom(), "symptoms")
    history_told = _told(History(), "lifting_history")
    mastery_told = _told(Mastery(skill="stick_free"), "stick_mastery")
    # A fault told along the way, before the faults question, leaves it open (the dialogue
    # says so), asked as "anything else besides X?"; a "none", or an answer to the question
    # itself, closes it.
    faults_denied = _told(Fault(kind=None, present=False), "faults")

    @Rule(AS.told << Fault(), NOT(Reopened(topic="faults")), salience=Stratum.NORMALISE)
    def faults_told(self, told: Fault) -> None:
        self.conclude(Answered(topic="faults"), "topic_answered", told)

    @Rule(AS.closed << Closed(topic=MATCH.topic), salience=Stratum.NORMALISE)
    def topic_closed(self, closed: Closed, topic: str) -> None:
        self.conclude(Answered(topic=topic), "topic_closed", closed)

    equipment_told = _told(Equipment(), "equipment")
    goal_told = _told(Goal(), "goal")
    # One denied sign does not finish a screening; a plain "none of these" does, and so does
    # a sign the person tells (it refers anyway). A severe_pain flag comes from a rating, not
    # from an answer to the list, so the list is still asked.
    red_flags_denied = _told(RedFlag(kind=None, present=False), "red_flags")
    red_flags_told = _told(
        RedFlag(present=True, kind=P(lambda kind: kind != "severe_pain")), "red_flags"
    )
    readiness_denied = _told(Condition(kind=None, present=False), "readiness")
    readiness_told = _told(Condition(present=True), "readiness")

    @Rule(
        AS.unsure << Unsure(topic=P(lambda topic: topic not in v.SCREENING_TOPICS) & MATCH.topic),
        salience=Stratum.NORMALISE,
    )
    def topic_unsure(self, unsure: Unsure, topic: str) -> None:
        self.conclude(Answered(topic=topic), "topic_unsure", unsure)

    # --- screening: confirmations first, then the warning signs, then readiness -----------
    @Rule(
        AS.suspected << Suspected(type=MATCH.type, kind=_NAMED & MATCH.kind),
        NOT(Referral(urgency="emergency")),
        salience=Stratum.NEED,
    )
    def need_confirm(self, suspected: Suspected, type: str, kind: str) -> None:
        self.conclude(Need(topic=v.CONFIRM_TOPIC, type=type, kind=kind), "need_confirm", suspected)

    @Rule(AS.retracting << Retracting(type=MATCH.type, kind=MATCH.kind), salience=Stratum.NEED)
    def need_retract_confirm(self, retracting: Retracting, type: str, kind: str) -> None:
        self.conclude(
            Need(topic=v.CONFIRM_TOPIC, type=type, kind=kind, retract=True),
            "need_retract_confirm",
            retracting,
        )

    @Rule(
        OR(
            AS.why << Symptom(present=True),
            # Symptoms not plainly denied (unsure, or an answer that could not be read).
            AS.why << Unsure(topic="symptoms"),
            # A hint of a warning sign that could not be told apart from the others.
            AS.why << Suspected(type="red_flag", kind=None),
        ),
        NOT(Answered(topic="red_flags")),
        NOT(Screen(topic="red_flags")),
        NOT(Referral(urgency="emergency")),
        salience=Stratum.NEED,
    )
    def need_red_flags(self, why: object) -> None:
        self.conclude(Need(topic="red_flags"), "need_red_flags", why)

    # Once any referral stands, the readiness check cannot change the plan: it is moot.
    @Rule(
        NOT(Answered(topic="readiness")),
        NOT(Screen(topic="readiness")),
        NOT(Referral()),
        salience=Stratum.NEED,
    )
    def need_readiness(self) -> None:
        self.conclude(Need(topic="readiness"), "need_readiness")

    # One yes/no question per sign not yet answered, once a list got no plain answer. A
    # warning sign is still asked after a soon referral; a condition is moot after any.
    need_red_flag_sign = _need_sign("red_flags", RedFlag, NOT(Referral(urgency="emergency")))
    need_condition_sign = _need_sign("readiness", Condition, NOT(Referral()))

    # --- the rest of the interview ---------------------------------------------------------
    # A returning person's check-in covers symptoms, faults and (on the stick) mastery, and
    # skipping only happens at a first interview, so these are first-interview questions.
    need_symptoms = _need("symptoms", NOT(OnStep()))
    # History only matters when skipping is possible.
    need_lifting_history = _need(
        "lifting_history", NOT(ForceStick()), NOT(SkipBlocked()), NOT(OnStep())
    )
    need_stick_mastery = _need("stick_mastery", NOT(OnStep()))
    need_faults = _need("faults", NOT(OnStep()))
    # Equipment only matters above the stick step, which needs nothing but a broomstick.
    need_equipment = _need("equipment", AS.target << Target(index=P(lambda index: index >= 1)))
    need_goal = _need("goal")
