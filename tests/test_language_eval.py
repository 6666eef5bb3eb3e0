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
# Issue 10's two blind sets, written by a helper that never saw the code or the data
# (2026-11-29): real messages modelled on forum and blog posts, sources per line
# (language_eval_fourth.jsonl), and casual answers to each of the coach's questions and
# returning users' check-ins (language_eval_casual.jsonl; the question each answers is in
# "asked"). First, untouched runs at 57f7ce3, on the whole files:
#   fourth: 158 messages, intent 0.873, fact precision 0.754, fact recall 0.798, false red
#           flags on 1 line of 158 (0.6%);
#   casual: 183 messages, intent 0.814, fact precision 0.776, fact recall 0.803, red-flag
#           recall 0.923, false red flags on 3 lines of 183 (1.6%).
# Issue 10's goals for a first run (intent 0.92, fact recall 0.85) were not met; false red
# flags (at most 3%) were. Their misses have been studied since, so they are development
# sets now. 11 and 15 lines that the training data holds ("yes", "idk", "start over") were
# dropped to keep them disjoint. Some labels follow conventions of their own (a bare "yes"
# carries no facts; a count of 1 for "a broom"); they stay as written and count as misses.
# Two more blind sets, written the same way by a helper that never saw the code or the data
# (2026-11-29, session 3): real messages after forum, reddit and blog posts, all 188 with
# sources (language_eval_real_third.jsonl), and casual answers to each question plus 27
# check-ins (language_eval_casual_third.jsonl). First, untouched runs at 53eab9a, on the whole
# files:
#   real third:   188 messages, intent 0.920, fact precision 0.630, fact recall 0.702,
#                 red-flag recall 0.80, false red flags on 3 lines of 188 (1.6%);
#   casual third: 198 messages, intent 0.808, fact precision 0.677, fact recall 0.688,
#                 red-flag recall 0.833, false red flags on 2 lines of 198 (1.0%).
# Intent on real messages met the goal (0.92); fact recall (0.85) did not, on either set;
# false red flags (at most 3%) did. History recall is the weakest part (0.39 and 0.41). They
# are development sets now; 3 and 4 lines the training data holds were dropped.
# A fifth blind set (2026-11-29, session 3, after typo tolerance, the context component,
# "a statement is not a question" and kit-with-a-time history): 291 lines, 152 free messages
# after real pages and 139 answers to the coach's questions (language_eval_fifth.jsonl).
# First, untouched run at 15d5ef5: intent 0.935, fact precision 0.627, fact recall 0.622,
# red-flag recall 0.828, false red flags on 3 lines of 291 (1.0%). Its writer labelled an
# unstated trigger null where the contract has "unknown"; read as "unknown", fact recall is
# 0.665. Intent (0.92) and false red flags (3%) meet the goals; fact recall (0.85) does not.
# A development set now; 14 lines the training data holds were dropped.
# A seventh blind set (2026-12-07, session 5), by a helper that saw neither code nor data:
# 149 free messages (62 after real pages) and 141 answers to the nine questions, check-ins
# included (language_eval_seventh.jsonl); 14 lines the training data holds were dropped,
# leaving 276. First, untouched run at 9247e05: intent 0.888, fact precision 0.623, fact
# recall 0.705, red-flag recall 0.828, false red flags on 3 lines of 276 (1.1%); by type,
# symptom 0.56, equipment 0.61, history 0.65, mastery 0.70. With the sign classifier
# (suspicions count as facts here): precision 0.614, recall 0.711, red-flag recall 0.862.
# Intent (0.92) and fact recall (0.85) miss issue 10's goals; false red flags (3%) meet it.
# Its misses were then read (session 5): a development set from now on. Most of its fact
# misses are conventions its writer chose (count null for a broom, a trap bar or a barbell,
# where the parser says 1 as the first, third and fourth sets do; which trigger "killing me
# since deadlifts" has); one general fix came of it: "after sitting all day" is sitting
# (recall 0.711 -> 0.721).
# An eighth blind set (2026-12-07, session 6), by a helper that saw neither code nor data:
# 241 free messages (110 after real pages) and 142 answers to the nine questions, check-ins
# included (language_eval_eighth.jsonl); 3 lines the training data holds were dropped,
# leaving 380. First, untouched run at 4ec0885 (with behaviour-neutral memory work): intent
# 0.921, fact precision 0.582, fact recall 0.641, red-flag recall 0.871, false red flags on
# 7 lines of 380 (1.8%); by type, symptom 0.52, history 0.53, mastery 0.58, goal 0.61,
# equipment 0.61. Intent (0.92) and false red flags (3%) meet issue 10's goals; fact recall
# (0.85) does not. Its misses were then read: a development set from now on. General fixes
# that came of it (patterns.toml): "twice a week" is how often, not how long; "my 88 year
# old grandma" is an age; "10+ years", "2 years of barbell training"; standing at work is
# standing; leaning back is an arched back, "knees bend way too much" and "squatting my
# swing" bent knees, "back stays flat" no rounding; "no arching" is not flat feet; "not
# hurt my back" a back-health goal. Recall: eighth 0.641 -> 0.681, real third 0.718 ->
# 0.733, casual 0.838 -> 0.845, casual third 0.704 -> 0.710, fifth 0.626 -> 0.630, the
# rest unchanged. Left for later, seen there: symptoms of someone else or in the past get
# no context (context covers signs only), "did crossfit for 2 years" reads as a question,
# and a trigger said as "since deadlifts" / "the next day" is not yet after_exercise.
# Floors: the figures at the last commit that touched the parser; raise them as it improves.
# One trade, on purpose: a statement is not a question ("lower back gets sore after long
# runs" is inform, not ask_back_pain), and training kit with a time is lifting history.
# That raised intent on real third 0.919 -> 0.924, casual third 0.804 -> 0.825, casual
# 0.851 -> 0.857 and fact recall on all four, and cost one line of intent on fourth
# (0.864 -> 0.857: "trap bar or barbell, which is easier on the back", which the retrained
# classifier now reads as inform).
# Symptoms with their context (session 7: past or someone else's pain not counted) raised
# fact recall: fourth 0.824 -> 0.832, real third 0.733 -> 0.741, casual third 0.710 ->
# 0.715, eighth 0.681 -> 0.693, seventh 0.732 -> 0.737.
DEVELOPMENT_SETS = {
    "fourth": (Path(__file__).parent / "data" / "language_eval_fourth.jsonl", 0.85, 0.83),
    "casual": (Path(__file__).parent / "data" / "language_eval_casual.jsonl", 0.86, 0.84),
    "real_third": (Path(__file__).parent / "data" / "language_eval_real_third.jsonl", 0.92, 0.74),
    "casual_third": (Path(__file__).parent / "data" / "language_eval_casual_third.jsonl", 0.82,
                     0.71),
    "fifth": (Path(__file__).parent / "data" / "language_eval_fifth.jsonl", 0.93, 0.62),
    "seventh": (Path(__file__).parent / "data" / "language_eval_seventh.jsonl", 0.88, 0.73),
    "eighth": (Path(__file__).parent / "data" / "language_eval_eighth.jsonl", 0.92, 0.69),
}
# Issue 10's goal for false red flags: a stated warning sign the line does not have.
FALSE_RED_FLAGS = 0.03


