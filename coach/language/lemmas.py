"""One lemma rule for tokens and patterns alike: the lookup table, then the coach's words.

spaCy's lookup table is keyed by exact text ("Picked" is not there, "picked" is), so the
lower-case form is tried second and every lemma comes out lower case.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

LEMMAS_PATH = Path(__file__).parent / "data" / "lemmas.toml"


def read_extra_lemmas(path: Path = LEMMAS_PATH) -> dict[str, str]:
    with path.open("rb") as fh:
        return dict(tomllib.load(fh)["lemmas"])


def read_typo_data(path: Path = LEMMAS_PATH) -> dict[str, list[str]]:
    """The ``[typos]`` table: short domain words and the real words near them."""
    with path.open("rb") as fh:
        table = tomllib.load(fh).get("typos", {})
    return {"targets": list(table.get("targets", [])),
            "not_typos": list(table.get("not_typos", []))}


def slips(word: str) -> set[str]:
    """One dropped or swapped letter, never the first ("bak", "tose", "flor" for "back",
    "toes", "floor"): the slips fast typing makes, which fuzzy matching cannot reach in
    words this short without also matching real words."""
    out = {word[:i] + word[i + 1 :] for i in range(1, len(word))}
    out |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(1, len(word) - 1)}
    return {s for s in out if len(s) >= 3 and s != word}


def typo_lemmas(
    targets: Iterable[str], is_word: Callable[[str], bool], lemma: Callable[[str], str]
) -> dict[str, str]:
    """Each slip of a target word that is not itself a word, read as that word's lemma. A
    slip of two targets ("hee": heel or knee?) is left alone."""
    found: dict[str, set[str]] = {}
    for target in targets:
        for slip in slips(target.lower()):
            if not is_word(slip):
                found.setdefault(slip, set()).add(lemma(target.lower()))
    # Sorted, so the same data builds the same table byte for byte, whatever the hash seed.
    return {slip: min(lemmas) for slip, lemmas in sorted(found.items()) if len(lemmas) == 1}


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
