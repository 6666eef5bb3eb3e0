"""``hc_concepts``, spaCy's SpanRuler over ``data/patterns.toml``: what it needs besides the
config, namely its span group's name, the filter that picks which matches stay, and a
factory whose ruler holds each distinct token spec once.

Its patterns and its typo comparison are registered in ``patterns.py``, next to the
notation they compile.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Span
from spacy.util import registry

from coach.language.patterns import share_token_specs

# The span group the concept ruler writes and the later components read.
CONCEPTS_KEY = "hc_concepts"

# A rating keeps the quality word inside it: "pain is 10/10" still names the pain.
_NON_HIDING = ("cue:", "ref:", "anything", "ok", "sev")


@registry.misc("hinge_coach.drop_contained_spans.v1")
def make_drop_contained_spans() -> Callable[[Iterable[Span], Iterable[Span]], list[Span]]:
    """Keep every match except those inside a longer one.

    Unlike spaCy's first-longest filter, two concepts over the same words both stay ("butt"
    is a symptom area and a saddle-numbness location; facts.py decides which one counts),
    while "knees" inside "knees cave in" goes.
    """

    def drop_contained(existing: Iterable[Span], spans: Iterable[Span]) -> list[Span]:
        candidates = sorted(set(spans), key=lambda s: (s.start, -len(s), s.label_))
        # Helper concepts ("I have ...", "want") sit around facts without hiding them.
        hiding = [o for o in candidates if not o.label_.startswith(_NON_HIDING)]
        kept: list[Span] = []
        for span in candidates:
            inside = any(
                o.start <= span.start and span.end <= o.end and len(o) > len(span) for o in hiding
            )
            if not inside:
                kept.append(span)
        return [*existing, *kept]

    return drop_contained


class CompactSpanRuler(SpanRuler):
    """spaCy's SpanRuler; identical token specs in its patterns are one object."""

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        patterns = list(patterns)  # from_disk passes a generator
        token = [p for p in patterns if isinstance(p["pattern"], list)]
        specs = share_token_specs(p["pattern"] for p in token)
        compact = {id(p): {**p, "pattern": s} for p, s in zip(token, specs, strict=True)}
        super().add_patterns([compact.get(id(p), p) for p in patterns])


@Language.factory(
    "hc_span_ruler",
    assigns=["doc.spans"],
    default_config={
        "spans_key": CONCEPTS_KEY,
        "spans_filter": None,
        "matcher_fuzzy_compare": {"@misc": "spacy.levenshtein_compare.v1"},
        "validate": False,
        "overwrite": True,
        "scorer": {"@scorers": "spacy.overlapping_labeled_spans_scorer.v1",
                   "spans_key": CONCEPTS_KEY},
    },
)
def make_compact_span_ruler(
    nlp: Language,
    name: str,
    spans_key: str,
    spans_filter: Callable[[Iterable[Span], Iterable[Span]], Iterable[Span]] | None,
    matcher_fuzzy_compare: Callable[..., bool],
    validate: bool,
    overwrite: bool,
    scorer: Callable[..., Any] | None,
) -> CompactSpanRuler:
    return CompactSpanRuler(
        nlp,
        name,
        spans_key=spans_key,
        spans_filter=spans_filter,
        matcher_fuzzy_compare=matcher_fuzzy_compare,
        validate=validate,
        overwrite=overwrite,
        scorer=scorer,
    )
