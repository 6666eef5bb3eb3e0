"""Standing knowledge is in working memory, the rules join on it, and the trace cites it.

The knowledge files are the one source: a trainer who edits the skip table, a step's
equipment or a mistake's cue in a copy of hinge.toml changes the plan the rules give.
"""

from __future__ import annotations

import dataclasses

from factsets import (
    equipment,
    fault,
    full_answers,
    history,
    mastery,
    no_conditions,
    no_faults,
    no_symptoms,
    session_with,
)

from coach.session import CoachSession
from rules.engine import HingeEngine
from rules.knowledge import Mistake, Needs, Skips, load
from rules.standing import FixedBy, Rung, SendsToStick, SkipsFor


def _session(knowledge, facts) -> CoachSession:
    session = CoachSession(knowledge)
    session.tell(facts)
    return session


def test_the_engine_holds_the_ladder_the_skip_table_and_the_links_after_every_reset():
    knowledge = load()
    engine = HingeEngine(knowledge)
    for _ in range(2):
        engine.reset()
        facts = list(engine.facts.values())
        rungs = sorted((f for f in facts if type(f) is Rung), key=lambda f: f["index"])
        assert [r["step"] for r in rungs] == [s.id for s in knowledge.steps]
        assert rungs[-1]["above"] is None and rungs[0]["always"]
        skips = {f["level"]: f["steps"] for f in facts if type(f) is SkipsFor}
        assert skips == knowledge.skips.by_level
        assert {f["fault"] for f in facts if type(f) is SendsToStick} == {
            m.fault for m in knowledge.mistakes.values() if m.forces_stick
        }
        links = {(f["fault"], f["cue"]) for f in facts if type(f) is FixedBy}
        assert links == {(m.fault, c) for m in knowledge.mistakes.values() for c in m.cues}


def test_the_skip_table_is_read_from_the_knowledge_not_from_python():
    answers = full_answers(history=[history("intermediate", 2)],
                           equipment=[equipment("kettlebell", 2)])
    assert _session(load(), answers).plan()["start"] == "suitcase_hinge"
    knowledge = load()
    no_skips = dataclasses.replace(
        knowledge,
        skips=Skips({level: 0 for level in knowledge.skips.by_level}, knowledge.skips.basis,
                    knowledge.skips.source),
    )
    assert _session(no_skips, answers).plan()["start"] == "kettlebell_hinge"


def test_which_fault_sends_to_the_stick_is_read_from_the_knowledge():
    answers = full_answers(history=[history("experienced", 6)],
                           faults=[fault("knees_cave")])
    assert _session(load(), answers).plan()["start"] != "stick_hinge"
    knowledge = load()
    mistakes = dict(knowledge.mistakes)
    mistakes["knees_cave"] = dataclasses.replace(mistakes["knees_cave"], back_moves="caves")
    edited = dataclasses.replace(knowledge, mistakes=mistakes)
    plan = _session(edited, answers).plan()
    assert plan["start"] == "stick_hinge"
    assert any("Your back caves during the hinge" in b for b in plan["because"])


def test_a_mistakes_cues_and_a_steps_equipment_are_read_from_the_knowledge():
    knowledge = load()
    mistakes: dict[str, Mistake] = dict(knowledge.mistakes)
    mistakes["toe_lift"] = dataclasses.replace(mistakes["toe_lift"], cues=("brace_core",))
    steps = list(knowledge.steps)
    # The first loaded step now needs a trap bar: one kettlebell no longer reaches it.
    steps[1] = dataclasses.replace(steps[1], needs=Needs(("trap_bar",), 1))
    edited = dataclasses.replace(knowledge, mistakes=mistakes, steps=tuple(steps))
    answers = full_answers(faults=[fault("toe_lift")], equipment=[equipment("kettlebell", 1)])
    before, after = _session(knowledge, answers).plan(), _session(edited, answers).plan()
    assert before["start"] == "kettlebell_hinge" and "whole_foot" in before["focus"]
    assert after["start"] == "stick_hinge"
    assert "whole_foot" not in after["focus"] and "brace_core" in after["focus"]


def test_the_trace_cites_the_article_for_the_knowledge_a_rule_joined_on():
    session = session_with(full_answers(history=[history("experienced", 6)],
                                        faults=[fault("back_bend")]))
    lines = session.how_decided("start").lines()
    quote = load().mistakes["back_bend"].source.quote
    assert any("[rule back_fault_to_stick]" in line for line in lines)
    assert any(f'the article (mistakes): "{quote}"' in line for line in lines)

    session = session_with(full_answers(history=[history("experienced", 6)]))
    lines = session.how_decided("start").lines()
    skips = load().skips
    assert any("[rule history_skip]" in line for line in lines)
    assert any(f'"{skips.source.quote}"' in line and skips.basis in line for line in lines)


def test_the_equipment_step_down_walks_down_to_the_highest_step_the_kit_reaches():
    # Experienced: the ideal is the double kettlebell hinge (index 3); one kettlebell
    # reaches the suitcase hinge below it, and the trace says which steps were looked at.
    session = session_with(full_answers(history=[history("experienced", 6)],
                                        equipment=[equipment("kettlebell", 1)]))
    assert session.plan()["start"] == "suitcase_hinge"
    lines = session.how_decided("start").lines()
    assert lines[0].startswith("- start at the Suitcase hinge [rule equipment_step_down]")
    assert any("Double kettlebell hinge needs two kettlebells or dumbbells" in line
               for line in lines)


def test_why_a_question_is_asked_cites_what_set_it_off():
    session = CoachSession()
    session.tell([no_symptoms(), no_conditions(), mastery(True), no_faults()], said="said so")
    session.tell([history("beginner")], said="I lift a little")
    lines = session.how_decided("question:equipment").lines()
    assert lines[0].startswith("- I still need to ask about equipment [rule need_equipment]")
    # Equipment is asked because the ideal start carries load, which mastery set off.
    assert any("[rule target_loaded]" in line or "[rule no_skip_for_level]" in line
               for line in lines)
    assert any('(you said: "said so")' in line for line in lines)


def test_a_check_in_question_cites_the_step_the_person_was_on():
    session = CoachSession()
    session.resume("suitcase_hinge")
    lines = session.how_decided("question:check_in").lines()
    assert lines[0].startswith("- I still need to ask about check in [rule need_check_in]")
    assert any("last time you were on the Suitcase hinge" in line for line in lines)
