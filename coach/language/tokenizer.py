"""The tokenizer: spaCy's English one, plus splitting a unit off its number ("6yrs")."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import (
    compile_infix_regex,
    compile_prefix_regex,
    compile_suffix_regex,
    registry,
)

# Units written straight after a number ("6yrs", "18mo") are split off so "6" can be read.
_UNIT_SUFFIX = r"(?<=[0-9])(?:years?|yrs?|y|months?|mos?|mths?|weeks?|wks?|days?|x|ish)$"


@registry.tokenizers("hinge_coach.Tokenizer.v1")
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's English tokenizer, plus splitting "6yrs" into "6" "yrs".

    Built in one go (not by patching ``suffix_search`` afterwards, which would rebuild the
    special cases a second time and cost load time).
    """

    def make(nlp: Language) -> Tokenizer:
        global _latest
        defaults = nlp.Defaults
        infixes = defaults.infixes
        _latest = Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            # English defines both lists; spaCy types them as optional for languages without.
            prefix_search=compile_prefix_regex(defaults.prefixes).search,  # type: ignore[arg-type]
            suffix_search=compile_suffix_regex(
                [*defaults.suffixes, _UNIT_SUFFIX]  # type: ignore[misc]
            ).search,
            infix_finditer=compile_infix_regex(infixes).finditer if infixes else None,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )
        return _latest

    return make


# The tokenizer of the pipeline built or loaded last in this process, for coach.topics,
# which would otherwise build spaCy's English tokenizer a second time (about 2 MB).
_latest: Tokenizer | None = None


def loaded_tokenizer() -> Tokenizer | None:
    """The tokenizer of a pipeline loaded in this process, or None if none is."""
    return _latest
