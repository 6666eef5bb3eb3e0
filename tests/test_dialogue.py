"""The dialogue's rules, in process, with scripted parses."""

from __future__ import annotations

from contract import assert_turn
from factsets import equipment, fault, goal, history, mastery, no_faults, red_flag, symptom
from scripted_parser import ScriptedParser

from coach.dialogue import MAX_CHARS, Dialogue
from rules.vocabulary import DECISIONS

SCRIPT = {
    "yes": ("affirm", 0.97, []),
    "no, just that": ("deny", 0.95, []),
    "a bit": ("affirm", 0.8, []),
    "nope": ("deny", 0.95, []),
    "not sure": ("unsure", 0.9, []),
    "hi": ("greet", 0.99, []),
    "help": ("help", 0.99, []),
    "restart": ("restart", 0.99, []),
    "bye": ("goodbye", 0.99, []),
    "why does my low back hurt?": ("ask_back_pain", 0.93, []),
    "what muscles does it work?": ("ask_muscles", 0.95, []),
    "what comes next?": ("ask_progression", 0.95, []),
    "why are you asking me that?": ("ask_why_asking", 0.9, []),
    "why this exercise?": ("ask_how_decided", 0.9, []),
    "what's the weather": ("out_of_scope", 0.9, []),
    "hmm the thing": ("inform", 0.3, []),
    "my low back is sore": ("inform", 0.9, [symptom("low_back", "soreness")]),
    "my low back hurts": ("inform", 0.9, [symptom("low_back", "pain")]),
    "why does my back hurt? and my groin is numb": (
        "ask_back_pain", 0.9, [symptom("low_back", "pain"), red_flag("saddle_numbness")]),
    "numb in my saddle area": ("inform", 0.9, [red_flag("saddle_numbness")]),
    "6 years": ("inform", 0.8, []),
    "toes lift": ("inform", 0.9, [fault("toe_lift")]),
    "one kettlebell": ("inform", 0.9, [equipment("kettlebell", 1)]),
    "barbell": ("inform", 0.9, [goal("barbell")]),
    "strength": ("inform", 0.9, [goal("strength")]),
    "6 years, toes lift, two kettlebells": (
        "inform", 0.9,
        [history("experienced", 6), fault("toe_lift"), equipment("kettlebell", 2)],
    ),
    "bad fact": ("inform", 0.9, [{"type": "fault", "kind": "wobble", "present": True},
                                 mastery(True)]),
}


def talk(*messages: str):
    dialogue = Dialogue(ScriptedParser(SCRIPT))
    turns = [dialogue.opening()] + [dialogue.reply(m) for m in messages]
    for turn in turns:
        assert_turn(turn.to_json())
    return dialogue, turns


def test_the_opening_introduces_the_coach_and_asks_about_symptoms():
    _, (opening,) = talk()
    assert opening.asking == "symptoms"
    assert "not medical advice" in opening.say
    assert opening.intent is None and opening.facts == [] and opening.plan is None


def test_a_whole_interview_with_short_answers_reaches_the_exact_plan():
    _, turns = talk("my low back is sore", "nope", "nope", "yes", "toes lift",
                    "one kettlebell", "barbell")
    assert [t.asking for t in turns] == [
        "symptoms", "red_flags", "readiness", "stick_mastery", "faults", "equipment", "goal",
        None,
    ]
    plan = turns[-1].plan
    assert plan["start"] == "kettlebell_hinge"
    assert plan["focus"] == ["whole_foot", "brace_core", "soft_knees", "hips_back"]
    assert plan["watch_for"] == ["toe_lift"]
    assert "Kettlebell hinge" in turns[-1].say
    assert "Whole foot down" in turns[-1].say
    assert "not medical advice" in turns[-1].say
    # The bare "nope" became a full red-flag denial and "yes" the mastery fact.
    assert turns[2].facts == [{"type": "red_flag", "kind": None, "present": False}]
    assert turns[3].facts == [{"type": "condition", "kind": None, "present": False}]
    assert turns[4].facts == [{"type": "mastery", "skill": "stick_free", "present": True}]


def test_a_bare_number_after_the_history_question_is_years():
    _, turns = talk("nope", "nope", "6 years")
    assert turns[2].asking == "lifting_history"
    assert turns[3].facts == [history(None, 6.0)]


def test_a_message_that_answers_more_than_asked_keeps_every_fact():
    _, turns = talk("nope", "nope", "6 years, toes lift, two kettlebells")
    assert len(turns[3].facts) == 3
    assert turns[3].asking == "stick_mastery"
    assert {f["type"] for f in turns[3].facts} == {"history", "fault", "equipment"}


