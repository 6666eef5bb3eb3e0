"""What reasoning produces, as plain immutable records: plans, questions, explanations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rules.wording import LINES


@dataclass(frozen=True)
class ReferralAdvice:
    urgency: str  # "emergency", "soon" or "clearance"
    reasons: tuple[str, ...]  # red_flag and condition kinds


@dataclass(frozen=True)
class Plan:
    start: str | None
    ladder: tuple[str, ...]
    focus: tuple[str, ...]
    watch_for: tuple[str, ...]
    referral: ReferralAdvice | None
    because: tuple[str, ...]
    # Beyond the contract's JSON: what would unlock the next step, and remarks such as the
    # barbell route, for the replies to use.
    unlock: str | None = None
    notes: tuple[str, ...] = ()
    # For a returning person: what the check-in decided (move_up, stay, step_back).
    decision: str | None = None
    # Where each ``because`` line comes from: its rule's basis in reasons.toml.
    sources: tuple[str, ...] = ()

    def to_contract(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "ladder": list(self.ladder),
            "focus": list(self.focus),
            "watch_for": list(self.watch_for),
            "referral": None
            if self.referral is None
            else {"urgency": self.referral.urgency, "reasons": list(self.referral.reasons)},
            "because": list(self.because),
        }


@dataclass(frozen=True)
class Question:
    topic: str
    why: str
    basis: str
    # A yes/no question about one sign: the fact a "yes" would confirm (``present`` false for
    # "Just to be sure: you don't have X?"), in the contract's shape.
    sign: dict[str, Any] | None = None


@dataclass(frozen=True)
class Explanation:
    """How a conclusion was reached: each rule that concluded it, and from what.

    A leaf is a fact the person told us (``told`` holds it in contract shape and ``said``
    the message it came from, when known).
    """

    conclusion: str
    reasons: tuple[Reasoning, ...] = ()
    told: dict[str, Any] | None = None
    said: str | None = None

    def lines(self, depth: int = 0) -> list[str]:
        """The chain as indented lines, conclusion first, premises below."""
        pad = "  " * depth
        if self.told is not None:
            said = LINES("you_said", said=self.said) if self.said else ""
            return [f"{pad}- " + LINES("you_told_me", fact=self.conclusion) + said]
        out: list[str] = []
        for reasoning in self.reasons:
            because = f": {reasoning.because}" if reasoning.because else ""
            rule = LINES("rule_cited", rule=reasoning.rule)
            out.append(f"{pad}- {self.conclusion} [{rule}]{because}")
            for premise in reasoning.premises:
                out.extend(premise.lines(depth + 1))
        return out or [f"{pad}- {self.conclusion}"]


@dataclass(frozen=True)
class Reasoning:
    rule: str
    because: str
    basis: str
    premises: tuple[Explanation, ...] = field(default=())
