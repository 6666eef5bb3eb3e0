"""``hc_clauses``: each sentence split into clauses at words like "but" and ", my"."""

from __future__ import annotations

from typing import ClassVar

from spacy.language import Language
from spacy.tokens import Doc

from coach.language.cue_matcher import CueMatcher

if not Doc.has_extension("hc_clauses"):
    Doc.set_extension("hc_clauses", default=None)


class ClauseSplitter(CueMatcher):
    """Splits each sentence into clauses at the termination cues of ``data/negation.toml``.

    Both negation scope and fact assembly work clause by clause: in "no numbness but my
    back is sore" the "no" must not reach "sore".
    """

    kinds: ClassVar[tuple[str, ...]] = ("termination",)

    def __call__(self, doc: Doc) -> Doc:
        breaks = {start for _, start, _ in self.matches(doc, self.kinds)}
        clauses: list[tuple[int, int]] = []
        for sent in doc.sents:
            start = sent.start
            for i in range(sent.start + 1, sent.end):
                if i in breaks:
                    clauses.append((start, i))
                    start = i
            clauses.append((start, sent.end))
        doc._.hc_clauses = [c for c in clauses if c[1] > c[0]]
        return doc


@Language.factory("hc_clauses", assigns=["doc._.hc_clauses"], requires=["token.is_sent_start"])
def make_clauses(nlp: Language, name: str) -> ClauseSplitter:
    return ClauseSplitter(nlp)