def test_a_question_mid_interview_is_answered_and_the_interview_resumes():
    _, turns = talk("nope", "nope", "what muscles does it work?")
    assert "glutes and hamstrings" in turns[3].say
    assert turns[3].asking == turns[2].asking == "lifting_history"
    assert turns[3].intent == "ask_muscles"


def test_why_does_my_back_hurt_is_grounded_in_what_the_person_said():
    _, turns = talk("my low back is sore", "why does my low back hurt?")
    assert "low back soreness" in turns[2].say
    assert "not medical advice" in turns[2].say
    assert turns[2].asking == "red_flags"


def test_what_comes_next_walks_the_ladder_with_when_to_move_on():
    _, turns = talk("what comes next?")
    ladder = [line for line in turns[1].say.splitlines() if line[:2] in {f"{i}." for i in
                                                                        range(1, 8)}]
    assert len(ladder) == 7
    assert ladder[0].startswith("1. **Stick hip hinge**: Move on when you reach the bottom")
    # The top step has nowhere to move on to, and says so in a sentence of its own.
    assert ladder[6] == ("7. **Trap bar deadlift**: This is the top of this ladder: keep "
                         "building strength here.")


def test_why_are_you_asking_answers_from_the_rule_that_needs_the_topic():
    _, turns = talk("my low back hurts", "why are you asking me that?")
    assert turns[1].asking == "red_flags"
    assert "you told me about a symptom" in turns[2].say


def test_how_decided_explains_the_plan_with_the_chain():
    _, turns = talk("nope", "nope", "6 years, toes lift, two kettlebells", "yes", "no, just that",
                    "strength", "why this exercise?")
    assert turns[-2].plan is not None
    say = turns[-1].say
    assert "no skipping ahead" in say
    assert "(rule fault_blocks_skip)" in say
    assert turns[-1].plan is None  # the plan did not change


def test_a_red_flag_ends_loading_advice_at_once():
    _, turns = talk("numb in my saddle area")
    turn = turns[1]
    assert turn.plan["referral"] == {"urgency": "emergency", "reasons": ["saddle_numbness"]}
    assert turn.plan["start"] is None
    assert "emergency services" in turn.say
    assert turn.asking is None


def test_a_referral_comes_before_the_answer_to_a_question_asked_with_it():
    _, turns = talk("why does my back hurt? and my groin is numb")
    say = turns[1].say
    assert say.startswith("**Please stop here and get urgent medical help")
    assert say.index("emergency services") < say.index("When the hips don't do the work")


def one_shot(message: str):
    """As `hinge-coach ask` does: one message, answered without going on to ask."""
    turn = Dialogue(ScriptedParser(SCRIPT)).reply(message, resume=False)
    assert_turn(turn.to_json())
    return turn


def test_ask_with_a_statement_answers_it_and_points_to_the_interview():
    turn = one_shot("my low back hurts")
    assert turn.say.startswith("When the hips don't do the work")
    assert "run `hinge-coach`" in turn.say and turn.asking is None
    kit = one_shot("one kettlebell")
    assert kit.say.startswith("Got it.") and "run `hinge-coach`" in kit.say


def test_ask_with_a_warning_sign_refers_and_invites_no_exercise():
    turn = one_shot("numb in my saddle area")
    assert turn.say.startswith("**Please stop here and get urgent medical help")
    assert "Got it" not in turn.say and "run `hinge-coach`" not in turn.say


def test_no_topic_is_asked_a_third_time():
    dialogue, turns = talk("hmm the thing", "hmm the thing", "hmm the thing")
    # Symptoms not plainly denied: the warning signs are asked next, never skipped.
    assert [t.asking for t in turns] == ["symptoms", "symptoms", "red_flags", "red_flags"]
    assert "leave that for now" in turns[2].say
    assert "symptoms" in dialogue.session.unsure_topics()


def test_low_confidence_asks_did_you_mean_with_the_top_choices():
    _, turns = talk("hmm the thing")
    assert "Did you mean" in turns[1].say
    assert "to tell me about yourself or to ask which muscles it works" in turns[1].say


