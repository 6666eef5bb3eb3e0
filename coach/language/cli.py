"""``hinge-coach parse``: one JSON object for TEXT, or one per stdin line."""

from __future__ import annotations

import sys
from typing import Any, TextIO


def _write(stdout: TextIO, result: dict[str, Any]) -> None:
    from coach.json_lines import dumps_line

    stdout.write(dumps_line(result))
    stdout.flush()


def _safe_parse(parser: Any, text: str) -> dict[str, Any]:
    """Every line gets an answer in the contract's shape, even if analysing it failed. A line
    is read up to the limit every reader has; what is not read is said on stderr."""
    from coach.text import READ_LIMIT, clean, read_part

    text, unread = read_part(clean(text))
    if unread is not None:
        print(f"hinge-coach parse: read the first {READ_LIMIT:,} characters of a message; "
              f"did not read the remaining {unread}", file=sys.stderr)
    try:
        return dict(parser.parse(text))
    except Exception:
        from coach.language.parser import EMPTY_INTENT
        from coach.text import clean

        return {
            "text": clean(text),
            "intent": EMPTY_INTENT,
            "confidence": 0.0,
            "alternatives": [],
            "facts": [],
        }


def run_parse(text: str | None, stdin: TextIO, stdout: TextIO) -> int:
    from coach.language.parser import Parser
    from coach.text import read_lines

    try:
        parser = Parser()
    except Exception as err:  # the model could not be built or loaded: say so, no traceback
        print(f"hinge-coach parse: could not load the language model: {err}", file=sys.stderr)
        return 1
    if text is not None:
        _write(stdout, _safe_parse(parser, text))
        return 0
    # Each line is read whole; a long message is read in pieces by the parser, never cut here.
    # A reader that goes away (`| head`) ends this with BrokenPipeError, which the command
    # line turns into a quiet exit (coach.endings).
    for line in read_lines(stdin):
        _write(stdout, _safe_parse(parser, line))
    return 0
