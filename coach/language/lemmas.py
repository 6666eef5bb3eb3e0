"""One lemma rule for tokens and patterns alike: the lookup table, then the coach's words.

spaCy's lookup table is keyed by exact text ("Picked" is not there, "picked" is), so the
lower-case form is tried second and every lemma comes out lower case.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path

LEMMAS_PATH = Path(__file__).parent / "data" / "lemmas.toml"


def read_extra_lemmas(path: Path = LEMMAS_PATH) -> dict[str, str]:
    with path.open("rb") as fh:
        return dict(tomllib.load(fh)["lemmas"])


def lemma_of(table: Mapping[str, str], text: str) -> str:
    lemma = table.get(text)
    if lemma is None:
        lower = text.lower()
        lemma = table.get(lower, lower)
    return lemma.lower()


def domain_lemma_function() -> Callable[[str], str]:
    """Lemmas for pattern words, from the same tables the pipeline's lemmatizer uses."""
    from spacy.lookups import load_lookups

    # A spaCy Table is keyed by string hashes, so it is updated rather than copied.
    table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    for form, lemma in read_extra_lemmas().items():
        table[form] = lemma
    return lambda word: lemma_of(table, word)
