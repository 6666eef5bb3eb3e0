"""``parse(text) -> dict``: what the language layer understood, in the contract's shape.

    {"text": ..., "intent": ..., "confidence": 0.91,
     "alternatives": [{"intent": ..., "confidence": 0.06}, ...],
     "facts": [...]}

``confidence`` is the classifier's probability for ``intent``; ``alternatives`` are the next
most likely intents (at most ``MAX_ALTERNATIVES``, each at least ``MIN_ALTERNATIVE``), so a
caller can ask "did you mean...?" when the top one is weak.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from coach.language.intents import INTENTS_PATH, load_trained
from coach.language.pieces import pieces
from coach.text import clean, without_markup

MAX_ALTERNATIVES = 3
MIN_ALTERNATIVE = 0.02
EMPTY_INTENT = "out_of_scope"


class Parser:
    """Holds the loaded pipeline; build one per process and reuse it."""

    def __init__(
        self,
        nlp: Language | None = None,
        *,
        intents_path: Path = INTENTS_PATH,
        cache_dir: Path | None = None,
    ) -> None:
        self.nlp = nlp if nlp is not None else load_trained(intents_path, cache_dir)

    def parse(self, text: str) -> dict[str, Any]:
        return next(self.parse_many([text]))

    def parse_many(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[dict[str, Any]]:
        # The same cleaning as the dialogue and the app: what is parsed is what they read.
        cleaned = [clean(t) for t in texts]
        # A long message is read in pieces; every piece is read (see pieces.pieces).
        split = [pieces(without_markup(t)) for t in cleaned]
        docs = iter(self.nlp.pipe((p for parts in split for p in parts), batch_size=batch_size))
        for text, parts in zip(cleaned, split, strict=True):
            yield self._result(text, [next(docs) for _ in parts])

    def _result(self, text: str, docs: list[Doc]) -> dict[str, Any]:
        doc = docs[0]
        if not text:
            return {
                "text": text,
                "intent": EMPTY_INTENT,
                "confidence": 0.0,
                "alternatives": [],
                "facts": [],
            }
        ranked = sorted(doc.cats.items(), key=lambda kv: (-kv[1], kv[0]))
        intent, confidence = ranked[0]
        alternatives = [
            {"intent": name, "confidence": round(float(p), 3)}
            for name, p in ranked[1 : 1 + MAX_ALTERNATIVES]
            if p >= MIN_ALTERNATIVE
        ]
        return {
            "text": text,
            "intent": intent,
            "confidence": round(float(confidence), 3),
            "alternatives": alternatives,
            "facts": _merged_facts(docs),
        }


def _merged_facts(docs: list[Doc]) -> list[dict[str, Any]]:
    """The facts of every piece of a message, in order, each once. The intent is the first
    piece's: a long message is told, and its opening says what kind of message it is."""
    out: list[dict[str, Any]] = []
    for doc in docs:
        for fact in doc._.facts or []:
            if fact not in out:
                out.append(fact)
    return out


_default: Parser | None = None


def default_parser() -> Parser:
    global _default
    if _default is None:
        _default = Parser()
    return _default


def parse(text: str) -> dict[str, Any]:
    """Parse one message with the process-wide parser (loaded on first use)."""
    return default_parser().parse(text)
