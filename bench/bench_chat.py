"""Conversation benchmark: per-turn latency after start-up, and `ask` end to end.

Run: uv run python bench/bench_chat.py [--turns 600] [--repeat 7]
Prints, from this one run: the median and p95 of a coach turn (parse + rules + reply) over a
long scripted session (target p95 < 20 ms), and the wall time and the peak memory of
`hinge-coach ask` against `python -c "import spacy; spacy.blank('en')"` in fresh
subprocesses (targets <= 1.5x and <= 1.2x). Peak memory is the peak resident set size
(ru_maxrss) of the command, started from a small launcher: Linux counts a child's peak from
the process that started it, and this one holds a loaded parser.
"""

from __future__ import annotations

import argparse
import itertools
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


LAUNCHER = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=CHILD_ENV)
    return time.perf_counter() - start


def peak_mb(command: list[str]) -> float:
    done = subprocess.run([sys.executable, "-c", LAUNCHER, *command], check=True,
                          capture_output=True, text=True, env=CHILD_ENV)
    return int(done.stdout.split()[-1]) / 1024  # kilobytes on Linux


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
    wall(ask)
    wall(spacy_only)
    base, asks, base_mb, ask_mb = [], [], [], []
    for _ in range(opts.repeat):  # interleaved, so drift on the machine hits both alike
        base.append(wall(spacy_only))
        asks.append(wall(ask))
        base_mb.append(peak_mb(spacy_only))
        ask_mb.append(peak_mb(ask))
    b, a = statistics.median(base), statistics.median(asks)
    bm, am = statistics.median(base_mb), statistics.median(ask_mb)
    print(f"`import spacy; spacy.blank('en')`  median {b:.3f} s, peak memory {bm:.1f} MB")
    print(f"`hinge-coach ask ...`               median {a:.3f} s, peak memory {am:.1f} MB")
    print(f"ratio ask / spacy.blank, time      {a / b:.2f}x  (target <= 1.5x)")
    print(f"ratio ask / spacy.blank, memory    {am / bm:.2f}x  (target <= 1.2x)")


if __name__ == "__main__":
    main()
