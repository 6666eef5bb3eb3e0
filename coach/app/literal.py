"""Whatever a person typed, made safe to put on screen exactly as typed.

Textual never sees user text as markup here (it goes into ``Content`` objects), but control
characters would still reach the terminal: an escape sequence in a pasted message could
clear the screen or change its colours. They are shown as visible symbols instead.
"""

from __future__ import annotations

# C0 controls map onto the Unicode "Control Pictures" block (U+2400..U+241F), e.g. ESC -> ␛.
_C0_PICTURES = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\n\t"}
_TABLE = {**_C0_PICTURES, 0x7F: "\u2421"}  # DEL -> ␡
# C1 controls have no pictures; the replacement character at least shows something was there.
_TABLE.update({code: "\ufffd" for code in range(0x80, 0xA0)})
# Bidirectional overrides can make a message read backwards; show them as nothing.
_TABLE.update({code: None for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def printable(text: str) -> str:
    """The text with controls made visible; newlines and tabs are kept."""
    return text.replace("\r\n", "\n").translate(_TABLE)
