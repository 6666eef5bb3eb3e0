"""Yes, no, fine, partly and "not sure" in the words people use, read as a whole phrase.

"yes, no problem" is a yes and "no problem at all" is not a no: the longest phrase at the
start of an answer decides, and a second phrase right after it may sharpen it ("nope, all
good" is a no, "yeah nah" a no). "Fine" means no to "any pain?" and yes to "can you hinge
without the stick?", so the dialogue reads it against the question (``means``). The word
lists are data: ``data/yes_no.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = [
    "ANSWERS", "Reading", "is_plain_no", "means", "read_answer", "read_yes_no", "sounds_unsure",
]

DATA_PATH = Path(__file__).parent / "data" / "yes_no.toml"
ANSWERS = ("yes", "no", "fine", "partly", "unsure")


@dataclass(frozen=True)
class Reading:
    """What an answer says: ``answer`` (one of ANSWERS, or None), the words after it, and
    whether it is *only* an answer (nothing but answer words and fillers)."""

    answer: str | None
    rest: str
    only: bool


@dataclass(frozen=True)
class _Lexicon:
    fillers: re.Pattern[str]
    phrases: list[tuple[re.Pattern[str], str]]
    unsure_anywhere: re.Pattern[str]
    hedges: frozenset[str]
    trailing: frozenset[str]
    list_filler: frozenset[str]
    fine_means: dict[str, str]


@cache
def _lexicon() -> _Lexicon:
    with DATA_PATH.open("rb") as fh:
        raw = tomllib.load(fh)
    phrases = [(p, kind) for kind in ANSWERS for p in raw[kind]]
    return _Lexicon(
        fillers=re.compile(r"^(?:(?:" + "|".join(raw["fillers"]) + r")\s+)+"),
        phrases=[(re.compile(r"^(?:" + p + r")(?:\s+|$)"), kind) for p, kind in phrases],
        unsure_anywhere=re.compile(r"\b(?:" + "|".join(raw["unsure"]) + r")\b"),
        hedges=frozenset(raw["hedges"]),
        trailing=frozenset(raw["trailing"]),
        list_filler=frozenset(raw["list_filler"]),
        fine_means=dict(raw["fine_means"]),
    )


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+|\d+", text.lower().replace("\u2019", "'"))


def _opening(words: str) -> tuple[str | None, str]:
    lex = _lexicon()
    words = lex.fillers.sub("", words)
    # The longest phrase wins, so "no problem" is not a "no" and "yeah nah" not a "yeah".
    best: tuple[int, str] | None = None
    for pattern, kind in lex.phrases:
        match = pattern.match(words)
        if match and (best is None or match.end() > best[0]):
            best = (match.end(), kind)
    if best is None:
        return None, words
    return best[1], words[best[0]:]


def read_answer(text: str) -> Reading:
    """The answer a message opens with, the whole phrase considered."""
    first, rest = _opening(" ".join(_words(text)))
    if first is None:
        return Reading(None, rest, False)
    second, after = _opening(rest)
    answer = _combine(first, second)
    if second is not None:
        rest = after
    only = all(w in _lexicon().trailing for w in rest.split())
    return Reading(answer, rest, only)


def _combine(first: str, second: str | None) -> str | None:
    if second is None or second == first:
        return first
    pair = {first, second}
    if "unsure" in pair:
        return "unsure"
    if first == "fine":
        return first  # "great, no pain at all": the "no" says what is fine
    if pair == {"yes", "partly"}:
        return "yes"  # "yeah sometimes", "yes a bit"
    if "fine" in pair:
        # "yes, no problem", "nope, all good": the plain yes or no says which.
        other = (pair - {"fine"}).pop()
        return other if other in ("yes", "no") else "partly"
    if "partly" in pair:
        return "partly"
    return None  # a yes and a no together


def means(reading: Reading, topic: str | None) -> str | None:
    """The answer as a plain yes, no or "unsure" for the question on ``topic`` (None when the
    words leave it open)."""
    answer = reading.answer
    if answer == "fine":
        return _lexicon().fine_means.get(topic or "")
    if answer == "partly":
        # Half there: not a skill mastered; elsewhere a yes that needs saying more.
        return "unsure" if topic == "stick_mastery" else "yes"
    return answer


def read_yes_no(text: str, intent: str | None = None, topic: str = "confirm") -> str | None:
    """ "yes", "no" or None (neither, mixed, or hedged) for a yes/no question about a sign.

    Presence wins over hedging ("a bit", "sometimes" are a yes): a false alarm costs a
    question, a missed sign far more. A "no" must be plain: no hedge anywhere after it.
    """
    reading = read_answer(text)
    said = means(reading, topic)
    if said == "no":
        hedged = _lexicon().hedges & set(_words(reading.rest))
        return None if hedged else "no"
    if said == "yes":
        return "yes"
    if reading.answer is None and intent == "affirm":
        return "yes"
    return None


def sounds_unsure(text: str) -> bool:
    """ "Not sure", "rather not say" anywhere in a message."""
    return bool(_lexicon().unsure_anywhere.search(" ".join(_words(text))))


def is_plain_no(text: str) -> bool:
    """A no to a whole list: no-words and filler only ("nope, none of those, all good")."""
    reading = read_answer(text)
    if means(reading, "red_flags") != "no":
        return False
    lex = _lexicon()
    # "Not really" is a no with a hedge in it: it leaves a screening open.
    if lex.hedges & set(_words(text)):
        return False
    return all(w in lex.list_filler for w in _words(reading.rest))
