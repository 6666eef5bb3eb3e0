"""The Textual app, driven like a person would: keys, Enter, the palette (Pilot tests).

A scripted parser stands in for the language layer, so these tests pin down the app and
not the classifier; a gated parser factory stands in for a slow spaCy load.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from factsets import equipment, fault, goal, red_flag, symptom
from scripted_parser import ScriptedParser
from textual.pilot import Pilot
from textual.widgets import Markdown

from coach.app import HingeCoachApp
from coach.app.commands import CoachCommands
from coach.app.widgets.bubbles import CoachMessage, Note, UserMessage
from coach.app.widgets.chat_log import ChatLog
from coach.app.widgets.facts import FactsView
from coach.app.widgets.prompt import PromptInput
from coach.app.widgets.side_panel import SidePanel
from coach.app.widgets.status import ParserStatus
from coach.dialogue import Dialogue, Understander
from coach.profile.memory import Memory
from coach.profile.store import ProfileStore
from coach.text import clean, printable

pytestmark = pytest.mark.asyncio

ODD = "[bold]x[/] [/] [link=https://example.com]click[/link] **b** # h `c` <b> \x1b[2J\x07"

SCRIPT: dict[str, tuple[str, float, list[dict[str, Any]]]] = {
    "my low back is sore after deadlifts": (
        "inform", 0.9, [symptom("low_back", "soreness", "lifting", 3)]),
    "no": ("deny", 0.95, []),
    "yes": ("affirm", 0.97, []),
    "my toes lift": ("inform", 0.9, [fault("toe_lift")]),
    "one kettlebell": ("inform", 0.9, [equipment("kettlebell", 1)]),
    "lift a barbell": ("inform", 0.9, [goal("barbell")]),
    "why are you asking?": ("ask_why_asking", 0.9, []),
    "numb around my groin": ("inform", 0.9, [red_flag("saddle_numbness")]),
    "I have a heart condition": (
        "inform", 0.9, [{"type": "condition", "kind": "heart_condition", "present": True}]),
    "maybe some tingling": (
        "inform", 0.8, [{**red_flag("leg_numbness"), "certainty": "suspected"}]),
    "bye": ("goodbye", 0.99, []),
    # The dialogue parses the message with its controls made spaces.
    clean(ODD): ("inform", 0.9, [symptom("low_back", "pain", "picking_up", 4)]),
}
# The whole interview, one answer a topic, to the plan: start at the kettlebell hinge.
INTERVIEW = ["my low back is sore after deadlifts", "no", "no", "yes", "my toes lift",
             "one kettlebell", "lift a barbell"]


def scripted() -> Understander:
    return ScriptedParser(SCRIPT)


class RecordingApp(HingeCoachApp):
    """The app, noting what it notified, so tests can read the toasts."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.notified: list[str] = []

    def notify(self, message: str, **kwargs: Any) -> None:  # type: ignore[override]
        self.notified.append(str(message))
        super().notify(message, **kwargs)


class Gate:
    """A parser factory that blocks, like a slow spaCy load, until ``open()``."""

    def __init__(self, fail: bool = False) -> None:
        self._event = threading.Event()
        self.fail = fail
        self.threads: set[int] = set()

    def open(self) -> None:
        self._event.set()

    def __call__(self) -> Understander:
        self.threads.add(threading.get_ident())
        self._event.wait(10)
        if self.fail:
            raise OSError("no model here")
        return ScriptedParser(SCRIPT)


def make_app(tmp_path: Path, factory: Callable[[], Understander] = scripted) -> RecordingApp:
    return RecordingApp(factory, transcript_dir=tmp_path)


