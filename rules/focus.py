"""What to focus on and watch for once a starting step is chosen.

Basis: the article's common mistakes, each with its fix, and the stick drill's cues; the
contract's starting-step policy, clauses 6 and 7.
"""

from __future__ import annotations

from rules import vocabulary as v
from rules._experta import AS, MATCH, TEST, Rule
from rules.conclusions import Focus, Note, Start, WatchFor
from rules.facts import Fault, Goal
from rules.standing import FixedBy
from rules.tracing import Stratum, TracingEngine
from rules.wording import cue_names

STICK = v.STEPS[0]


class FocusRules(TracingEngine):
    @Rule(
        AS.fault << Fault(kind=MATCH.kind, present=True),
        TEST(lambda kind: kind is not None),
        Start(),
        salience=Stratum.FOCUS,
    )
    def watch_for_fault(self, fault: Fault, kind: str) -> None:
        self.conclude(WatchFor(fault=kind), "fault_focus", fault, **self._fix(kind))

    @Rule(
        AS.fault << Fault(kind=MATCH.kind, present=True),
        AS.fix << FixedBy(fault=MATCH.kind, cue=MATCH.cue),
        Start(),
        salience=Stratum.FOCUS,
    )
    def fault_focus(self, fault: Fault, fix: FixedBy, kind: str, cue: str) -> None:
        self.conclude(Focus(cue=cue), "fault_focus", fault, fix, **self._fix(kind))

    def _fix(self, fault: str) -> dict[str, str]:
        # The reason names the mistake and every cue that fixes it, whichever cue it is for.
        mistake = self.knowledge.mistakes[fault]
        return {"mistake": mistake.name, "cues": cue_names(self.knowledge, mistake.cues)}

    @Rule(AS.start << Start(step=MATCH.step), salience=Stratum.FOCUS)
    def step_focus(self, start: Start, step: str) -> None:
        # Every start focuses the cues its step depends on most (contract clause 6): the
        # stick drill's own, or for a loaded step the ones the load asks most of.
        rule = "step_focus" if step == STICK else "loaded_step_focus"
        cues = self.knowledge.step(step).focus
        for cue in cues:
            self.conclude(
                Focus(cue=cue),
                rule,
                start,
                step=self.knowledge.step(step).name,
                cues=cue_names(self.knowledge, cues),
            )

    @Rule(AS.goal << Goal(kind="barbell", present=True), Start(), salience=Stratum.FOCUS)
    def goal_barbell(self, goal: Goal) -> None:
        self.conclude(Note(kind="barbell_route"), "goal_barbell", goal)
