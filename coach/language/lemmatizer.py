"""``hc_lemmatizer``: spaCy's lookup lemmatizer with lower-case lemmas, the coach's own words
(``data/lemmas.toml``) and the slips of its short words."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Token
from spacy.util import registry

from coach.language.lemmas import lemma_of, read_extra_lemmas, read_typo_data, typo_lemmas
from coach.language.patterns import load_pattern_data

LEMMAS_FILE = "lemmas.msgpack"


@registry.readers("hinge_coach.lemmas.v1")
def read_lemmas() -> dict[str, str]:
    return read_extra_lemmas()


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
        not_typos = set(typos["not_typos"]) | set(load_pattern_data()["fuzzy"]["protect"])

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
