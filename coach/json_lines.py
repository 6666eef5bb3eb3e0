"""One JSON object a line (JSON Lines), safe for any reader that splits lines.

``json.dumps(ensure_ascii=False)`` keeps non-ASCII text readable but writes U+2028, U+2029
and U+0085 raw inside strings: JavaScript and many line readers take them for line ends,
and would cut one object in two. Those, and every other control or invisible format
character, are written as ``\\uXXXX`` escapes instead: the decoded strings are identical.
"""

from __future__ import annotations

import json
import re
from typing import Any

# DEL and the C1 controls (U+0085 NEL among them), the line and paragraph separators,
# zero-width and bidirectional format characters, the BOM and the interlinear annotations.
# All are outside ASCII, so they can only ever occur inside a JSON string.
_ESCAPED = re.compile("[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff"
                      "\ufff9-\ufffb]")


def dumps_line(value: Any) -> str:
    """``value`` as one line of JSON, with its newline."""
    text = json.dumps(value, ensure_ascii=False)
    return _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
