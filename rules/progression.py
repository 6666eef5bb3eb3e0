"""Where on the ladder a person starts: mastery, lifting history, blocks and equipment.

Basis: the article's "How to start" (no weight before the stick hinge is mastered), its list
of progressions, and its note that the trainer skips "a progression or two" depending on
lifting history; the contract's starting-step policy, clauses 2 to 5.
"""

from __future__ import annotations

from rules import vocabulary as v
from rules._experta import AS, MATCH, NOT, TEST, Rule
from rules.conclusions import (
    Answered,
    ForceStick,
    Kit,
    Level,
    Mastered,
    OnStep,
    SkipBlocked,
    Start,
    Target,
    Unlock,
    Unsure,
)
from rules.facts import Equipment, Fault, History, Mastery, Symptom
from rules.knowledge import Needs
from rules.standing import CanDo, Reach, Rung, SendsToStick, SkipsFor, can_do
from rules.tracing import Stratum, TracingEngine
from rules.wording import LINES, fault_name, history_text, join, needs_text, step_name

# The topics whose "not sure" blocks a skip, as the reason names them (wording.toml).
_UNSURE_TOPIC_WORDS = {"symptoms": LINES("unsure_symptoms"), "faults": LINES("unsure_faults")}

__all__ = ["ProgressionRules", "can_do"]


