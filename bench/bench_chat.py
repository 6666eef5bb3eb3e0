"""Conversation benchmark: per-turn latency after start-up, and `ask` end to end.

Run: uv run python bench/bench_chat.py [--turns 600] [--repeat 7]
Prints, from this one run: the median and p95 of a coach turn (parse + rules + reply) over a
long scripted session (target p95 < 20 ms), and the wall time and the peak memory of
`hinge-coach ask` against `python -c "import spacy; spacy.blank('en')"` in fresh
subprocesses (targets <= 1.5x and <= 1.2x). Peak memory is the child's own peak resident
set size (ru_maxrss, as wait4 reports it for that child alone).
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import time

from child_env import CHILD_ENV

from coach.dialogue import Dialogue
from coach.understanding import load_parser

# A person who answers, asks along the way, changes their mind, and starts again.
SCRIPT = [
    "hi, my lower back gets sore when I pick things up",
    "why does my low back hurt?",
    "no, none of those",
    "I've lifted for about 2 years",
    "why are you asking me that?",
    "yes I can",
    "my toes come up a bit",
    "one kettlebell and a broom",
    "I want to deadlift a barbell one day",
    "why this exercise?",
    "actually my toes don't lift anymore",
    "what comes next?",
    "thanks!",
    "restart",
]


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one run of ``command``."""
    start = time.perf_counter()
    child = subprocess.Popen(command, env=CHILD_ENV, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        assert child.stderr is not None
        raise RuntimeError(f"{command} failed: {child.stderr.read().decode()[-800:]}")
    return seconds, usage.ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    options = argparse.ArgumentParser()
    options.add_argument("--turns", type=int, default=600)
    options.add_argument("--repeat", type=int, default=7)
    opts = options.parse_args()

    parser = load_parser()
    dialogue = Dialogue(parser)
    dialogue.opening()
    for message in SCRIPT:  # warm-up: first calls fill caches
        dialogue.reply(message)
    samples = []
    for message in itertools.islice(itertools.cycle(SCRIPT), opts.turns):
        start = time.perf_counter()
        dialogue.reply(message)
        samples.append((time.perf_counter() - start) * 1000)
    print(f"Per coach turn over {opts.turns} turns (ms): median "
          f"{statistics.median(samples):.2f}  p95 {percentile(samples, 0.95):.2f}  "
          f"max {max(samples):.2f}  (target p95 < 20)")

    spacy_only = [sys.executable, "-c", "import spacy; spacy.blank('en')"]
    ask = [sys.executable, "-m", "coach", "ask", "why does my low back hurt"]
    # Once each before timing: the intent model trained and cached, the bytecode written.
    run(ask)
    run(spacy_only)
    base, asks = [], []
    for _ in range(opts.repeat):  # interleaved, so drift on the machine hits both alike
        base.append(run(spacy_only))
        asks.append(run(ask))
    b, a = (statistics.median(s for s, _ in base), statistics.median(s for s, _ in asks))
    bm, am = (statistics.median(m for _, m in base), statistics.median(m for _, m in asks))
    print(f"`import spacy; spacy.blank('en')`  median {b:.3f} s, peak memory {bm:.1f} MB")
    print(f"`hinge-coach ask ...`               median {a:.3f} s, peak memory {am:.1f} MB")
    print(f"ratio ask / spacy.blank, time      {a / b:.2f}x  (target <= 1.5x)")
    print(f"ratio ask / spacy.blank, memory    {am / bm:.2f}x  (target <= 1.2x)")


if __name__ == "__main__":
    main()