def test_not_sure_is_accepted_and_never_loops():
    # Not sure to everything: the screening is asked one sign at a time, each sign at most
    # twice; signs never answered end in clearance (stick hinge only), never in load.
    _, turns = talk(*["not sure"] * 80)
    asked = [(t.asking, (t.confirming or {}).get("kind")) for t in turns if t.asking]
    assert all(asked.count(key) <= 2 for key in asked)
    planned = next(t for t in turns if t.plan)
    assert planned.plan["start"] == "stick_hinge" and planned.plan["ladder"] == ["stick_hinge"]
    assert planned.plan["referral"]["urgency"] == "clearance"


def test_a_yes_that_says_too_little_gets_a_follow_up():
    _, turns = talk("yes")
    assert turns[1].asking == "symptoms"
    assert "Where do you feel it" in turns[1].say


def test_help_restart_and_goodbye_work_at_any_time():
    dialogue, turns = talk("nope", "help", "restart", "bye")
    assert "Commands" in turns[2].say and turns[2].asking == "readiness"
    assert turns[3].asking == "symptoms"
    assert dialogue.session.known_facts() == []
    assert dialogue.finished and "Good luck" in turns[4].say


def test_out_of_scope_says_what_the_coach_does_and_resumes():
    _, turns = talk("what's the weather")
    assert "only coach the hip hinge" in turns[1].say
    assert turns[1].asking == "symptoms"


def test_empty_and_control_character_messages_are_handled_and_use_up_no_asks():
    dialogue, turns = talk("", "   ", "\x00\x1b[2J\x07", "", "")
    assert all("didn't get anything" in t.say for t in turns[1:])
    assert all(t.asking == "symptoms" for t in turns[1:])
    said = [m for r, m in dialogue.transcript if r == "user"]
    assert said == ["", "   ", "\x00\x1b[2J\x07", "", ""]


def test_a_huge_message_is_read_up_to_the_limit_and_kept_whole():
    parser = ScriptedParser(SCRIPT)
    dialogue = Dialogue(parser)
    dialogue.opening()
    huge = "a" * (MAX_CHARS * 20)
    turn = dialogue.reply(huge)
    assert "first 100,000 characters" in turn.say
    assert "did **not** read the remaining 1,900,000 characters" in turn.say
    assert len(parser.seen[-1]) == MAX_CHARS
    assert dialogue.transcript[-2] == ("user", huge)


def test_an_invalid_fact_from_the_parser_costs_only_itself():
    _, turns = talk("bad fact")
    assert turns[1].facts == [{"type": "mastery", "skill": "stick_free", "present": True}]
    assert "couldn't use part of that" in turns[1].say


def test_a_change_of_mind_after_the_plan_gives_a_changed_plan():
    script = dict(SCRIPT)
    script["actually my toes do lift"] = ("inform", 0.9, [fault("toe_lift")])
    script["6 years, no faults, two kettlebells"] = (
        "inform", 0.9, [history("experienced", 6), no_faults(), equipment("kettlebell", 2)])
    dialogue = Dialogue(ScriptedParser(script))
    dialogue.opening()
    for message in ("nope", "nope", "6 years, no faults, two kettlebells", "yes"):
        dialogue.reply(message)
    first = dialogue.reply("strength")
    assert first.plan["start"] == "double_kettlebell_hinge"
    changed = dialogue.reply("actually my toes do lift")
    assert changed.plan["start"] == "kettlebell_hinge"
    assert "updated plan" in changed.say
    same = dialogue.reply("what muscles does it work?")
    assert same.plan is None and same.asking is None


# --- with a profile ------------------------------------------------------------------------
def _remembering(tmp_path, script=SCRIPT, days_later=0):
    from datetime import UTC, datetime, timedelta

    from coach.profile.memory import Memory
    from coach.profile.store import ProfileStore

    store = ProfileStore.open(tmp_path / "profile.sqlite3").store
    when = datetime.now(UTC) + timedelta(days=days_later)
    return Dialogue(ScriptedParser(script), memory=Memory(store), clock=lambda: when), store


def test_a_second_session_checks_in_and_moves_up(tmp_path):
    first, _ = _remembering(tmp_path)
    first.opening()
    for message in ("nope", "nope", "6 years, toes lift, two kettlebells", "yes", "no, just that",
                    "strength"):
        turn = first.reply(message)
    assert turn.plan["start"] == "kettlebell_hinge"

    script = dict(SCRIPT, **{"all good": ("deny", 0.8, [])})
    second, store = _remembering(tmp_path, script, days_later=2)  # practice in between
    opening = second.opening()
    assert "Welcome back" in opening.say and "Kettlebell hinge" in opening.say
    assert "whole foot down" in opening.say
    assert opening.asking == "check_in"
    assert "toes lifting off the floor" in opening.say
    turn = second.reply("all good")
    assert turn.plan["start"] == "suitcase_hinge"
    assert second.session.plan_details().decision == "move_up"
    assert turn.say.startswith("Nice work: time to move up one step.")
    assert [p.decision for p in store.plans()] == [None, "move_up"]


