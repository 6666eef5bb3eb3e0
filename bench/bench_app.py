"""App benchmark: time to first paint, and time until the language layer is ready.

Run: uv run python bench/bench_app.py [--repeat N] [--paint-only]

Each figure is the wall time from spawning a fresh Python process to the moment in question
(the child prints the clock then), median of N rounds; the rounds interleave every
measurement so that all of them see the same machine. Baselines, measured the same way in
the same run: a bare ``import textual`` and a bare ``import spacy``. Ratios are to those.

The app runs headless at 80x24 with its real ``load_parser``; "first paint" is the app's
first refresh (when it starts loading the language layer); "ready" is the parser arriving
on the UI thread. If the language layer can't load, that is printed, not raised.
Target: first paint <= 1.3x the one-Static app. Both also print the CPU time their process
had used by then (``time.process_time()``, start-up included): on a machine shared with other
work, its ratio moves less than the wall-clock one. ``--paint-only`` skips the slow "ready"
rounds (and the spaCy baselines).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from child_env import CHILD_ENV

ROOT = Path(__file__).resolve().parent.parent
PAINT_TARGET = 1.3

IMPORT = "import time, {module}; print(time.time())"

# Context for the first paint: the smallest Textual app, one Static, to its first refresh.
BARE_APP = """
import time
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("hello")

    def on_mount(self):
        self.call_after_refresh(lambda: (print(time.time(), time.process_time()), self.exit()))

Bare().run(headless=True, size=(80, 24))
"""

APP = """
import json, sys, time
from coach.app.app import HingeCoachApp
from coach.understanding import load_parser

mode = sys.argv[1]
marks = {}


class Stub:
    def parse(self, text):
        return {"text": text, "intent": "out_of_scope", "confidence": 1.0,
                "alternatives": [], "facts": []}


class Timed(HingeCoachApp):
    def on_mount(self) -> None:  # Textual also runs HingeCoachApp.on_mount
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        marks.setdefault("paint", time.time())
        marks.setdefault("paint_cpu", time.process_time())
        if mode not in ("ready", "blank"):
            self.exit()

    def on_parser_ready(self, event) -> None:
        marks["ready"] = time.time()
        self.exit()

    def on_parser_failed(self, event) -> None:
        marks["failed"] = event.error
        self.exit()


def blank_spacy():
    # A stand-in with spaCy's own cost: import spacy, build an empty English pipeline.
    import spacy

    spacy.blank("en")
    return Stub()


