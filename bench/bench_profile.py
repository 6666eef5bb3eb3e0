"""Profile benchmark: start-up with a long history against start-up with none.

Run: uv run python bench/bench_profile.py [--sessions 1000] [--repeat 7]
Builds throwaway profiles in a temp folder, then measures, in this one run:
- in process: opening the profile and restoring a session from it (the part a profile adds);
- end to end: `hinge-coach chat --json` reaching its opening turn, with that profile and
  with --no-profile, in fresh subprocesses.
Prints medians and the ratio (target: within 1.2x of start-up with none).
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

from coach.dialogue import Dialogue
from coach.profile.memory import Memory
from coach.profile.store import ProfileStore

FACTS = [
    {"type": "symptom", "area": "low_back", "quality": "soreness", "trigger": "lifting",
     "severity": 3, "present": True},
    {"type": "red_flag", "kind": None, "present": False},
    {"type": "history", "level": "intermediate", "years": 2, "barbell": False, "present": True},
    {"type": "mastery", "skill": "stick_free", "present": True},
    {"type": "fault", "kind": "toe_lift", "present": True},
    {"type": "equipment", "item": "kettlebell", "count": 2, "present": True},
    {"type": "goal", "kind": "strength", "present": True},
]
PLAN = {"start": "kettlebell_hinge", "ladder": [], "focus": ["whole_foot"],
        "watch_for": ["toe_lift"], "referral": None, "because": ["..."] * 4}


def build(path: Path, sessions: int) -> None:
    store = ProfileStore.open(path).store
    for _ in range(sessions):
        store.start_session()
        for fact in FACTS:
            store.add_message("coach", "A question about " + fact["type"])
            store.add_message("user", "an answer of a few words about " + fact["type"])
            store.add_facts([fact], "an answer of a few words")
        store.add_plan(PLAN, "stay")
    store.close()


class _NoParser:
    def parse(self, text: str) -> dict:
        raise AssertionError("start-up parses nothing")


def restore_once(path: Path | None) -> float:
    start = time.perf_counter()
    memory = Memory(ProfileStore.open(path).store) if path else None
    Dialogue(_NoParser(), memory=memory).opening()
    return (time.perf_counter() - start) * 1000


def chat_start(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "coach", *args, "chat", "--json"], input=b"",
                   capture_output=True, check=True, env=CHILD_ENV)
    return time.perf_counter() - start


def main() -> None:
    options = argparse.ArgumentParser()
    options.add_argument("--sessions", type=int, default=1000)
    options.add_argument("--repeat", type=int, default=7)
    opts = options.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        empty, full = Path(folder) / "empty.sqlite3", Path(folder) / "full.sqlite3"
        build(empty, 0)
        started = time.perf_counter()
        build(full, opts.sessions)
        print(f"built a profile of {opts.sessions} sessions in "
              f"{time.perf_counter() - started:.1f} s ({full.stat().st_size // 1024} KiB)")

        restore_once(None)  # warm imports
        fresh = [restore_once(None) for _ in range(opts.repeat * 3)]
        none = [restore_once(empty) for _ in range(opts.repeat * 3)]
        long = [restore_once(full) for _ in range(opts.repeat * 3)]
        print("\nIn process: open the profile, restore, opening turn (ms, median)")
        print(f"  --no-profile            {statistics.median(fresh):8.2f}")
        print(f"  empty profile           {statistics.median(none):8.2f}")
        print(f"  {opts.sessions} sessions         {statistics.median(long):8.2f}")

        try:
            base = [chat_start(["--no-profile"]) for _ in range(opts.repeat)]
            with_none = [chat_start(["--profile", str(empty)]) for _ in range(opts.repeat)]
            with_full = [chat_start(["--profile", str(full)]) for _ in range(opts.repeat)]
        except subprocess.CalledProcessError as error:
            print(f"\nEnd to end skipped: chat failed to start ({error.stderr[-300:]!r})")
            return
        b, n, f = (statistics.median(x) for x in (base, with_none, with_full))
        print("\nEnd to end: `hinge-coach chat --json` to its opening turn (s, median)")
        print(f"  --no-profile            {b:8.3f}")
        print(f"  empty profile           {n:8.3f}")
        print(f"  {opts.sessions} sessions         {f:8.3f}")
        print(f"  ratio {opts.sessions} sessions / empty profile  {f / n:.3f}x  (target <= 1.2x)")
        print(f"  ratio {opts.sessions} sessions / --no-profile   {f / b:.3f}x")


if __name__ == "__main__":
    main()
