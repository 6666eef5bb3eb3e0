"""Scoring the parser against a labelled set: intent accuracy, fact precision and recall.

Used by the held-out evaluation test and by ``python -m coach.language.evaluation FILE``,
which also lists the misses (to find which general pattern is missing, not to copy phrases).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rules.vocabulary import SEVERE_PAIN_FROM

Fact = dict[str, Any]


def _key(fact: Fact) -> str:
    return json.dumps(fact, sort_keys=True)




def gold_facts(facts: list[Fact]) -> list[Fact]:
    """The gold facts as the current contract has the language layer report them.

    Contract change: severe_pain from a pain rating is now derived by the rule base alone
    (so that a corrected rating lifts it), and the parser no longer reports it. The sets were
    labelled before that, with a severe_pain red flag beside every rating of 8 or more; such
    a flag is dropped here rather than edited out of the sets, which stay as written blind.
    A severe_pain said in words ("unbearable") without a high rating stays.
    """
    rated = any(
        f["type"] == "symptom"
        and f.get("present")
        and isinstance(f.get("severity"), int | float)
        and f["severity"] >= SEVERE_PAIN_FROM
        for f in facts
    )
    if not rated:
        return list(facts)
    return [
        f for f in facts
        if not (f["type"] == "red_flag" and f.get("kind") == "severe_pain" and f.get("present"))
    ]


@dataclass
class Report:
    n: int = 0
    intent_correct: int = 0
    gold_facts: int = 0
    predicted_facts: int = 0
    matched_facts: int = 0
    gold_red_flags: int = 0
    matched_red_flags: int = 0
    per_type_gold: Counter[str] = field(default_factory=Counter)
    per_type_matched: Counter[str] = field(default_factory=Counter)
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def intent_accuracy(self) -> float:
        return self.intent_correct / self.n if self.n else 1.0

    @property
    def fact_precision(self) -> float:
        return self.matched_facts / self.predicted_facts if self.predicted_facts else 1.0

    @property
    def fact_recall(self) -> float:
        return self.matched_facts / self.gold_facts if self.gold_facts else 1.0

    @property
    def red_flag_recall(self) -> float:
        """Share of gold red flags that are present (the ones that must never be missed)."""
        return self.matched_red_flags / self.gold_red_flags if self.gold_red_flags else 1.0

    def per_type_recall(self) -> dict[str, float]:
        return {t: self.per_type_matched[t] / g for t, g in sorted(self.per_type_gold.items())}

    def summary(self) -> dict[str, Any]:
        return {
            "messages": self.n,
            "intent_accuracy": round(self.intent_accuracy, 4),
            "fact_precision": round(self.fact_precision, 4),
            "fact_recall": round(self.fact_recall, 4),
            "red_flag_recall": round(self.red_flag_recall, 4),
            "per_type_recall": {k: round(v, 4) for k, v in self.per_type_recall().items()},
        }


def score(rows: Sequence[dict[str, Any]], results: Iterable[dict[str, Any]]) -> Report:
    report = Report()
    for row, result in zip(rows, results, strict=True):
        report.n += 1
        intent_ok = result["intent"] == row["intent"]
        report.intent_correct += intent_ok
        gold_list = gold_facts(row["facts"])
        gold = Counter(_key(f) for f in gold_list)
        predicted = Counter(_key(f) for f in result["facts"])
        matched = gold & predicted
        report.gold_facts += sum(gold.values())
        report.predicted_facts += sum(predicted.values())
        report.matched_facts += sum(matched.values())
        for fact in gold_list:
            report.per_type_gold[fact["type"]] += 1
            if fact["type"] == "red_flag" and fact["present"]:
                report.gold_red_flags += 1
        for key, count in matched.items():
            fact = json.loads(key)
            report.per_type_matched[fact["type"]] += count
            if fact["type"] == "red_flag" and fact["present"]:
                report.matched_red_flags += count
        if not intent_ok or matched != gold or matched != predicted:
            report.misses.append(
                {
                    "text": row["text"],
                    "intent": [row["intent"], result["intent"], result["confidence"]],
                    "missing": [json.loads(k) for k in (gold - predicted).elements()],
                    "extra": [json.loads(k) for k in (predicted - gold).elements()],
                }
            )
    return report


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    from coach.language.parser import Parser

    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("usage: python -m coach.language.evaluation FILE.jsonl [--misses]", file=sys.stderr)
        return 2
    rows = read_jsonl(Path(args[0]))
    parser = Parser()
    report = score(rows, parser.parse_many(r["text"] for r in rows))
    print(json.dumps(report.summary(), indent=2))
    if "--misses" in args:
        for miss in report.misses:
            print(json.dumps(miss))
    return 0


if __name__ == "__main__":
    sys.exit(main())
