"""``hc_concepts``, spaCy's SpanRuler over ``data/patterns.toml``: what it needs besides the
config, namely its span group's name and the filter that picks which matches stay.

Its patterns and its typo comparison are registered in ``patterns.py``, next to the
notation they compile.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Span
from spacy.util import registry

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
