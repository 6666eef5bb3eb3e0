"""``hc_lemmatizer``: spaCy's lookup lemmatizer with lower-case lemmas, the coach's own words
(``data/lemmas.toml``) and the slips of its short words."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
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


class PackedStrings:
    """A list of strings kept as one UTF-8 byte string and where each one starts.

    The lemma table's 30,000-odd distinct lemmas as Python strings took about 2.4 MB of
    the coach's memory; packed they take what their text does, and a lookup decodes one.
    """

    def __init__(self, text: bytes, starts: np.ndarray) -> None:
        self.text = text
        self.starts = starts

    @classmethod
    def pack(cls, strings: Iterable[str]) -> PackedStrings:
        encoded = [s.encode("utf-8") for s in strings]
        starts = np.zeros(len(encoded) + 1, dtype=np.uint32)
        np.cumsum([len(e) for e in encoded], out=starts[1:])
        return cls(b"".join(encoded), starts)

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, index: int) -> str:
        return self.text[int(self.starts[index]):int(self.starts[index + 1])].decode("utf-8")


class HashedLemmas:
    """The lemma table keyed by string hash, as spaCy's Table keys it, in three arrays: the
    sorted key hashes, for each the index of its lemma, and the distinct lemmas (packed).

    Read back with one msgpack call and no Python object per key: a spaCy Table fills
    itself key by key in Python, which made it the slowest part of loading the pipeline, and
    a dict of its 42,000 entries took about 5 MB where the arrays take under 2.

    It also records which keys are slips of the coach's words (``slips``) and the lemmas of
    the real words that are not keys themselves (``lemma_only``, sorted hashes), so the topic
    matcher can read the same table as real English without the slips (``real_words``)
    instead of keeping a second copy of it (several MB).
    """

    def __init__(self, keys: np.ndarray, rows: np.ndarray, lemmas: PackedStrings,
                 slips: frozenset[int], lemma_only: np.ndarray) -> None:
        self.keys = keys
        self.rows = rows
        self.lemmas = lemmas
        self.slips = slips
        self.lemma_only = lemma_only

    def get(self, text: str, default: str | None = None) -> str | None:
        at = self.find(get_string_id(text))
        return default if at is None else self.lemmas[int(self.rows[at])]

    def find(self, key: int) -> int | None:
        """Where the key hash ``key`` is in ``keys``, or None."""
        return _find(self.keys, key)

    def real_words(self) -> RealWords:
        return RealWords(self)

    def to_bytes(self) -> bytes:
        # srsly is untyped. The arrays as raw bytes: read back without a Python int each.
        return srsly.msgpack_dumps({  # type: ignore[no-any-return]
            "keys": self.keys.astype("<u8").tobytes(),
            "rows": self.rows.astype("<u4").tobytes(),
            "lemma_text": self.lemmas.text,
            "lemma_starts": self.lemmas.starts.astype("<u4").tobytes(),
            "slips": sorted(self.slips),
            "lemma_only": self.lemma_only.astype("<u8").tobytes(),
        })

    @classmethod
    def from_bytes(cls, data: bytes) -> HashedLemmas:
        msg = srsly.msgpack_loads(data)
        # Views of the bytes just read, not copies.
        return cls(np.frombuffer(msg["keys"], dtype="<u8"),
                   np.frombuffer(msg["rows"], dtype="<u4"),
                   PackedStrings(msg["lemma_text"],
                                 np.frombuffer(msg["lemma_starts"], dtype="<u4")),
                   frozenset(msg["slips"]), np.frombuffer(msg["lemma_only"], dtype="<u8"))

    @classmethod
    def build(cls, table: Mapping[int, str], slips: Iterable[str]) -> HashedLemmas:
        slip_ids = frozenset(get_string_id(s) for s in slips)
        by_hash = dict(table.items())
        # Sorted, so the same data gives the same bytes whatever the hash seed.
        lemmas = sorted(set(by_hash.values()))
        row_of = {lemma: i for i, lemma in enumerate(lemmas)}
        keys = sorted(by_hash)
        real_lemmas = {get_string_id(v) for k, v in by_hash.items() if k not in slip_ids}
        lemma_only = sorted(h for h in real_lemmas if h not in by_hash or h in slip_ids)
        return cls(np.array(keys, dtype=np.uint64),
                   np.array([row_of[by_hash[k]] for k in keys], dtype=np.uint32),
                   PackedStrings.pack(lemmas), slip_ids, np.array(lemma_only, dtype=np.uint64))


def _find(sorted_keys: np.ndarray, key: int) -> int | None:
    at = int(np.searchsorted(sorted_keys, np.uint64(key)))
    return at if at < len(sorted_keys) and int(sorted_keys[at]) == key else None


class RealWords:
    """The lemma table as English alone: the table without the slips of the coach's words,
    and whether a text is a form or a lemma in it (what coach.topics once built a table of
    its own for)."""

    def __init__(self, lemmas: HashedLemmas) -> None:
        self._lemmas = lemmas

    def get(self, text: str, default: str | None = None) -> str | None:
        key = get_string_id(text)
        if key in self._lemmas.slips:
            return default
        return self._lemmas.get(text, default)

    def is_word(self, text: str) -> bool:
        key = get_string_id(text)
        if key not in self._lemmas.slips and self._lemmas.find(key) is not None:
            return True
        return _find(self._lemmas.lemma_only, key) is not None


# The lemma table of the pipeline loaded or trained last in this process; every pipeline is
# built from the same data, so any one of them will do for coach.topics.
_latest: HashedLemmas | None = None


def loaded_lemmas() -> HashedLemmas | None:
    """The lemma table of a pipeline loaded in this process, or None if none is."""
    return _latest


def _keep(lemmas: HashedLemmas) -> HashedLemmas:
    global _latest
    _latest = lemmas
    return lemmas


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
        return self._lemmas.to_bytes()

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> DomainLemmatizer:
        self._lemmas = _keep(HashedLemmas.from_bytes(bytes_data))
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
        self._lemmas = _keep(HashedLemmas.build(table, slipped))


@Language.factory(
    "hc_lemmatizer",
    assigns=["token.lemma"],
    default_config={"overwrite": True},
)
def make_lemmatizer(nlp: Language, name: str, overwrite: bool) -> DomainLemmatizer:
    return DomainLemmatizer(nlp.vocab, None, name, mode="lookup", overwrite=overwrite)
