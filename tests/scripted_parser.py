"""A stand-in for the language layer: fixed parses for fixed messages.

Dialogue tests use it to pin down how the conversation treats each kind of parse without
depending on the classifier's judgement; the end-to-end tests use the real parser.
"""

from __future__ import annotations

from typing import Any


class ScriptedParser:
    def __init__(self, script: dict[str, tuple[str, float, list[dict[str, Any]]]]) -> None:
        self.script = script
        self.seen: list[str] = []

    def parse(self, text: str) -> dict[str, Any]:
        self.seen.append(text)
        intent, confidence, facts = self.script.get(text, ("out_of_scope", 0.9, []))
        alternatives = [{"intent": "ask_muscles", "confidence": 0.2},
                        {"intent": "ask_progression", "confidence": 0.1}]
        return {"text": text, "intent": intent, "confidence": confidence,
                "alternatives": alternatives, "facts": facts}
