"""Checks that JSON printed by the commands has the contract's shape and ids."""

from __future__ import annotations

from typing import Any

from rules import vocabulary as v
from rules.facts import read_told


def assert_fact(fact: Any) -> None:
    assert isinstance(fact, dict), fact
    # read_told refuses any field or value outside the contract (certainty and context
    # included); a round trip must be exact, so no field is missing either.
    assert read_told(fact).to_contract() == fact, fact


def assert_plan(plan: Any) -> None:
    assert isinstance(plan, dict)
    assert set(plan) == {"start", "ladder", "focus", "watch_for", "referral", "because"}
    assert all(isinstance(b, str) and b for b in plan["because"])
    assert set(plan["focus"]) <= set(v.CUES)
    assert set(plan["watch_for"]) <= set(v.FAULT_KINDS)
    if plan["referral"] is not None:
        assert plan["referral"]["urgency"] in v.URGENCIES
        assert plan["referral"]["reasons"]
        assert set(plan["referral"]["reasons"]) <= set(v.RED_FLAG_KINDS + v.CONDITION_KINDS)
        if plan["referral"]["urgency"] == "clearance":
            # No load until a clinician clears the person; the stick hinge is still taught.
            assert plan["start"] == "stick_hinge" and plan["ladder"] == ["stick_hinge"]
        else:
            assert plan["start"] is None and plan["ladder"] == [] == plan["focus"]
    else:
        assert plan["start"] in v.STEPS
        assert plan["ladder"] == list(v.STEPS[v.STEPS.index(plan["start"]):])


def assert_turn(turn: Any) -> None:
    assert isinstance(turn, dict)
    assert set(turn) - {"confirming"} == {"say", "intent", "asking", "facts", "plan"}, turn
    if "confirming" in turn:
        # A yes/no question about one sign names it.
        assert turn["asking"] in ("confirm", *v.SCREENING_TOPICS), turn
        assert turn["confirming"]["kind"] in v.RED_FLAG_KINDS + v.CONDITION_KINDS
    assert isinstance(turn["say"], str) and turn["say"].strip()
    assert turn["intent"] is None or turn["intent"] in v.INTENTS
    assert turn["asking"] is None or turn["asking"] in v.ASKING_ORDER
    for fact in turn["facts"]:
        assert_fact(fact)
    if turn["plan"] is not None:
        assert_plan(turn["plan"])


def assert_parse(result: Any, text: str | None = None) -> None:
    assert isinstance(result, dict)
    assert {"text", "intent", "confidence", "alternatives", "facts"} <= set(result)
    if text is not None:
        assert result["text"] == text
    assert result["intent"] in v.INTENTS
    assert 0.0 <= result["confidence"] <= 1.0
    for alternative in result["alternatives"]:
        assert alternative["intent"] in v.INTENTS
        assert 0.0 <= alternative["confidence"] <= result["confidence"] + 1e-9
    for fact in result["facts"]:
        assert_fact(fact)
