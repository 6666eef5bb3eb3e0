"""Screening end to end through `hinge-coach chat --json`: every case of issue 9 and every
clause of the contract's "Screening", as conversations a person could have.

The rule of the house: the parser suggests, the rule base decides. Whatever the words, no
conversation here may ever reach a plan with load while a warning sign or condition is
present, suspected and unconfirmed, or unanswered.
"""

from __future__ import annotations

from typing import Any

import pytest
from test_chat_e2e import chat

LOADED = {"kettlebell_hinge", "suitcase_hinge", "double_kettlebell_hinge",
          "elevated_kettlebell_deadlift", "elevated_double_kettlebell_deadlift",
          "trap_bar_deadlift"}
Turns = list[dict[str, Any]]


def never_loaded(turns: Turns) -> None:
    for turn in turns:
        plan = turn["plan"]
        assert plan is None or plan["start"] not in LOADED, turn


def urgencies(turns: Turns) -> list[str | None]:
    return [(t["plan"]["referral"] or {}).get("urgency") for t in turns if t["plan"]]


def referred(turns: Turns, urgency: str) -> bool:
    return urgency in urgencies(turns)


def askings(turns: Turns) -> list[str | None]:
    return [t["asking"] for t in turns]


# --- a repeated bare yes, unsure, unreadable: never a closed screening ---------------------
def test_yes_twice_to_the_warning_signs_is_asked_one_sign_at_a_time():
    turns = chat("my low back is sore, 3/10", "yes", "yes", "yes", "my toes lift",
                 "everyday life")
    never_loaded(turns)
    assert askings(turns)[1:3] == ["red_flags", "red_flags"]
    # The second bare yes turns the list into yes/no questions, one sign each.
    assert turns[3]["asking"] == "red_flags"
    assert turns[3]["confirming"]["kind"] == "saddle_numbness"
    assert "you weren't sure" not in " ".join(t["say"] for t in turns)


@pytest.mark.parametrize("answer", ["not sure", "I'd rather not say", "not really"])
def test_a_list_is_never_closed_without_a_plain_no(answer):
    turns = chat("my low back hurts", answer, answer)
    never_loaded(turns)
    assert turns[2]["asking"] == "red_flags"
    assert turns[3]["asking"] == "red_flags" and turns[3]["confirming"] is not None


def test_a_person_who_will_not_answer_is_told_to_see_a_clinician_before_load():
    turns = chat("my low back hurts", "not sure", *["dunno"] * 40, "no")
    never_loaded(turns)
    assert referred(turns, "clearance")
    final = [t for t in turns if t["plan"]][-1]["plan"]
    assert final["start"] == "stick_hinge" and final["ladder"] == ["stick_hinge"]


@pytest.mark.parametrize(
    "first", ["lowr bak hurts wen i bend ovr", "not sure",
              "hmm hard to say, my back is kinda weird lately"])
def test_an_unsure_or_unread_first_answer_still_screens(first):
    turns = chat(first, "hmm", "leg gettin weeker", "yes", "yes", "yes", "none", "one kettlebell",
                 "everyday life")
    never_loaded(turns)
    assert "red_flags" in askings(turns) or "confirm" in askings(turns)
    assert referred(turns, "emergency")


# --- loss and inability are presence -------------------------------------------------------
@pytest.mark.parametrize(
    "sign",
    ["cant controll my bladder", "no control over my bladder", "i have no bladder control",
     "no sensation in my saddle area", "I can't control when I need to poo",
     "cant hold my pee as well as before, otherwise no", "cant feel my butt cheeks",
     "numbnes in my grone area"],
)
def test_emergency_signs_said_as_loss_are_emergencies(sign):
    turns = chat("my low back hurts", sign, "yes", "no", "yes", "one kettlebell", "everyday")
    never_loaded(turns)
    assert urgencies(turns)[0] == "emergency", [t["say"][:80] for t in turns]


# --- a referral stands -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("told", "then"),
    [("I can't control my bladder", "cant controll my bladder"),
     ("I have tingling down my left leg", "its just a bit of tingling, its fine, can we continue?"),
     ("I can't control my bladder", "no actually my bladder is fine")],
)
def test_a_referral_is_not_lifted_by_a_typo_or_by_playing_it_down(told, then):
    turns = chat("my low back hurts", told, then, "what exercise should I do?")
    never_loaded(turns)
    assert turns[2]["plan"]["referral"] is not None
    assert not any(t["plan"] and t["plan"]["referral"] is None for t in turns)
    assert "Start with" not in turns[-1]["say"]


