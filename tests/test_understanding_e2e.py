"""Real people's words end to end (issue 10): casual yes and no, "I'm back", answers that
also ask, corrections, goal answers that must not erase other facts, and junk.

Each conversation goes through `hinge-coach chat --json`, as a person would have it; a few
single messages go through `parse`, where the case is about reading one message.
"""

from __future__ import annotations

from typing import Any

import pytest
from test_chat_e2e import chat

from coach.language.parser import Parser

Turns = list[dict[str, Any]]
# To the stick question: no pain, no conditions, four years of lifting.
TO_STICK = ("no", "no", "4 years")


@pytest.fixture(scope="module")
def parser() -> Parser:
    return Parser()


def facts_of(turn: dict[str, Any], type_: str) -> list[dict[str, Any]]:
    return [f for f in turn["facts"] if f["type"] == type_]


def mastery(turn: dict[str, Any]) -> bool | None:
    told = facts_of(turn, "mastery")
    return told[0]["present"] if told else None


# --- yes and no as people say them ----------------------------------------------------------

@pytest.mark.parametrize(
    ("answer", "can"),
    [
        ("yes, no problem", True),
        ("no problem at all", True),
        ("for sure", True),
        ("yeah nah", False),
        ("nope", False),
        ("not really", False),
    ],
)
def test_yes_and_no_to_the_stick_question_read_as_whole_phrases(answer: str, can: bool):
    turns = chat(*TO_STICK, answer)
    assert turns[-2]["asking"] == "stick_mastery"
    assert mastery(turns[-1]) is can, turns[-1]
    assert turns[-1]["asking"] == "faults"


def test_kinda_is_not_a_yes_to_hinging_without_the_stick():
    turns = chat(*TO_STICK, "kinda")
    assert mastery(turns[-1]) is None
    assert turns[-1]["asking"] == "faults"  # "not sure": the safe default, the stick


def test_nope_all_good_is_a_no_to_the_pain_question():
    turns = chat("nope, all good")
    assert turns[1]["intent"] == "deny"
    assert [f["present"] for f in facts_of(turns[1], "symptom")] == [False]
    assert turns[1]["asking"] == "readiness"


def test_a_stray_letter_is_not_a_yes(parser: Parser):
    turns = chat(*TO_STICK, "x")
    assert mastery(turns[-1]) is None
    assert turns[-1]["asking"] == "stick_mastery"


def test_junk_with_a_yes_in_it_does_not_end_the_chat():
    turns = chat("10 yes x...!", "no")
    assert turns[1]["intent"] != "goodbye"
    assert turns[2]["asking"] == "readiness"  # the conversation went on


def test_a_repeated_sentence_is_no_surer_than_once(parser: Parser):
    once = parser.parse("i lift on mondays.")
    five = parser.parse(" ".join(["i lift on mondays."] * 5))
    assert once["intent"] == five["intent"]
    assert five["confidence"] == pytest.approx(once["confidence"], abs=0.02)


# --- "back" that is not a back ----------------------------------------------------------------

@pytest.mark.parametrize("text", ["I'm back", "hey im back!", "back again. went ok i think"])
def test_coming_back_is_not_back_pain(parser: Parser, text: str):
    result = parser.parse(text)
    assert not [f for f in result["facts"] if f["type"] == "symptom"], result
    assert result["intent"] == "greet"


def test_stepping_away_mid_interview_does_not_restart_it():
    turns = chat("my low back is sore after deadlifts, 3/10", "no",
                 "back again, sorry had to grab the kids")
    assert turns[-1]["intent"] != "restart"
    assert not facts_of(turns[-1], "symptom")
    assert turns[-1]["asking"] == turns[-2]["asking"]


def test_a_back_that_hurts_again_is_still_a_back(parser: Parser):
    facts = parser.parse("hurt my back again")["facts"]
    assert [(f["area"], f["present"]) for f in facts if f["type"] == "symptom"] == [
        ("low_back", True)
    ]


# --- an answer and a question in one message ---------------------------------------------------

def test_an_answer_and_a_question_both_heard():
    turns = chat(*TO_STICK, "no i dont think so, whats a hinge even")
    last = turns[-1]
    assert mastery(last) is False
    assert "bending at the hips" in last["say"]
    assert last["asking"] == "faults"


# --- the goal answer never erases other facts ---------------------------------------------------

def test_lifting_a_barbell_as_a_goal_keeps_the_years_of_lifting():
    turns = chat(*TO_STICK, "yes", "none", "one kettlebell", "Lifting a barbell")
    plan = turns[-1]["plan"]
    assert plan is not None
    assert facts_of(turns[-1], "goal") == [{"type": "goal", "kind": "barbell", "present": True}]
    assert not facts_of(turns[-1], "history")
    # Four years still skip two loaded steps (capped by one kettlebell at the suitcase hinge).
    assert plan["start"] == "suitcase_hinge"
    assert any("4 years" in line for line in plan["because"])


