"""Words that say something happened without saying where: "it hurt more this week".

The fact rules need a place for a pain (a symptom without one says too little); at a
check-in the place is the step being practised, so the dialogue asks this reader whether a
message names pain at all, said and not denied.
"""

from __future__ import annotations

import re

from coach.language.word_lists import word_list

_WORDS = re.compile(r"[a-z']+")
_REACH = 3


def mentions_pain(text: str) -> bool:
    """A pain word (data/word_lists.toml, ``pain_words``) with no denial just before it."""
    words = _WORDS.findall(text.lower())
    pain = word_list("pain_words") | word_list("pain_forms")
    denials = word_list("pain_denials")
    for i, word in enumerate(words):
        if word in pain and not denials & set(words[max(0, i - _REACH) : i]):
            return True
    return False