class ProgressionRules(TracingEngine):
    # --- lifting history -------------------------------------------------------------------
    @Rule(
        AS.history << History(level=MATCH.level, present=True),
        TEST(lambda level: level is not None),
        salience=Stratum.NORMALISE,
    )
    def level_told(self, history: History, level: str) -> None:
        self.conclude(Level(level=level, years=history["years"]), "level_told", history)

    @Rule(
        AS.history << History(level=None, years=MATCH.years, present=True),
        TEST(lambda years: years is not None),
        salience=Stratum.NORMALISE,
    )
    def level_from_years(self, history: History, years: float) -> None:
        level = Level(level=v.level_for_years(years), years=years)
        self.conclude(level, "level_from_years", history)

    @Rule(AS.history << History(present=False), salience=Stratum.NORMALISE)
    def never_lifted(self, history: History) -> None:
        self.conclude(Level(level="none", years=None), "level_told", history)

    @Rule(
        AS.unsure << Unsure(topic="lifting_history"),
        NOT(History(present=True)),
        NOT(History(present=False)),
        salience=Stratum.NORMALISE,
    )
    def level_unknown(self, unsure: Unsure) -> None:
        self.conclude(Level(level="beginner", years=None), "level_unknown", unsure)

    @Rule(AS.history << History(level=None, years=None, present=True), salience=Stratum.NORMALISE)
    def level_unstated(self, history: History) -> None:
        # "I lift" with no amount: assume the least experience, so nothing is skipped.
        self.conclude(Level(level="beginner", years=None), "level_unknown", history)

    # --- mastery and what sends a person to the stick -------------------------------------
    @Rule(AS.mastery << Mastery(skill="stick_free", present=True), salience=Stratum.BLOCK)
    def mastered(self, mastery: Mastery) -> None:
        self.conclude(Mastered(), "mastered", mastery)

    @Rule(AS.mastery << Mastery(skill="stick_free", present=False), salience=Stratum.BLOCK)
    def not_mastered(self, mastery: Mastery) -> None:
        self.conclude(ForceStick(reason="not_mastered"), "not_mastered", mastery)

    @Rule(
        AS.unsure << Unsure(topic="stick_mastery"),
        NOT(Mastery(skill="stick_free")),
        salience=Stratum.BLOCK,
    )
    def mastery_unknown(self, unsure: Unsure) -> None:
        self.conclude(ForceStick(reason="mastery_unknown"), "mastery_unknown", unsure)

    @Rule(
        AS.fault << Fault(kind=MATCH.kind, present=True),
        AS.link << SendsToStick(fault=MATCH.kind, moves=MATCH.moves),
        salience=Stratum.BLOCK,
    )
    def back_fault_to_stick(self, fault: Fault, link: SendsToStick, kind: str, moves: str) -> None:
        self.conclude(ForceStick(reason=kind), "back_fault_to_stick", fault, link, fault=moves)

    # --- what forbids skipping (policy clause 4) -----------------------------------------
    @Rule(Fault(present=True), NOT(SkipBlocked(reason="fault")), salience=Stratum.BLOCK)
    def fault_blocks_skip(self) -> None:
        faults = [f for f in self.facts_of(Fault) if f["present"]]
        faults.sort(key=lambda f: v.FAULT_KINDS.index(f["kind"]))
        self.conclude(
            SkipBlocked(reason="fault"),
            "fault_blocks_skip",
            *faults,
            faults=join(fault_name(self.knowledge, f["kind"]) for f in faults),
        )

    @Rule(
        Symptom(area="low_back", present=True),
        NOT(SkipBlocked(reason="low_back")),
        salience=Stratum.BLOCK,
    )
    def low_back_blocks_skip(self) -> None:
        symptoms = [s for s in self.facts_of(Symptom) if s["present"] and s["area"] == "low_back"]
        qualities = sorted(
            {s["quality"] or "pain" for s in symptoms}, key=v.SYMPTOM_QUALITIES.index
        )
        self.conclude(
            SkipBlocked(reason="low_back"),
            "low_back_blocks_skip",
            *symptoms,
            quality=join(qualities),
        )

    @Rule(
        AS.unsure << Unsure(topic=MATCH.topic),
        TEST(lambda topic: topic in _UNSURE_TOPIC_WORDS),
        salience=Stratum.BLOCK,
    )
    def unsure_blocks_skip(self, unsure: Unsure, topic: str) -> None:
        self.conclude(
            SkipBlocked(reason=f"unsure_{topic}"),
            "unsure_blocks_skip",
            unsure,
            topic=_UNSURE_TOPIC_WORDS[topic],
        )

    # --- the ideal starting step --------------------------------------------------------------
    # First interviews only: a returning person's target comes from the check-in rules.
    @Rule(AS.why << ForceStick(), NOT(OnStep()), salience=Stratum.TARGET)
    def target_stick(self, why: ForceStick) -> None:
        self.conclude(Target(index=0), "target_stick", why)

    @Rule(
        AS.mastered << Mastered(),
        AS.blocked << SkipBlocked(),
        NOT(ForceStick()),
        NOT(OnStep()),
        salience=Stratum.TARGET,
    )
    def target_first_loaded(self, mastered: Mastered, blocked: SkipBlocked) -> None:
        self.conclude(Target(index=1), "target_loaded", mastered, blocked)

    @Rule(
        AS.mastered << Mastered(),
        AS.level << Level(level=MATCH.level_id),
        AS.skips << SkipsFor(level=MATCH.level_id, steps=MATCH.skip),
        NOT(ForceStick()),
        NOT(SkipBlocked()),
        NOT(OnStep()),
        salience=Stratum.TARGET,
    )
    def history_skip(
        self, mastered: Mastered, level: Level, skips: SkipsFor, level_id: str, skip: int
    ) -> None:
        self.conclude(
            Target(index=1 + skip),
            "history_skip" if skip else "no_skip_for_level",
            mastered,
            level,
            skips,
            history=history_text(level_id, level["years"]),
            n="one" if skip == 1 else "two",
        )

    # --- equipment (policy clause 5) -------------------------------------------------------
    @Rule(Answered(topic="equipment"), NOT(Kit()), salience=Stratum.NORMALISE)
    def equipment_kit(self) -> None:
        told = list(self.facts_of(Equipment))
        have: dict[str, int] = {}
        for item in told:
            if item["present"] and item["item"] is not None:
                have[item["item"]] = have.get(item["item"], 0) + (item["count"] or 1)
        premises = told or list(self.facts_of(Unsure))
        self.conclude(Kit(have=have, known=bool(told)), "equipment_kit", *premises)

    @Rule(
        AS.kit << Kit(have=MATCH.have),
        AS.rung << Rung(index=MATCH.index, any_of=MATCH.any_of, count=MATCH.count,
                        always=MATCH.always),
        TEST(lambda have, any_of, count, always: can_do(Needs(any_of, count, always), have)),
        salience=Stratum.NORMALISE,
    )
    def kit_reaches(self, kit: Kit, rung: Rung, index: int) -> None:
        self.conclude(CanDo(index=index), "kit_reaches", kit, rung)

    @Rule(AS.target << Target(index=0), salience=Stratum.START)
    def start_at_stick(self, target: Target) -> None:
        self.conclude(Start(step=v.STEPS[0]), "start_as_planned", target)

    # Above the stick, the start is the highest step at or below the target that the kit
    # reaches: looked for one rung at a time, down from the target (the stick needs nothing,
    # so the way down always ends).
    @Rule(
        AS.target << Target(index=MATCH.index),
        AS.kit << Kit(),
        TEST(lambda index: index >= 1),
        salience=Stratum.START,
    )
    def look_from_target(self, target: Target, kit: Kit, index: int) -> None:
        self.conclude(Reach(index=index, target=index), "look_for_start", target, kit)

    @Rule(
        AS.reach << Reach(index=MATCH.index, target=MATCH.target),
        AS.rung << Rung(index=MATCH.index),
        NOT(CanDo(index=MATCH.index)),
        salience=Stratum.START,
    )
    def look_one_lower(self, reach: Reach, rung: Rung, index: int, target: int) -> None:
        self.conclude(Reach(index=index - 1, target=target), "look_for_start", reach, rung)

    @Rule(
        AS.reach << Reach(index=MATCH.index, target=MATCH.index),
        AS.target << Target(index=MATCH.index),
        AS.kit << Kit(),
        AS.rung << Rung(step=MATCH.step, index=MATCH.index),
        AS.reached << CanDo(index=MATCH.index),
        salience=Stratum.START,
    )
    def start_as_planned(self, target: Target, kit: Kit, rung: Rung, step: str) -> None:
        self.conclude(Start(step=step), "start_as_planned", target, kit, rung)

    @Rule(
        AS.reach << Reach(index=MATCH.index, target=MATCH.ideal),
        TEST(lambda index, ideal: index < ideal),
        AS.target << Target(index=MATCH.ideal),
        AS.kit << Kit(known=MATCH.known, have=MATCH.have),
        AS.rung << Rung(step=MATCH.step, index=MATCH.index, above=MATCH.above),
        AS.reached << CanDo(index=MATCH.index),
        AS.wanted << Rung(index=MATCH.ideal),
        AS.next_rung << Rung(index=MATCH.above),
        salience=Stratum.START,
    )
    def equipment_step_down(
        self, target: Target, kit: Kit, rung: Rung, wanted: Rung, next_rung: Rung,
        step: str, known: bool, have: dict[str, int],
    ) -> None:
        steps = self.knowledge.steps
        ideal = steps[wanted["index"]]
        if known:
            start = self.conclude(
                Start(step=step),
                "equipment_step_down",
                target,
                kit,
                rung,
                wanted,
                ideal=ideal.name,
                needs=needs_text(ideal.needs),
                start=step_name(self.knowledge, step),
            )
        else:
            start = self.conclude(Start(step=step), "equipment_unknown", target, kit, rung)
        above = steps[next_rung["index"]]
        held = sum(dict(have).get(i, 0) for i in above.needs.any_of)
        self.conclude(
            Unlock(step=above.id),
            "unlock_next",
            start,
            kit,
            next_rung,
            needs=needs_text(above.needs, held),
            next=above.name,
        )
