"""`hinge-coach chat --json` end to end: real parser, real rules, scripted people."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from contract import assert_turn
from language_fixtures import cache_dir, shared_parser


@pytest.fixture(scope="module", autouse=True)
def trained() -> None:
    shared_parser()  # train once into the test cache, so each subprocess only loads it


def chat(*messages: str | bytes, args: tuple[str, ...] = ("--no-profile",),
         answered: int | None = None) -> list[dict[str, Any]]:
    """The turns of a chat, in order; ``answered``: how many of the messages get a turn (all,
    unless the chat ends before the last)."""
    lines = b"".join((m if isinstance(m, bytes) else m.encode()) + b"\n" for m in messages)
    result = subprocess.run(
        [sys.executable, "-m", "coach", *args, "chat", "--json"],
        input=lines, capture_output=True, timeout=120,
        env={**os.environ, "HINGE_COACH_CACHE": str(cache_dir())},
    )
    assert result.returncode == 0, result.stderr.decode()
    assert b"Traceback" not in result.stderr
    turns = [json.loads(line) for line in result.stdout.decode().splitlines()]
    for turn in turns:
        assert_turn(turn)
    expected = len(messages) if answered is None else answered
    assert len(turns) == expected + 1, "one turn per message answered, plus the opening"
    return turns


def final_plan(turns: list[dict[str, Any]]) -> dict[str, Any]:
    plans = [t["plan"] for t in turns if t["plan"]]
    assert plans, [t["asking"] for t in turns]
    return plans[-1]


def test_a_beginner_with_a_sore_back():
    turns = chat(
        "hi, my lower back gets sore when I pick up the laundry",
        "no, none of those",
        "nope, none",
        "I can't really do it without the stick yet",
        "not that I know of",
        "I just want to pick up my kids without hurting",
    )
    assert [t["asking"] for t in turns[:6]] == [
        "symptoms", "red_flags", "readiness", "stick_mastery", "faults", "goal"
    ]
    plan = final_plan(turns)
    assert plan["start"] == "stick_hinge"
    assert plan["focus"] == ["three_points", "brace_core", "soft_knees", "hips_back"]
    assert plan["referral"] is None


def test_an_experienced_lifter_whose_toes_lift():
    turns = chat(
        "nothing hurts",
        "no, none of those",
        "I've deadlifted for like 6 yrs",
        "yes",
        "my toes come up off the floor",
        "a pair of 24kg kettlebells",
        "I want to get stronger",
    )
    plan = final_plan(turns)
    assert plan["start"] == "kettlebell_hinge"
    assert plan["watch_for"] == ["toe_lift"]
    # The fault's cue first, then the cues the kettlebell hinge depends on most (clause 6).
    assert plan["focus"] == ["whole_foot", "brace_core", "soft_knees", "hips_back"]
    assert any("no skipping" in b for b in plan["because"])


def test_numbness_down_the_leg_refers():
    turns = chat("my back hurts and I have numbness down my left leg")
    plan = turns[1]["plan"]
    assert plan["referral"]["urgency"] == "soon"
    assert "leg_numbness" in plan["referral"]["reasons"]
    assert plan["start"] is None and turns[1]["asking"] is None


def test_saddle_numbness_is_an_emergency_whatever_else_was_said():
    turns = chat("I've lifted for years and I have numbness around my groin")
    assert turns[1]["plan"]["referral"]["urgency"] == "emergency"
    assert "emergency services" in turns[1]["say"]


def test_questions_mid_interview_are_answered_and_the_interview_resumes():
    turns = chat(
        "why does my low back hurt?",
        "no, none of those",
        "no",
        "what muscles does it work?",
        "why are you asking me that?",
        "yes I can",
        "none of those",
        "one kettlebell",
        "better posture",
        "why this exercise?",
    )
    # The question also says the person's low back hurts: answered, then screened.
    assert turns[1]["intent"] == "ask_back_pain" and "low back" in turns[1]["say"]
    assert {"type": "symptom", "area": "low_back", "quality": "pain", "trigger": "unknown",
            "severity": None, "present": True} in turns[1]["facts"]
    assert turns[1]["asking"] == "red_flags"
    assert turns[2]["asking"] == "readiness"
    assert turns[4]["intent"] == "ask_muscles" and "glutes" in turns[4]["say"]
    assert turns[4]["asking"] == turns[3]["asking"] == "stick_mastery"
    assert turns[5]["intent"] == "ask_why_asking" and "I'm asking because" in turns[5]["say"]
    assert turns[5]["asking"] == "stick_mastery"
    plan = final_plan(turns)
    assert plan["start"] == "kettlebell_hinge"
    assert turns[-1]["intent"] == "ask_how_decided" and "(rule " in turns[-1]["say"]


def test_bad_input_never_breaks_the_conversation():
    huge = "my back " * 13_000  # about 100 KB
    turns = chat(b"", b"\x00\x01\x1b[31m", b"\xff\xfe invalid utf-8 \xc3", "[bold]hi[/]",
                 huge, "nothing hurts")
    assert turns[-1]["asking"] != "symptoms"


def test_eof_at_once_gives_the_opening_only():
    result = subprocess.run([sys.executable, "-m", "coach", "--no-profile", "chat", "--json"],
                            input=b"", capture_output=True, timeout=120,
                            env={**os.environ, "HINGE_COACH_CACHE": str(cache_dir())})
    assert result.returncode == 0
    (opening,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert opening["asking"] == "symptoms"


def test_goodbye_ends_the_chat():
    # Mid-interview: the goodbye is answered without the next question, and nothing sent
    # after it is read (the chat ends with status 0, checked by chat()).
    turns = chat("my lower back is sore after lifting", "no, none of those", "goodbye",
                 "one kettlebell", "are you still there?", answered=3)
    assert [t["asking"] for t in turns[:3]] == ["symptoms", "red_flags", "readiness"]
    assert turns[3]["intent"] == "goodbye" and "Good luck" in turns[3]["say"]
    assert turns[3]["asking"] is None and turns[3]["plan"] is None


def test_ask_answers_once():
    result = subprocess.run(
        [sys.executable, "-m", "coach", "ask", "--json", "why does my low back hurt"],
        capture_output=True, timeout=120, text=True,
        env={**os.environ, "HINGE_COACH_CACHE": str(cache_dir())},
    )
    assert result.returncode == 0, result.stderr
    turn = json.loads(result.stdout)
    assert_turn(turn)
    assert turn["intent"] == "ask_back_pain" and turn["asking"] is None


def test_a_second_session_resumes_checks_in_and_moves_up(tmp_path: Path):
    profile = ("--profile", str(tmp_path / "profile.sqlite3"))
    first = chat("nothing hurts", "no, none of those", "never lifted",
                 "yes I can do it without the stick",
                 "none", "two dumbbells", "just everyday stuff", args=profile)
    assert final_plan(first)["start"] == "kettlebell_hinge"
    # A day of practice later (clause 8: a return the same day moves nothing): the plan is
    # dated yesterday, as if the first session had been then.
    import sqlite3
    from datetime import UTC, datetime, timedelta

    yesterday = (datetime.now(UTC) - timedelta(days=1)).isoformat(timespec="milliseconds")
    with sqlite3.connect(tmp_path / "profile.sqlite3") as db:
        db.execute("UPDATE plans SET at = ?", (yesterday,))
    db.close()
    second = chat("all good, no pain and no problems", args=profile)
    assert second[0]["asking"] == "check_in"
    assert "Welcome back" in second[0]["say"]
    assert final_plan(second)["start"] == "suitcase_hinge"
