"""Check-ins for a returning person: move up one step, stay, or step back.

Basis: the article's method is a progression over weeks. No weight before the stick hinge is
mastered ("get to the point where you do not need the stick"); the trainer moves clients on
according to "how fast they are learning and progressing with the movements"; pain or a
returning fault is not progress, so it holds or steps back; red flags refer, as always (the
safety rules apply at a check-in exactly as at a first interview).
"""

from __future__ import annotations

from rules import vocabulary as v
from rules._experta import AS, MATCH, NOT, TEST, Rule
from rules.conclusions import (
    Answered,
    Decision,
    ForceStick,
    Kit,
    Mastered,
    Need,
    NoPractice,
    OnStep,
    PainReported,
    Referral,
    Target,
    Unlock,
    Unsure,
)
from rules.facts import Fault, Mastery, Symptom, UserFact
from rules.standing import CanDo, Rung
from rules.tracing import Stratum, TracingEngine
from rules.wording import fault_name, join, needs_text

_STICK = v.STEPS[0]
# What "it went well" means at a check-in, beside the check-in being answered.
_WENT_WELL = (
    NOT(ForceStick()),
    NOT(PainReported()),
    NOT(Fault(present=True)),
    NOT(Unsure(topic=v.CHECK_IN_TOPIC)),
    NOT(NoPractice()),
)
_ABOVE_STICK = TEST(lambda step: step != _STICK)


def _checked_in(pattern: UserFact) -> Rule:
    """A rule: telling how it went (a symptom, a fault, mastery) answers the check-in."""

    @Rule(OnStep(), AS.told << pattern, salience=Stratum.NORMALISE)
    def checked_in(self: TracingEngine, told: UserFact) -> None:
        self.conclude(Answered(topic=v.CHECK_IN_TOPIC), "topic_answered", told)

    return checked_in


