"""Check-in pacing (contract clause 8), across days with a fake clock: a return the same day
or without practice moves nothing; a move up needs practice, and a step without its
equipment says what it needs instead of claiming the move."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from factsets import equipment, no_faults
from scripted_parser import ScriptedParser
from test_dialogue import SCRIPT

from coach.dialogue import Dialogue
from coach.profile.memory import Memory
from coach.profile.store import ProfileStore

CHECK_INS = dict(
    SCRIPT,
    **{
        "all good": ("deny", 0.8, []),
        "didnt practice this week": ("inform", 0.8, []),
        "6 years, no faults, one kettlebell": (
            "inform", 0.9, [SCRIPT["6 years, toes lift, two kettlebells"][2][0], no_faults(),
                            equipment("kettlebell", 1)]),
    },
)
# Six years, no faults, one kettlebell: the suitcase hinge (two steps skipped), and the
# double kettlebell hinge above it needs a second kettlebell.
FIRST = ("nope", "nope", "6 years, no faults, one kettlebell", "yes", "strength")


def clock_at(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment


def session(path: Path, clock: Callable[[], datetime]) -> Dialogue:
    memory = Memory(ProfileStore.open(path).store)
    return Dialogue(ScriptedParser(CHECK_INS), memory=memory, clock=clock)


def first_plan(path: Path) -> str:
    dialogue = session(path, clock_at(datetime.now(UTC)))
    dialogue.opening()
    for message in FIRST:
        turn = dialogue.reply(message)
    assert turn.plan is not None
    return str(turn.plan["start"])


def check_in(path: Path, when: datetime, answer: str = "all good"):
    dialogue = session(path, clock_at(when))
    opening = dialogue.opening()
    assert opening.asking == "check_in"
    turn = dialogue.reply(answer)
    assert turn.plan is not None, turn.say
    return dialogue, turn


def test_back_the_same_day_moves_nothing_however_often(tmp_path: Path):
    path = tmp_path / "profile.sqlite3"
    start = first_plan(path)
    for _ in range(4):  # four check-ins within minutes: never four steps up
        dialogue, turn = check_in(path, datetime.now(UTC))
        assert turn.plan["start"] == start
        assert dialogue.session.plan_details().decision == "stay"
    assert "earlier today" in turn.say


def test_the_next_day_a_check_in_that_went_well_moves_one_step_at_most(tmp_path: Path):
    path = tmp_path / "profile.sqlite3"
    start = first_plan(path)
    assert start == "suitcase_hinge"
    dialogue, turn = check_in(path, datetime.now(UTC) + timedelta(days=1))
    # Ready, but the next step needs two kettlebells: it says so and does not claim the move.
    assert turn.plan["start"] == "suitcase_hinge"
    assert dialogue.session.plan_details().decision == "stay"
    assert "needs two kettlebells or dumbbells" in turn.say
    assert "time to move up" not in turn.say


def test_no_practice_since_last_time_moves_nothing(tmp_path: Path):
    path = tmp_path / "profile.sqlite3"
    start = first_plan(path)
    _, turn = check_in(path, datetime.now(UTC) + timedelta(days=3),
                              "didnt practice this week")
    assert turn.plan["start"] == start
    assert "haven't practised" in turn.say


def test_with_the_kit_a_good_week_moves_up_exactly_one_step(tmp_path: Path):
    path = tmp_path / "profile.sqlite3"
    dialogue = session(path, clock_at(datetime.now(UTC)))
    dialogue.opening()
    for message in ("nope", "nope", "6 years, toes lift, two kettlebells", "yes",
                    "no, just that", "strength"):
        turn = dialogue.reply(message)
    assert turn.plan["start"] == "kettlebell_hinge"
    dialogue, turn = check_in(path, datetime.now(UTC) + timedelta(days=2))
    assert turn.plan["start"] == "suitcase_hinge"
    assert dialogue.session.plan_details().decision == "move_up"