async def settle(pilot: Pilot) -> None:
    """Let workers finish (the model's load, panel redraws) and what they posted land."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    if pilot.app.workers:  # the load's message started a redraw
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def press(pilot: Pilot, key: str) -> None:
    """A key, and what it sets off answered."""
    await pilot.press(key)
    await settle(pilot)


async def type_message(pilot: Pilot, text: str) -> None:
    """Type as a person would, key by key, and press Enter."""
    await pilot.press(*text)
    await press(pilot, "enter")


async def send(pilot: Pilot, text: str) -> None:
    """As if pasted, then Enter: much quicker than typing key by key, and the only way for
    text with controls in it."""
    pilot.app.query_one(PromptInput).value = text
    await press(pilot, "enter")


def said(app: HingeCoachApp) -> list[tuple[str, str]]:
    return app.conversation()


def user_texts(app: HingeCoachApp) -> list[str]:
    return [w.said for w in app.query(UserMessage)]


def coach_texts(app: HingeCoachApp) -> list[str]:
    return [w.said for w in app.query(CoachMessage)]


def fact_texts(app: HingeCoachApp) -> list[str]:
    return [line.described.text for line in app.query_one(FactsView).lines]


def started_step(app: HingeCoachApp) -> list[str]:
    return [w.id or "" for w in app.query(".step.-start")]


# --- the chat ----------------------------------------------------------------------------------
async def test_the_opening_is_on_screen_and_the_input_has_focus(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        await settle(pilot)
        (opening,) = coach_texts(app)
        assert "Hinge Coach" in opening and "how does your body feel" in opening
        assert app.focused is app.query_one(PromptInput)
        assert fact_texts(app) == []
        assert started_step(app) == []
        sections = [w.id for w in app.query_one(SidePanel).children]
        assert sections == ["facts-section", "plan-section"]
        assert "how your body feels" in str(app.query_one("#plan .empty").render())


async def test_a_whole_interview_fills_the_panel_and_lights_the_starting_step(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        await settle(pilot)
        for message in INTERVIEW:
            await type_message(pilot, message)
            assert app.focused is app.query_one(PromptInput)

        assert user_texts(app) == INTERVIEW
        # The log reads opening, then each message followed by its answer.
        roles = [role for role, _ in said(app)]
        assert roles == ["coach"] + ["user", "coach"] * len(INTERVIEW)
        replies = coach_texts(app)
        assert "safety check" in replies[1]
        assert "health questions" in replies[2]
        assert "hinge without the stick" in replies[3]
        assert "Start with: Kettlebell hinge" in replies[-1]
        assert "not medical advice" in replies[-1]

        assert fact_texts(app) == [
            "Low back soreness, 3/10, when lifting",
            "None of the warning signs",
            "None of the health conditions",
            "Hinges without the stick",
            "Toes lifting off the floor",
            "1 kettlebell",
            "Goal: lift a barbell",
        ]
        quotes = [line.said for line in app.query_one(FactsView).lines]
        assert quotes == INTERVIEW
        assert started_step(app) == ["step-kettlebell_hinge"]
        # With a plan, the plan comes first in the panel.
        sections = [w.id for w in app.query_one(SidePanel).children]
        assert sections == ["plan-section", "facts-section"]
        assert [w.id for w in app.query(".step.-before")] == ["step-stick_hinge"]
        cues = [str(w.text) for w in app.query("#plan .cue")]
        watch = [str(w.text) for w in app.query("#plan .watch")]
        # The fault's cue, then the cues the kettlebell hinge depends on most (clause 6).
        assert cues == ["Whole foot down", "Brace your core", "Soft knees", "Hips back"]
        assert watch == ["Toes lifting off the floor"]
        # The long plan is read from its start: the message it answers is in view.
        log = app.query_one(ChatLog)
        last_question = app.query(UserMessage).last()
        assert log.scroll_y <= last_question.virtual_region.y < log.scroll_y + log.size.height


async def test_a_warning_sign_shows_the_referral_instead_of_the_ladder(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        await settle(pilot)
        await send(pilot, "numb around my groin")
        referral = app.query_one("#plan .referral")
        assert referral.has_class("-emergency")
        assert "urgent" in str(referral.border_title).lower()
        reasons = [str(w.text) for w in app.query("#plan .reason")]
        assert reasons == ["numbness around the genitals, buttocks or inner thighs"]
        assert not app.query(".step")
        assert "emergency services" in coach_texts(app)[-1]
        fact = app.query_one("#facts .fact")
        assert fact.has_class("-danger")


async def test_the_dialogue_runs_on_the_ui_thread_only(tmp_path: Path) -> None:
    threads: set[int] = set()

    class Watching(ScriptedParser):
        def parse(self, text: str) -> dict[str, Any]:
            threads.add(threading.get_ident())
            return super().parse(text)

    gate = Gate()
    gate.open()

    def factory() -> Understander:
        gate()
        return Watching(SCRIPT)

    app = make_app(tmp_path, factory)
    async with app.run_test() as pilot:
        await settle(pilot)
        await send(pilot, "no")
        await send(pilot, "yes")
    assert threads == {threading.main_thread().ident}
    assert gate.threads and threading.main_thread().ident not in gate.threads


# --- loading the language layer ----------------------------------------------------------------
async def test_the_window_is_usable_while_the_model_loads_and_answers_in_order(
    tmp_path: Path,
) -> None:
    gate = Gate()
    app = make_app(tmp_path, gate)
    async with app.run_test() as pilot:
        await pilot.pause()
        # First paint done, model still loading: opening shown, indicator on.
        status = app.query_one(ParserStatus)
        assert status.state == "loading" and status.display
        assert len(coach_texts(app)) == 1
        await pilot.press(*"no")
        await pilot.press("enter")
        await pilot.press(*"yes")
        await pilot.press("enter")
        await pilot.pause()
        bubbles = list(app.query(UserMessage))
        assert [b.said for b in bubbles] == ["no", "yes"]
        assert all(b.pending for b in bubbles)
        assert len(coach_texts(app)) == 1  # nothing answered yet

        gate.open()
        await settle(pilot)
        assert status.state == "ready" and not status.display
        assert not any(b.pending for b in app.query(UserMessage))
        # Each answer sits under the message it answers.
        assert [role for role, _ in said(app)] == ["coach", "user", "coach", "user", "coach"]
        replies = coach_texts(app)
        assert "health questions" in replies[1]  # "no" to symptoms
        # "yes" to the readiness list, without saying which: asked again, plainly.
        assert "Which of those apply to you" in replies[2]


async def test_a_command_waits_behind_a_message_sent_before_it(tmp_path: Path) -> None:
    gate = Gate()
    app = make_app(tmp_path, gate)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"no", "enter", "f2")
        await pilot.pause()
        assert user_texts(app) == ["no", "Why are you asking?"]
        assert len(coach_texts(app)) == 1
        gate.open()
        await settle(pilot)
        replies = coach_texts(app)
        assert "health questions" in replies[1]
        assert replies[2].startswith("I'm asking because")


async def test_a_failed_load_is_reported_and_the_app_carries_on(tmp_path: Path) -> None:
    gate = Gate(fail=True)
    gate.open()
    app = make_app(tmp_path, gate)
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        assert app.is_running
        assert app.query_one(ParserStatus).state == "failed"
        assert any("no model here" in n for n in app.notified)
        await send(pilot, "no")
        assert "can't read free text" in coach_texts(app)[-1]
        await press(pilot, "f2")
        assert coach_texts(app)[-1].startswith("I'm asking because")


# --- showing what people type, literally -------------------------------------------------------
LITERALLY = ["[bold]", "[/]", "[link=x]", "**x**", "# x", "\x00\x1b[2J", "[link=x]y[/link]",
             "<b>x</b>", "[", "\\[not markup]", ODD]


async def test_what_a_person_types_is_shown_exactly(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        await settle(pilot)
        for text in LITERALLY:
            await send(pilot, text)
            bubble = app.query(UserMessage).last()
            assert bubble.said == text
            shown = str(bubble.bubble.render())
            assert shown.strip() == printable(text).strip()
            assert "\x1b" not in shown
        assert user_texts(app) == LITERALLY
        assert app.is_running


async def test_odd_text_in_facts_and_explanations_renders_without_error(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        await settle(pilot)
        await send(pilot, ODD)
        quote = str(app.query_one("#facts .said").render())
        assert "[bold]x[/] [/] [link=https://example.com]" in quote
        for message in ["no", "no", "yes", "my toes lift", "one kettlebell", "lift a barbell"]:
            await send(pilot, message)
        await pilot.press("f3")  # the chain of reasoning quotes what was said
        await settle(pilot)
        explanation = app.query(CoachMessage).last()
        # Quoted with Markdown escaped, so the person's words render as typed.
        assert "you said" in explanation.said and r"\[bold\]x\[/\]" in explanation.said
        await pilot.pause(0.1)
        assert explanation.query("MarkdownBlock")  # laid out, nothing raised
        assert app.is_running


# --- the input ---------------------------------------------------------------------------------
async def test_up_and_down_recall_earlier_messages(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        await settle(pilot)
        prompt = app.query_one(PromptInput)
        await type_message(pilot, "no")
        await type_message(pilot, "yes")
        await pilot.press(*"half")
        await pilot.press("up")
        assert prompt.value == "yes"
        await pilot.press("up", "up")
        assert prompt.value == "no"
        await pilot.press("down")
        assert prompt.value == "yes"
        await pilot.press("down")
        assert prompt.value == "half"
        await press(pilot, "enter")
        assert user_texts(app)[-1] == "half"


async def test_a_blank_enter_sends_nothing(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("enter", "space", "enter")
        await settle(pilot)
        assert user_texts(app) == []


# --- commands ----------------------------------------------------------------------------------
async def test_the_palette_holds_the_coachs_commands_first(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        await settle(pilot)
        provider = CoachCommands(app.screen)
        titles = [str(hit.display) async for hit in provider.discover()]
        coach = ["Why?", "How did you decide?", "Show my plan", "Show my history",
                 "Save transcript",
                 "Restart the interview", "Help: what can I ask?", "Toggle side panel", "Quit"]
        assert titles[: len(coach)] == coach
        assert titles.count("Quit") == 1 and "Theme" in titles


async def test_saving_from_the_palette_writes_the_conversation_and_plan(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(notifications=True) as pilot:
        await settle(pilot)
        await send(pilot, ODD)
        for message in INTERVIEW[1:]:
            await send(pilot, message)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"save transcript")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        (saved,) = tmp_path.glob("hinge-coach-*.md")
        text = saved.read_text(encoding="utf-8")
        assert any(str(saved) in n for n in app.notified)
        assert isinstance(app.query(Note).last(), Note)
        assert "## Your plan" in text and "### Start with: Kettlebell hinge" in text
        assert "## What I know about you" in text and "- Toes lifting off the floor" in text
        # What the person typed is escaped, so a Markdown viewer shows it as typed.
        assert r"\[bold\]x\[/\]" in text and r"\*\*b\*\*" in text and "\x1b" not in text
        assert text.index("**You:**") > text.index("**Coach:**")


async def test_why_how_plan_and_restart_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        await settle(pilot)
        await press(pilot, "f2")
        assert coach_texts(app)[-1].startswith("I'm asking because")
        await press(pilot, "f4")
        assert "haven't decided anything yet" in coach_texts(app)[-1]
        for message in INTERVIEW:
            await send(pilot, message)
        await press(pilot, "f2")
        assert user_texts(app)[-1] == "Why this plan?"
        assert "Here's how I decided" in coach_texts(app)[-1]
        await press(pilot, "f3")
        assert "(rule " in coach_texts(app)[-1]
        await press(pilot, "f4")
        assert coach_texts(app)[-1].startswith("### Start with: Kettlebell hinge")
        await press(pilot, "ctrl+r")
        assert "start over" in coach_texts(app)[-1]
        assert fact_texts(app) == [] and started_step(app) == []


async def test_history_shows_the_path_across_sessions_and_says_when_there_is_none(
    tmp_path: Path,
) -> None:
    path = tmp_path / "profile.sqlite3"

    def remembering(parser: Understander) -> Dialogue:
        return Dialogue(parser, memory=Memory(ProfileStore.open(path).store))

    app = RecordingApp(scripted, transcript_dir=tmp_path, dialogue_factory=remembering)
    async with app.run_test() as pilot:
        await settle(pilot)
        await press(pilot, "f5")
        assert user_texts(app)[-1] == "Show my history"
        assert coach_texts(app)[-1].startswith("No plan yet")
        for message in INTERVIEW:
            await send(pilot, message)
        await press(pilot, "f5")
        first = coach_texts(app)[-1]
        assert first.startswith("Your path so far (1 session)")
        assert first.count("\n- ") == 1 and "started, **Kettlebell hinge" in first

    # The next day: the window opens where they left off, and the path is there.
    app = RecordingApp(scripted, transcript_dir=tmp_path, dialogue_factory=remembering)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert "Kettlebell hinge" in coach_texts(app)[0]
        await press(pilot, "f5")
        assert coach_texts(app)[-1].startswith("Your path so far (2 sessions)")
        assert "started, **Kettlebell hinge" in coach_texts(app)[-1]


async def test_history_without_a_profile_says_none_is_kept(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        await settle(pilot)
        await press(pilot, "f5")
        assert "not keeping a profile" in coach_texts(app)[-1]


async def test_asking_why_neither_repeats_nor_uses_up_the_question(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("f2", "f2")
        await settle(pilot)
        assert all(t.startswith("I'm asking because") for t in coach_texts(app)[1:])
        assert all("how does your body feel" not in t for t in coach_texts(app)[1:])
        # Off-topic messages are not answers, so they don't use up the question's asks.
        await send(pilot, "something else entirely")
        await send(pilot, "something else entirely")
        assert "how does your body feel" in coach_texts(app)[-1]
        assert not any("leave that for now" in t for t in coach_texts(app))


async def test_goodbye_keeps_the_window_open_and_says_how_to_leave(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        await settle(pilot)
        await send(pilot, "bye")
        assert "Good luck" in coach_texts(app)[-1]
        assert "Ctrl+Q" in app.query_one(PromptInput).placeholder
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


# --- layout ------------------------------------------------------------------------------------
async def test_the_side_panel_hides_on_narrow_terminals_and_toggles(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        panel = app.query_one(SidePanel)
        assert not panel.display
        await pilot.press("ctrl+b")
        assert panel.display
        await pilot.press("ctrl+b")
        assert not panel.display
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.query_one(SidePanel).display


async def test_new_replies_do_not_pull_a_reader_who_scrolled_up(tmp_path: Path) -> None:
    gate = Gate()
    app = make_app(tmp_path, gate)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for message in ["no", "yes", "my toes lift"]:
            await pilot.press(*message, "enter")
        await pilot.pause(0.1)
        log = app.query_one(ChatLog)
        assert log.max_scroll_y > 0
        await pilot.press("pageup")  # the reader goes back to the opening
        await pilot.pause()
        before = log.scroll_y
        assert before < log.max_scroll_y
        gate.open()
        await settle(pilot)
        assert len(coach_texts(app)) == 4
        assert log.scroll_y == before
        # Sending a message brings the view back down, and it follows again.
        await send(pilot, "one kettlebell")
        await pilot.pause(0.1)
        assert log.scroll_y == log.max_scroll_y


async def test_markdown_links_in_the_coachs_text_are_not_opened(tmp_path: Path) -> None:
    opened: list[str] = []
    app = make_app(tmp_path)
    app.open_url = lambda url, **kwargs: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test() as pilot:
        await settle(pilot)
        message = app.query_one(CoachMessage)
        message.post_message(Markdown.LinkClicked(message, "https://example.com"))
        await pilot.pause()
        assert opened == []
