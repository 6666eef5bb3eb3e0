"""Reading a long cleaned message (``coach.text.clean``) whole, in pieces.

Nothing is dropped: a warning sign in the last sentence of a long paste counts as much as
one in the first, so a long message is read in sentence-bounded pieces (``pieces``), each
small enough for the pipeline to read quickly.
"""

from __future__ import annotations

import re

# The size of one piece of a long message; a real chat message is one piece.
MAX_CHARS = 4000
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def pieces(text: str, max_chars: int = MAX_CHARS) -> list[str]:
    """``text`` in consecutive pieces of at most ``max_chars``, cut between sentences where
    possible (else between words): joined with single spaces they are the whole text.

    The pipeline's time grows faster than the text (sentence and clause lookups per span),
    so a 100 KB paste read whole would take many seconds; read in pieces it takes about
    as long as its length, and no part of it goes unread.
    """
    if len(text) <= max_chars:
        return [text]
    out: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(text):
        while len(sentence) > max_chars:
            cut = sentence.rfind(" ", 0, max_chars)
            cut = cut if cut > max_chars // 2 else max_chars
            head, sentence = sentence[:cut].rstrip(), sentence[cut:].lstrip()
            if current:
                out.append(current)
                current = ""
            out.append(head)
        if current and len(current) + 1 + len(sentence) > max_chars:
            out.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    if current:
        out.append(current)
    return out
