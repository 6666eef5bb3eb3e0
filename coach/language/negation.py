"""``hc_negation``: which concepts and warning cues are denied, after NegEx, clause by clause.

Its cue lists and the words of its scope are in ``data/negation.toml``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import ClassVar

from spacy.language import Language
from spacy.tokens import Doc, Span

from coach.language.concepts import CONCEPTS_KEY
from coach.language.cue_matcher import NEGATION_PATH, CueMatcher
from coach.language.word_lists import word_list

if not Span.has_extension("hc_negated"):
    Span.set_extension("hc_negated", default=False)


# Concepts whose phrase carries its own "no" ("I don't need the stick", "never lifted",
# "my toes stay down"): cue words inside them are part of their meaning, not a negation.
def _self_negating(label: str) -> bool:
    return (
        label.startswith(("mastery:", "level:", "none:"))
        or label.count(":") >= 2
        or label.endswith(":+")  # a warning cue that says its own "not" ("can't feel")
    )


# Words a negation may reach across without losing its scope: "no numbness, tingling or
# weakness" denies all three.
_LIST_FILLER = word_list("list_filler", NEGATION_PATH)
_LIST_CONTINUES = word_list("list_continues", NEGATION_PATH)
_NEGATION_WINDOW = 4  # NegEx's window, counted in words that are not list filler
_ANSWER_NO = word_list("answer_no", NEGATION_PATH)
# Already a denial: "no equipment, never lifted" is not a double negative.
_NEVER_NEGATED = ("level:none", "none:")
_OK_NEGATES = ("rf:", "numb", "weak", "hint")  # "bladder is fine", "legs feel normal"


class NegationDetector(CueMatcher):
    """NegEx (Chapman et al. 2001) over the concept spans, clause by clause.

    negspacy implements the same algorithm; this one reads the same span groups (the concept
    ruler's and the warning cues') and, with the same cue lists, scores higher on six of the
    seven development sets and within a line or two on the seventh
    (``bench/compare_negation.py``), because it knows which
    concepts carry their own negation, keeps NegEx's word window (stretched across lists),
    and reads "Cancer? No." as a denial.
    """

    kinds: ClassVar[tuple[str, ...]] = ("preceding", "following", "pseudo")

    def __init__(self, nlp: Language, span_keys: Iterable[str] = (CONCEPTS_KEY,)) -> None:
        super().__init__(nlp)
        self.span_keys = tuple(span_keys)

    def __call__(self, doc: Doc) -> Doc:
        keyed = [(key, s) for key in self.span_keys for s in doc.spans.get(key, [])]
        spans = [s for _, s in keyed]
        if not spans:
            return doc
        # Cue words that are part of a phrase's meaning, per span group: a warning cue's
        # "can't lift" must not hide the "not" of "my toes don't lift" from the concepts.
        meaning: dict[str, set[int]] = {key: set() for key in self.span_keys}
        concept_tokens: set[int] = set()
        # The window counts words between a cue and a concept; only the concept ruler's
        # spans are skipped there, so the warning cues do not stretch a negation's reach.
        for span in doc.spans.get(CONCEPTS_KEY, []):
            concept_tokens.update(range(span.start, span.end))
        for key, span in keyed:
            if _self_negating(span.label_):
                meaning[key].update(range(span.start, span.end))
        matches = self.matches(doc, ["pseudo", "preceding", "following"])
        pseudo = [(s, e) for key, s, e in matches if key == "pseudo"]

        def usable(start: int, key: str) -> bool:
            return start not in meaning[key] and not any(ps <= start < pe for ps, pe in pseudo)

        cues_for = {
            key: (
                [(s, e) for kind, s, e in matches if kind == "preceding" and usable(s, key)],
                [s for kind, s, _ in matches if kind == "following" and usable(s, key)],
            )
            for key in self.span_keys
        }
        oks = [sp.start for sp in spans if sp.label_ == "ok"]
        clauses = doc._.hc_clauses or [(0, len(doc))]

        def in_window(cue_end: int, span_start: int) -> bool:
            between = doc[cue_end:span_start]
            for t in between:
                # A comma ends the scope unless a list goes on after it ("no numbness,
                # tingling or weakness"); "without thinking about it, like normal life" ends.
                if t.text == "," and t.i + 1 < len(doc):
                    nxt = doc[t.i + 1]
                    if nxt.i not in concept_tokens and nxt.lower_ not in _LIST_CONTINUES:
                        return False
            gap = [t for t in between if t.i not in concept_tokens and t.lower_ not in _LIST_FILLER]
            return len(gap) <= _NEGATION_WINDOW

        for key, span in keyed:
            pre, post = cues_for[key]
            c_start, c_end = next((c for c in clauses if c[0] <= span.start < c[1]), (0, len(doc)))
            own = _self_negating(span.label_)
            if span.label_.startswith(_NEVER_NEGATED):
                span._.hc_negated = False
                continue
            negated = any(
                c_start <= s and e <= span.start and in_window(e, span.start)
                # A phrase that says its own "no" ("toes stay down") is not one more item of
                # a list denied before it ("no pain, toes stay down").
                and not (own and any(t.text == "," for t in doc[e : span.start]))
                for s, e in pre
            )
            if not own:
                # "knees don't cave": a cue inside a matched phrase negates that phrase.
                negated = negated or any(span.start < s and e < span.end for s, e in pre)
            negated = negated or any(span.end <= s < c_end and s - span.end <= 3 for s in post)
            if span.label_.startswith(_OK_NEGATES):
                # "Bladder is fine" denies; "just a bit of tingling, it's fine" plays it
                # down, which is not a denial: the "fine" must follow without a comma.
                negated = negated or any(
                    span.end <= s < c_end
                    and s - span.end <= 4
                    and not any(t.text in {",", ";"} for t in doc[span.end : s])
                    for s in oks
                )
            span._.hc_negated = negated
        self._answered_no(doc, spans)
        return doc

    @staticmethod
    def _answered_no(doc: Doc, spans: list[Span]) -> None:
        """ "Cancer? No, never." - a bare "no" after a one-word question denies it."""
        sents = list(doc.sents)
        for prev, sent in itertools.pairwise(sents):
            if not prev.text.rstrip().endswith("?"):
                continue
            words = [t.lower_ for t in sent if not t.is_punct]
            if not words or words[0] not in {"no", "nope", "nah", "never"}:
                continue
            if not all(w in _ANSWER_NO for w in words):
                continue
            for span in spans:
                if prev.start <= span.start < prev.end and not _self_negating(span.label_):
                    span._.hc_negated = True


@Language.factory(
    "hc_negation",
    assigns=["span._.hc_negated"],
    requires=["doc.spans", "doc._.hc_clauses"],
    default_config={"span_keys": [CONCEPTS_KEY]},
)
def make_negation(nlp: Language, name: str, span_keys: list[str]) -> NegationDetector:
    return NegationDetector(nlp, span_keys)