def test_a_check_in_with_the_fault_back_stays_and_says_so(tmp_path):
    first, _ = _remembering(tmp_path)
    first.opening()
    for message in ("nope", "nope", "6 years, toes lift, two kettlebells", "yes", "no, just that",
                    "strength"):
        first.reply(message)

    script = dict(SCRIPT, **{"my toes still lift": ("inform", 0.9, [fault("toe_lift")])})
    second, _ = _remembering(tmp_path, script)
    second.opening()
    turn = second.reply("my toes still lift")
    assert turn.plan["start"] == "kettlebell_hinge"
    assert second.session.plan_details().decision == "stay"
    assert turn.say.startswith("Let's stay on this step")


def test_every_decision_has_its_lead():
    phrasing = Dialogue(ScriptedParser(SCRIPT)).phrasing
    for decision in DECISIONS:
        assert phrasing[f"plan_intro_{decision}"].strip()


def test_everything_said_is_in_the_profile_as_it_happens(tmp_path):
    dialogue, store = _remembering(tmp_path)
    dialogue.opening()
    dialogue.reply("my low back is sore")
    said = [(role, text) for _, role, text in store.messages()]
    assert said[1] == ("user", "my low back is sore")
    assert said[0][0] == said[2][0] == "coach"
    assert store.facts() == [(symptom("low_back", "soreness"), "my low back is sore")]


def test_a_profile_that_cannot_be_written_does_not_end_the_session(tmp_path):
    dialogue, store = _remembering(tmp_path)
    dialogue.opening()
    store.close()  # any write now fails
    turn = dialogue.reply("my low back is sore")
    assert "couldn't save that to your profile" in turn.say
    assert turn.asking == "red_flags"


def test_questions_and_off_topic_messages_do_not_use_up_asks():
    _, turns = talk("what muscles does it work?", "what's the weather", "help", "hi",
                    "what muscles does it work?")
    assert all(t.asking == "symptoms" for t in turns)
    assert not any("leave that for now" in t.say for t in turns)


def test_a_referral_opens_with_its_urgent_lead():
    _, turns = talk("numb in my saddle area")
    assert turns[1].say.startswith("**Please stop here and get urgent medical help")


def test_restart_after_goodbye_carries_on():
    dialogue, _ = talk("bye", "restart")
    assert not dialogue.finished


def test_what_the_person_said_shows_literally_in_explanations():
    from coach.render import explanation_markdown

    script = dict(SCRIPT, **{"**toes** [lift](x)": ("inform", 0.9, [fault("toe_lift")])})
    dialogue = Dialogue(ScriptedParser(script))
    dialogue.opening()
    for message in ("nope", "nope", "6 years", "yes", "**toes** [lift](x)", "one kettlebell",
                    "strength"):
        dialogue.reply(message)
    chain = explanation_markdown(dialogue.session.how_decided("start"))
    assert r'you said: "\*\*toes\*\* \[lift\]\(x\)"' in chain


def test_a_doubtful_goodbye_or_restart_is_asked_about_not_obeyed():
    script = dict(SCRIPT, **{"garbled": ("goodbye", 0.4, []), "hmm again": ("restart", 0.5, [])})
    dialogue = Dialogue(ScriptedParser(script))
    dialogue.opening()
    dialogue.reply("my low back is sore")
    turn = dialogue.reply("garbled")
    assert not dialogue.finished and "Did you mean" in turn.say
    turn = dialogue.reply("hmm again")
    assert dialogue.session.known_facts(), "nothing wiped"
    # Two answers that didn't answer: the screening is never closed by them; it goes on one
    # sign at a time.
    assert turn.asking == "red_flags"
    assert turn.confirming == {"type": "red_flag", "kind": "saddle_numbness", "present": True}
    assert "one at a time" in turn.say


def test_why_asking_with_nothing_asked_and_no_plan_says_so():
    # `hinge-coach ask "why are you asking?"`: one message, no question before it, no plan.
    dialogue = Dialogue(ScriptedParser(SCRIPT))
    turn = dialogue.reply("why are you asking me that?", resume=False)
    assert "you have your plan" not in turn.say
    assert "haven't asked you anything yet" in turn.say
    assert "no plan yet" in turn.say
