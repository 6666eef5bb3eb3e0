"""``hc_answer``: a message that is only a yes, a no or a "not sure" gets that intent.

The classifier learns yes and no from word counts, so it reads "yeah nah" as a yes (it saw
"yeah") and "no problem at all" as a no. The phrase reader (``yes_no``) knows the whole
phrases; where a message is nothing but one of them, its reading replaces the classifier's.
The classifier's other guesses stay as alternatives, scaled down, so ``cats`` stays a
probability distribution.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from coach.language.yes_no import read_answer

# The intent each kind of answer is, said on its own (no question to read it against).
ANSWER_INTENT = {"yes": "affirm", "fine": "affirm", "no": "deny", "partly": "unsure",
                 "unsure": "unsure"}
# Set on a doc that is only an answer: its facts are what the answer implies ("all good" says
# no pain), so they do not make it an inform.
ONLY_ANSWER = "hc_only_answer"
# How sure the phrase reader is: a known phrase, but a person may still mean something else.
READER_CONFIDENCE = 0.9


@Language.factory("hc_answer", assigns=["doc.cats"], requires=["doc.cats"])
def make_answer_intent(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    def answer_intent(doc: Doc) -> Doc:
        reading = read_answer(doc.text)
        intent = ANSWER_INTENT.get(reading.answer or "")
        if intent is None or not reading.only or intent not in doc.cats:
            return doc
        doc.user_data[ONLY_ANSWER] = True
        others = sum(p for k, p in doc.cats.items() if k != intent)
        scale = (1.0 - READER_CONFIDENCE) / others if others else 0.0
        for key in doc.cats:
            doc.cats[key] = READER_CONFIDENCE if key == intent else doc.cats[key] * scale
        return doc

    return answer_intent
