"""The coach in a real browser: Debian's chromium, headless, on `hinge-coach serve`.

Proves the page works as the terminal does (an interview to a plan, a referral for a warning
sign, typed markup shown as typed, the transcript as a download), that two sessions at once
never see each other's conversation, that closing a tab ends its app process, and that the
session limit shows a page saying so. Screenshots are kept in artifacts/browser/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from language_fixtures import cache_dir
from served import Served, Tab, launch, need_browser, open_tab, serving, wait_for

OPENING = "how does your body feel"
PLAN = "Start with: Kettlebell hinge"


@pytest.fixture(scope="module")
def playwright() -> Iterator[Any]:
    need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    workdir = tmp_path_factory.mktemp("served-from")
    with serving(workdir, max_sessions=2, env={"HINGE_COACH_CACHE": str(cache_dir())}) as served:
        yield served


@pytest.fixture
def browser(playwright: Any, tmp_path: Path) -> Iterator[Any]:
    context = launch(playwright, tmp_path / "chromium-profile")
    yield context
    context.close()


def finish_interview(tab: Tab) -> None:
    # Each answer waits for the question it answers, as a person reading the page would.
    steps = [("no", "A few health questions"), ("no", "lifted weights before"),
             ("never lifted", "hinge without the stick"), ("yes", "do you notice any of these"),
             ("none", "What equipment do you have"), ("one kettlebell", "what's your goal"),
             ("to pick things up without hurting", PLAN)]
    for answer, next_question in steps:
        tab.say(answer)
        tab.wait_for_text(next_question, timeout=60)


def test_an_interview_in_the_browser_ends_in_a_plan_and_a_download(
        server: Served, browser: Any) -> None:
    tab = open_tab(browser, server.url)
    tab.wait_for_text(OPENING)
    tab.shot("1-opening")
    finish_interview(tab)
    tab.shot("2-plan")
    # The plan is on the side panel too, beside the chat, at a laptop's width.
    assert tab.flat().count("Kettlebell hinge") >= 2

    downloads: list[Any] = []
    def keep(download: Any) -> None:
        downloads.append(download)

    # The page opens the single-use download address in a new tab.
    browser.on("page", lambda popup: popup.on("download", keep))
    tab.page.on("download", keep)
    tab.page.keyboard.press("Control+s")
    wait_for(lambda: downloads, 20, "the transcript download", page=tab.page)
    saved = Path(downloads[0].path()).read_text(encoding="utf-8")
    assert "# Hinge Coach: your session of" in saved
    assert "Kettlebell hinge (Romanian deadlift)" in saved
    assert "never lifted" in saved
    assert downloads[0].suggested_filename.startswith("hinge-coach-")
    # Offered to the browser, never written where the server runs.
    assert not list(server.workdir.rglob("*.md"))


def test_a_warning_sign_gets_the_referral_and_markup_shows_as_typed(
        server: Served, browser: Any) -> None:
    tab = open_tab(browser, server.url)
    tab.wait_for_text(OPENING)
    tab.say("[bold]x[/bold] I have numbness around my groin")
    tab.wait_for_text("get urgent medical help", timeout=60)
    assert "[bold]x[/bold]" in tab.flat()
    tab.shot("3-referral")
    # Asking for exercise now gets the referral again, never instructions.
    tab.say("just show me the kettlebell exercise")
    wait_for(lambda: tab.flat().count("urgent medical help") >= 2, 30, "the referral again",
             page=tab.page)


def test_two_sessions_at_once_never_see_each_other(
        server: Served, playwright: Any, tmp_path: Path) -> None:
    first = launch(playwright, tmp_path / "first")
    second = launch(playwright, tmp_path / "second")
    try:
        a, b = open_tab(first, server.url), open_tab(second, server.url)
        a.wait_for_text(OPENING)
        b.wait_for_text(OPENING)
        a.say("my knees hurt, about a 3 out of 10, aardvark")
        b.say("my hamstrings feel tight, zeppelin")
        a.wait_for_text("aardvark")
        b.wait_for_text("zeppelin")
        wait_for(lambda: server.sessions_are(2), 10, "two app processes")
        # Both answered, each in its own conversation.
        wait_for(lambda: "A few health questions" in a.flat()
                 or "warning" in a.flat().lower(), 60, "an answer in the first tab")
        wait_for(lambda: "A few health questions" in b.flat()
                 or "warning" in b.flat().lower(), 60, "an answer in the second tab")
        # Each tab shows its own words (in the chat and in the side panel), never the other's.
        assert a.flat().count("aardvark") >= 2 and "zeppelin" not in a.flat()
        assert b.flat().count("zeppelin") >= 2 and "aardvark" not in b.flat()
        assert b"zeppelin" not in a.received and b"aardvark" not in b.received
        a.shot("4-first-of-two")
        b.shot("5-second-of-two")
    finally:
        first.close()
        second.close()


def test_a_closed_tab_ends_its_process_and_the_limit_shows_a_page(
        server: Served, playwright: Any, tmp_path: Path) -> None:
    wait_for(lambda: server.sessions_are(0), 15, "earlier sessions to end")
    first = launch(playwright, tmp_path / "first")
    second = launch(playwright, tmp_path / "second")
    try:
        a, b = open_tab(first, server.url), open_tab(second, server.url)
        a.wait_for_text(OPENING)
        b.wait_for_text(OPENING)
        both = wait_for(lambda: server.sessions_are(2), 10, "two app processes")
        # A third person, with two sessions already running, gets a page that says so.
        third = first.new_page()
        response = third.goto(server.url)
        assert response is not None and response.status == 503
        assert "Hinge Coach is busy" in third.inner_text("body")
        assert "try again" in third.inner_text("body")
        Tab(third).shot("6-busy")
        third.close()

        a.page.close()
        # Its process ends, whatever it was doing; the other tab's goes on.
        left = wait_for(lambda: server.sessions_are(1), 15, "the closed tab's process to end")
        assert len(both - left) == 1  # exactly one process ended: the closed tab's
        b.say("no")
        b.wait_for_text("A few health questions", timeout=60)
        # With a place free again, the page opens.
        c = open_tab(first, server.url)
        c.wait_for_text(OPENING)
    finally:
        first.close()
        second.close()
    wait_for(lambda: server.sessions_are(0), 15, "every session to end with its browser")
