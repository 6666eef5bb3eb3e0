"""Which item of the article a question is about, by comparison with the ways people ask it.

The intent classifier knows the kind of question (muscles, mistakes, progression, ...); this
matcher knows the items themselves ("the three points of contact", "the suitcase hinge").
Each question is reduced to content words (spaCy's blank English tokenizer and the project's
lemma table, then rules/knowledge/questions.toml's own word map), and compared with every
paraphrase in questions.toml by cosine over IDF weights, so the words that single out one
item ("corkscrew", "suitcase") count far more than the ones many items share ("hinge",
"what"). Deterministic, and nothing is downloaded or trained.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

from rules.knowledge.questions import QuestionItem, Questions, load_questions

# A match below this similarity is no match: the question is not about any one item.
MIN_SCORE = 0.45
# ... nor is one whose runner-up (another item) scores within this of it: too close to call.
MIN_MARGIN = 0.04
# A word the paraphrases never use weighs about as much as the rarest word they do use, so a
# question mostly about something else ("what's the weather") matches nothing.
UNKNOWN_WEIGHT = 4.0
# How close a typo must be to a known word to be read as it ("corksrew").
TYPO_CUTOFF = 0.84
TYPO_MIN_LENGTH = 5

_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Match:
    item: QuestionItem
    score: float
    # The best score of any other item, for how clear-cut the match is.
    runner_up: float


class TopicMatcher:
    def __init__(
        self,
        questions: Questions,
        tokenize: Callable[[str], list[str]],
        lemma: Callable[[str], str],
        english: Callable[[str], bool] = lambda word: False,
    ) -> None:
        self._questions = questions
        self._tokenize = tokenize
        self._lemma = lemma
        # Real English words are never read as typos of a domain word ("should" is not
        # "shoulder", "bother" not "other").
        self._english = english
        self._items = questions.items
        self._vocabulary: set[str] = set()
        paraphrases = [[self._terms(text, known_only=False) for text in item.ask]
                       for item in self._items]
        for terms in paraphrases:
            for words in terms:
                self._vocabulary.update(words)
        # IDF over items, not paraphrases: a word every paraphrase of one item repeats is
        # what singles that item out.
        frequency = Counter(w for terms in paraphrases for w in set().union(*terms))
        count = len(self._items)
        self._idf = {w: math.log(count / n) + 0.1 for w, n in frequency.items()}
        self._paraphrases = [
            [self._vector(words) for words in terms if words] for terms in paraphrases
        ]

    def terms(self, text: str) -> list[str]:
        """The content words of a question, as the matcher compares them."""
        return self._terms(text, known_only=True)

    def rank(self, text: str) -> list[tuple[QuestionItem, float]]:
        """Every item with its similarity to the question, best first."""
        query = self._vector(self.terms(text))
        if not query:
            return [(item, 0.0) for item in self._items]
        scores = [
            (item, max((_cosine(query, p) for p in vectors), default=0.0))
            for item, vectors in zip(self._items, self._paraphrases, strict=True)
        ]
        return sorted(scores, key=lambda pair: -pair[1])

    def match(self, text: str) -> Match | None:
        """The one item the question is about, or None when no item is a clear match."""
        ranked = self.rank(text)
        (best, score), (_, runner_up) = ranked[0], ranked[1]
        if score < MIN_SCORE or score - runner_up < MIN_MARGIN:
            return None
        return Match(best, score, runner_up)

    def _terms(self, text: str, known_only: bool) -> list[str]:
        words, ignore = self._questions.words, self._questions.ignore
        out = []
        for token in self._tokenize(text.lower()):
            if not _WORD.search(token) or token in ignore:
                continue
            word = words.get(token) or self._lemma(token)
            word = words.get(word, word)
            if word in ignore:
                continue
            if known_only and word not in self._vocabulary and not self._english(token):
                word = self._typo(word)
            out.append(word)
        return out

    def _typo(self, word: str) -> str:
        if len(word) < TYPO_MIN_LENGTH or word in self._questions.ignore:
            return word
        close = difflib.get_close_matches(word, self._vocabulary, n=1, cutoff=TYPO_CUTOFF)
        return close[0] if close else word

    def _vector(self, words: Iterable[str]) -> dict[str, float]:
        return {w: self._idf.get(w, UNKNOWN_WEIGHT) for w in set(words)}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    shared = sum(a[w] * b[w] for w in a.keys() & b.keys())
    if not shared:
        return 0.0
    norm = math.sqrt(sum(x * x for x in a.values())) * math.sqrt(sum(x * x for x in b.values()))
    return shared / norm


def reads_as_question(text: str) -> bool:
    """Whether a message asks something, whatever the intent classifier made of it."""
    questions = load_questions()
    lowered = " ".join(text.lower().split())
    if lowered.endswith("?"):
        return True
    # Each clause may open the question: "ok, so what are soft knees".
    clauses = [c.strip() for c in re.split(r"[,.;:!]", lowered)]
    if any(c == o or c.startswith(o + " ") for c in clauses for o in questions.openers):
        return True
    padded = f" {lowered.rstrip('.! ')} "
    if any(padded.endswith(f" {word} ") for word in questions.endings):
        return True
    return any(f" {phrase} " in padded for phrase in questions.asking)


@cache
def topic_matcher() -> TopicMatcher:
    """The matcher over questions.toml, built once (about a fifth of a second)."""
    from coach.language.lemmas import lemma_of

    tokenizer = _tokenizer()
    lemma, english = _english_lemmas()
    return TopicMatcher(
        load_questions(),
        tokenize=lambda text: [t.text for t in tokenizer(text)],
        lemma=lambda word: lemma_of(lemma, word),
        english=english,
    )


def _tokenizer() -> Callable[[str], Iterable[Any]]:
    """The loaded pipeline's tokenizer, else spaCy's English one.

    They differ only where a unit is written straight after a number ("3x", "6yrs"), which
    the pipeline's splits off. Over the 4,026 messages of the project's sets that changed
    no match and one score (0.576 -> 0.546, still the same item).
    """
    from coach.language.tokenizer import loaded_tokenizer

    shared = loaded_tokenizer()
    if shared is not None:
        return cast("Callable[[str], Iterable[Any]]", shared)
    import spacy

    tokenizer: Callable[[str], Iterable[Any]] = spacy.blank("en").tokenizer
    return tokenizer


def _english_lemmas() -> tuple[Mapping[str, str], Callable[[str], bool]]:
    """The language layer's lemma table without its typo entries ("bak" -> "back"), and
    whether a word is a form or a lemma in it: real words are never read as typos here.

    The loaded pipeline's lemmatizer keeps the table and knows its typo entries, so a
    second copy (several MB) is read only when no pipeline is loaded in this process
    (a scripted parser, in tests).
    """
    from coach.language.lemmatizer import loaded_lemmas

    shared = loaded_lemmas()
    if shared is not None:
        real = shared.real_words()
        # RealWords is read through get() only, all lemma_of needs of a Mapping.
        return real, real.is_word  # type: ignore[return-value]
    from spacy.util import load_language_data, registry

    from coach.language.lemmas import read_extra_lemmas

    # spacy-lookups-data plus the coach's domain words, as the lemmatizer reads them before
    # adding the typos; a plain dict of it, read as spaCy's lookup Table would be (by the
    # same text) in half the memory.
    lookups = registry.lookups.get("en")
    table: dict[str, str] = load_language_data(lookups["lemma_lookup"])  # type: ignore[assignment]
    for form, lemma in read_extra_lemmas().items():
        table[form] = lemma
    lemmas = set(table.values())
    return table, lambda word: word in table or word in lemmas
