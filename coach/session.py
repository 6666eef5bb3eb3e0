"""The coach's facade over the rule base, in the contract's JSON shapes.

The chat, the one-shot ``ask`` and the Textual app talk to the rule base only through
``CoachSession``: they tell it facts (as the language layer produces them), ask what to ask
next, and read the plan and the explanations. One session per person, used from one thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rules.facts import FactError, read_told, to_contract
from rules.knowledge import Knowledge
from rules.outcome import Explanation, Plan, Question
from rules.reasoner import Reasoner

__all__ = ["CoachSession", "FactError", "KnownFact"]


@dataclass(frozen=True)
class KnownFact:
    fact: dict[str, Any]
    said: str | None


class CoachSession:
    def __init__(self, knowledge: Knowledge | None = None) -> None:
        self._reasoner = Reasoner(knowledge)

    def copy(self) -> CoachSession:
        """A twin to reason a what-if on; telling it anything leaves this session as it is."""
        twin = CoachSession.__new__(CoachSession)
        twin._reasoner = self._reasoner.copy()
        return twin

    @property
    def knowledge(self) -> Knowledge:
        return self._reasoner.knowledge

    def tell(
        self, facts: Iterable[dict[str, Any]], said: str | None = None
    ) -> list[dict[str, Any]]:
        """Believe these contract facts; returns them normalised.

        All or nothing: if any fact is invalid, ``FactError`` says which and why, and none is
        told, so a half-understood message never leaves half its facts behind.
        """
        told = [read_told(fact) for fact in facts]
        for item in told:
            if item.believed:
                self._reasoner.tell(item.fact, said)
            elif item.context == "self":
                self._reasoner.suspect(item.fact, said)
            # Someone else's, a past or a what-if fact is reported, never believed.
        return [item.to_contract() for item in told]

    def confirm_retraction(self, type_id: str, kind: str, confirmed: bool) -> None:
        """The answer to "Just to be sure: you don't have X?"; only a yes lifts the sign."""
        self._reasoner.confirm_retraction(type_id, kind, confirmed)

    def close(self, topic: str) -> None:
        """The person answered ``topic``'s own question."""
        self._reasoner.close(topic)

    def reopen(self, topic: str) -> None:
        """A fact of ``topic`` came before its question was asked: ask it all the same."""
        self._reasoner.reopen(topic)

    def tell_unanswered(self, type_id: str, kind: str | None, said: str | None = None) -> None:
        """A sign asked about without a plain answer: no load without a clinician's word."""
        self._reasoner.tell_unanswered(type_id, kind, said)

    def suspicions(self) -> list[dict[str, Any]]:
        """Signs the words may point to, not yet settled, in the contract's shape."""
        return [
            {"type": t, "kind": k, "present": True, "certainty": "suspected"}
            for (t, k), _ in self._reasoner.suspicions()
        ]

    def unanswered(self) -> list[dict[str, Any]]:
        return [{"type": t, "kind": k} for (t, k), _ in self._reasoner.unanswered()]

    def no_practice(self, why: str) -> None:
        """A returning person has not practised since (``same_day`` or ``told``)."""
        self._reasoner.no_practice(why)

    def resume(self, step: str) -> None:
        """A returning person was on ``step``; the interview becomes a check-in."""
        self._reasoner.resume(step)

    @property
    def on_step(self) -> str | None:
        return self._reasoner.on_step

    def tell_unsure(self, topic: str, said: str | None = None) -> None:
        self._reasoner.tell_unsure(topic, said)

    def next_question(self) -> Question | None:
        """The next topic to ask and why, or None when the plan has all it needs."""
        return self._reasoner.next_question()

    def next_topic(self) -> str | None:
        question = self.next_question()
        return question.topic if question else None

    def plan(self) -> dict[str, Any] | None:
        """The plan in the contract's JSON shape, or None while topics are still needed."""
        plan = self._reasoner.plan()
        return plan.to_contract() if plan else None

    def plan_details(self) -> Plan | None:
        return self._reasoner.plan()

    def start_reasons(self) -> tuple[str, ...]:
        """Why the plan starts where it does: the rules behind the start, from the trace."""
        return self._reasoner.start_reasons()

    def why_asking(self, topic: str | None = None) -> Question | None:
        """Why a topic is asked (by default the one asked now)."""
        topic = topic or self.next_topic()
        return self._reasoner.why_asking(topic) if topic else None

    def how_decided(self, subject: str = "start") -> Explanation:
        """The chain of rules and facts behind a conclusion (see ``Reasoner.explain``)."""
        return self._reasoner.explain(subject)

    def known_facts(self) -> list[KnownFact]:
        """What we believe about the person, each with the message it came from."""
        return [KnownFact(to_contract(f), said) for f, said in self._reasoner.beliefs()]

    def unsure_topics(self) -> tuple[str, ...]:
        return self._reasoner.unsure_topics()
