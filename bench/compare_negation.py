"""negspacy's Negex against the project's own negation component (``hc_negation``), on the
development sets: the measurement behind dropping negspacy as a runtime dependency.

Both read the same span groups (the concept ruler's and the warning cues') with the same cue
lists (``coach/language/data/negation.toml``; Negex matches lower-case text, so the
contracted forms that ``hc_negation`` reads through the token norm are added). Printed per
set: fact precision and recall (the language sets), stated and stated-or-suspected recall
and false alarms (the warning-sign sets).

    uv run python bench/compare_negation.py
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import negspacy.negation  # noqa: F401  (registers the "negex" factory)

from coach.language.evaluation import read_jsonl, score
from coach.language.parser import Parser
from coach.language.screening_eval import score as screening_score

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
LANGUAGE_SETS = ["language_eval", "language_eval_fresh", "language_eval_third",
                 "language_eval_fourth", "language_eval_casual"]
# The sign sets train the sign classifier, so they live with the language layer's data.
SIGNS = ROOT / "coach" / "language" / "data" / "signs"
SIGN_SETS = ["blind", "second"]
CONTRACTIONS = ["n't", "dont", "don't", "doesnt", "doesn't", "didnt", "didn't", "cant", "can't",
                "cannot", "wont", "won't", "isnt", "isn't", "arent", "aren't", "wasnt", "wasn't",
                "havent", "haven't", "hasnt", "hasn't"]


def termset() -> dict[str, list[str]]:
    cues = tomllib.loads((ROOT / "coach/language/data/negation.toml").read_text("utf-8"))
    return {"pseudo_negations": cues["pseudo"],
            "preceding_negations": cues["preceding"] + CONTRACTIONS,
            "following_negations": cues["following"], "termination": cues["termination"]}


def figures(parser: Parser) -> dict[str, tuple[float, float, float]]:
    out: dict[str, tuple[float, float, float]] = {}
    for name in LANGUAGE_SETS:
        rows = read_jsonl(DATA / f"{name}.jsonl")
        s = score(rows, parser.parse_many(r["text"] for r in rows))
        out[name] = (s.fact_precision, s.fact_recall, s.red_flag_recall)
    for name in SIGN_SETS:
        rows = read_jsonl(SIGNS / f"{name}.jsonl")
        w = screening_score(rows, parser.parse_many(r["text"] for r in rows))
        out[name] = (w.stated_recall, w.caught_recall, w.false_alarm_rate)
    return out


def main() -> None:
    ours = Parser()
    theirs_nlp = Parser().nlp
    theirs_nlp.replace_pipe("hc_negation", "negex", config={
        "neg_termset": termset(), "extension_name": "hc_negated",
        "span_keys": ["hc_concepts", "hc_cues"],
    })
    heads: dict[str, str] = {n: "fact precision, recall, red-flag recall" for n in LANGUAGE_SETS}
    heads |= {n: "stated, stated-or-suspected recall, false alarms" for n in SIGN_SETS}
    def fmt(t: tuple[float, float, float]) -> str:
        return " ".join(f"{x:.3f}" for x in t)
    a, b = figures(ours), figures(Parser(theirs_nlp))
    for name in [*LANGUAGE_SETS, *SIGN_SETS]:
        print(f"{name:22} ({heads[name]}): hc_negation {fmt(a[name])} | negex {fmt(b[name])}")


if __name__ == "__main__":
    main()