def test_picking_up_my_kid_without_pain_is_a_goal_not_a_denial_of_pain():
    turns = chat("my low back is sore after deadlifts, 3/10", "no", "no", "2 years", "no",
                 "none", "one kettlebell", "picking up my kid without my back hurting")
    last = turns[-1]
    assert facts_of(last, "goal") == [{"type": "goal", "kind": "everyday", "present": True}]
    assert not [f for f in last["facts"] if f["type"] == "symptom" and not f["present"]]
    assert last["plan"] is not None


# --- corrections -------------------------------------------------------------------------------

def test_a_correction_says_what_changed():
    turns = chat(*TO_STICK, "yes", "none", "one kettlebell",
                 "wait i didnt say anything about my toes, they still lift a bit",
                 "actually I have two kettlebells")
    toes, kettlebells = turns[-2], turns[-1]
    assert facts_of(toes, "fault") == [{"type": "fault", "kind": "toe_lift", "present": True}]
    assert not facts_of(toes, "history")
    assert "Toes lifting" in toes["say"] and "No mistakes" in toes["say"]
    assert "2 kettlebells" in kettlebells["say"] and "1 kettlebell" in kettlebells["say"]
    # Telling something else while the goal is asked does not use up the goal question.
    assert kettlebells["asking"] == "goal"


# --- faults said as absent ----------------------------------------------------------------------

@pytest.mark.parametrize(
    "text", ["my toes don't lift", "my toes dont lift any more",
             "went well, no pain, toes stay down now"],
)
def test_toes_that_stay_down_are_not_toes_lifting(parser: Parser, text: str):
    faults = [f for f in parser.parse(text)["facts"] if f["type"] == "fault"]
    assert faults == [{"type": "fault", "kind": "toe_lift", "present": False}]


# --- a question not read is asked again differently ---------------------------------------------

def test_an_unread_answer_gets_the_question_again_with_examples():
    turns = chat("no", "no", "blorp")
    assert turns[-1]["asking"] == "lifting_history"
    assert turns[-1]["say"] != turns[-2]["say"]
    assert "Months or years" in turns[-1]["say"]


# --- a fault told early leaves the faults question open -----------------------------------------

def test_a_fault_told_first_is_followed_by_anything_else():
    turns = chat("my toes lift when i hinge, no pain", "no", "yes", "my knees cave in too",
                 "one kettlebell", "strength")
    assert turns[3]["asking"] == "faults"
    assert "Besides **toes lifting" in turns[3]["say"]
    assert facts_of(turns[4], "fault") == [
        {"type": "fault", "kind": "knees_cave", "present": True}
    ]
    plan = turns[-1]["plan"]
    assert plan is not None and set(plan["watch_for"]) == {"toe_lift", "knees_cave"}


def test_no_to_anything_else_keeps_the_fault_told_first():
    turns = chat("my toes lift when i hinge, no pain", "no", "yes", "no, just that",
                 "one kettlebell", "strength")
    assert turns[4]["asking"] == "equipment"
    assert "What equipment do you have" in turns[4]["say"]  # the question, not a follow-up
    assert turns[-1]["plan"]["watch_for"] == ["toe_lift"]


# --- statements are not questions; kit with a time is lifting (session 3) --------------------

def test_a_statement_about_pain_is_taken_as_an_answer_not_a_question():
    turns = chat("lower back gets sore after long runs sometimes")
    first = turns[1]
    assert first["intent"] == "inform"
    assert facts_of(first, "symptom")[0]["area"] == "low_back"
    # Taken as the answer to the pain question: the interview moves on to screening.
    assert first["asking"] == "red_flags"


@pytest.mark.parametrize(("answer", "level", "barbell"), [
    ("2 yrs kettlebells, never used a barbell", "intermediate", False),
    ("6 months of dumbbells", "beginner", None),
])
def test_training_kit_with_a_time_is_lifting_history(answer: str, level: str, barbell):
    turns = chat("no", "no", answer)
    told = facts_of(turns[-1], "history")
    assert told and told[0]["level"] == level and told[0]["barbell"] is barbell
    assert turns[-1]["asking"] != "lifting_history"



@pytest.mark.parametrize(("answer", "level", "years"), [
    ("I lift twice a week, been at it 4 years", "experienced", 4),  # a frequency is no time
    ("45 year old beginner here", "beginner", None),  # an age is not years of lifting
    ("10+ years of barbell training", "experienced", 10),
])
def test_how_often_and_how_old_are_not_how_long(answer: str, level: str, years: int | None):
    turns = chat("no", "no", answer)
    told = facts_of(turns[-1], "history")
    assert told and told[0]["level"] == level and told[0]["years"] == years
    assert turns[-1]["asking"] != "lifting_history"


def test_leaning_back_at_the_top_is_a_back_arch():
    turns = chat(*TO_STICK, "yes", "I lean back at the top of every swing")
    assert facts_of(turns[-1], "fault") == [
        {"type": "fault", "kind": "back_arch", "present": True}
    ]

