"""Making whatever a person typed safe to parse, without losing what they typed."""

from __future__ import annotations

import re
import unicodedata

_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029")
_SPACES = re.compile(r"[ \t]+")
# Terminal escape sequences (colours, cursor moves, titles) pasted along with text.
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")


def decode(raw: bytes) -> str:
    """Bytes from a terminal or a pipe as text; invalid UTF-8 becomes U+FFFD, never an error."""
    return raw.decode("utf-8", errors="replace")


def clean(text: str) -> str:
    """Control and format characters become spaces; the words are kept as typed."""
    text = _ESCAPES.sub(" ", _NEWLINES.sub("\n", text))
    kept = [
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Cs") and ch != "\n" else ch
        for ch in text
    ]
    return _SPACES.sub(" ", "".join(kept)).strip()