def test_a_sign_taken_back_is_lifted_only_by_a_yes_to_just_to_be_sure():
    turns = chat("my low back hurts", "I have tingling down my left leg",
                 "sorry, no tingling at all, I mixed it up", "yes")
    assert turns[2]["plan"]["referral"]["reasons"] == ["leg_numbness"]
    assert turns[3]["asking"] == "confirm"
    assert turns[3]["confirming"] == {"type": "red_flag", "kind": "leg_numbness",
                                      "present": False}
    assert "Just to be sure" in turns[3]["say"]
    assert "taken" in turns[4]["say"] and turns[4]["asking"] == "red_flags"


@pytest.mark.parametrize("question", ["what exercise should I do?",
                                      "can i do the stick hinge meanwhile?"])
def test_after_an_emergency_referral_exercise_questions_get_the_referral(question):
    turns = chat("my low back hurts and I can't control my bladder", question)
    say = turns[-1]["say"]
    assert "emergency" in say and "won't give exercise instructions" in say
    assert "Start with the **stick hinge**" not in say and "Broomstick" not in say


# --- hints become questions, not referrals --------------------------------------------------
def test_a_confirmed_hint_refers_and_a_denied_one_costs_one_question():
    hint = "nah not really any of those, maybe the night one"
    yes = chat("my low back hurts", hint, "yes")
    assert yes[2]["asking"] == "confirm" and yes[2]["confirming"]["kind"] == "night_pain"
    assert yes[3]["plan"]["referral"] == {"urgency": "soon", "reasons": ["night_pain"]}
    no = chat("my low back hurts", hint, "no")
    assert no[3]["plan"] is None and no[3]["asking"] == "readiness"


# A weak leg told without any of the lexicon's words: only the sign classifier
# (coach/language/sign_model.py) sees it. The line is one of its training lines; what is
# tested is what the dialogue does with a suspicion the classifier alone raises.
MODEL_ONLY_SIGN = ("cant do a single leg calf raise on the right anymore. last week i did 15. "
                   "left side no problem")


def test_a_sign_only_the_model_suspects_is_asked_yes_refers_no_costs_one_question():
    yes = chat(MODEL_ONLY_SIGN, "yes")
    assert yes[1]["asking"] == "confirm"
    assert yes[1]["confirming"]["kind"] == "leg_weakness"
    assert "leg" in yes[1]["say"].lower()
    assert yes[2]["plan"]["referral"] == {"urgency": "emergency", "reasons": ["leg_weakness"]}
    never_loaded(yes)
    no = chat(MODEL_ONLY_SIGN, "no")
    assert no[2]["plan"] is None and no[2]["asking"] not in (None, "confirm")
    assert "leg_weakness" not in str((no[2]["plan"] or {}).get("referral"))


def test_a_hedged_no_with_an_unread_hint_is_asked_again_plainly():
    turns = chat("my low back hurts", "none of those, though my legs feel a bit funny")
    assert turns[2]["asking"] == "red_flags" and turns[2]["plan"] is None


# --- severity: above 10 counts, and one place derives it ------------------------------------
@pytest.mark.parametrize("rating", ["11/10", "12 out of 10", "10+/10"])
def test_ratings_above_ten_are_severe(rating):
    turns = chat(f"my low back pain is {rating}")
    assert turns[1]["plan"]["referral"]["reasons"] == ["severe_pain"]


def test_a_severe_rating_without_a_place_still_refers():
    turns = chat("my pain is 10 out of 10")
    assert turns[1]["plan"]["referral"] == {"urgency": "soon", "reasons": ["severe_pain"]}


def test_a_severe_rating_without_a_pain_word_is_asked_about():
    turns = chat("honestly 9/10 today", "yes")
    assert turns[1]["asking"] == "confirm"
    assert turns[1]["confirming"]["kind"] == "severe_pain"
    assert turns[2]["plan"]["referral"]["reasons"] == ["severe_pain"]


