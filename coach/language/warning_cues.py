"""Warning cues: words that may mean a warning sign without saying it, read as suspicions.

The house rule is "the parser suggests, the rule base decides": a suspected sign costs one
yes/no question, a missed one far more. So besides the plain statements that facts.py reads
from the concept patterns, the ``hc_warning_cues`` component matches a broad lexicon of
everyday phrasings (``data/warning_cues.toml``: "woke me at 3am", "can't tell when I need
to go", "clothes are loose") into their own span group. The negation component marks which
are denied, and ``suspected_facts`` turns the rest into ``"certainty": "suspected"`` facts,
unless a plain statement in the message already gives that sign, or the words are about
someone else, the past or a what-if.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import srsly
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import registry

from coach.language.patterns import (
    PatternError,
    compile_phrase,
    make_typo_compare,
    share_token_specs,
)
from coach.language.word_lists import word_list
from rules.vocabulary import CONDITION_KINDS, RED_FLAG_KINDS

if TYPE_CHECKING:
    from coach.language.facts import Fact, _Message

DATA_DIR = Path(__file__).parent / "data"
CUES_PATH = DATA_DIR / "warning_cues.toml"
CUES_KEY = "hc_cues"
CUES_FILE = "warning_cues.json"
ANY_KIND = "any"  # a warning sign, but the words do not say which
# Span labels: "hint<n>" for the n-th [[cue]] entry; ":+" when its phrases carry their own
# "not" ("can't feel"), which the negation component then reads as meaning, not denial.
LABEL_PREFIX = "hint"
OWN_NEGATION = ":+"

# Concepts whose words mean something else: a cue inside one of them is not a cue ("hit
# the gym", "knees fall in", "the stick falls off", "sitting in the car", "good night").
_OTHER_MEANINGS = frozenset(
    ["fault", "mastery", "equip", "goal", "act", "mask", "trig", "level", "vague", "dur",
     "sev", "have"]
)
_KINDS = {
    "red_flag": frozenset(RED_FLAG_KINDS) | {ANY_KIND},
    "condition": frozenset(CONDITION_KINDS) | {ANY_KIND},
}


class CueDataError(ValueError):
    """A cue entry that names a sign the contract does not have, or cannot be compiled."""


@dataclass(frozen=True)
class CueEntry:
    hints: tuple[tuple[str, str], ...]
    needs: frozenset[str]
    unless: tuple[str, ...]
    instead_of: frozenset[tuple[str, str]]
    says_no: bool

    @property
    def label_suffix(self) -> str:
        return OWN_NEGATION if self.says_no else ""


def _sign(text: str) -> tuple[str, str]:
    fact_type, _, kind = text.partition(".")
    if fact_type not in _KINDS or kind not in _KINDS[fact_type]:
        raise CueDataError(f"{CUES_PATH.name}: {text!r} is not a red_flag or condition kind")
    return fact_type, kind


def entry_from_data(raw: dict[str, Any]) -> CueEntry:
    return CueEntry(
        hints=tuple(_sign(h) for h in raw["hints"]),
        needs=frozenset(w.lower() for w in raw.get("needs", [])),
        unless=tuple(w.lower() for w in raw.get("unless", [])),
        instead_of=frozenset(_sign(h) for h in raw.get("instead_of", [])),
        says_no=bool(raw.get("says_no", False)),
    )


@registry.readers("hinge_coach.warning_cues.v1")
def read_warning_cues() -> list[dict[str, Any]]:
    with CUES_PATH.open("rb") as fh:
        data = tomllib.load(fh)
    entries = list(data.get("cue", []))
    for raw in entries:
        entry_from_data(raw)  # refuse an unknown sign when the pipeline is built
    return entries


Sign = tuple[str, str]


@registry.readers("hinge_coach.warning_implies.v1")
def read_warning_implies() -> dict[str, list[str]]:
    return read_implies()


def read_implies(path: Path = CUES_PATH) -> dict[str, list[str]]:
    """The ``[implies]`` table: a told sign that makes another worth asking about."""
    with path.open("rb") as fh:
        table = tomllib.load(fh).get("implies", {})
    for told, implied in table.items():
        _sign(told)
        for sign in implied:
            _sign(sign)
    return {k: list(v) for k, v in table.items()}


def implies_from_data(table: dict[str, list[str]]) -> dict[Sign, tuple[Sign, ...]]:
    return {_sign(told): tuple(_sign(s) for s in implied) for told, implied in table.items()}


class WarningCueMatcher:
    """Matches the cue lexicon's phrases into ``doc.spans["hc_cues"]``.

    The phrases are compiled with the pipeline's own lemmatizer when the pipeline is
    initialised (as the concept patterns are), and saved compiled, so loading a trained
    pipeline needs neither the TOML file nor the lemma table.
    """

    def __init__(self, nlp: Language, name: str = "hc_warning_cues") -> None:
        self.nlp = nlp
        self.name = name
        self.raw: list[dict[str, Any]] = []
        self.raw_implies: dict[str, list[str]] = {}
        self.implies: dict[Sign, tuple[Sign, ...]] = {}
        self.entries: list[CueEntry] = []
        self.patterns: list[tuple[int, list[dict[str, Any]]]] = []
        self.matcher = Matcher(nlp.vocab, fuzzy_compare=make_typo_compare())

    def _build(
        self,
        raw: list[dict[str, Any]],
        patterns: list[tuple[int, Any]],
        implies: dict[str, list[str]],
    ) -> None:
        self.raw = raw
        self.raw_implies = implies
        self.implies = implies_from_data(implies)
        self.entries = [entry_from_data(r) for r in raw]
        specs = share_token_specs(list(p) for _, p in patterns)
        self.patterns = [(int(i), p) for (i, _), p in zip(patterns, specs, strict=True)]
        self.matcher = Matcher(self.nlp.vocab, fuzzy_compare=make_typo_compare())
        by_label: dict[str, list[list[dict[str, Any]]]] = {}
        for index, pattern in self.patterns:
            label = f"{LABEL_PREFIX}{index}{self.entries[index].label_suffix}"
            by_label.setdefault(label, []).append(pattern)
        for label, group in by_label.items():
            self.matcher.add(label, group)

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        cues: list[dict[str, Any]] | None = None,
        implies: dict[str, list[str]] | None = None,
    ) -> None:
        from coach.language.lemmas import domain_lemma_function

        raw = cues if cues is not None else read_warning_cues()
        lemma = domain_lemma_function()
        patterns: list[tuple[int, Any]] = []
        for index, entry in enumerate(raw):
            for phrase in entry["phrases"]:
                try:
                    patterns.append((index, compile_phrase(phrase, lemma)))
                except PatternError as err:
                    raise CueDataError(f"{entry['hints']}: {phrase!r}: {err}") from err
        self._build(raw, patterns, read_implies() if implies is None else implies)

    def __call__(self, doc: Doc) -> Doc:
        spans = [
            Span(doc, start, end, label=self.nlp.vocab.strings[match_id])
            for match_id, start, end in self.matcher(doc)
        ]
        doc.spans[CUES_KEY] = sorted(spans, key=lambda s: (s.start, s.end, s.label_))
        return doc

    def entry(self, label: str) -> CueEntry:
        return self.entries[int(label[len(LABEL_PREFIX) :].removesuffix(OWN_NEGATION))]

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        stored = {"entries": self.raw, "patterns": self.patterns, "implies": self.raw_implies}
        # srsly is untyped.
        return srsly.json_dumps(stored).encode("utf-8")  # type: ignore[no-any-return]

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> WarningCueMatcher:
        stored = srsly.json_loads(data.decode("utf-8"))
        self._build(stored["entries"], stored["patterns"], stored.get("implies", {}))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / CUES_FILE).write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> WarningCueMatcher:
        return self.from_bytes((Path(path) / CUES_FILE).read_bytes())


@Language.factory("hc_warning_cues", assigns=["doc.spans"], requires=["token.lemma"])
def make_warning_cues(nlp: Language, name: str) -> WarningCueMatcher:
    return WarningCueMatcher(nlp, name)


# ---------------------------------------------------------------- from cues to suspicions


def _sentence_words(doc: Doc, start: int) -> tuple[set[str], str]:
    sent = doc[start].sent
    words = {t.lower_ for t in sent} | {t.lemma_ for t in sent}
    return words, " " + " ".join(t.lower_ for t in sent) + " "


def _wanted(entry: CueEntry, words: set[str], text: str) -> bool:
    if entry.needs and not entry.needs & words:
        return False
    for cue in entry.unless:
        if (" " in cue and f" {cue} " in text) or (" " not in cue and cue in words):
            return False
    return True


# Concepts that state a sign: a cue inside one is what that statement already read ("a
# cancer scare, benign" is read there as no cancer, and must not come back as a suspicion).
_STATED_SIGNS = frozenset(["rf", "numb", "weak", "cond"])


def _inside_other_meaning(msg: _Message, span: Span) -> bool:
    return any(
        c.kind in _OTHER_MEANINGS | _STATED_SIGNS and c.start <= span.start and span.end <= c.end
        for c in msg.concepts
    )


# The person in a question about a sign ("could my numbness be serious?"): without one, the
# question is about the sign in general.
_ASKER = word_list("asker")


def _about_someone_else(msg: _Message, span: Span) -> bool:
    """Asked about a sign without reporting it ("is chest pain bad?"), or said of someone
    else, the past or a what-if: nothing to suspect about the person now."""
    from coach.language.facts import META_WORDS, context_at

    sent = msg.doc[span.start].sent
    if span.start in msg.question_tokens:
        lemmas = {t.lemma_ for t in sent}
        first_person = bool({t.lower_ for t in sent} & _ASKER)
        if lemmas & META_WORDS or not first_person:
            return True
    return context_at(msg, span.start, None) != "self"


def suspected_facts(
    msg: _Message, stated: list[Fact], matcher: WarningCueMatcher | None
) -> list[Fact]:
    """Suspected warning signs and conditions from the cue spans not already stated."""
    from coach.language.facts import EXERCISE_WORDS, condition, red_flag, suspected

    doc = msg.doc
    spans = list(doc.spans.get(CUES_KEY, []))
    if matcher is None:
        return _denied_list(msg, stated, hinted=False)
    if not spans:
        given: set[tuple[str, str | None]] = {(f["type"], f.get("kind")) for f in stated
                                              if f["present"]}
        implied = _implied(matcher.implies, given, stated, [])
        return _denied_list(msg, stated, hinted=False) + implied
    hinted: list[tuple[int, int, tuple[str, str], CueEntry]] = []
    for span in spans:
        if span._.hc_negated or _inside_other_meaning(msg, span):
            continue
        entry = matcher.entry(span.label_)
        words, text = _sentence_words(doc, span.start)
        if not _wanted(entry, words, text) or _about_someone_else(msg, span):
            continue
        sent_start = doc[span.start].sent.start
        for sign in entry.hints:
            if sign == ("condition", "dizziness_or_fainting") and words & EXERCISE_WORDS:
                continue  # fainting at the gym is the red flag, which the same cue hints at
            hinted.append((span.start, sent_start, sign, entry))
    # A more exact sign replaces the vaguer one in its sentence ("numb ... groin"), and a
    # plainly stated exact sign replaces it in the whole message.
    replaced = {(sent, gone) for _, sent, _, entry in hinted for gone in entry.instead_of}
    signs = [(pos, sign) for pos, sent, sign, _ in hinted if (sent, sign) not in replaced]
    given = {(f["type"], f.get("kind")) for f in stated if f["present"]}
    if matcher is not None:
        for entry in matcher.entries:
            if any(h in given for h in entry.hints):
                given |= entry.instead_of

    out: list[Fact] = []
    seen: set[tuple[str, str]] = set()
    for _, (fact_type, kind) in sorted(signs):
        if kind == ANY_KIND or (fact_type, kind) in given or (fact_type, kind) in seen:
            continue
        seen.add((fact_type, kind))
        make = red_flag if fact_type == "red_flag" else condition
        out.append(suspected(make(kind, True)))
    out += _implied(matcher.implies, given | seen, stated, out)
    for fact_type, make in (("red_flag", red_flag), ("condition", condition)):
        # A hint that some sign of this type is there, when none is named: one general
        # question (the whole list again), never nothing.
        vague = any(s[1] == (fact_type, ANY_KIND) for s in signs)
        named = any(f["type"] == fact_type and f["present"] and "context" not in f
                    for f in [*stated, *out])
        if vague and not named:
            out.append(suspected(make(None, True)))
    return _denied_list(msg, stated, hinted=bool(signs)) + out


def _implied(
    implies: dict[Sign, tuple[Sign, ...]],
    known: set[tuple[str, str | None]],  # a sign of no kind: "some warning sign"
    stated: list[Fact],
    out: list[Fact],
) -> list[Fact]:
    """Signs that one told sign implies ("on metformin": a medicine prescribed for a chronic
    condition), asked about unless already known."""
    from coach.language.facts import condition, red_flag, suspected

    told = [(f["type"], f.get("kind")) for f in [*stated, *out]
            if f["present"] and "context" not in f and f.get("kind")]
    extra: list[Fact] = []
    for sign in told:
        # told keeps only facts with a kind, so each sign is a full Sign.
        for fact_type, kind in implies.get(sign, ()):  # type: ignore[arg-type]
            # Another sign of that type told beside it explains it ("a heart condition, on
            # meds": the medicine is for the heart), so there is nothing more to ask.
            explained = any(t == fact_type and (t, k) != sign for t, k in told)
            if (fact_type, kind) in known or explained:
                continue
            known.add((fact_type, kind))
            make = red_flag if fact_type == "red_flag" else condition
            extra.append(suspected(make(kind, True)))
    return extra


def _denied_list(msg: _Message, stated: list[Fact], *, hinted: bool) -> list[Fact]:
    """ "Nah, not really any of those, maybe the night one": naming a sign shows the "none
    of those" answers the warning signs, so it is their general no."""
    from coach.language.facts import red_flag

    if not hinted and not any(f["type"] == "red_flag" for f in stated):
        return []
    if any(f["type"] == "red_flag" and f.get("kind") is None for f in stated):
        return []
    for c in msg.of("anything"):
        first = msg.doc[c.start].lower_
        if (c.negated or first in {"none", "nothing"}) and not msg.asks(c):
            return [red_flag(None, False)]
    return []
