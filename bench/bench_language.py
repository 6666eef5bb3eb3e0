"""Benchmark of the language layer: load time against bare spaCy, and parse latency.

    uv run python bench/bench_language.py [--runs N] [--texts FILE.jsonl]

Load time is measured in fresh subprocesses (so nothing is warm in this one) as the time
from before ``import spacy`` to a loaded, ready parser, against the same measure for
``import spacy; spacy.blank("en")`` alone; runs alternate so machine noise hits both.
Targets: load ratio <= 1.5, median parse latency < 2 ms.

The trained pipeline must already be cached (the first start trains it); this script makes
sure it is before timing anything, so a cold cache never counts as "load time".
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

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TEXTS = ROOT / "tests" / "data" / "language_eval.jsonl"

BLANK = """
import time
t = time.perf_counter()
import spacy
nlp = spacy.blank("en")
nlp("warm up")
print(time.perf_counter() - t)
"""
PARSER = """
import time
t = time.perf_counter()
from coach.language.parser import Parser
parser = Parser()
parser.parse("warm up")
print(time.perf_counter() - t)
"""

LOAD_RATIO_TARGET = 1.5
MEDIAN_MS_TARGET = 2.0


def _child_seconds(code: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=CHILD_ENV,
    )
    return float(out.stdout.strip().splitlines()[-1])


def bench_load(runs: int) -> dict[str, float]:
    _child_seconds(PARSER)  # builds the cache if needed; not timed
    blank, parser = [], []
    for _ in range(runs):
        blank.append(_child_seconds(BLANK))
        parser.append(_child_seconds(PARSER))
    b, p = statistics.median(blank), statistics.median(parser)
    return {
        "blank_median_s": round(b, 4),
        "parser_median_s": round(p, 4),
        "load_ratio": round(p / b, 3),
    }


def bench_parse(texts: list[str], repeats: int) -> dict[str, float]:
    from coach.language.parser import Parser

    parser = Parser()
    for text in texts[:20]:
        parser.parse(text)  # warm caches
    times = []
    for _ in range(repeats):
        for text in texts:
            t = time.perf_counter()
            parser.parse(text)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {
        "messages": len(texts) * repeats,
        "median_ms": round(statistics.median(times), 3),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 3),
        "max_ms": round(times[-1], 3),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="subprocess load runs of each kind")
    ap.add_argument("--repeats", type=int, default=3, help="passes over the texts")
    ap.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    args = ap.parse_args()
    with args.texts.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    load = bench_load(args.runs)
    parse = bench_parse(texts, args.repeats)
    result = {
        "load": load,
        "parse": parse,
        "targets": {"load_ratio": LOAD_RATIO_TARGET, "median_ms": MEDIAN_MS_TARGET},
        "ok": load["load_ratio"] <= LOAD_RATIO_TARGET and parse["median_ms"] < MEDIAN_MS_TARGET,
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
