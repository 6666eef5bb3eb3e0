"""A learned second opinion on warning signs, for the signs the cue lexicon cannot see.

The lexicon (``warning_cues.py``, ``facts.py``) states a sign when the words say it and
suspects one when they hint at it. Signs told as stories without their usual words (a fall
told as "ended up at the bottom of the ladder", night pain as "3am again") slip past any
word list. This module adds a multi-label text classifier over the same features as the
intent classifier (``architecture.py``), one label per warning sign and condition, trained
on the warning-sign sets in ``data/signs/`` (people's own words, labelled by hand) and on
the intent examples labelled with what the lexicon states in them (so that ordinary
"my back is sore" messages are seen as signs-free).

The model only ever *suspects*. The house rule is "the parser suggests, the rule base
decides": ``hc_sign_suspicion`` adds a ``"certainty": "suspected"`` fact for a sign the
model scores at ``threshold`` or more and the lexicon said nothing about, in any context.
A suspicion costs one plain yes/no question (the rule base's ``confirm`` turn); it never
states a sign, never overrides a denial or someone else's sign, and never changes the
intent: its scores leave ``doc.cats`` for ``doc._.hc_sign_scores``.

The threshold was chosen by leave-one-set-out cross-validation over the four sets
(``python -m coach.language.sign_model``), before any held-out set was run.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from rules.vocabulary import (
    CONDITION_KINDS,
    EMERGENCY_RED_FLAGS,
    RED_FLAG_KINDS,
    SEVERE_PAIN_FROM,
)

SIGNS_DIR = Path(__file__).parent / "data" / "signs"
SIGN_TEXTCAT = "sign_textcat"
SCORES_EXTENSION = "hc_sign_scores"

# Labels are "type:kind", so they can never collide with an intent in doc.cats.
LABELS: tuple[str, ...] = tuple(
    [f"red_flag:{kind}" for kind in RED_FLAG_KINDS]
    + [f"condition:{kind}" for kind in CONDITION_KINDS]
)

if not Doc.has_extension(SCORES_EXTENSION):
    Doc.set_extension(SCORES_EXTENSION, default=None)


def label_of(sign: Mapping[str, Any]) -> str:
    return f"{sign['type']}:{sign['kind']}"


@registry.readers("hinge_coach.sign_labels.v1")
def read_sign_labels() -> list[str]:
    """The sign classifier's labels, fixed by the contract rather than by its examples:
    spaCy's textcat otherwise takes its labels from the initialize examples, which are the
    intent examples."""
    return list(LABELS)


def sign_sets(folder: Path = SIGNS_DIR) -> list[Path]:
    return sorted(folder.glob("*.jsonl"))


def read_rows(paths: Iterable[Path]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            rows.extend(json.loads(line) for line in fh if line.strip())
    return rows


def gold_cats(signs: Iterable[Mapping[str, Any]]) -> dict[str, float]:
    """One-hot over LABELS for the person's own signs; other contexts are negatives."""
    own = {label_of(s) for s in signs if s.get("context", "self") == "self" and s.get("kind")}
    return {label: float(label in own) for label in LABELS}


def lexicon_cats(doc: Doc) -> dict[str, float]:
    """What the lexicon states as the person's own, as labels: silver labels for messages
    nobody labelled by hand (the intent examples)."""
    return gold_cats(
        f for f in doc._.get("facts") or []
        if f["type"] in ("red_flag", "condition") and f.get("present")
        and f.get("certainty", "stated") == "stated"
    )


def _mentioned(facts: Sequence[Mapping[str, Any]]) -> set[str]:
    """Signs the lexicon said anything about (stated, suspected, denied, someone else's):
    the model has nothing to add there. A pain rating settles severe pain either way: the
    rule base derives it from the number (8 or more)."""
    seen = {label_of(f) for f in facts if f["type"] in ("red_flag", "condition")}
    if any(f["type"] == "symptom" and f.get("severity") is not None for f in facts):
        seen.add("red_flag:severe_pain")
    return seen


def _weight(label: str) -> int:
    """How far a sign moves the coach: a condition asks for clearance (stick only), a soon
    sign stops exercise teaching, an emergency sign sends the person to urgent care."""
    kind_type, kind = label.split(":", 1)
    if kind_type == "condition":
        return 1
    return 3 if kind in EMERGENCY_RED_FLAGS else 2


def _stated_weight(facts: Sequence[Mapping[str, Any]]) -> int:
    """The weight of the strongest sign the lexicon states as the person's own."""
    labels = [label_of(f) for f in facts
              if f["type"] in ("red_flag", "condition") and f.get("kind") and f.get("present")
              and f.get("context", "self") == "self"
              and f.get("certainty", "stated") == "stated"]
    if any(f["type"] == "symptom" and f.get("present") and f.get("context", "self") == "self"
           and (f.get("severity") or 0) >= SEVERE_PAIN_FROM for f in facts):
        labels.append("red_flag:severe_pain")
    return max((_weight(label) for label in labels), default=0)


class SignSuspicion:
    """Turns the sign classifier's scores into suspected facts (see the module docstring)."""

    def __init__(self, name: str, threshold: float) -> None:
        self.name = name
        self.threshold = threshold

    def __call__(self, doc: Doc) -> Doc:
        scores = {label: doc.cats.pop(label) for label in LABELS if label in doc.cats}
        doc._.set(SCORES_EXTENSION, scores)
        facts = list(doc._.get("facts") or [])
        seen = _mentioned(facts)
        # A question is worth asking only when its answer could change what the coach does:
        # beside a stated emergency sign, a suspected soon sign changes nothing.
        floor = _stated_weight(facts)
        for label in LABELS:
            if (scores.get(label, 0.0) >= self.threshold and label not in seen
                    and _weight(label) > floor):
                kind_type, kind = label.split(":", 1)
                facts.append({"type": kind_type, "kind": kind, "present": True,
                              "certainty": "suspected"})
        doc._.set("facts", facts)
        return doc


@Language.factory(
    "hc_sign_suspicion",
    default_config={"threshold": 0.2},
    assigns=["doc._.facts", f"doc._.{SCORES_EXTENSION}"],
    requires=["doc.cats", "doc._.facts"],
)
def make_sign_suspicion(nlp: Language, name: str, threshold: float) -> SignSuspicion:
    return SignSuspicion(name, threshold)


# ---------------------------------------------------------------- cross-validation


def _cross_validate(thresholds: Sequence[float]) -> None:
    """Leave one sign set out: train on the rest, score the one left out, lexicon alone and
    with the model. Slow (one training per set); for choosing the threshold, not for CI."""
    from coach.language.intents import load_examples, train
    from coach.language.parser import Parser
    from coach.language.screening_eval import score

    examples = load_examples()
    sets = sign_sets()
    for held_out in sets:
        rows = read_rows([held_out])
        nlp = train(examples, sign_rows=read_rows(p for p in sets if p != held_out))
        texts = [r["text"] for r in rows]
        suspicion = nlp.get_pipe("hc_sign_suspicion")
        # Above any score first: the lexicon alone.
        for threshold in (2.0, *thresholds):
            suspicion.threshold = threshold  # type: ignore[attr-defined]
            figures = score(rows, Parser(nlp).parse_many(texts)).summary()
            name = "lexicon" if threshold > 1 else f"+model@{threshold}"
            print(held_out.stem, name, json.dumps(figures), flush=True)


if __name__ == "__main__":  # pragma: no cover - a developer's tool
    _cross_validate([float(a) for a in sys.argv[1:]] or [0.1])
