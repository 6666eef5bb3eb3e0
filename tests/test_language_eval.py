"""The held-out evaluation: never trained on, only measured. Fails below the targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from language_fixtures import language_parser  # noqa: F401  (fixture)

from coach.language.evaluation import Report, read_jsonl, score

EVAL_PATH = Path(__file__).parent / "data" / "language_eval.jsonl"

INTENT_ACCURACY = 0.92
FACT_RECALL = 0.92
RED_FLAG_RECALL = 1.0


@pytest.fixture(scope="module")
def report(language_parser) -> Report:  # noqa: F811
    rows = read_jsonl(EVAL_PATH)
    result = score(rows, language_parser.parse_many(r["text"] for r in rows))
    # Shown with `pytest -s` (and on failure): the numbers the targets are checked against.
    print("\nlanguage eval:", json.dumps(result.summary()))
    return result


def _misses(report: Report, kind: str) -> str:
    lines = [
        json.dumps(m)
        for m in report.misses
        if (m[kind] if kind != "intent" else m["intent"][0] != m["intent"][1])
    ]
    return "\n".join(lines[:30])


def test_intent_accuracy(report: Report) -> None:
    assert report.intent_accuracy >= INTENT_ACCURACY, _misses(report, "intent")


def test_fact_recall(report: Report) -> None:
    assert report.fact_recall >= FACT_RECALL, _misses(report, "missing")


def test_red_flag_recall(report: Report) -> None:
    assert report.red_flag_recall >= RED_FLAG_RECALL, _misses(report, "missing")


def test_the_eval_set_is_not_training_data() -> None:
    from coach.language.intents import load_examples

    trained = {t.strip().lower() for texts in load_examples().values() for t in texts}
    held_out = {r["text"].strip().lower() for r in read_jsonl(EVAL_PATH)}
    assert not trained & held_out


# A second held-out set, written blind after the parser was tuned (the first set's misses
# had been looked at while tuning). Its first, untouched run, on 243 messages: intent 0.967,
# fact precision 0.898, fact recall 0.875, red-flag recall 0.957 (two warning signs
# missed). 22 short messages that the training data happens to hold too ("yes", "sup",
# "start over") were then dropped, to keep it disjoint. The fixes its misses pointed to
# are general (see the commits), but it has been looked at now: a third set, written
# blind, is the next honest measure. 10 of its labels follow other conventions (a count of
# null, not 1, for "a trap bar"; a bare "none of those" read as a red-flag denial without
# the question it answers); they stay as written and count as misses.
# A third set, written blind the same way after the fixes above. Its first, untouched run,
# on 198 messages (after dropping 35 that the training data or the other sets hold):
# intent 0.970, fact precision 0.933, fact recall 0.928, red-flag recall 0.952 (three
# warning signs missed: "can't ..."-phrased signs read as denied, "worse at night", an
# accident with one's pants), since fixed in the patterns.
LATER_SETS = {
    "second": Path(__file__).parent / "data" / "language_eval_fresh.jsonl",
    "third": Path(__file__).parent / "data" / "language_eval_third.jsonl",
}


@pytest.mark.parametrize("name", sorted(LATER_SETS))
def test_the_later_held_out_sets(language_parser, name: str) -> None:  # noqa: F811
    rows = read_jsonl(LATER_SETS[name])
    result = score(rows, language_parser.parse_many(r["text"] for r in rows))
    print(f"\nlanguage eval ({name} set):", json.dumps(result.summary()))
    assert result.intent_accuracy >= INTENT_ACCURACY, _misses(result, "intent")
    assert result.fact_recall >= FACT_RECALL, _misses(result, "missing")
    assert result.red_flag_recall >= RED_FLAG_RECALL, _misses(result, "missing")


def test_the_later_sets_are_not_training_data() -> None:
    from coach.language.intents import load_examples

    trained = {t.strip().lower() for texts in load_examples().values() for t in texts}
    for path in LATER_SETS.values():
        assert not trained & {r["text"].strip().lower() for r in read_jsonl(path)}, path.name
