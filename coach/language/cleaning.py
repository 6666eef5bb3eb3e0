"""Making any input safe to analyse: control characters out, length capped, markup set aside."""

from __future__ import annotations

import re
import unicodedata

# Long enough for any real chat message; a 100 KB paste is answered about its start.
MAX_CHARS = 4000

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_SPACE = re.compile(r"\s+")
# Console markup ([bold], [/], [link=...]) and HTML-ish tags (<b>, </i>) typed or pasted
# around words. They are shown literally, but read past: "[bold]my back[/] is sore" means
# "my back is sore". Bracketed words with spaces ("[not sure]") are kept.
_TAG = re.compile(
    r"\[/?[A-Za-z@#][\w.:/=@#-]{0,40}\]"  # [bold] [/i] [link=https://...] [#ff0000]
    r"|\[/\]"
    r"|</?[A-Za-z][\w-]{0,20}(?:\s[^<>]{0,80})?>"  # <b> </i> <a href="...">
)


def clean_text(text: str, max_chars: int = MAX_CHARS) -> str:
    """Text fit for the pipeline: NFC, no control characters, one line, at most max_chars."""
    if not isinstance(text, str):
        text = str(text)
    # Lone surrogates (from odd decoders) cannot be encoded to print; replace them.
    text = text.encode("utf-8", errors="replace").decode("utf-8", errors="replace")
    text = unicodedata.normalize("NFC", text[: max_chars * 2])
    text = _CONTROL.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    if len(text) > max_chars:
        cut = text.rfind(" ", 0, max_chars)
        text = text[: cut if cut > max_chars // 2 else max_chars]
    return text


def without_markup(text: str) -> str:
    """``text`` with markup tags blanked out (same length, so offsets still line up)."""
    return _TAG.sub(lambda m: " " * len(m.group()), text)