def test_a_corrected_rating_lifts_the_severe_pain_referral():
    turns = chat("my low back pain is 9 out of 10", "sorry, I meant 4", "no", "no", "yes",
                 "none", "one kettlebell", "everyday life")
    assert turns[1]["plan"]["referral"]["urgency"] == "soon"
    final = [t for t in turns if t["plan"]][-1]["plan"]
    assert final["referral"] is None and final["start"] == "kettlebell_hinge"


# --- the whole message is read ----------------------------------------------------------------
def test_a_warning_sign_at_the_end_of_a_long_message_is_read():
    story = "I have been training at home with a broomstick and a kettlebell. " * 70
    assert len(story) > 4000
    turns = chat(f"{story}My low back hurts and I also can't control my bladder.")
    assert turns[1]["plan"]["referral"]["urgency"] == "emergency"


# --- readiness: everyone, pain or not -----------------------------------------------------
@pytest.mark.parametrize(
    "told",
    ["I've lifted for 8 years and I have a heart condition",
     "I'm 72 and I have osteoporosis",
     "i fainted last week"],
)
def test_people_without_pain_are_screened_before_load(told):
    turns = chat("no pain at all", told, "no", "no", "yes", "none", "two kettlebells",
                 "get stronger")
    assert turns[1]["asking"] == "readiness"
    never_loaded(turns)
    assert referred(turns, "clearance") or referred(turns, "emergency")


def test_a_healthy_person_is_asked_readiness_once_and_gets_load():
    turns = chat("no pain at all", "no, none of those", "never lifted", "yes", "none",
                 "one kettlebell", "everyday life")
    assert askings(turns)[:3] == ["symptoms", "readiness", "lifting_history"]
    assert askings(turns).count("readiness") == 1
    final = [t for t in turns if t["plan"]][-1]["plan"]
    assert final["referral"] is None and final["start"] == "kettlebell_hinge"


# --- over-triage: other people, goals and diets are not signs ------------------------------
def test_a_heart_condition_is_clearance_not_chest_pain():
    turns = chat("no pain", "fyi i have a heart condition, afib, on meds")
    assert "call emergency services" not in " ".join(t["say"] for t in turns)
    facts = [f for t in turns for f in t["facts"]]
    assert not any(f["type"] == "red_flag" and f["present"] for f in facts)
    assert any(f == {"type": "condition", "kind": "heart_condition", "present": True}
               for f in facts)


@pytest.mark.parametrize("message", ["stay healthy for my heart",
                                     "what should i eat to lose weight", "my dad had cancer"])
def test_words_about_goals_diets_and_family_are_not_the_persons_signs(message):
    turns = chat(message)
    present = [f for f in turns[1]["facts"] if f["type"] in ("red_flag", "condition")
               and f["present"] and f.get("context", "self") == "self"
               and f.get("certainty", "stated") == "stated"]
    assert present == []
    assert turns[1]["plan"] is None


def test_someone_elses_cancer_is_reported_as_theirs_and_never_counts():
    turns = chat("no pain", "my dad had cancer")
    facts = turns[2]["facts"]
    assert {"type": "red_flag", "kind": "cancer_history", "present": True,
            "context": "other"} in facts
    assert turns[2]["plan"] is None


# --- "nothing else" is not "none of these" ------------------------------------------------------
def test_otherwise_healthy_beside_a_condition_never_clears_it():
    turns = chat("no", "type 2 diabetes, on metformin, otherwise healthy", "5 years", "yes",
                 "none", "two kettlebells", "strength")
    never_loaded(turns)
    plans = [t["plan"] for t in turns if t["plan"]]
    assert plans and plans[-1]["referral"]["urgency"] == "clearance"
    assert {"chronic_condition", "medication"} <= set(plans[-1]["referral"]["reasons"])


def test_a_blanket_none_later_never_clears_a_condition_told_before():
    from coach.session import CoachSession

    session = CoachSession()
    session.tell([{"type": "condition", "kind": "pregnancy", "present": True}])
    session.tell([{"type": "condition", "kind": None, "present": False}])
    present = [k.fact["kind"] for k in session.known_facts()
               if k.fact["type"] == "condition" and k.fact["present"]]
    assert present == ["pregnancy"]


