"""Warning signs told as stories: a blind set, written by a helper who never saw the code or
the data (tests/data/warning_signs_blind.jsonl; sources per line, 148 of 343 lines from real
pages such as patient stories, lifting forums and NHS red-flag lists, the rest invented).

Its first, untouched run (2026-11-29, 343 lines: 280 of the person's own signs on 228 lines,
115 lines with none): stated recall 0.5321, stated-or-suspected recall 0.7000, false alarms
on 31 of 115 lines (0.2696), a question asked on 8 more. Issue 9's goals are
stated-or-suspected recall 1.0, stated recall 0.9 and false alarms at most 3%: not reached.
The set has been looked at since (its misses listed), so it is a development set now; the
next honest figure needs a new blind set. Until the goals are met this test guards against
going backwards from the figures below and prints where the parser stands.

A second blind set, written the same way after the fixes above (2026-11-29,
tests/data/warning_signs_second.jsonl: 312 lines from about 100 real pages, 221 of the
person's own signs on 181 lines, 131 lines with none, traps among them: idioms, soreness in
both legs after squats, other people's conditions). Its first, untouched run at 57f7ce3:
stated recall 0.6787, stated-or-suspected recall 0.8235, false alarms on 31 of 131 lines
(0.2366), a question asked on 14 more. The goals are not reached on it either. It has been
looked at since: a development set too.

A third blind set, written the same way after the third round of fixes (2026-11-29,
tests/data/warning_signs_third.jsonl: 302 lines, 156 of them after real pages, 233 of the
person's own signs on 183 lines, 119 lines with none: 65 of them someone else's, past or
what-if signs, the rest idioms and training soreness). Its first, untouched run at 27cbfd7:
stated recall 0.6352, stated-or-suspected recall 0.8498, false alarms on 20 of 119 lines
(0.1681), a question asked on 9 more. The goals are not reached on it either; it is a
development set from now on.

A fourth blind set, written the same way after the fixes above (2026-11-29, session 3,
tests/data/warning_signs_fourth.jsonl: 342 lines, 188 of them after real pages, 265 of the
person's own signs on 199 lines, 143 lines with none: other people's (pets among them), past,
what-if and feared signs, idioms, training fatigue, harmless falls and night waking). Its
first, untouched run at 15d5ef5: stated recall 0.6189, stated-or-suspected recall 0.8491,
false alarms on 20 of 143 lines (0.1399), a question asked on 25 more. Not the goals either;
a development set from now on. The false alarms fell on the sets they were studied on (to
0.05-0.07) and far less on this one: the lexicon generalises worse than its figures there.

Those four sets train the sign classifier now (coach/language/sign_model.py, which only adds
suspicions), so their stated-or-suspected figures flatter it; its own held-out figures come
from leave-one-set-out cross-validation (lexicon alone -> with the model at its threshold,
0.2, stated-or-suspected recall / lines with no sign that get a question): blind 0.918 ->
0.925 / 20 -> 20, second 0.986 -> 0.991 / 27 -> 27, third 0.850 -> 0.910 / 18 -> 21, fourth
0.849 -> 0.872 / 25 -> 26, and 97 sign-free training lines 14 -> 15 questions
(`python -m coach.language.sign_model 0.1 0.2`). At 0.1 recall was 0.004-0.007 higher on
three sets for 3 more questions on second and 1 on the sign-free lines, and it asked about
fainting for "knees track out and my feet stay arched" and about weight loss for "what
should i eat to lose weight" (tests/test_language_*.py): 0.2 it is.

A sixth blind set, written the same way by a helper that saw neither code nor data
(2026-12-07, tests/data/warning_signs_sixth.jsonl: 260 lines, 165 of them after 49 real
pages, 231 of the person's own signs on 160 lines, every warning sign and condition at least
7 times, 100 lines with none: 44 of them someone else's, past or what-if signs). It is held
out: neither classifier trains on it (tested below). First, untouched run at 9247e05
(lexicon only): stated recall 0.7143, stated-or-suspected recall 0.8831, false alarms on 13
of 100 lines (0.13), a question asked on 19 more. With the sign classifier, before anything
was looked at: 0.7143 / 0.9134 / 0.13 / 19; as it ships (after cross-validation alone chose
to keep suspicions that could change nothing out, and sign-free training lines were added):
0.7143 / 0.8961 / 0.13 / 19. Only these summary figures have been read, not its misses.

An eighth blind set, written the same way (2026-12-07, session 6,
tests/data/warning_signs_eighth.jsonl: 363 lines, 240 after 154 real pages, 266 of the
person's own signs on 195 lines, every sign and condition at least 8 times, 124 lines with no
sign at all and 44 with only someone else's, past or what-if signs). Held out from both
classifiers (tested below). First, untouched run (lexicon and sign classifier as shipped in
session 5, 4ec0885): stated recall 0.5789, stated-or-suspected recall 0.8571, false alarms on
12 of 168 lines (0.0714), a question asked on 35 more. Only these figures have been read.
Both held-out sets miss issue 9's goals (stated-or-suspected 1.0, stated 0.9, false alarms
3%) by a wide margin; that is why the dialogue does not lean on them.

The dialogue does not depend on these figures for safety: anyone who reports any symptom is
asked the whole warning-sign list, everyone the readiness list, and only a plain no closes
either (see tests/test_safety_e2e.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from language_fixtures import language_parser  # noqa: F401  (fixture)

from coach.language import sign_model
from coach.language.screening_eval import read_jsonl, score

# The four sets written so far train the sign classifier now (coach/language/sign_model.py),
# so they live with the language layer's data.
SIGNS = Path(sign_model.__file__).parent / "data" / "signs"
BLIND = SIGNS / "blind.jsonl"
SECOND = SIGNS / "second.jsonl"
THIRD = SIGNS / "third.jsonl"
FOURTH = SIGNS / "fourth.jsonl"
SIXTH = Path(__file__).parent / "data" / "warning_signs_sixth.jsonl"
EIGHTH = Path(__file__).parent / "data" / "warning_signs_eighth.jsonl"

# Floors: the figures measured at the last commit that touched the parser. Raise them as the
# parser improves. Once they were traded on purpose: "dizzy" and "light headed" became a
# question instead of a stated fainting (the house rule: what words do not say plainly is
# asked), which took false alarms from 0.19 to 0.16 and stated recall from 0.54 to 0.53.
# (stated, stated-or-suspected, false alarms) per set.
# Third round (2026-11-29, session 3): both legs keep their own sign, "used to" looks
# forward, unexplained weight by its amount, the worst rating said, idioms masked, soreness
# after training asked about, medicines that imply a condition, a vague condition hint:
# first set 0.536 / 0.918 / 0.104, second 0.729 / 0.986 / 0.153.
# Then (session 3, after the third set's first run): what passed at once or did no harm
# ("only my pride is hurt", "fine once I stood up") makes an everyday-looking sign a question,
# fears are what-ifs, idioms and things that weigh are not signs. False alarms 0.104 -> 0.061,
# 0.153 -> 0.069 and 0.168 -> 0.050, recall unchanged.
FLOORS = {BLIND: (0.53, 0.91, 0.07), SECOND: (0.72, 0.98, 0.07), THIRD: (0.63, 0.84, 0.06),
          FOURTH: (0.61, 0.84, 0.14), SIXTH: (0.71, 0.89, 0.13), EIGHTH: (0.57, 0.85, 0.072)}


@pytest.mark.parametrize("path", sorted(FLOORS), ids=lambda p: p.stem)
def test_warning_signs_told_as_stories(language_parser, path: Path) -> None:  # noqa: F811
    rows = read_jsonl(path)
    report = score(rows, language_parser.parse_many(r["text"] for r in rows))
    kind = "held out" if path in (SIXTH, EIGHTH) else "now a development set"
    print(f"\nwarning signs ({path.name}, {kind}):",
          json.dumps(report.summary()))
    stated, caught, false_alarms = FLOORS[path]
    misses = "\n".join(json.dumps(m) for m in report.misses[:30])
    assert report.caught_recall >= caught, misses
    assert report.stated_recall >= stated, misses
    assert report.false_alarm_rate <= false_alarms, misses


def test_the_blind_sets_are_not_training_data() -> None:
    from coach.language.intents import load_examples

    trained = {t.strip().lower() for texts in load_examples().values() for t in texts}
    for path in FLOORS:
        assert not trained & {r["text"].strip().lower() for r in read_jsonl(path)}, path.name


@pytest.mark.parametrize(("path", "lines"), [(SIXTH, 260), (EIGHTH, 363)],
                         ids=["sixth", "eighth"])
def test_the_held_out_sets_are_not_sign_classifier_data(path: Path, lines: int) -> None:
    trained = {r["text"].strip().lower() for r in sign_model.read_rows(sign_model.sign_sets())}
    held_out = {r["text"].strip().lower() for r in read_jsonl(path)}
    assert len(held_out) == lines
    assert not trained & held_out
