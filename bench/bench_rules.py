"""Rule base benchmark: time to a plan, per added fact, and growth over a long session.

Run: uv run python bench/bench_rules.py [--repeat N]
Prints medians (and p95) in milliseconds and ratios, all measured in this one run.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from factsets import (
    equipment,
    fault,
    full_answers,
    goal,
    history,
    mastery,
    no_red_flags,
    symptom,
)

from coach.session import CoachSession

FULL = full_answers(
    symptoms=[symptom("low_back", "soreness", "lifting", 3)],
    red_flags=[no_red_flags()],
    history=[history("experienced", 6, True)],
    faults=[fault("toe_lift")],
    equipment=[equipment("kettlebell", 1)],
    goal=[goal("barbell")],
)

# What a person might keep saying over a long session: changes of mind included.
CHATTER: list[dict[str, Any]] = [
    fault("toe_lift", present=False), fault("toe_lift"), fault("knees_cave"),
    fault("knees_cave", present=False), symptom("hamstrings", "tightness", "sitting", 2),
    symptom("hamstrings", "tightness", present=False), equipment("dumbbell", 1),
    equipment("dumbbell", 1, present=False), mastery(True, "three_points"),
    history("experienced", 7, True), goal("strength"), goal("barbell"),
]


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(samples):7.3f} ms   p95 {p95:7.3f} ms   (n={len(samples)})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    repeat = parser.parse_args().repeat

    CoachSession().plan()  # warm imports and the knowledge cache

    new_session = [timed(CoachSession) for _ in range(repeat // 4)]

    def full_plan() -> None:
        session = CoachSession()
        session.tell(FULL)
        assert session.plan() is not None

    to_plan = [timed(full_plan) for _ in range(repeat)]

    session = CoachSession()
    session.tell(FULL)
    session.plan()
    chatter = itertools.cycle(CHATTER)

    def one_more() -> None:
        session.tell([next(chatter)])
        session.plan()

    per_fact = [timed(one_more) for _ in range(repeat)]

    print("Rule base benchmark (experta), times in ms")
    print(f"  new session (engine + Rete network)  {summary(new_session)}")
    print(f"  full fact set to plan (new session)   {summary(to_plan)}")
    print(f"  one more fact, re-planned             {summary(per_fact)}")

    print("\nGrowth over one long session: per-fact re-plan after N facts told")
    medians = {}
    for told in (10, 100, 1000):
        session = CoachSession()
        session.tell(FULL)
        chatter = itertools.cycle(CHATTER)
        for _ in range(told):
            session.tell([next(chatter)])
        session.plan()
        samples = [timed(one_more) for _ in range(repeat)]
        medians[told] = statistics.median(samples)
        beliefs = len(session.known_facts())
        print(f"  after {told:5d} facts ({beliefs} beliefs held)  {summary(samples)}")
    print(f"  ratio 100/10  {medians[100] / medians[10]:.2f}x")
    print(f"  ratio 1000/10 {medians[1000] / medians[10]:.2f}x   (flat means ~1.0x)")


if __name__ == "__main__":
    main()
