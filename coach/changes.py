"""What a message changed in what the coach believed: "actually I have two kettlebells" is
answered with what changed, so a correction is never met with a bare "Got it"."""

from __future__ import annotations

from typing import Any

from coach.describe import describe
from rules.facts import FACT_CLASSES
from rules.knowledge import Knowledge

Fact = dict[str, Any]


def _key(fact: Fact) -> tuple[str, Any]:
    """What a fact is about, as the rule base's fact classes say (history: one belief)."""
    cls = FACT_CLASSES.get(str(fact.get("type")))
    subject = cls.subject if cls is not None else None
    return (str(fact.get("type")), fact.get(subject) if subject else None)


def _said_about_self(fact: Fact) -> bool:
    return bool(fact.get("certainty", "stated") == "stated"
                and fact.get("context", "self") == "self")


def changes(before: list[Fact], after: list[Fact], learned: list[Fact],
            knowledge: Knowledge) -> list[tuple[str, str]]:
    """(was, now) in words, for each belief the learned facts replaced with something else.

    A specific answer after a blanket "none" ("none" then "my toes lift") is a change too.
    """
    old = {_key(f): f for f in before}
    new = {_key(f): f for f in after}
    out: list[tuple[str, str]] = []
    for fact in learned:
        if not _said_about_self(fact):
            continue
        key = _key(fact)
        now = new.get(key)
        if now is None:
            continue
        was = old.get(key)
        if was is None and now.get("present"):
            was = old.get((key[0], None)) if key[1] is not None else None
        if was is None or was == now:
            continue
        pair = (describe(was, knowledge).text, describe(now, knowledge).text)
        if pair[0] != pair[1] and pair not in out:
            out.append(pair)
    return out
