"""Reading cleaned text (``coach.text.clean``) whole: markup set aside, long text in pieces.

Nothing is dropped: a warning sign in the last sentence of a long paste counts as much as
one in the first, so a long message is read in sentence-bounded pieces (``pieces``), each
small enough for the pipeline to read quickly.
"""

from __future__ import annotations

import re

# The size of one piece of a long message; a real chat message is one piece.
MAX_CHARS = 4000
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

# Console markup ([bold], [/], [link=...]) and HTML-ish tags (<b>, </i>) typed or pasted
# around words. They are shown literally, but read past: "[bold]my back[/] is sore" means
# "my back is sore". Bracketed words with spaces ("[not sure]") are kept.
_TAG = re.compile(
    r"\[/?[A-Za-z@#][\w.:/=@#-]{0,40}\]"  # [bold] [/i] [link=https://...] [#ff0000]
    r"|\[/\]"
    r"|</?[A-Za-z][\w-]{0,20}(?:\s[^<>]{0,80})?>"  # <b> </i> <a href="...">
)


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


def without_markup(text: str) -> str:
    """``text`` with markup tags blanked out (same length, so offsets still line up)."""
    return _TAG.sub(lambda m: " " * len(m.group()), text)
