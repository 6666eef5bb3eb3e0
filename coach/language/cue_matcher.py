"""What the clause splitter and the negation detector share: a token Matcher over NORM for
the cue lists of ``data/negation.toml``, kept serialisable as plain lists."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar

import srsly
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.util import registry

NEGATION_PATH = Path(__file__).parent / "data" / "negation.toml"
CUE_KINDS = ("preceding", "following", "pseudo", "termination")


@registry.readers("hinge_coach.negation_cues.v1")
def read_negation_cues() -> dict[str, list[str]]:
    with NEGATION_PATH.open("rb") as fh:
        data = tomllib.load(fh)
    return {key: list(data[key]) for key in CUE_KINDS}


class CueMatcher:
    """Matches the cue phrases of the kinds named in ``kinds`` (a subclass says which)."""

    kinds: ClassVar[tuple[str, ...]] = ()

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

    def matches(self, doc: Doc, keys: Iterable[str]) -> list[tuple[str, int, int]]:
        """(kind, start, end) of every cue of the ``keys`` kinds, in the order they occur."""
        wanted = set(keys)
        found = []
        for match_id, start, end in self.matcher(doc):
            key = self.nlp.vocab.strings[match_id]
            if key in wanted:
                found.append((key, start, end))
        return sorted(found, key=lambda m: (m[1], m[2]))

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        cues: dict[str, list[str]] | None = None,
    ) -> None:
        cues = cues or read_negation_cues()
        self.set_cues({kind: cues[kind] for kind in self.kinds})

    def to_disk(self, path: Path, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cues.json", self.cues)

    def from_disk(self, path: Path, exclude: Iterable[str] = ()) -> CueMatcher:
        self.set_cues(srsly.read_json(Path(path) / "cues.json"))
        return self
