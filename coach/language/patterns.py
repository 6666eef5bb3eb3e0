"""The concept patterns: a small readable phrase notation compiled to spaCy token patterns.

The knowledge lives in ``data/patterns.toml``; this module only knows the notation, so a
coach can add a synonym without reading Python. Notation, one phrase a string, tokens split
on spaces. Words are written as people write them; when the patterns are compiled each word
goes through the pipeline's own lemmatizer, so "knees" in a pattern matches "knee", "knees"
and "Knees" alike:

    word        the token's lemma is the lemma of ``word``
    word~       ... or a typo of it (spaCy's FUZZY operator, see ``typo_compare``)
    a|b|c       any of these lemmas (``~`` on any of them makes the set typo-tolerant)
    !a|b        any token whose lemma is none of these
    =text       the token's lower-case text, not its lemma (for forms a lemma would merge)
    _           any one token
    #num        a number-like token ("6", "six", "1.5")
    #frac       a written rating such as "7/10"
    #punct      a punctuation token
    ^x          ``x`` (any of the above) as the first token of a sentence
    x?  x*  x+  optional / any number / one or more of the token before the mark
    _{0,3}      zero to three arbitrary tokens (any spaCy "{n,m}" quantifier works)
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.matcher.levenshtein import levenshtein
from spacy.util import registry

DATA_DIR = Path(__file__).parent / "data"
PATTERNS_PATH = DATA_DIR / "patterns.toml"

TokenPattern = dict[str, Any]
_QUANTIFIER = re.compile(r"^(.*?)(\{\d*,?\d*\}|[?*+])$")
_FRACTION_REGEX = r"^\d+(?:\.\d+)?\+?/\d+$"  # "10+/10" too


class PatternError(ValueError):
    """A phrase in the pattern file that the notation cannot express."""


def _same(word: str) -> str:
    return word


def compile_token(spec: str, lemma: Callable[[str], str] = _same) -> TokenPattern:
    """One notation token to one spaCy token pattern."""
    op: str | None = None
    m = _QUANTIFIER.match(spec)
    if m and m.group(1) and not spec.startswith("{"):
        spec, op = m.group(1), m.group(2)
    first = spec.startswith("^")
    spec = spec.removeprefix("^")
    if not spec:
        raise PatternError("empty token")
    pattern: TokenPattern
    if spec == "_":
        pattern = {}
    elif spec == "#num":
        pattern = {"LIKE_NUM": True}
    elif spec == "#frac":
        pattern = {"TEXT": {"REGEX": _FRACTION_REGEX}}
    elif spec == "#punct":
        pattern = {"IS_PUNCT": True}
    elif spec.startswith("!"):
        words = list(dict.fromkeys(lemma(w) for w in spec[1:].split("|")))
        pattern = {"LEMMA": {"NOT_IN": words}}
    elif spec.startswith("="):
        words = [w.lstrip("=") for w in spec.split("|")]
        pattern = {"LOWER": words[0]} if len(words) == 1 else {"LOWER": {"IN": words}}
    else:
        words = spec.split("|")
        fuzzy = any(w.endswith("~") for w in words)
        words = [w.rstrip("~") for w in words]
        if any(not w for w in words):
            raise PatternError(f"empty alternative in {spec!r}")
        words = list(dict.fromkeys(lemma(w) for w in words))
        if fuzzy:
            value: Any = {"FUZZY": words[0]} if len(words) == 1 else {"FUZZY": {"IN": words}}
        else:
            value = words[0] if len(words) == 1 else {"IN": words}
        pattern = {"LEMMA": value}
    if first:
        pattern["IS_SENT_START"] = True
    if op:
        pattern["OP"] = op
    return pattern


def compile_phrase(phrase: str, lemma: Callable[[str], str] = _same) -> list[TokenPattern]:
    tokens = phrase.split()
    if not tokens:
        raise PatternError("empty phrase")
    compiled = [compile_token(t, lemma) for t in tokens]
    if all(t.get("OP") in {"?", "*"} or not t for t in compiled):
        raise PatternError(f"phrase {phrase!r} can match nothing at all")
    return compiled


@lru_cache(maxsize=4)
def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def load_pattern_data(path: Path = PATTERNS_PATH) -> dict[str, Any]:
    return _load(path)


def iter_phrases(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(label, phrase) for every phrase in the file, in file order."""
    for concept in data.get("concept", []):
        for phrase in concept["phrases"]:
            yield concept["label"], phrase


def span_ruler_patterns(
    path: Path = PATTERNS_PATH, lemma: Callable[[str], str] = _same
) -> list[dict[str, Any]]:
    """The file's phrases in the shape ``SpanRuler.add_patterns`` takes."""
    out = []
    for label, phrase in iter_phrases(load_pattern_data(path)):
        try:
            compiled = compile_phrase(phrase, lemma)
        except PatternError as err:
            raise PatternError(f"{label}: {phrase!r}: {err}") from err
        out.append({"label": label, "pattern": compiled})
    return out


def share_token_specs(patterns: Iterable[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """The patterns with each distinct token spec held once.

    Loaded from JSON, the concept patterns' 4,121 token specs are 4,121 pairs of dicts, of
    which 1,243 differ; the matchers keep them all for as long as the pipeline lives. The
    specs are only read, so one object can stand for all its copies (about 1 MB less).
    """
    shared: dict[str, dict[str, Any]] = {}
    return [
        [shared.setdefault(json.dumps(spec, sort_keys=True), spec) for spec in pattern]
        for pattern in patterns
    ]


@registry.readers("hinge_coach.concept_patterns.v1")
def read_concept_patterns() -> list[dict[str, Any]]:
    # Compiled once when the pipeline is built; the span ruler stores the result, so a
    # normal start never loads the lemma table twice.
    from coach.language.lemmas import domain_lemma_function

    return span_ruler_patterns(lemma=domain_lemma_function())


@registry.misc("hinge_coach.typo_compare.v1")
def make_typo_compare(min_length: int = 5) -> Callable[[str, str, int], bool]:
    """A stricter FUZZY comparison than spaCy's default.

    spaCy's default allows two edits even for short words, so "tight" would match "light" and
    "pain" would match "pair". Here words shorter than ``min_length`` must be exact, typos
    must keep the first letter, and real words one edit away from a concept word are listed
    in the pattern file's ``[fuzzy] protect`` list.
    """
    protected = frozenset(load_pattern_data().get("fuzzy", {}).get("protect", []))

    def typo_compare(input_text: str, pattern_text: str, fuzzy: int = -1) -> bool:
        if input_text == pattern_text:
            return True
        if (
            len(input_text) < min_length - 1
            or len(pattern_text) < min_length
            or input_text[0] != pattern_text[0]
            or input_text in protected
        ):
            return False
        max_edits = fuzzy if fuzzy >= 0 else (1 if len(pattern_text) <= 7 else 2)
        return bool(levenshtein(input_text, pattern_text, max_edits) <= max_edits)

    return typo_compare
