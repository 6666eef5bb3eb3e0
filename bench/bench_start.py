"""Start-up budget (issue 14): the very first start on an empty cache, and the first question
a browser tab sees on `hinge-coach serve`. Prints medians and ratios, all from this one run.

    uv run python bench/bench_start.py [--runs 5]

- first start: `hinge-coach ask` with HINGE_COACH_CACHE an empty folder each time (the
  pipeline trained at install is used), against a warm cache, and against the old first
  start that trains (HINGE_COACH_NO_INSTALLED_MODEL=1, measured once: about 15 s).
- served: a fresh chromium tab opens the page of a running `hinge-coach serve`; the time from
  asking for the page to the opening question on its screen (read as tests/served.py does).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from child_env import CHILD_ENV

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

BUDGET_FIRST_START = 3.0
BUDGET_FIRST_QUESTION = 1.5
ASK = [sys.executable, "-m", "coach", "ask", "why does my low back hurt"]


def timed_ask(cache: Path, **extra: str) -> float:
    began = time.perf_counter()
    subprocess.run(ASK, check=True, capture_output=True, cwd=ROOT,
                   env={**CHILD_ENV, "HINGE_COACH_CACHE": str(cache), **extra})
    return time.perf_counter() - began


def first_starts(runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        fresh = [timed_ask(Path(tmp) / f"empty-{i}") for i in range(runs)]
        warm_cache = Path(tmp) / "warm"
        timed_ask(warm_cache, HINGE_COACH_NO_INSTALLED_MODEL="1")  # fills it (trains)
        warm = [timed_ask(warm_cache, HINGE_COACH_NO_INSTALLED_MODEL="1") for _ in range(runs)]
        training = timed_ask(Path(tmp) / "trains", HINGE_COACH_NO_INSTALLED_MODEL="1")
    return {"fresh": statistics.median(fresh), "warm": statistics.median(warm),
            "training": training}


def first_questions(runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright
    from served import launch, open_tab, serving, wait_for

    seconds = []
    with tempfile.TemporaryDirectory() as tmp, serving(Path(tmp), max_sessions=8) as server, \
            sync_playwright() as driver:
        browser = launch(driver, Path(tmp) / "chromium")
        open_tab(browser, server.url).wait_for_text("how does your body feel")  # warm up
        for _ in range(runs):
            for page in browser.pages:
                page.close()
            # A warm machine: the last tab's process has ended and the spare is up.
            wait_for(lambda: server.sessions_are(0), 30, "the last tab's process to end")
            time.sleep(1)
            page = browser.new_page()
            began = time.perf_counter()
            tab = _tab_on(page, server.url)
            tab.wait_for_text("how does your body feel", timeout=30)
            seconds.append(time.perf_counter() - began)
        browser.close()
    return seconds


def _tab_on(page: object, url: str) -> object:
    from served import TAP, Tab

    page.add_init_script(TAP)  # type: ignore[attr-defined]
    page.goto(url)  # type: ignore[attr-defined]
    return Tab(page)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    starts = first_starts(runs)
    print(f"first start, empty cache (installed pipeline): median {starts['fresh']:.2f} s "
          f"of {runs}; budget {BUDGET_FIRST_START:.1f} s, "
          f"ratio {starts['fresh'] / BUDGET_FIRST_START:.2f}")
    print(f"start, warm cache:                            median {starts['warm']:.2f} s; "
          f"first/warm ratio {starts['fresh'] / starts['warm']:.2f}")
    print(f"first start that trains (no installed one):   {starts['training']:.2f} s (once); "
          f"now/then ratio {starts['fresh'] / starts['training']:.3f}")
    questions = first_questions(runs)
    median = statistics.median(questions)
    print(f"served: page asked for -> first question:     median {median:.2f} s of {runs} "
          f"(min {min(questions):.2f}, max {max(questions):.2f}); budget "
          f"{BUDGET_FIRST_QUESTION:.1f} s, ratio {median / BUDGET_FIRST_QUESTION:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