def test_fainting_away_from_exercise_is_asked_about_not_an_emergency():
    turns = chat("no", "fainted once in the spring, wasnt exercising or anything")
    assert "emergency" not in urgencies(turns)
    assert turns[-1]["asking"] == "confirm"
    assert turns[-1]["confirming"]["kind"] == "fainting"


def test_not_sleeping_is_asked_about_not_a_referral():
    turns = chat("my low back is sore, 3/10", "not really, i just couldnt sleep")
    assert not urgencies(turns)
    assert turns[-1]["asking"] == "confirm"
    assert turns[-1]["confirming"]["kind"] == "night_pain"


# --- words that only hint: one question, never silence (third round, 2026-11-29) -----------
def test_a_clinic_visit_after_a_blanket_no_reopens_the_readiness_list():
    turns = chat("no pain at all", "no, none of those",
                 "oh actually i was diagnosed with something at the clinic last month")
    assert turns[2]["asking"] == "lifting_history"
    assert {"type": "condition", "kind": None, "present": True,
            "certainty": "suspected"} in turns[3]["facts"]
    assert turns[3]["asking"] == "readiness"


def test_a_medicine_named_alone_asks_about_the_condition_it_treats():
    turns = chat("no pain", "I take metformin every day")
    kinds = {(f["kind"], f.get("certainty", "stated")) for f in turns[2]["facts"]}
    assert ("medication", "stated") in kinds and ("chronic_condition", "suspected") in kinds
    assert turns[2]["asking"] == "confirm"
    assert turns[2]["confirming"]["kind"] == "chronic_condition"


def test_numbness_in_both_legs_is_both_signs_and_an_emergency():
    turns = chat("I have numbness and weakness in both legs")
    kinds = {f["kind"] for f in turns[1]["facts"] if f["type"] == "red_flag" and f["present"]}
    assert {"both_legs", "leg_numbness", "leg_weakness"} <= kinds
    assert referred(turns, "emergency")


def test_a_sign_before_used_to_is_current_not_past():
    turns = chat("toes on my left foot are numb and tingly most of the day now, "
                 "used to just be when i sat too long")
    own = [f for f in turns[1]["facts"] if f["type"] == "red_flag" and f["present"]]
    assert own and all("context" not in f for f in own)
    never_loaded(turns)


@pytest.mark.parametrize("message", [
    "it was 6/10 yesterday but today it's more like an 8",
    "on a scale of 1 to 10 its like an 11, im crawling to the bathroom",
])
def test_the_worst_rating_said_is_asked_about(message):
    # Other hints in the message are asked first, one at a time: a "no" to each.
    turns = chat("my low back hurts", message, "no", "no", "no")
    asked = [t.get("confirming") or {} for t in turns]
    assert any(c.get("kind") == "severe_pain" for c in asked) or referred(turns, "emergency")
    never_loaded(turns)


@pytest.mark.parametrize("message", [
    "fell off the wagon with my diet this weekend, too much pizza",
    "blacked out the windows in my garage gym so the neighbours can't watch me",
    "proper pissed off that I missed my PR by 2.5kg",
    "my chest is sore from bench yesterday, pecs are tender to touch",
])
def test_idioms_and_training_soreness_are_never_a_referral(message):
    turns = chat("no pain", message)
    assert not urgencies(turns)


@pytest.mark.parametrize(("message", "kinds"), [
    ("I fell over in the gym trying to film myself, only my pride is hurt", {"trauma"}),
    ("my legs went numb sitting cross-legged for an hour, pins and needles then fine",
     {"leg_numbness", "both_legs"}),
])
def test_what_passed_at_once_is_asked_about_not_referred(message, kinds):
    turns = chat("my low back is a bit sore", message)
    assert not urgencies(turns)
    assert turns[-1]["asking"] == "confirm" and turns[-1]["confirming"]["kind"] in kinds
    # And a yes to the plain question is the sign itself: referred.
    yes = chat("my low back is a bit sore", message, "yes")
    assert urgencies(yes)[-1] in ("emergency", "soon")


def test_a_fear_of_a_sign_is_not_the_sign():
    turns = chat("no pain", "I'm scared of getting sciatica like my dad did")
    told = [f for f in turns[2]["facts"] if f.get("kind") == "radiating_pain"]
    assert told and all(f.get("context") == "hypothetical" for f in told)
    assert not urgencies(turns)
