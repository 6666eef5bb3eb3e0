"""What the coach remembers between sessions, and how a session picks up where it left off.

Lasting facts (lifting history, equipment, goal) carry over. How the body feels, the faults
seen and whether the stick is still needed can change by next time, so the check-in asks
them again rather than trusting last week's answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coach.profile.store import PastPlan, ProfileStore
from coach.session import CoachSession, FactError
from rules import vocabulary as v

# A PAR-Q+ style answer lasts too: a health condition (or its absence) rarely changes by
# next week, and a returning person is not asked the whole list again.
LASTING_FACTS = ("condition", "history", "equipment", "goal")
LASTING_TOPICS = tuple(v.TOPIC_OF_FACT[t] for t in LASTING_FACTS)


@dataclass(frozen=True)
class LastTime:
    at: str
    plan: dict[str, Any]
    decision: str | None


class Memory:
    def __init__(self, store: ProfileStore) -> None:
        self.store = store

    def restore(self, session: CoachSession) -> LastTime | None:
        """Tell the session what lasts, and resume at the last step if there is one."""
        events: list[tuple[str, str, Any, str | None]] = [
            (at, "fact", fact, said)
            for at, fact, said in self.store.latest_facts(LASTING_FACTS)
        ]
        events += [
            (at, "unsure", topic, said)
            for at, topic, said in self.store.latest_unsure(LASTING_TOPICS)
        ]
        for _, kind, what, said in sorted(events, key=lambda e: e[0]):
            if kind == "unsure":
                session.tell_unsure(what, said=said)
                continue
            try:
                session.tell([what], said=said)
            except FactError:
                continue  # written by a coach with another vocabulary; skip, don't fail
        last = self.store.last_plan()
        if last is None:
            return None
        step = last.plan.get("start")
        if step in v.STEPS:
            session.resume(step)
        return LastTime(last.at, last.plan, last.decision)

    def said(self, role: str, text: str) -> None:
        self.store.add_message(role, text)

    def learned(self, facts: list[dict[str, Any]], said: str | None) -> None:
        self.store.add_facts(facts, said)

    def unsure(self, topic: str, said: str | None) -> None:
        self.store.add_unsure(topic, said)

    def planned(self, plan: dict[str, Any], decision: str | None) -> None:
        self.store.add_plan(plan, decision)

    def past_plans(self) -> list[PastPlan]:
        return self.store.plans()

    def session_count(self) -> int:
        return self.store.session_count()
