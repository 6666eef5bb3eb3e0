"""The pipeline's own spaCy components, registered the spaCy way so a config can name them.

Importing this module registers everything the config in ``config.cfg`` refers to: the
tokenizer, the domain lemmatizer, the clause splitter, the quantity reader, the negation
detector, the fact builder and the readers that feed them their data files.
"""

from __future__ import annotations

import itertools
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.matcher import Matcher
from spacy.pipeline import Lemmatizer
from spacy.strings import get_string_id
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token
from spacy.util import (
    compile_infix_regex,
    compile_prefix_regex,
    compile_suffix_regex,
    registry,
)

from coach.language import facts as fact_rules
from coach.language import patterns as _patterns  # also registers the readers
from coach.language.answer_intent import ONLY_ANSWER
from coach.language.lemmas import lemma_of, read_extra_lemmas, read_typo_data, typo_lemmas
from coach.language.numbers import phrase_value, severity_value
from coach.language.warning_cues import CUES_KEY, WarningCueMatcher

DATA_DIR = Path(__file__).parent / "data"
CONCEPTS_KEY = "hc_concepts"
LEMMAS_FILE = "lemmas.msgpack"

# Units written straight after a number ("6yrs", "18mo") are split off so "6" can be read.
_UNIT_SUFFIX = r"(?<=[0-9])(?:years?|yrs?|y|months?|mos?|mths?|weeks?|wks?|days?|x|ish)$"

