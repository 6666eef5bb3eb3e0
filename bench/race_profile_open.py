"""The concurrent-open race: several processes open one profile at the same instant.

Run: uv run python bench/race_profile_open.py [--rounds 50] [--processes 4]
Each round, in a fresh temp folder, starts the processes together (they spin until one
shared start time) on:
- a profile that doesn't exist yet (all of them create it at once), and
- a profile of the oldest schema with a plan in it (all of them upgrade it at once).
Then it checks that every process opened it and wrote its message, the old plan is still
there, the schema is current, and nothing was moved aside. Prints a line per failure and
exits 1 if any round lost anything.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from child_env import CHILD_ENV

from coach.profile.schema import VERSION
from coach.profile.store import ProfileStore

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from old_profile import OLD_PLAN, write_old_profile

OPENER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    start = float(sys.argv[3])
    from coach.profile.store import ProfileStore
    while time.time() < start:
        pass
    opened = ProfileStore.open(Path(sys.argv[1]))
    if opened.notice:
        print(opened.notice, file=sys.stderr)
        sys.exit(3)
    opened.store.add_message("user", sys.argv[2])
""")

def race(path: Path, processes: int) -> list[str]:
    """Open ``path`` from ``processes`` processes at once; what went wrong, if anything."""
    start = time.time() + 1.0  # enough for every child to import and wait
    children = [
        subprocess.Popen([sys.executable, "-c", OPENER, str(path), f"p{i}", repr(start)],
                         stderr=subprocess.PIPE, text=True, env=CHILD_ENV)
        for i in range(processes)
    ]
    problems = []
    for child in children:
        _, err = child.communicate(timeout=120)
        if child.returncode != 0:
            problems.append(f"a process failed ({child.returncode}): {err.strip()[-300:]}")
    ours = {path.name + suffix for suffix in ("", "-wal", "-shm", ".lock")}
    aside = [p.name for p in path.parent.iterdir() if p.name not in ours]
    if aside:
        problems.append(f"moved aside: {aside}")
    store = ProfileStore.open(path).store
    said = {text for _, _, text in store.messages()}
    missing = {f"p{i}" for i in range(processes)} - said
    if missing:
        problems.append(f"messages lost: {sorted(missing)}")
    with sqlite3.connect(path) as db:
        version = db.execute("PRAGMA user_version").fetchone()[0]
    if version != VERSION:
        problems.append(f"schema {version}, expected {VERSION}")
    store.close()
    return problems


def main() -> int:
    options = argparse.ArgumentParser()
    options.add_argument("--rounds", type=int, default=50)
    options.add_argument("--processes", type=int, default=4)
    opts = options.parse_args()
    failures = 0
    started = time.perf_counter()
    for round_ in range(opts.rounds):
        with tempfile.TemporaryDirectory() as folder:
            new = Path(folder) / "new" / "profile.sqlite3"
            old = Path(folder) / "old" / "profile.sqlite3"
            old.parent.mkdir()
            write_old_profile(old)
            problems = [f"new: {p}" for p in race(new, opts.processes)]
            problems += [f"old: {p}" for p in race(old, opts.processes)]
            store = ProfileStore.open(old).store
            if not any(p.plan == OLD_PLAN for p in store.plans()):
                problems.append("old: the plan from before the upgrade is gone")
            store.close()
        for problem in problems:
            print(f"round {round_ + 1}: {problem}")
        failures += bool(problems)
    seconds = time.perf_counter() - started
    print(f"{opts.rounds} rounds of {opts.processes} processes opening a new and an old "
          f"profile at once: {failures} with a loss or a failure ({seconds:.0f} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