factory = {"stub": Stub, "blank": blank_spacy}.get(mode, load_parser)
Timed(factory).run(headless=True, size=(80, 24))
print(json.dumps(marks))
"""


def spawn(code: str, *args: str) -> tuple[float, str]:
    """Seconds from spawn to the clock the child prints (its last line), and that line."""
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True,
        timeout=600, check=False, env=CHILD_ENV,
    )
    if done.returncode != 0:
        raise RuntimeError(f"child failed ({done.returncode}): {done.stderr.strip()[-800:]}")
    last = done.stdout.strip().splitlines()[-1]
    return started, last


def import_time(module: str) -> float:
    started, line = spawn(IMPORT.format(module=module))
    return float(line) - started


def app_times(mode: str) -> dict[str, float | str]:
    started, line = spawn(APP, mode)
    marks = json.loads(line)
    cpu = marks.pop("paint_cpu", None)
    times = {k: (v - started if isinstance(v, float) else v) for k, v in marks.items()}
    return times if cpu is None else {**times, "paint_cpu": cpu}


def median_ms(samples: list[float]) -> str:
    if not samples:
        return "       n/a"
    return f"{statistics.median(samples) * 1000:8.0f} ms (n={len(samples)}, " \
           f"min {min(samples) * 1000:.0f}, max {max(samples) * 1000:.0f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--paint-only", action="store_true")
    options = parser.parse_args()
    repeat, paint_only = options.repeat, options.paint_only

    textual_s: list[float] = []
    bare_s: list[float] = []
    bare_cpu: list[float] = []
    paint_cpu: list[float] = []
    spacy_s: list[float] = []
    paint_s: list[float] = []
    stub_paint_s: list[float] = []
    ready_s: list[float] = []
    ready_paint_s: list[float] = []
    blank_s: list[float] = []
    failures: set[str] = set()
    spacy_error = ""

    # One warm-up round: the first start compiles bytecode and fills the OS file cache.
    import_time("textual")
    app_times("paint")
    for _ in range(repeat):
        textual_s.append(import_time("textual"))
        started, line = spawn(BARE_APP)
        clock, cpu = line.split()
        bare_s.append(float(clock) - started)
        bare_cpu.append(float(cpu))
        painted = app_times("paint")
        paint_s.append(float(painted["paint"]))
        paint_cpu.append(float(painted["paint_cpu"]))
        stub_paint_s.append(float(app_times("stub")["paint"]))
        if paint_only:
            continue
        try:
            spacy_s.append(import_time("spacy"))
        except RuntimeError as error:
            spacy_error = str(error)
        blank = app_times("blank")
        if "ready" in blank:
            blank_s.append(float(blank["ready"]))
        ready = app_times("ready")
        if "ready" in ready:
            ready_s.append(float(ready["ready"]))
            ready_paint_s.append(float(ready["paint"]))
        else:
            failures.add(str(ready.get("failed", "no answer")))

    print("Hinge Coach app benchmark (spawn of a fresh python to the moment; medians)")
    print(f"  baseline: import textual               {median_ms(textual_s)}")
    print(f"  baseline: import spacy                 {median_ms(spacy_s)}")
    if spacy_error:
        print(f"    (import spacy failed: {spacy_error})")
    print(f"  context: a one-Static Textual app      {median_ms(bare_s)}")
    print(f"  app first paint (real load_parser)     {median_ms(paint_s)}")
    print(f"  app first paint (instant stub parser)  {median_ms(stub_paint_s)}")
    print(f"  CPU time to paint: one-Static app      {median_ms(bare_cpu)}")
    print(f"  CPU time to paint: the app             {median_ms(paint_cpu)}")
    print(f"  ready, stand-in: spacy.blank('en')     {median_ms(blank_s)}")
    if ready_s:
        print(f"  app first paint, in the 'ready' runs   {median_ms(ready_paint_s)}")
        print(f"  language layer ready (load_parser)     {median_ms(ready_s)}")
    elif not paint_only:
        print("  language layer ready                   n/a: load_parser failed in every run:")
        for failure in sorted(failures):
            print(f"    {failure}")
    if failures and ready_s:
        print(f"  ({len(failures)} kind(s) of load failure in some runs: {sorted(failures)})")

    print("\nRatios")
    textual = statistics.median(textual_s)
    print(f"  first paint / import textual           "
          f"{statistics.median(paint_s) / textual:5.2f}x")
    print(f"  first paint with stub / import textual "
          f"{statistics.median(stub_paint_s) / textual:5.2f}x")
    print(f"  first paint / one-Static app           "
          f"{statistics.median(paint_s) / statistics.median(bare_s):5.2f}x "
          f"(target <= {PAINT_TARGET}x)")
    print(f"  same, in CPU time (steadier on a busy machine) "
          f"{statistics.median(paint_cpu) / statistics.median(bare_cpu):5.2f}x")
    if spacy_s and blank_s:
        print(f"  stand-in ready / import spacy          "
              f"{statistics.median(blank_s) / statistics.median(spacy_s):5.2f}x")
    if spacy_s and ready_s:
        spacy = statistics.median(spacy_s)
        print(f"  parser ready / import spacy            "
              f"{statistics.median(ready_s) / spacy:5.2f}x")
        print(f"  first paint / parser ready             "
              f"{statistics.median(paint_s) / statistics.median(ready_s):5.2f}x "
              "(the window is up this early in the load)")
    elif not paint_only:
        print("  parser ready / import spacy            n/a (the language layer didn't load)")


if __name__ == "__main__":
    main()
