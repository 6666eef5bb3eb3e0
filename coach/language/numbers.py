"""Turning the ways people write amounts ("6", "six", "a couple", "1.5", "7/10") into numbers.

Kept apart from the spaCy components so the arithmetic can be tested on plain strings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_UNITS = {
    "zero": 0,
    "no": 0,
    "none": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "two": 2,
    "couple": 2,
    "pair": 2,
    "both": 2,
    "three": 3,
    "few": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "several": 4,
    "dozen": 12,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_NUMERIC = re.compile(r"^\d+(?:[.,]\d+)?$")
# "10+/10": the "+" only says "more than", which the cap at 10 already reads.
_FRACTION = re.compile(r"^(\d+(?:\.\d+)?)\+?\s*/\s*(\d+)$")
_RANGE = re.compile(r"^(\d+(?:\.\d+)?)\s*[-\u2013]\s*(\d+(?:\.\d+)?)$")


def word_value(word: str) -> float | None:
    """The value of one token, or None when the token is not a number."""
    w = word.lower().strip()
    if not w:
        return None
    if _NUMERIC.match(w):
        return float(w.replace(",", "."))
    if w in _UNITS:
        return float(_UNITS[w])
    if w in _TENS:
        return float(_TENS[w])
    if "-" in w:
        # "twenty-five" is one token for the tokenizer when written with a hyphen.
        head, _, tail = w.partition("-")
        if head in _TENS and tail in _UNITS:
            return float(_TENS[head] + _UNITS[tail])
    if w in {"half", "1/2"}:
        return 0.5
    rng = _RANGE.match(w)
    if rng:
        # "3-4" years: the lower bound is what someone can vouch for.
        return float(rng.group(1))
    return None


def phrase_value(words: Sequence[str]) -> float | None:
    """Combine number words: "twenty five" -> 25, "a year and a half" style halves -> +0.5.

    Words that are not numbers are skipped, so callers can pass the whole matched span.
    A range ("two or three", "3-4", "two to three") keeps its first number.
    """
    total: float | None = None
    seen_number = False
    lowered = [w.lower() for w in words]
    for i, w in enumerate(lowered):
        following = lowered[i + 1] if i + 1 < len(lowered) else ""
        if w in {"a", "an"} and not seen_number and following in {"couple", "few", "dozen", "pair"}:
            continue  # "a couple" is two, not one
        if w in {"half", "1/2"} and seen_number:
            total = (total or 0.0) + 0.5
            continue
        if w in {"or", "to", "-", "\u2013"} and seen_number:
            # A range: stop at its first number.
            break
        v = word_value(w)
        if v is None:
            continue
        if w in {"no", "none"}:
            continue
        if total is not None and w in _UNITS and seen_number and total % 10 == 0 and total >= 20:
            total += v  # "twenty five"
            continue
        if seen_number and w in {"a", "an"}:
            continue  # "a year and a half": the second "a" belongs to "half"
        if seen_number:
            continue
        total = v
        seen_number = True
    return total


def severity_value(text: str, *, out_of_ten: bool = False) -> float | None:
    """A 0-10 rating from "7/10", "7", "7.5" or a spelled number; None when out of range.

    A rating said against its scale ("11/10", "12 out of 10", with ``out_of_ten`` for the
    latter) is the top of the scale: people rate past 10 to say it is as bad as it gets, and
    the contract's range is 0-10. A bare "12" stays unread: nothing says it is a rating.
    """
    frac = _FRACTION.match(text.strip())
    if frac:
        num, den = float(frac.group(1)), float(frac.group(2))
        if den <= 0:
            return None
        value = num / den * 10 if den != 10 else num
        out_of_ten = True
    else:
        maybe = word_value(text)
        if maybe is None:
            return None
        value = maybe
    if out_of_ten and value > 10:
        return 10.0
    if not 0 <= value <= 10:
        return None
    return value


def tidy(value: float) -> int | float:
    """Whole numbers print as ints in the JSON ("years": 5, not 5.0)."""
    return int(value) if float(value).is_integer() else round(value, 2)
