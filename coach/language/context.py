"""Whose sign it is, and when: the contract's ``context`` (self, other, past, hypothetical).

After the ConText algorithm (Harkema et al. 2009): cue words in the sign's sentence reach
it forwards or backwards until a word that ends their reach ("used to get numb legs" is
over; "my toes are numb now, used to be only when I sat" is not). The cue words live in
``data/context.toml``, for a trainer to read and edit. The ``hc_context`` component writes
each concept's and each warning cue's context to ``span._.hc_context``; the fact rules then
add what only a whole message tells (a question about a sign is a what-if).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

CONTEXT_PATH = Path(__file__).parent / "data" / "context.toml"
SELF, OTHER, PAST, HYPOTHETICAL = "self", "other", "past", "hypothetical"

if not Span.has_extension("hc_context"):
    Span.set_extension("hc_context", default=None)


@dataclass(frozen=True)
class ContextCues:
    people: frozenset[str]
    speaker: frozenset[str]
    vague_people: frozenset[str]
    owner: frozenset[str]
    own_parts: frozenset[str]
    time_of_life_before: frozenset[str]
    other_after: tuple[str, ...]
    me_too: tuple[str, ...]
    past_times: frozenset[str]
    over: tuple[str, ...]
    used_to_ends: frozenset[str]
    still: frozenset[str]
    if_words: frozenset[str]
    looks_ahead: frozenset[str]
    fears: tuple[str, ...]
    hedges: tuple[str, ...]
    settled: tuple[str, ...]
    settled_kinds: frozenset[str]


def read_context_cues(path: Path = CONTEXT_PATH) -> ContextCues:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    other, past, what_if = data["other"], data["past"], data["hypothetical"]

    def words(items: Iterable[str]) -> frozenset[str]:
        return frozenset(w.lower() for w in items)

    def phrases(items: Iterable[str]) -> tuple[str, ...]:
        return tuple(p.lower() for p in items)

    return ContextCues(
        people=words(other["people"]),
        speaker=words(other["speaker"]),
        vague_people=words(other["vague_people"]),
        owner=words(other["owner"]),
        own_parts=words(other.get("own_parts", [])),
        time_of_life_before=words(other["time_of_life_before"]),
        other_after=phrases(other["after"]),
        me_too=phrases(other["me_too"]),
        past_times=words(past["times"]),
        over=phrases(past["over"]),
        used_to_ends=words(past["used_to_ends"]),
        still=words(past["still"]),
        if_words=words(what_if["if_words"]),
        looks_ahead=words(what_if["looks_ahead"]),
        fears=phrases(what_if.get("fears", [])),
        hedges=phrases(data["hedge"]["words"]),
        settled=phrases(data.get("settled", {}).get("phrases", [])),
        settled_kinds=words(data.get("settled", {}).get("kinds", [])),
    )


@cache
def default_cues() -> ContextCues:
    return read_context_cues()


def _text(tokens: Iterable[Token]) -> str:
    return " " + " ".join(t.lower_ for t in tokens) + " "


def _says(text: str, phrases: Iterable[str]) -> bool:
    return any(f" {p} " in text for p in phrases)


def segment(doc: Doc, pos: int) -> list[Token]:
    """The comma-delimited piece of the sentence holding ``pos``."""
    sent = doc[pos].sent
    start, end = sent.start, sent.end
    for t in doc[sent.start : pos]:
        if t.text in {",", ";"}:
            start = t.i + 1
    for t in doc[pos : sent.end]:
        if t.text in {",", ";"}:
            end = t.i
            break
    return list(doc[start:end])


def context_of(doc: Doc, pos: int, cues: ContextCues | None = None) -> str:
    """The context of the words at ``pos``, from the cue words around them."""
    cues = cues or default_cues()
    piece = segment(doc, pos)
    sent = doc[pos].sent
    if piece and _is_what_if(piece, sent, cues):
        return HYPOTHETICAL
    if _says(_text(t for t in piece if t.i < pos), cues.fears):
        return HYPOTHETICAL  # "scared of getting sciatica"
    text = _text(sent)
    if _says(text, cues.me_too):
        return SELF  # "Dad had bowel cancer and so did I"
    owned = {t.lower_ for t in piece} & cues.owner
    for t in reversed(doc[sent.start : pos]):
        if t.lower_ in cues.speaker:
            break
        if _names_someone_else(doc, t, cues):
            if t.lower_ in cues.vague_people and owned:
                break  # "they found a leaky valve of mine": the sign is the speaker's
            return OTHER
    if _says(text, cues.other_after):
        return OTHER
    if _is_over(doc, pos, cues):
        return PAST
    return SELF


def hedged(doc: Doc, pos: int, cues: ContextCues | None = None) -> bool:
    """A guess: "maybe the night one", "I might have"."""
    cues = cues or default_cues()
    before = _text(t for t in segment(doc, pos) if t.i < pos)
    return _says(before, cues.hedges)


def settled(doc: Doc, pos: int, kind: str, cues: ContextCues | None = None) -> bool:
    """Passed at once or did no harm, said in the sign's sentence: "only my pride is hurt"."""
    cues = cues or default_cues()
    return kind in cues.settled_kinds and _says(_text(doc[pos].sent), cues.settled)


