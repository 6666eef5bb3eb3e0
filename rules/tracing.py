"""An experta engine that remembers why it concluded each fact.

experta fires rules but keeps no record of which rule produced which fact from which
premises. Explanations need that record, and it must come from the engine as it reasons, not
be rebuilt later by the UI; so every rule concludes through ``conclude``, which declares the
fact and files a ``Derivation`` under the fact's id.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, TypeVar

from rules._experta import Fact, KnowledgeEngine
from rules.knowledge import Knowledge
from rules.strategy import DepthFirstStrategy

F = TypeVar("F", bound=Fact)


class Stratum(IntEnum):
    """Rule salience by layer of reasoning.

    A rule may only test for the *absence* (``NOT``) of facts concluded in a higher stratum.
    Higher salience fires first, so each layer is complete before the layers that read it,
    and a ``NOT`` never sees a fact that arrives later in the same run.
    """

    NORMALISE = 50  # bookkeeping: answered topics, levels, kit, pain
    ALARM = 45  # red flags and their urgency
    REFER = 42  # the referral
    BLOCK = 40  # what forbids skipping or forces the stick
    TARGET = 30  # the ideal starting step
    START = 20  # the starting step once equipment is checked
    FOCUS = 10  # cues, watch-outs and notes
    NEED = 0  # topics still needed: the questions


@dataclass(frozen=True)
class Derivation:
    """One firing of a rule that concluded (or re-concluded) a fact."""

    rule: str
    because: str
    basis: str
    premises: tuple[int, ...]


class EngineDidNotSettle(RuntimeError):
    """The rules were still firing after the step limit: a rule keeps re-activating itself."""


class TracingEngine(KnowledgeEngine):
    __strategy__ = DepthFirstStrategy

    def __init__(self, knowledge: Knowledge) -> None:
        super().__init__()
        self.knowledge = knowledge
        self.derivations: dict[int, list[Derivation]] = {}

    def reset(self, **kwargs: Any) -> None:
        super().reset(**kwargs)
        self.derivations = {}

    def conclude(self, fact: F, rule: str, *premises: Fact, **details: Any) -> F:
        """Declare ``fact`` as concluded by ``rule`` from ``premises``.

        A fact concluded again by another rule (or from other premises) is not duplicated in
        working memory, but the extra derivation is kept: every reason counts.
        """
        declared: F | None = self.declare(fact)
        if declared is None:
            declared = self.find(fact)
        reason = self.knowledge.reason(rule)
        because = reason.because.format(**details) if reason.because else ""
        self.derivations.setdefault(declared["__factid__"], []).append(
            Derivation(rule, because, reason.basis, tuple(p["__factid__"] for p in premises))
        )
        return declared

    def find(self, wanted: F) -> F:
        content = _content(wanted)
        for fact in self.facts.values():
            if type(fact) is type(wanted) and _content(fact) == content:
                return fact
        raise LookupError(f"{wanted!r} is not in working memory")

    def facts_of(self, cls: type[F]) -> Iterator[F]:
        """Every fact of exactly this class, in the order declared."""
        return (fact for fact in self.facts.values() if type(fact) is cls)

    def settle(self, max_steps: int) -> None:
        """Run to quiescence, refusing to loop forever."""
        self.run(steps=max_steps)
        added, removed = self.get_activations()
        self.strategy.update_agenda(self.agenda, added, removed)
        if self.agenda.activations:
            raise EngineDidNotSettle(
                f"rules still firing after {max_steps} steps: "
                f"{sorted({a.rule.__name__ for a in self.agenda.activations})}"
            )


def _content(fact: Fact) -> dict[Any, Any]:
    return {k: val for k, val in fact.items() if not Fact.is_special(k)}
