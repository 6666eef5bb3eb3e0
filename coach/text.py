"""The input boundary: whatever a person typed, made safe to analyse and safe to show.

Two directions, one place:
- ``read_lines`` is how a pipe or a terminal is read, one message a line, whatever the bytes.
- ``clean`` is what every reader of text analyses (the dialogue, ``parse``, the app): one
  line, no control, format or separator characters, no terminal escape sequences; the words
  are kept as typed. ``without_markup`` is what the language layer reads of it: markup tags
  blanked out.
- ``read_part`` is how much of one message is read, the same for every reader: anything past
  ``READ_LIMIT`` is named to the person (its length and first words), never dropped silently.
- ``printable`` is what is shown back on a terminal or in a file: the text as typed, with
  control characters made visible and bidirectional overrides dropped, so a pasted escape
  sequence can't reset a terminal and a message can't be made to read backwards.
- ``escape_markdown`` and ``literal_markdown`` are what is shown in Markdown: the person's
  words with everything a renderer could act on escaped, so they show as typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import BinaryIO, TextIO

from coach.phrasing import load_phrasing

# Terminal escape sequences (colours, cursor moves, titles, a full reset) pasted along with
# text: CSI ... final, OSC ... BEL/ST, and two-character ones like ESC c.
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[ -~])")
# Characters that are not text: controls (Cc, NEL U+0085 included), format characters (Cf:
# zero-width and bidirectional marks, the BOM), surrogates (Cs), line and paragraph
# separators (Zl, Zp: U+2028, U+2029).
_NOT_TEXT = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))
_SPACE = re.compile(r"\s+")
# What one message is read up to (far beyond any real message; the transcript keeps it all),
# and how much of an unread part is quoted back so the person knows where reading stopped.
READ_LIMIT = 100_000
UNREAD_QUOTE = 80

# Console markup ([bold], [/], [link=...]) and HTML-ish tags (<b>, </i>) typed or pasted
# around words. They are shown literally, but read past: "[bold]my back[/] is sore" means
# "my back is sore". Bracketed words with spaces ("[not sure]") are kept.
_TAG = re.compile(
    r"\[/?[A-Za-z@#][\w.:/=@#-]{0,40}\]"  # [bold] [/i] [link=https://...] [#ff0000]
    r"|\[/\]"
    r"|</?[A-Za-z][\w-]{0,20}(?:\s[^<>]{0,80})?>"  # <b> </i> <a href="...">
)


# Everything in what a person typed that a Markdown renderer could act on: formatting and
# links (\\ ` * _ { } [ ] ( ) # + - . ! | ~ =), raw HTML (< >), entities (&), and the ':'
# of a URL and the '@' of an email that GitHub-style renderers turn into links. Each is
# backslash-escaped, which CommonMark allows for any ASCII punctuation and shows as typed.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~=&:@])")

# C0 controls map onto the Unicode "Control Pictures" block (U+2400..U+241F), e.g. ESC -> ␛.
_PICTURES = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\n\t"}
_SHOWN = {**_PICTURES, 0x7F: "\u2421"}  # DEL -> ␡
# C1 controls have no pictures; the replacement character at least shows something was there.
_SHOWN.update({code: "\ufffd" for code in range(0x80, 0xA0)})
# Line and paragraph separators end a line, as typed.
_SHOWN.update({0x2028: "\n", 0x2029: "\n"})
# Bidirectional overrides, embeddings and isolates can make text read backwards: dropped.
_SHOWN.update({code: None for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def decode(raw: bytes) -> str:
    """Bytes from a terminal or a pipe as text; invalid UTF-8 becomes U+FFFD, never an error."""
    return raw.decode("utf-8", errors="replace")


def read_lines(stdin: TextIO) -> Iterator[str]:
    """One message a line, without its line end, whatever the bytes: invalid UTF-8 is
    replaced, never fatal. Each line is read whole; how much of it is read is ``read_part``'s
    to say, the same for every reader."""
    source: BinaryIO | None = getattr(stdin, "buffer", None)
    if source is None:
        for line in stdin:
            yield line.rstrip("\r\n")
        return
    for raw in source:
        yield decode(raw).rstrip("\r\n")


def clean(text: str) -> str:
    """Text fit for analysis: NFC, one line, only text characters; nothing else is dropped
    (a long message is read whole, in pieces: see ``coach.language.pieces``)."""
    if not isinstance(text, str):
        text = str(text)
    # Lone surrogates (from odd decoders) can't be encoded: replaced, never an error.
    text = text.encode("utf-8", errors="replace").decode("utf-8", errors="replace")
    text = unicodedata.normalize("NFC", _ESCAPES.sub(" ", text))
    kept = "".join(" " if unicodedata.category(ch) in _NOT_TEXT else ch for ch in text)
    return _SPACE.sub(" ", kept).strip()


def printable(text: str) -> str:
    """The text as typed, safe on a terminal: newlines and tabs kept, controls made visible.

    Zero-width characters stay (they join emoji); a lone surrogate, which no terminal or file
    can take, becomes U+FFFD.
    """
    text = text.encode("utf-8", errors="replace").decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").translate(_SHOWN)


def read_part(cleaned: str) -> tuple[str, str | None]:
    """The part of a cleaned message that is read, and a quote of what is not (None when
    all of it is read): "12,345 characters, which begin: ..."."""
    if len(cleaned) <= READ_LIMIT:
        return cleaned, None
    unread = cleaned[READ_LIMIT:]
    quote = unread[:UNREAD_QUOTE] + ("…" if len(unread) > UNREAD_QUOTE else "")
    words = load_phrasing().lines("unread", count=f"{len(unread):,}", quote=quote)
    return cleaned[:READ_LIMIT], words


def without_markup(text: str) -> str:
    """``text`` with markup tags blanked out (same length, so offsets still line up)."""
    return _TAG.sub(lambda m: " " * len(m.group()), text)


def escape_markdown(text: str) -> str:
    """One line of text shown in Markdown as typed."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def literal_markdown(text: str) -> str:
    """The person's words, escaped so that a Markdown (or HTML) viewer shows them as typed,
    each line of them a line."""
    lines = printable(text).split("\n") or [""]
    return "  \n".join(escape_markdown(line) for line in lines)
