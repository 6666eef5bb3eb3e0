"""``hinge-coach parse``: one JSON object per message, whatever arrives on stdin."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from language_fixtures import cache_dir, language_parser  # noqa: F401  (fixture)

from coach.language.cli import run_parse
from rules.vocabulary import INTENTS

ROOT = Path(__file__).resolve().parents[1]


class Stdin(io.TextIOWrapper):
    """A text stdin with a ``buffer`` of raw bytes, like sys.stdin."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8", errors="strict")


def lines_of(out: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_text_argument_prints_one_object(language_parser) -> None:  # noqa: F811
    out = io.StringIO()
    assert run_parse("my knees cave in", io.StringIO(""), out) == 0
    (result,) = lines_of(out)
    assert result["facts"] == [{"type": "fault", "kind": "knees_cave", "present": True}]


def test_stdin_one_object_per_line_whatever_the_bytes(language_parser) -> None:  # noqa: F811
    data = (
        b"\n".join(
            [
                b"hello",
                b"",
                b"\xff\xfe\x00binary\x80\x81",
                b"<html><body>my back <i>hurts</i></body></html>",
                b"x" * 100_000,
                "caf\u00e9 \U0001f3cb".encode(),
                b"no numbness",
            ]
        )
        + b"\n"
    )
    out = io.StringIO()
    assert run_parse(None, Stdin(data), out) == 0
    results = lines_of(out)
    assert len(results) == 7
    assert all(r["intent"] in INTENTS for r in results)
    assert results[-1]["facts"] == [{"type": "red_flag", "kind": "leg_numbness", "present": False}]


def test_last_line_without_newline_and_plain_text_stdin(language_parser) -> None:  # noqa: F811
    out = io.StringIO()
    assert run_parse(None, io.StringIO("hi\nthanks"), out) == 0
    assert [r["text"] for r in lines_of(out)] == ["hi", "thanks"]


def test_the_real_command(language_parser) -> None:  # noqa: F811
    env = {"HINGE_COACH_CACHE": str(cache_dir()), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-m", "coach", "parse"],
        input=b"hi\n\xff\xfe\nmy low back is sore\n" + b"a" * 200_000 + b"\n",
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert b"Traceback" not in proc.stderr
    results = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert len(results) == 4
    assert results[2]["facts"][0]["area"] == "low_back"
