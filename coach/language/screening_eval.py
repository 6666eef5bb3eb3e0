"""Scoring the language layer on warning signs told in people's own words.

A labelled line lists the signs (red flags and conditions) a careful reader finds in it, each
with its context; only ``self`` signs are the person's. What matters for safety is not that
the parser names every sign, but that none goes unasked: a sign counts as *caught* when the
parser states it or suspects it (a suspicion is asked about with a yes/no question; a
suspicion of "some warning sign" reopens the whole list). Reported per line:

- stated recall: the person's signs the parser states outright;
- caught recall (stated or suspected): the person's signs that will be asked about or acted on;
- false alarms: lines with none of the person's signs where the parser states one (a
  referral the person did not need); suspicions there only cost a question, counted apart.

``python -m coach.language.screening_eval FILE [--misses]`` prints the figures.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.language.evaluation import read_jsonl
from rules.vocabulary import SEVERE_PAIN_FROM

__all__ = ["ScreeningReport", "predicted", "read_jsonl", "score"]

Sign = tuple[str, str | None]


@dataclass
class ScreeningReport:
    lines: int = 0
    gold_signs: int = 0
    stated: int = 0
    caught: int = 0
    negative_lines: int = 0
    false_alarm_lines: int = 0
    questioned_negative_lines: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def stated_recall(self) -> float:
        return self.stated / self.gold_signs if self.gold_signs else 1.0

    @property
    def caught_recall(self) -> float:
        return self.caught / self.gold_signs if self.gold_signs else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarm_lines / self.negative_lines if self.negative_lines else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "lines": self.lines,
            "signs": self.gold_signs,
            "stated_recall": round(self.stated_recall, 4),
            "stated_or_suspected_recall": round(self.caught_recall, 4),
            "negative_lines": self.negative_lines,
            "false_alarm_rate": round(self.false_alarm_rate, 4),
            "questions_on_negative_lines": self.questioned_negative_lines,
        }


def _own(fact: dict[str, Any]) -> bool:
    return fact.get("context", "self") == "self" and bool(fact.get("present"))


def predicted(facts: Iterable[dict[str, Any]]) -> tuple[set[Sign], set[Sign]]:
    """The person's signs the parser states, and those it only suspects."""
    stated: set[Sign] = set()
    suspected: set[Sign] = set()
    for fact in facts:
        if not _own(fact):
            continue
        if fact["type"] == "symptom" and (fact.get("severity") or 0) >= SEVERE_PAIN_FROM:
            stated.add(("red_flag", "severe_pain"))
        if fact["type"] in ("red_flag", "condition"):
            into = suspected if fact.get("certainty") == "suspected" else stated
            into.add((fact["type"], fact["kind"]))
    return stated, suspected


def score(rows: Sequence[dict[str, Any]], results: Iterable[dict[str, Any]]) -> ScreeningReport:
    report = ScreeningReport()
    for row, result in zip(rows, results, strict=True):
        report.lines += 1
        gold = {(s["type"], s["kind"]) for s in row["signs"] if s.get("context") == "self"}
        stated, suspected = predicted(result["facts"])
        vague = {t for t, k in suspected if k is None}
        if not gold:
            report.negative_lines += 1
            report.false_alarm_lines += bool(stated)
            report.questioned_negative_lines += bool(suspected) and not stated
            if stated:
                report.misses.append({"text": row["text"], "false_alarm": sorted(map(str, stated))})
            continue
        report.gold_signs += len(gold)
        hit = gold & stated
        caught = {g for g in gold if g in stated or g in suspected or g[0] in vague}
        report.stated += len(hit)
        report.caught += len(caught)
        if caught != gold or hit != gold:
            report.misses.append({
                "text": row["text"],
                "not_caught": sorted(map(str, gold - caught)),
                "only_suspected": sorted(map(str, caught - hit)),
            })
    return report


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    show_misses = "--misses" in args
    paths = [Path(a) for a in args if a != "--misses"]
    if len(paths) != 1:
        print("usage: python -m coach.language.screening_eval FILE [--misses]", file=sys.stderr)
        return 2
    from coach.language.parser import Parser

    rows = read_jsonl(paths[0])
    report = score(rows, Parser().parse_many(r["text"] for r in rows))
    print(json.dumps(report.summary()))
    if show_misses:
        for miss in report.misses:
            print(json.dumps(miss))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