def owned_part(doc: Doc, start: int, cues: ContextCues | None = None) -> bool:
    """The body part starting at ``start`` is the speaker's: "my back", "my lower back"."""
    cues = cues or default_cues()
    return any(0 <= i < len(doc) and doc[i].lower_ in cues.own_parts for i in (start - 1, start))


def speaker_owns_nearer(doc: Doc, pos: int, cues: ContextCues | None = None) -> bool:
    """Nearer ``pos`` than any other person, the speaker names a part of themselves.

    "Since my son was born my legs are numb": back from "numb", "my legs" comes before "son".
    "My wife's legs are numb": "wife" comes first.
    """
    cues = cues or default_cues()
    for t in reversed(doc[doc[pos].sent.start : pos]):
        if _names_someone_else(doc, t, cues):
            return False
        if t.lower_ in cues.own_parts and not _names_someone_else(doc, doc[t.i + 1], cues):
            return True
    return False


def someone_else_nearby(doc: Doc, pos: int, cues: ContextCues | None = None) -> bool:
    """Another person named before ``pos`` in its comma piece, the speaker not nearer.

    Narrower than ``context_of``'s search over the whole sentence: "I'm a nurse, lift
    patients all day, lower back hurts" is the nurse's back.
    """
    cues = cues or default_cues()
    for t in reversed([t for t in segment(doc, pos) if t.i < pos]):
        if t.lower_ in cues.speaker:
            return False
        if _names_someone_else(doc, t, cues):
            return True
    return False


def _names_someone_else(doc: Doc, t: Token, cues: ContextCues) -> bool:
    if not (t.lemma_ in cues.people or t.lower_ in cues.people):
        return False
    before = [w.lower_ for w in doc[max(0, t.i - 2) : t.i]]
    return not (len(before) == 2 and before[1] in {"a", "an"}
                and before[0] in cues.time_of_life_before)


def _is_what_if(piece: list[Token], sent: Span, cues: ContextCues) -> bool:
    first = piece[0].lower_
    second = piece[1].lower_ if len(piece) > 1 else ""
    if first == "what" and second == "if":
        return True
    words = {t.lower_ for t in sent}
    asked = sent.text.rstrip().endswith("?")
    if first not in cues.if_words:
        # The "if" may come later in a question: "what happens if my leg goes numb?".
        # Told, "I tingle if I sit" stays the person's.
        return asked and any(t.lower_ in cues.if_words - {"say"} for t in piece[1:])
    goes_on = piece[-1].i + 1 < sent.end - 1
    return asked or goes_on or bool(words & cues.looks_ahead)


def _is_over(doc: Doc, pos: int, cues: ContextCues) -> bool:
    """ "Had sciatica years ago, fine now", "used to get numb legs but not since 2019"."""
    sent = doc[pos].sent
    sents = list(doc.sents)
    index = next(i for i, s in enumerate(sents) if s.start == sent.start)
    # The end may come in the next sentence: "Had a disc op in 2015. All good now."
    following = sents[index + 1] if index + 1 < len(sents) else None
    words = [t.lower_ for t in sent] + ([t.lower_ for t in following] if following else [])
    if _after_used_to(doc, pos, cues) and not cues.still & {t.lemma_ for t in sent}:
        return True
    years = any(t.like_num and len(t.text) == 4 and t.text[:2] in {"19", "20"} for t in sent)
    past_time = bool(cues.past_times & set(words)) or years
    return past_time and _says(" " + " ".join(words) + " ", cues.over)


def _after_used_to(doc: Doc, pos: int, cues: ContextCues) -> bool:
    sent = doc[pos].sent
    before = [t.lower_ for t in doc[sent.start : pos]]
    for i in range(len(before) - 1, 0, -1):
        if before[i] in cues.used_to_ends:
            return False
        if before[i - 1] == "used" and before[i] == "to":
            return True
    return False


class ContextDetector:
    """Writes ``span._.hc_context`` for the spans under ``span_keys``."""

    def __init__(self, nlp: Language, name: str, span_keys: list[str]) -> None:
        self.name = name
        self.span_keys = list(span_keys)
        self.cues = read_context_cues()

    def __call__(self, doc: Doc) -> Doc:
        for key in self.span_keys:
            for span in doc.spans.get(key, []):
                span._.hc_context = context_of(doc, span.start, self.cues)
        return doc


@Language.factory(
    "hc_context",
    assigns=["span._.hc_context"],
    requires=["doc.spans", "token.lemma"],
    default_config={"span_keys": ["hc_concepts", "hc_cues"]},
)
def make_context(nlp: Language, name: str, span_keys: list[str]) -> ContextDetector:
    return ContextDetector(nlp, name, span_keys)