@pytest.mark.parametrize("name", sorted(LATER_SETS))
def test_the_later_held_out_sets(language_parser, name: str) -> None:  # noqa: F811
    rows = read_jsonl(LATER_SETS[name])
    result = score(rows, language_parser.parse_many(r["text"] for r in rows))
    print(f"\nlanguage eval ({name} set):", json.dumps(result.summary()))
    assert result.intent_accuracy >= INTENT_ACCURACY, _misses(result, "intent")
    assert result.fact_recall >= FACT_RECALL, _misses(result, "missing")
    assert result.red_flag_recall >= RED_FLAG_RECALL, _misses(result, "missing")


@pytest.mark.parametrize("name", sorted(DEVELOPMENT_SETS))
def test_issue_10_development_sets(language_parser, name: str) -> None:  # noqa: F811
    path, intent_floor, recall_floor = DEVELOPMENT_SETS[name]
    rows = read_jsonl(path)
    parsed = list(language_parser.parse_many(r["text"] for r in rows))
    result = score(rows, parsed)
    false_flags = [r["text"] for r, p in zip(rows, parsed, strict=True)
                   if _stated_red_flags(p["facts"]) - _stated_red_flags(r["facts"])]
    print(f"\nlanguage eval ({name} set, development):", json.dumps(result.summary()),
          f"false red flags {len(false_flags)}/{len(rows)}")
    assert result.intent_accuracy >= intent_floor, _misses(result, "intent")
    assert result.fact_recall >= recall_floor, _misses(result, "missing")
    assert len(false_flags) <= FALSE_RED_FLAGS * len(rows), false_flags


def _stated_red_flags(facts: list[dict]) -> set[str | None]:
    return {f.get("kind") for f in facts if f["type"] == "red_flag" and f["present"]
            and f.get("context", "self") == "self" and f.get("certainty", "stated") == "stated"}


def test_the_later_sets_are_not_training_data() -> None:
    from coach.language.intents import load_examples

    trained = {t.strip().lower() for texts in load_examples().values() for t in texts}
    for path in [*LATER_SETS.values(), *(p for p, _, _ in DEVELOPMENT_SETS.values())]:
        assert not trained & {r["text"].strip().lower() for r in read_jsonl(path)}, path.name