for _name, _default in (("hc_negated", False), ("hc_value", None)):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)
for _name in ("hc_clauses", "facts"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


# ---------------------------------------------------------------- data readers


def _read_toml(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open("rb") as fh:
        return tomllib.load(fh)


@registry.readers("hinge_coach.lemmas.v1")
def read_lemmas() -> dict[str, str]:
    return read_extra_lemmas()


@registry.readers("hinge_coach.negation_cues.v1")
def read_negation_cues() -> dict[str, list[str]]:
    data = _read_toml("negation.toml")
    return {key: list(data[key]) for key in ("preceding", "following", "pseudo", "termination")}


# ---------------------------------------------------------------- tokenizer


@registry.tokenizers("hinge_coach.Tokenizer.v1")
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's English tokenizer, plus splitting "6yrs" into "6" "yrs".

    Built in one go (not by patching ``suffix_search`` afterwards, which would rebuild the
    special cases a second time and cost load time).
    """

    def make(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        infixes = defaults.infixes
        return Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            # English defines both lists; spaCy types them as optional for languages without.
            prefix_search=compile_prefix_regex(defaults.prefixes).search,  # type: ignore[arg-type]
            suffix_search=compile_suffix_regex(
                [*defaults.suffixes, _UNIT_SUFFIX]  # type: ignore[misc]
            ).search,
            infix_finditer=compile_infix_regex(infixes).finditer if infixes else None,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return make


# ---------------------------------------------------------------- lemmatizer


class HashedLemmas:
    """The lemma table as a plain dict keyed by string hash, as spaCy's Table keys it.

    Read back with one msgpack call: a spaCy Table fills itself key by key in Python,
    which made it the slowest part of loading the pipeline.
    """

    def __init__(self, by_hash: dict[int, str]) -> None:
        self.by_hash = by_hash

    def get(self, text: str, default: str | None = None) -> str | None:
        return self.by_hash.get(get_string_id(text), default)


class DomainLemmatizer(Lemmatizer):
    """spaCy's lookup lemmatizer with lower-case lemmas and the coach's own words.

    The lookup table is keyed by the exact text, so "Picked" would stay "Picked"; patterns
    are written in lower case, hence the lower-case fallback.
    """

    # Set by initialize (training) or from_bytes/from_disk (loading from the cache).
    _lemmas: HashedLemmas

    def lookup_lemmatize(self, token: Token) -> list[str]:
        # HashedLemmas is read through get() only, all lemma_of needs of a Mapping.
        return [lemma_of(self._lemmas, token.text)]  # type: ignore[arg-type]

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        # srsly is untyped.
        return srsly.msgpack_dumps(self._lemmas.by_hash)  # type: ignore[no-any-return]

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> DomainLemmatizer:
        self._lemmas = HashedLemmas(srsly.msgpack_loads(bytes_data))
        self._validated = True
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / LEMMAS_FILE).write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> DomainLemmatizer:
        return self.from_bytes((Path(path) / LEMMAS_FILE).read_bytes())

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        lookups: Lookups | None = None,
        extra: dict[str, str] | None = None,
        typos: dict[str, list[str]] | None = None,
    ) -> None:
        super().initialize(get_examples, nlp=nlp, lookups=lookups)
        table = self.lookups.get_table("lemma_lookup")
        for form, lemma in (extra or {}).items():
            table[form] = lemma
        typos = typos if typos is not None else read_typo_data()
        # A word is what the English table knows as a form or a lemma, or what the coach
        # lists as a real word near its own ("his" near "hips").
        lemmas = set(table.values())
        not_typos = set(typos["not_typos"]) | set(_patterns.load_pattern_data()["fuzzy"]["protect"])

        def is_word(text: str) -> bool:
            return text in table or text in lemmas or text in not_typos

        slipped = typo_lemmas(typos["targets"], is_word, lambda w: lemma_of(table, w))
        for slip, lemma in slipped.items():
            table[slip] = lemma
        self._lemmas = HashedLemmas(dict(table.items()))


@Language.factory(
    "hc_lemmatizer",
    assigns=["token.lemma"],
    default_config={"overwrite": True},
)
def make_lemmatizer(nlp: Language, name: str, overwrite: bool) -> DomainLemmatizer:
    return DomainLemmatizer(nlp.vocab, None, name, mode="lookup", overwrite=overwrite)


# ---------------------------------------------------------------- span filter


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


# ---------------------------------------------------------------- cue matching helper


class _CueMatcher:
    """A Matcher over NORM for lists of cue phrases, kept serialisable as plain lists."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.cues: dict[str, list[str]] = {}
        self.matcher = Matcher(nlp.vocab)

    def set_cues(self, cues: dict[str, list[str]]) -> None:
        self.cues = {key: list(values) for key, values in cues.items()}
        self.matcher = Matcher(self.nlp.vocab)
        for key, phrases in self.cues.items():
            patterns = []
            for phrase in phrases:
                words = [t.norm_ for t in self.nlp.tokenizer(phrase)]
                patterns.append([{"NORM": w} for w in words])
            if patterns:
                self.matcher.add(key, patterns)

    def __call__(self, doc: Doc, keys: Iterable[str]) -> list[tuple[str, int, int]]:
        wanted = set(keys)
        found = []
        for match_id, start, end in self.matcher(doc):
            key = self.nlp.vocab.strings[match_id]
            if key in wanted:
                found.append((key, start, end))
        return sorted(found, key=lambda m: (m[1], m[2]))

    def to_disk(self, path: Path, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cues.json", self.cues)

    def from_disk(self, path: Path, exclude: Iterable[str] = ()) -> _CueMatcher:
        self.set_cues(srsly.read_json(Path(path) / "cues.json"))
        return self


# ---------------------------------------------------------------- clauses


class ClauseSplitter(_CueMatcher):
    """Splits each sentence into clauses at words like "but" and ", my".

    Both negation scope and fact assembly work clause by clause: in "no numbness but my
    back is sore" the "no" must not reach "sore".
    """

    def __call__(self, doc: Doc) -> Doc:  # type: ignore[override]
        breaks = {start for _, start, _ in super().__call__(doc, ["termination"])}
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

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        cues: dict[str, list[str]] | None = None,
    ) -> None:
        self.set_cues({"termination": (cues or read_negation_cues())["termination"]})


@Language.factory("hc_clauses", assigns=["doc._.hc_clauses"], requires=["token.is_sent_start"])
def make_clauses(nlp: Language, name: str) -> ClauseSplitter:
    return ClauseSplitter(nlp)


# ---------------------------------------------------------------- quantities

# A rating followed by one of these is a count, not a pain score ("a 5 minute walk").
_NOT_A_RATING = frozenset(
    [
        "year",
        "month",
        "week",
        "day",
        "minute",
        "hour",
        "time",
        "kg",
        "kilo",
        "lb",
        "pound",
        "rep",
        "set",
        "kettlebell",
        "dumbbell",
        "mile",
        "km",
        "foot",
        "inch",
        "cm",
        "stone",
        "percent",
        "%",
        "x",
    ]
)
_YEARS_PER_UNIT = {"year": 1.0, "month": 1 / 12, "week": 1 / 52, "day": 1 / 365}


def duration_years(span: Span) -> float | None:
    """Years in a duration span: "18 months" -> 1.5, "a year and a half" -> 1.5."""
    unit_index = next((i for i, t in enumerate(span) if t.lemma_ in _YEARS_PER_UNIT), None)
    if unit_index is None:
        return None
    unit = _YEARS_PER_UNIT[span[unit_index].lemma_]
    before = [t.lower_ for t in span[:unit_index] if t.lower_ not in {"-", "of", "more"}]
    after = [t.lower_ for t in span[unit_index + 1 :]]
    number = phrase_value(before) if before else 1.0
    if number is None:
        return None
    if "half" in after:
        number += 0.5
    if before and before[0] == "half":
        number = 0.5
    return round(number * unit, 2)


def rating_value(span: Span) -> float | None:
    """The 0-10 value of a pain rating span."""
    for token in span:
        if "/" in token.text and any(c.isdigit() for c in token.text):
            return severity_value(token.text)
    numbers = [t for t in span if t.like_num]
    if not numbers:
        return None
    if (
        len(numbers) >= 2
        and numbers[-1].text in {"10", "ten"}
        and any(t.lower_ in {"out", "outta", "of", "/"} for t in span)
    ):
        # "12 out of 10": said against the scale, so read as its top.
        return severity_value(numbers[0].text, out_of_ten=True)
    # "On a scale of 1 to 10 it's like an 11": said against the scale named beside it.
    scale = any(t.lower_ == "scale" for t in span.doc[span.sent.start : span.start])
    return severity_value(numbers[0].text, out_of_ten=scale)


@Language.factory(
    "hc_quantities",
    assigns=["span._.hc_value"],
    requires=["doc.spans"],
)
def make_quantities(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    def quantities(doc: Doc) -> Doc:
        if CONCEPTS_KEY not in doc.spans:
            return doc
        kept = []
        for span in doc.spans[CONCEPTS_KEY]:
            if span.label_ == "dur":
                span._.hc_value = duration_years(span)
                if span._.hc_value is None:
                    continue
            elif span.label_ == "sev":
                following = doc[span.end] if span.end < len(doc) else None
                if following is not None and following.lemma_ in _NOT_A_RATING:
                    continue
                span._.hc_value = rating_value(span)
                if span._.hc_value is None:
                    continue
            kept.append(span)
        doc.spans[CONCEPTS_KEY] = kept
        return doc

    return quantities


# ---------------------------------------------------------------- negation


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
_LIST_FILLER = frozenset(
    [
        ",",
        "or",
        "and",
        "nor",
        "any",
        "a",
        "an",
        "the",
        "my",
        "of",
        "in",
        "to",
        "really",
        "real",
        "even",
        "ever",
        "at",
        "all",
        "much",
        "some",
        "kind",
    ]
)
_LIST_CONTINUES = frozenset({"or", "and", "nor", "no", "not", "any", "never"})
_NEGATION_WINDOW = 4  # NegEx's window, counted in words that are not list filler
_ANSWER_NO = frozenset({"no", "nope", "nah", "never", "not", "none", "n't", "really", ","})
# Already a denial: "no equipment, never lifted" is not a double negative.
_NEVER_NEGATED = ("level:none", "none:")
_OK_NEGATES = ("rf:", "numb", "weak", "hint")  # "bladder is fine", "legs feel normal"


class NegationDetector(_CueMatcher):
    """NegEx (Chapman et al. 2001) over the concept spans, clause by clause.

    negspacy implements the same algorithm; this one reads the same span groups (the concept
    ruler's and the warning cues') and, with the same cue lists, scores higher on six of the
    seven development sets and within a line or two on the seventh
    (``bench/compare_negation.py``), because it knows which
    concepts carry their own negation, keeps NegEx's word window (stretched across lists),
    and reads "Cancer? No." as a denial.
    """

    def __init__(self, nlp: Language, span_keys: Iterable[str] = (CONCEPTS_KEY,)) -> None:
        super().__init__(nlp)
        self.span_keys = tuple(span_keys)

    def __call__(self, doc: Doc) -> Doc:  # type: ignore[override]
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
        matches = super().__call__(doc, ["pseudo", "preceding", "following"])
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

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        cues: dict[str, list[str]] | None = None,
    ) -> None:
        cues = cues or read_negation_cues()
        self.set_cues({k: cues[k] for k in ("preceding", "following", "pseudo")})


@Language.factory(
    "hc_negation",
    assigns=["span._.hc_negated"],
    requires=["doc.spans", "doc._.hc_clauses"],
    default_config={"span_keys": [CONCEPTS_KEY]},
)
def make_negation(nlp: Language, name: str, span_keys: list[str]) -> NegationDetector:
    return NegationDetector(nlp, span_keys)


# ---------------------------------------------------------------- facts


@Language.factory(
    "hc_facts",
    assigns=["doc._.facts"],
    requires=["doc.spans", "span._.hc_negated", "span._.hc_value"],
)
def make_facts(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    def facts(doc: Doc) -> Doc:
        # Looked up per call, not at construction: the cue matcher is loaded (from_disk)
        # after the components are made.
        cues = None
        if CUES_KEY in doc.spans:
            for _, pipe in nlp.pipeline:
                if isinstance(pipe, WarningCueMatcher):
                    cues = pipe
        doc._.facts = fact_rules.build_facts(doc, CONCEPTS_KEY, cues)
        return doc

    return facts


# ---------------------------------------------------------------- intent rule

# Short answers that a message carrying facts is not just: "nope, no accidents or falls",
# "yes, my back gets sore after deadlifts", "morning! my back aches" all inform.
_ANSWER_INTENTS = ("affirm", "deny", "unsure", "greet", "thanks", "goodbye")


_ASKING = "ask_"


def _asks_anything(doc: Doc, requests: frozenset[str]) -> bool:
    """A question mark, a sentence that opens as a question ("what's a trap bar"), or a
    request ("tell me about the muscles", "I was wondering how to start")."""
    questions, _ = fact_rules.sentence_kinds(doc)
    if questions or "?" in doc.text:
        return True
    text = " " + " ".join(t.lower_ for t in doc) + " "
    return any(f" {r} " in text for r in requests)


@Language.factory(
    "hc_intent",
    assigns=["doc.cats"],
    requires=["doc.cats", "doc._.facts"],
    default_config={"inform": "inform", "answers": list(_ANSWER_INTENTS), "requests": []},
)
def make_intent_rule(
    nlp: Language, name: str, inform: str, answers: list[str], requests: list[str]
) -> Callable[[Doc], Doc]:
    """When facts were found and the classifier's best guess is a bare answer (or out of
    scope: "high blood pressure, on meds for it"), it is an
    inform: the answer intents' probability moves to ``inform``, so the reported confidence
    stays a probability and the alternatives still show what else it could be."""
    answer_set = frozenset(answers)
    request_set = frozenset(r.lower() for r in requests)

    def intent_rule(doc: Doc) -> Doc:
        cats = doc.cats
        # Only what the person plainly says about themselves makes a message an inform: a
        # suspicion or a what-if leaves "nah, maybe" or "what if...?" as the classifier read it.
        told = [f for f in doc._.facts or [] if "certainty" not in f and "context" not in f]
        if not cats or not told or inform not in cats or doc.user_data.get(ONLY_ANSWER):
            return doc
        top = max(cats, key=cats.__getitem__)
        if top.startswith(_ASKING) and not _asks_anything(doc, request_set):
            # "lower back gets sore after long runs", "2 adjustable dumbbells and a bench":
            # no question in it, so it tells, whatever it sounds like to the classifier.
            moved = sum(p for c, p in cats.items() if c.startswith(_ASKING))
            for c in [c for c in cats if c.startswith(_ASKING)]:
                cats[c] = 0.0
            cats[inform] += moved
            return doc
        if top == "deny" and not any(f["present"] for f in told):
            return doc  # "nope, no fever", "no, only my left leg": a denial that names things
        if top not in answer_set and top != "out_of_scope":
            return doc  # a question that tells something is still a question
        moved = sum(cats[a] for a in (*answer_set, "out_of_scope") if a in cats)
        for a in (*answer_set, "out_of_scope"):
            if a in cats:
                cats[a] = 0.0
        cats[inform] += moved
        return doc

    return intent_rule
