"""What the app looks like (pytest-textual-snapshot): the opening, a plan, a referral.

Update after an intended change of look with ``uv run pytest tests/test_app_snapshots.py
--snapshot-update``, and look at the SVGs in tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from test_app import INTERVIEW, RecordingApp, scripted
from textual.pilot import Pilot

from coach.app.widgets.prompt import PromptInput

Before = Callable[[Pilot], Awaitable[None]]


def app(tmp_path: Path) -> RecordingApp:
    return RecordingApp(scripted, transcript_dir=tmp_path)


def after(messages: list[str], theme: str | None = None) -> Before:
    async def run_before(pilot: Pilot) -> None:
        if theme:
            pilot.app.theme = theme
        # Stable pictures: the model loaded (no spinner), no blinking cursor.
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        prompt = pilot.app.query_one(PromptInput)
        prompt.cursor_blink = False
        for message in messages:
            prompt.value = message
            await pilot.press("enter")
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.pause(0.2)  # Markdown lays out in steps
        await pilot.app.workers.wait_for_complete()

    return run_before


def test_the_opening_screen(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(app(tmp_path), run_before=after([]))


def test_a_plan_at_80x24(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(app(tmp_path), run_before=after(INTERVIEW))


def test_a_plan_in_a_large_light_terminal(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(
        app(tmp_path), terminal_size=(130, 40), run_before=after(INTERVIEW, "textual-light")
    )


def test_a_referral(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(app(tmp_path), run_before=after(["numb around my groin"]))


def test_a_clearance_keeps_the_stick_hinge_under_its_box(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(app(tmp_path), terminal_size=(130, 40),
                        run_before=after(["no", "I have a heart condition"]))


def test_a_suspected_sign_is_shown_and_asked_about(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(app(tmp_path), terminal_size=(130, 40),
                        run_before=after(["my low back is sore after deadlifts",
                                          "maybe some tingling"]))


def test_a_narrow_terminal_hides_the_panel(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(app(tmp_path), terminal_size=(60, 20), run_before=after(["no"]))
