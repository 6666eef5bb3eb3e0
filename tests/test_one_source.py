"""One source per sign: edit a sign's wording in a copy of safety.toml, and the screen, the
reply and the reason all say the new words; the screening lists come from the same file."""

from __future__ import annotations

import shutil
from importlib.resources import files
from pathlib import Path

import pytest
from factsets import red_flag, symptom
from scripted_parser import ScriptedParser
from textual.app import App, ComposeResult
from textual.widgets import Static

from coach.app.widgets.plan import PlanState, PlanView
from coach.dialogue import Dialogue
from coach.render import plan_markdown
from coach.session import CoachSession
from rules.knowledge import Knowledge, KnowledgeError, load

OLD_NAME = "chest pain"
NEW_NAME = "a tight, crushing feeling in the chest (edited)"


def _edited(tmp_path: Path, old: str, new: str) -> Knowledge:
    """The knowledge read from a copy of the files with one line of safety.toml edited."""
    for name in ("hinge.toml", "reasons.toml", "safety.toml"):
        shutil.copy(Path(str(files("rules.knowledge").joinpath(name))), tmp_path / name)
    safety = tmp_path / "safety.toml"
    text = safety.read_text("utf-8")
    assert text.count(old) == 1, old
    safety.write_text(text.replace(old, new), "utf-8")
    return load(tmp_path)


@pytest.fixture
def knowledge(tmp_path: Path) -> Knowledge:
    return _edited(tmp_path, f'name = "{OLD_NAME}"', f'name = "{NEW_NAME}"')


def _chat(knowledge: Knowledge) -> Dialogue:
    script = {"my back hurts and I get chest pain": (
        "inform", 0.9, [symptom("low_back", "pain"), red_flag("chest_pain")])}
    dialogue = Dialogue(ScriptedParser(script), session_factory=lambda: CoachSession(knowledge))
    dialogue.opening()
    return dialogue


def test_the_reply_and_the_reasons_name_the_sign_as_the_file_words_it(knowledge):
    dialogue = _chat(knowledge)
    turn = dialogue.reply("my back hurts and I get chest pain")
    assert turn.plan is not None and turn.plan["referral"]["urgency"] == "emergency"
    assert f"You told me about: {NEW_NAME}." in turn.say
    assert any(NEW_NAME in b for b in turn.plan["because"])
    assert any(NEW_NAME[:1].upper() + NEW_NAME[1:] in b for b in turn.plan["because"])
    assert all(f" {OLD_NAME}" not in b for b in turn.plan["because"])
    # The unedited files still say the old words: the edit is what changed them.
    plain = _chat(load()).reply("my back hurts and I get chest pain")
    assert f"You told me about: {OLD_NAME}." in plain.say


@pytest.mark.asyncio
async def test_the_screen_names_the_sign_as_the_file_words_it(knowledge):
    session = CoachSession(knowledge)
    session.tell([symptom("low_back", "pain"), red_flag("chest_pain")])
    plan = session.plan_details()
    assert plan is not None
    view = PlanView(knowledge)
    view.state = PlanState(plan, None)

    class Screen(App[None]):
        def compose(self) -> ComposeResult:
            yield view

    async with Screen().run_test():
        shown = " ".join(str(s.render()) for s in view.query(Static))
    assert NEW_NAME in shown and knowledge.referral["emergency"].advice in shown
    assert knowledge.referral_words["no_plan"] in shown
    assert plan_markdown(plan, knowledge).count(NEW_NAME) == 1


def test_the_referrals_what_to_do_is_worded_once(tmp_path):
    old = 'act = "see a doctor or physiotherapist soon"'
    edited = _edited(tmp_path, old, 'act = "see your GP this week"')
    session = CoachSession(edited)
    session.tell([symptom("low_back", "pain"), red_flag("fever")])
    plan = session.plan_details()
    assert plan is not None and plan.referral is not None
    assert edited.referral["soon"].advice.startswith("Please see your GP this week,")
    assert any("please see your GP this week and stop loading" in b for b in plan.because)
    assert plan_markdown(plan, edited).startswith("**Please see your GP this week,")


def test_the_screening_list_is_read_from_safety_toml(tmp_path):
    line = "numbness around the groin, buttocks or inner thighs"
    edited = _edited(tmp_path, f'text = "{line}"', 'text = "numbness in the saddle area"')
    dialogue = Dialogue(
        ScriptedParser({"my back hurts": ("inform", 0.9, [symptom("low_back", "pain")])}),
        session_factory=lambda: CoachSession(edited),
    )
    dialogue.opening()
    turn = dialogue.reply("my back hurts")
    assert turn.asking == "red_flags"
    assert "- numbness in the saddle area" in turn.say and line not in turn.say


def test_a_screening_list_that_leaves_out_a_sign_fails_at_load(tmp_path):
    with pytest.raises(KnowledgeError, match="leaves out"):
        _edited(tmp_path, 'covers = ["pregnancy"]', 'covers = []')


def test_a_sign_moved_to_another_urgency_fails_at_load(tmp_path):
    text = (Path(str(files("rules.knowledge").joinpath("safety.toml")))).read_text("utf-8")
    start = text.index("[red_flags.chest_pain]")
    old = text[start:text.index("\n\n", start)]
    with pytest.raises(KnowledgeError, match="emergency"):
        _edited(tmp_path, old, old.replace('urgency = "emergency"', 'urgency = "soon"'))
