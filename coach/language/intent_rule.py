"""``hc_intent``: the classifier's intent set right by what the message plainly tells.

A message that tells facts about the person is an ``inform``, and one with no question in it
is never an ``ask_*`` intent; the request words that ask without a "?" are its config.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from coach.language.answer_intent import ONLY_ANSWER
from coach.language.facts import sentence_kinds

# Short answers that a message carrying facts is not just: "nope, no accidents or falls",
# "yes, my back gets sore after deadlifts", "morning! my back aches" all inform.
_ANSWER_INTENTS = ("affirm", "deny", "unsure", "greet", "thanks", "goodbye")


_ASKING = "ask_"


def _asks_anything(doc: Doc, requests: frozenset[str]) -> bool:
    """A question mark, a sentence that opens as a question ("what's a trap bar"), or a
    request ("tell me about the muscles", "I was wondering how to start")."""
    questions, _ = sentence_kinds(doc)
    if questions or "?" in doc.text:
        return True
    text = " " + " ".join(t.lower_ for t in doc) + " "
    return any(f" {r} " in text for r in requests)


@Language.factory(
    "hc_intent",
    assigns=["doc.cats"],
    requires=["doc.cats", "doc._.facts"],
    default_config={"inform": "inform", "answers": list(_ANSWER_INTENTS), "requests": []},
)
def make_intent_rule(
    nlp: Language, name: str, inform: str, answers: list[str], requests: list[str]
) -> Callable[[Doc], Doc]:
    """When facts were found and the classifier's best guess is a bare answer (or out of
    scope: "high blood pressure, on meds for it"), it is an
    inform: the answer intents' probability moves to ``inform``, so the reported confidence
    stays a probability and the alternatives still show what else it could be."""
    answer_set = frozenset(answers)
    request_set = frozenset(r.lower() for r in requests)

    def intent_rule(doc: Doc) -> Doc:
        cats = doc.cats
        # Only what the person plainly says about themselves makes a message an inform: a
        # suspicion or a what-if leaves "nah, maybe" or "what if...?" as the classifier read it.
        told = [f for f in doc._.facts or [] if "certainty" not in f and "context" not in f]
        if not cats or not told or inform not in cats or doc.user_data.get(ONLY_ANSWER):
            return doc
        top = max(cats, key=cats.__getitem__)
        if top.startswith(_ASKING) and not _asks_anything(doc, request_set):
            # "lower back gets sore after long runs", "2 adjustable dumbbells and a bench":
            # no question in it, so it tells, whatever it sounds like to the classifier.
            moved = sum(p for c, p in cats.items() if c.startswith(_ASKING))
            for c in [c for c in cats if c.startswith(_ASKING)]:
                cats[c] = 0.0
            cats[inform] += moved
            return doc
        if top == "deny" and not any(f["present"] for f in told):
            return doc  # "nope, no fever", "no, only my left leg": a denial that names things
        if top not in answer_set and top != "out_of_scope":
            return doc  # a question that tells something is still a question
        moved = sum(cats[a] for a in (*answer_set, "out_of_scope") if a in cats)
        for a in (*answer_set, "out_of_scope"):
            if a in cats:
                cats[a] = 0.0
        cats[inform] += moved
        return doc

    return intent_rule
