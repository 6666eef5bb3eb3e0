"""``hc_quantities``: the value of each duration ("18 months") and pain rating ("a 7 out of
10") the concept ruler found; a match that is neither (a "5 minute walk") is dropped."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span

from coach.language.concepts import CONCEPTS_KEY
from coach.language.numbers import phrase_value, severity_value
from coach.language.word_lists import word_list

if not Span.has_extension("hc_value"):
    Span.set_extension("hc_value", default=None)

# A rating followed by one of these is a count, not a pain score ("a 5 minute walk").
_NOT_A_RATING = word_list("not_a_rating")
_YEARS_PER_UNIT = {"year": 1.0, "month": 1 / 12, "week": 1 / 52, "day": 1 / 365}


def duration_years(span: Span) -> float | None:
    """Years in a duration span: "18 months" -> 1.5, "a year and a half" -> 1.5."""
    unit_index = next((i for i, t in enumerate(span) if t.lemma_ in _YEARS_PER_UNIT), None)
    if unit_index is None:
        return None
    unit = _YEARS_PER_UNIT[span[unit_index].lemma_]
    before = [t.lower_ for t in span[:unit_index] if t.lower_ not in {"-", "of", "more"}]
    after = [t.lower_ for t in span[unit_index + 1 :]]
    number = phrase_value(before) if before else 1.0
    if number is None:
        return None
    if "half" in after:
        number += 0.5
    if before and before[0] == "half":
        number = 0.5
    return round(number * unit, 2)


def rating_value(span: Span) -> float | None:
    """The 0-10 value of a pain rating span."""
    for token in span:
        if "/" in token.text and any(c.isdigit() for c in token.text):
            return severity_value(token.text)
    numbers = [t for t in span if t.like_num]
    if not numbers:
        return None
    if (
        len(numbers) >= 2
        and numbers[-1].text in {"10", "ten"}
        and any(t.lower_ in {"out", "outta", "of", "/"} for t in span)
    ):
        # "12 out of 10": said against the scale, so read as its top.
        return severity_value(numbers[0].text, out_of_ten=True)
    # "On a scale of 1 to 10 it's like an 11": said against the scale named beside it.
    scale = any(t.lower_ == "scale" for t in span.doc[span.sent.start : span.start])
    return severity_value(numbers[0].text, out_of_ten=scale)


@Language.factory(
    "hc_quantities",
    assigns=["span._.hc_value"],
    requires=["doc.spans"],
)
def make_quantities(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    def quantities(doc: Doc) -> Doc:
        # The concept ruler before it always writes its span group (empty or not).
        kept = []
        for span in doc.spans[CONCEPTS_KEY]:
            if span.label_ == "dur":
                span._.hc_value = duration_years(span)
                if span._.hc_value is None:
                    continue
            elif span.label_ == "sev":
                following = doc[span.end] if span.end < len(doc) else None
                if following is not None and following.lemma_ in _NOT_A_RATING:
                    continue
                span._.hc_value = rating_value(span)
                if span._.hc_value is None:
                    continue
            kept.append(span)
        doc.spans[CONCEPTS_KEY] = kept
        return doc

    return quantities