class CheckInRules(TracingEngine):
    symptom_checked_in = _checked_in(Symptom())
    fault_checked_in = _checked_in(Fault())
    mastery_checked_in = _checked_in(Mastery())

    @Rule(
        AS.on << OnStep(),
        NOT(Referral()),
        NOT(Answered(topic=v.CHECK_IN_TOPIC)),
        salience=Stratum.NEED,
    )
    def need_check_in(self, on: OnStep) -> None:
        self.conclude(Need(topic=v.CHECK_IN_TOPIC), "need_check_in", on)

    @Rule(
        AS.on << OnStep(step=_STICK),
        AS.checked_in << Answered(topic=v.CHECK_IN_TOPIC),
        NOT(Referral()),
        NOT(Answered(topic="stick_mastery")),
        salience=Stratum.NEED,
    )
    def need_stick_mastery_again(self, on: OnStep, checked_in: Answered) -> None:
        self.conclude(Need(topic="stick_mastery"), "need_stick_mastery", on, checked_in)

    def _decide(self, kind: str, index: int, rule: str, *premises: object, **details: str) -> None:
        self.conclude(Target(index=index), rule, *premises, **details)
        self.conclude(Decision(kind=kind), rule, *premises, **details)

    @Rule(AS.on << OnStep(step=MATCH.step), AS.why << ForceStick(), salience=Stratum.TARGET)
    def checkin_to_stick(self, on: OnStep, why: ForceStick, step: str) -> None:
        kind = "stay" if step == _STICK else "step_back"
        self._decide(kind, 0, "checkin_to_stick", on, why, step=self._name(step))

    @Rule(
        AS.on << OnStep(step=MATCH.step),
        AS.pain << PainReported(),
        NOT(ForceStick()),
        salience=Stratum.TARGET,
    )
    def checkin_pain_steps_back(self, on: OnStep, pain: PainReported, step: str) -> None:
        index = v.STEPS.index(step)
        back = max(index - 1, 0)
        self._decide(
            "step_back" if back < index else "stay",
            back,
            "checkin_pain_steps_back",
            on,
            pain,
            step=self._name(step),
            back=self._name(v.STEPS[back]),
        )

    @Rule(
        AS.on << OnStep(step=MATCH.step),
        Fault(present=True),
        NOT(ForceStick()),
        NOT(PainReported()),
        salience=Stratum.TARGET,
    )
    def checkin_fault_holds(self, on: OnStep, step: str) -> None:
        faults = sorted(
            (f for f in self.facts_of(Fault) if f["present"]),
            key=lambda f: v.FAULT_KINDS.index(f["kind"]),
        )
        self._decide(
            "stay",
            v.STEPS.index(step),
            "checkin_fault_holds",
            on,
            *faults,
            faults=join(fault_name(self.knowledge, f["kind"]) for f in faults).capitalize(),
            step=self._name(step),
        )

    # It went well: no pain, no fault, no doubt, practice done. Off the stick only once it
    # is no longer needed; above it, one step up if the kit reaches it (clause 8).
    @Rule(
        AS.on << OnStep(step=_STICK),
        AS.went_well << Answered(topic=v.CHECK_IN_TOPIC),
        AS.mastered << Mastered(),
        *_WENT_WELL,
        salience=Stratum.TARGET,
    )
    def checkin_off_the_stick(self, on: OnStep, went_well: Answered, mastered: Mastered) -> None:
        self._decide("move_up", 1, "checkin_move_up", on, went_well, mastered,
                     step=self._name(_STICK), next=self._name(v.STEPS[1]))

    @Rule(
        AS.on << OnStep(step=MATCH.step),
        AS.went_well << Answered(topic=v.CHECK_IN_TOPIC),
        AS.rung << Rung(step=MATCH.step, above=MATCH.above),
        AS.next_rung << Rung(index=MATCH.above, step=MATCH.after),
        _ABOVE_STICK,
        NOT(Kit(known=True)),
        *_WENT_WELL,
        salience=Stratum.TARGET,
    )
    def checkin_move_up(
        self, on: OnStep, went_well: Answered, rung: Rung, next_rung: Rung, step: str,
        above: int, after: str,
    ) -> None:
        self._decide("move_up", above, "checkin_move_up", on, went_well, rung, next_rung,
                     step=self._name(step), next=self._name(after))

    @Rule(
        AS.on << OnStep(step=MATCH.step),
        AS.went_well << Answered(topic=v.CHECK_IN_TOPIC),
        AS.rung << Rung(step=MATCH.step, above=MATCH.above),
        AS.next_rung << Rung(index=MATCH.above, step=MATCH.after),
        _ABOVE_STICK,
        AS.kit << Kit(known=True),
        AS.reached << CanDo(index=MATCH.above),
        *_WENT_WELL,
        salience=Stratum.TARGET,
    )
    def checkin_move_up_with_kit(
        self, on: OnStep, went_well: Answered, rung: Rung, next_rung: Rung, reached: CanDo,
        step: str, above: int, after: str,
    ) -> None:
        self._decide("move_up", above, "checkin_move_up", on, went_well, rung, next_rung,
                     reached, step=self._name(step), next=self._name(after))

    @Rule(
        AS.on << OnStep(step=MATCH.step),
        AS.went_well << Answered(topic=v.CHECK_IN_TOPIC),
        AS.rung << Rung(step=MATCH.step, index=MATCH.index, above=MATCH.above),
        AS.next_rung << Rung(index=MATCH.above, step=MATCH.after),
        _ABOVE_STICK,
        AS.kit << Kit(known=True, have=MATCH.have),
        NOT(CanDo(index=MATCH.above)),
        *_WENT_WELL,
        salience=Stratum.TARGET,
    )
    def checkin_needs_kit(
        self, on: OnStep, went_well: Answered, rung: Rung, next_rung: Rung, kit: Kit,
        step: str, index: int, after: str, have: dict[str, int],
    ) -> None:
        # Ready, but without the next step's equipment: say what it needs instead of
        # claiming the move (clause 8).
        needs = self.knowledge.step(after).needs
        self._decide("stay", index, "checkin_needs_kit", on, went_well, kit, rung, next_rung,
                     step=self._name(step), next=self._name(after), needs=needs_text(needs))
        held = sum(dict(have).get(i, 0) for i in needs.any_of)
        self.conclude(Unlock(step=after), "unlock_next", kit, next_rung,
                      needs=needs_text(needs, held), next=self._name(after))

    @Rule(
        AS.on << OnStep(step=MATCH.step),
        AS.went_well << Answered(topic=v.CHECK_IN_TOPIC),
        AS.rung << Rung(step=MATCH.step, index=MATCH.index, above=None),
        *_WENT_WELL,
        salience=Stratum.TARGET,
    )
    def checkin_top(self, on: OnStep, went_well: Answered, rung: Rung, index: int) -> None:
        self._decide("stay", index, "checkin_top", on, went_well, rung)

    @Rule(
        AS.on << OnStep(step=MATCH.step),
        AS.unsure << Unsure(topic=v.CHECK_IN_TOPIC),
        NOT(ForceStick()),
        NOT(PainReported()),
        NOT(Fault(present=True)),
        salience=Stratum.TARGET,
    )
    def checkin_unsure_stays(self, on: OnStep, unsure: Unsure, step: str) -> None:
        self._decide("stay", v.STEPS.index(step), "checkin_unsure_stays", on, unsure,
                     step=self._name(step))

    @Rule(
        AS.on << OnStep(step=MATCH.step),
        AS.idle << NoPractice(why=MATCH.why),
        NOT(ForceStick()),
        NOT(PainReported()),
        NOT(Fault(present=True)),
        salience=Stratum.TARGET,
    )
    def checkin_no_practice_stays(self, on: OnStep, idle: NoPractice, step: str, why: str) -> None:
        # Clause 8: one step at a time, and only after practice.
        rule = "checkin_same_day" if why == "same_day" else "checkin_no_practice"
        self._decide("stay", v.STEPS.index(step), rule, on, idle, step=self._name(step))

    def _name(self, step: str) -> str:
        return self.knowledge.step(step).name
