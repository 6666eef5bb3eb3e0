"""Standing knowledge as facts in working memory, so the rules join on it.

The ladder, what each step needs, the skip table and which mistakes send a person back to
the stick or are fixed by which cue are the trainer's knowledge, not the rules' logic: they
come from ``rules/knowledge/hinge.toml`` and are declared at every ``reset()`` by experta's
``DefFacts``. A rule that uses one names it in its pattern and records it as a premise, so
an explanation can cite where it comes from (each fact carries its ``section``, ``quote``
and ``basis``). These facts are never modified or retracted: experta's ``modify`` is a
retract and a declare, which would re-fire every rule joined on them.
"""

from __future__ import annotations

from collections.abc import Iterator

from rules._experta import DefFacts, Fact
from rules.knowledge import Knowledge, Needs, Source
from rules.tracing import TracingEngine


class Standing(Fact):
    """Knowledge from the files, with where it comes from (``section``, ``quote``, ``basis``)."""


class Rung(Standing):
    """A step of the ladder: ``index``, ``step`` id, what it needs (``any_of``, ``count``,
    ``always``: the stick step needs only something long and light) and the ``above``
    index, None at the top."""


class SkipsFor(Standing):
    """How many ``steps`` past the first loaded one a ``level`` of lifting history skips."""


class SendsToStick(Standing):
    """A ``fault`` in which the back moves instead of the hips (``moves``: what it does)."""


class FixedBy(Standing):
    """A ``fault`` is fixed by a ``cue``."""


class CanDo(Fact):
    """Concluded, not standing: the person's equipment is enough for the step at ``index``."""


class Reach(Fact):
    """Concluded: the start is looked for at ``index`` on the way down from ``target``."""


def can_do(needs: Needs, have: dict[str, int]) -> bool:
    return needs.always_available or sum(have.get(i, 0) for i in needs.any_of) >= needs.count


def cited(source: Source, basis: str = "article") -> dict[str, str]:
    return {"section": source.section, "quote": source.quote, "basis": basis}


def standing_facts(knowledge: Knowledge) -> Iterator[Standing]:
    steps = knowledge.steps
    for index, step in enumerate(steps):
        yield Rung(
            index=index,
            step=step.id,
            any_of=step.needs.any_of,
            count=step.needs.count,
            always=step.needs.always_available,
            above=index + 1 if index + 1 < len(steps) else None,
            **cited(step.source, step.basis),
        )
    skips = knowledge.skips
    for level, n in skips.by_level.items():
        yield SkipsFor(level=level, steps=n, **cited(skips.source, skips.basis))
    for mistake in knowledge.mistakes.values():
        if mistake.forces_stick:
            yield SendsToStick(
                fault=mistake.fault, moves=mistake.back_moves, **cited(mistake.source)
            )
        for cue in mistake.cues:
            yield FixedBy(fault=mistake.fault, cue=cue, **cited(mistake.source, mistake.fix_basis))


class StandingKnowledge(TracingEngine):
    @DefFacts()
    def standing_knowledge(self) -> Iterator[Standing]:
        yield from standing_facts(self.knowledge)
