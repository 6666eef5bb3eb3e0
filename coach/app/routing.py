"""The parser the dialogue sees: the language layer once it has loaded, or a command's intent.

The Dialogue takes its parser when it is built, but the app builds it right after its first
frame, so that the opening is on screen while spaCy still loads. This stand-in is what the
Dialogue holds; the real parser is plugged in when the worker has it. Commands from the
palette and the keys ("why?", "restart") don't need the language layer at all: they are read
as their intent, so they work, and are answered in order, even before it is ready.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.dialogue import Understander


class ParserNotReady(RuntimeError):
    """Free text reached the dialogue before the language layer was loaded."""


class RoutedParser:
    def __init__(self) -> None:
        self.parser: Understander | None = None
        self._intent: str | None = None

    @property
    def ready(self) -> bool:
        return self.parser is not None

    @contextmanager
    def reading_as(self, intent: str | None) -> Iterator[None]:
        """Within this block, every message is read as ``intent`` (None: parse it)."""
        self._intent = intent
        try:
            yield
        finally:
            self._intent = None

    def parse(self, text: str) -> dict[str, Any]:
        if self._intent is not None:
            return {"text": text, "intent": self._intent, "confidence": 1.0,
                    "alternatives": [], "facts": []}
        if self.parser is None:
            raise ParserNotReady("the language layer is still loading")
        return self.parser.parse(text)
