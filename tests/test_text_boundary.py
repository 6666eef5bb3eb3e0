"""One input boundary: the same cleaning for every reader, and nothing typed is ever obeyed
by the terminal or splits a JSON line when it is shown back."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import unicodedata

import pytest
from language_fixtures import cache_dir, language_parser  # noqa: F401  (fixture)
from scripted_parser import ScriptedParser

from coach.chat import emit
from coach.dialogue import Dialogue, Turn
from coach.json_lines import dumps_line
from coach.text import clean, printable

RESET = "\x1bc"  # ESC c: a full terminal reset
SEPARATORS = "\u2028\u2029\u0085"
BIDI = "\u202e\u2066"
ODD = [
    f"my toes lift{RESET} a lot",
    f"my back{SEPARATORS}hurts",
    f"no numbness{BIDI} at all\x1b[31m red\x1b]0;title\x07",
    "two\nlines\r\nand\ttabs\x00\x7f\x9b",
    "\ufeffzero\u200bwidth\ud800",
]


@pytest.mark.parametrize("text", ODD)
def test_clean_leaves_only_text_on_one_line(text: str) -> None:
    cleaned = clean(text)
    assert all(ch.isprintable() for ch in cleaned), repr(cleaned)
    assert "\x1b" not in cleaned and "\n" not in cleaned
    assert cleaned == clean(cleaned)


def test_clean_drops_escape_sequences_whole() -> None:
    assert clean(f"my toes lift{RESET}") == "my toes lift"
    assert clean("my \x1b[1;31mback\x1b[0m hurts") == "my back hurts"


def test_parse_and_chat_read_the_same_cleaned_text(language_parser) -> None:  # noqa: F811
    scripted = ScriptedParser({})
    dialogue = Dialogue(scripted)
    dialogue.opening()
    for text in ODD:
        before = len(scripted.seen)
        dialogue.reply(text)
        # The message itself is read first (a part of it may be read again after that).
        assert scripted.seen[before] == language_parser.parse(text)["text"] == clean(text)


@pytest.mark.parametrize("text", ODD)
def test_printable_shows_controls_and_drops_overrides(text: str) -> None:
    shown = printable(text)
    assert not any(ch in shown for ch in ("\x1b", "\x00", "\x7f", "\x9b", "\x85", *BIDI))
    assert all(unicodedata.category(ch) not in ("Cc", "Cs") or ch in "\n\t" for ch in shown)
    shown.encode("utf-8")  # writable anywhere


def test_plain_chat_shows_what_it_quotes_without_obeying_it() -> None:
    out = io.StringIO()
    emit(Turn(say=f'you said: "my toes lift{RESET}{BIDI}\x9b2J"'), out, as_json=False)
    assert "\x1b" not in out.getvalue() and "\x9b" not in out.getvalue()
    assert "\u241bc" in out.getvalue()  # the ESC shows as a visible symbol


def test_json_lines_escape_line_separators_and_invisible_controls() -> None:
    value = {"say": f"a{SEPARATORS}{BIDI}\x7f\x1bb", "ok": "café 🏋"}
    line = dumps_line(value)
    assert line.endswith("\n") and line.count("\n") == 1
    for ch in (*SEPARATORS, *BIDI, "\x7f", "\x1b"):
        assert ch not in line
    assert "\\u2028" in line and "\\u0085" in line and "café 🏋" in line
    assert json.loads(line) == value
    assert len(line.rstrip("\n").splitlines()) == 1  # str.splitlines splits on U+2028 too


CONVERSATION = ["no pain at all", "no", "no", "yes",
                f"my toes lift{SEPARATORS}{RESET}{BIDI}", "one kettlebell", "strength",
                "how did you decide?"]


def run_chat(*args: str) -> bytes:
    result = subprocess.run(
        [sys.executable, "-m", "coach", "--no-profile", "chat", *args],
        input="".join(f"{m}\n" for m in CONVERSATION).encode(), capture_output=True,
        timeout=120, env={**os.environ, "HINGE_COACH_CACHE": str(cache_dir())},
    )
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def test_plain_chat_never_writes_raw_controls(language_parser) -> None:  # noqa: F811
    out = run_chat()
    said = out.decode()
    assert "you said" in said and "my toes lift" in said  # the quote is there...
    for ch in ("\x1b", *SEPARATORS, *BIDI):
        assert ch.encode() not in out, repr(ch)  # ...but nothing in it is obeyed


def test_chat_json_never_writes_raw_separators(language_parser) -> None:  # noqa: F811
    out = run_chat("--json")
    for ch in (*SEPARATORS, *BIDI):
        assert ch.encode() not in out, repr(ch)
    turns = [json.loads(line) for line in out.decode().split("\n") if line]
    assert len(turns) == len(CONVERSATION) + 1
    assert f"my toes lift{SEPARATORS}" in turns[-1]["say"]  # escaped, not lost


def test_parse_reads_a_line_up_to_the_same_limit_as_chat_and_says_what_it_did_not_read():
    from coach.text import READ_LIMIT

    line = "a" * (READ_LIMIT - 1) + " my bladder leaks now and then"
    result = subprocess.run(
        [sys.executable, "-m", "coach", "parse"], input=(line + "\n").encode(),
        capture_output=True, timeout=120,
        env={**os.environ, "HINGE_COACH_CACHE": str(cache_dir())},
    )
    assert result.returncode == 0
    parsed = json.loads(result.stdout)
    assert line.startswith(parsed["text"]) and len(parsed["text"]) >= READ_LIMIT - 1
    assert not any(f["type"] == "red_flag" for f in parsed["facts"])  # unread, and said so
    err = result.stderr.decode()
    assert f"did not read the remaining {len(line) - READ_LIMIT} characters" in err
    assert 'which begin: "my bladder leaks now and then"' in err