# --- typos in short words (issue 10 item 8) ---------------------------------------------------

@pytest.mark.parametrize(("text", "type_", "field", "value"), [
    ("my lowr bak hurts wen i lift", "symptom", "area", "low_back"),
    ("my tose lift of the flor", "fault", "kind", "toe_lift"),
    ("my kness cave in when i hinge", "fault", "kind", "knees_cave"),
])
def test_short_words_with_a_slip_are_read(parser: Parser, text: str, type_: str, field: str,
                                          value: str):
    told = [f for f in parser.parse(text)["facts"] if f["type"] == type_]
    assert told and told[0][field] == value and told[0]["present"]


@pytest.mark.parametrize("text", ["his back hurts? no, mine is fine", "I bought a bed",
                                  "ben said hi"])
def test_real_words_near_short_words_are_not_slips(parser: Parser, text: str):
    from coach.language.lemmas import slips

    lemmas = {t.lemma_ for t in parser.nlp(text)}
    assert not lemmas & {"hip", "bend"}
    assert "bed" in slips("bend")  # a slip, but a word: the English table knows it


def test_a_typed_pain_answer_moves_the_interview_on():
    turns = chat("my lowr bak hurts wen i lift")
    assert facts_of(turns[1], "symptom")[0]["area"] == "low_back"
    assert turns[1]["asking"] == "red_flags"


# --- check-ins in people's words ----------------------------------------------------------------

def _returning(tmp_path) -> tuple[str, ...]:
    """A profile whose plan (the kettlebell hinge) is a day old."""
    import sqlite3
    from datetime import UTC, datetime, timedelta

    profile = ("--profile", str(tmp_path / "profile.sqlite3"))
    first = chat("nothing hurts", "no, none of those", "never lifted",
                 "yes I can do it without the stick", "none", "two dumbbells",
                 "just everyday stuff", args=profile)
    assert [t for t in first if t["plan"]][-1]["plan"]["start"] == "kettlebell_hinge"
    yesterday = (datetime.now(UTC) - timedelta(days=1)).isoformat(timespec="milliseconds")
    with sqlite3.connect(tmp_path / "profile.sqlite3") as db:
        db.execute("UPDATE plans SET at = ?", (yesterday,))
    db.close()
    return profile


def test_it_hurt_more_at_a_check_in_is_pain_screened_then_a_step_back(tmp_path):
    turns = chat("it hurt more this week", "no, none of those", args=_returning(tmp_path))
    assert turns[0]["asking"] == "check_in"
    assert turns[1]["asking"] == "red_flags"
    plans = [t["plan"] for t in turns if t["plan"]]
    assert plans and plans[-1]["start"] == "stick_hinge"  # one step back from the kettlebell


@pytest.mark.parametrize("text", ["no pain at all, went fine", "didn't hurt once"])
def test_denied_pain_at_a_check_in_is_not_pain(text: str):
    from coach.language.mentions import mentions_pain

    assert not mentions_pain(text)
    assert mentions_pain("it hurt more this week") and mentions_pain("bit sore tbh")


# --- whose pain, and when: a symptom's context (issue 9 clause 4, contract `context`) -------

@pytest.mark.parametrize(("answer", "where", "whose"), [
    ("had back pain years ago, fine now", "past", "in the past"),
    ("my wife has low back pain, not me", "other", "about someone else"),
])
def test_pain_that_is_over_or_someone_elses_is_not_counted(answer: str, where: str,
                                                            whose: str):
    turn = chat(answer)[-1]
    told = facts_of(turn, "symptom")
    assert told and told[0]["context"] == where
    assert whose in turn["say"]
    # Not the person's pain now: the coach asks how their body feels, and screens nothing yet.
    assert turn["asking"] == "symptoms"


@pytest.mark.parametrize("answer", [
    "since my son was born my back hurts",  # another person named, but "my back"
    "I'm a nurse, lift patients all day, lower back hurts when I transfer them",
    "my mom has osteoporosis and my back is sore",
])
def test_own_pain_beside_another_person_is_still_the_persons(answer: str):
    turn = chat(answer)[-1]
    told = facts_of(turn, "symptom")
    assert told and told[0]["present"] and "context" not in told[0]
    assert turn["asking"] == "red_flags"


def test_own_sign_told_beside_another_person_is_referred():
    # "son" was nearest the start of the sentence, so the numb legs were read as his.
    turn = chat("since my son was born my legs are numb")[-1]
    assert facts_of(turn, "red_flag") == [
        {"type": "red_flag", "kind": "leg_numbness", "present": True}
    ]
    assert "see a doctor or physiotherapist" in turn["say"]


def test_someone_elses_sign_is_still_theirs():
    turn = chat("my wife's legs are numb")[-1]
    assert facts_of(turn, "red_flag")[0]["context"] == "other"
    assert turn["asking"] == "symptoms"
