"""Which item of the article a message asks about: the matcher's reading (coach.topics)
weighed against the intent classifier's.

The classifier knows kinds of question and is trained on far more examples; the matcher knows
the items. A specific item answers when it is part of the kind of question the classifier
read, or when the match is clear; a general item (a kind of question) never overrules a
classifier that is firmly sure. Statements are answers, not questions, unless they ask.
"""

from __future__ import annotations

from coach.topics import reads_as_question, topic_matcher
from rules.knowledge.questions import QuestionItem

# An item matched this well, and this far ahead of the next, answers even a question the
# classifier is sure is of another kind ("what are the 3 points of contact" read as a question
# about benefits).
CLEAR_SCORE = 0.65
CLEAR_LEAD = 0.2
# A question inside a statement names one item this far ahead of the next.
STATEMENT_LEAD = 0.1
# The dialogue's own bar (coach.dialogue.CLARIFY_BELOW): below it the classifier's intent is
# a guess, and the matcher alone decides.
SURE = 0.45
# Above this the classifier's kind of question is not overruled by another general one.
FIRMLY_SURE = 0.6
# Questions about the conversation itself ("why are you asking?"): the classifier's reading
# stands, since the rules answer them, not the article.
_ABOUT_CONVERSATION = frozenset({"ask_why_asking", "ask_how_decided"})
# Commands are never read as questions about the article.
_COMMANDS = frozenset({"restart", "goodbye"})
# General answers that teach no exercise: given even while a referral stands.
_NOT_TEACHING = frozenset({"ask_back_pain", "ask_why_asking", "ask_how_decided"})


def teaches_exercise(item: QuestionItem | None) -> bool:
    """Would answering this item teach exercise (held back while a referral stands)?"""
    if item is None:
        return False
    return not (item.general and item.target in _NOT_TEACHING)


def asked_item(
    intent: str, text: str, confidence: float = 1.0, decided: bool = True
) -> QuestionItem | None:
    """The item of questions.toml a message asks about, when the matcher is clear about it
    and it fits what the intent classifier read (``confidence``); ``decided`` says whether
    the coach has made a plan yet."""
    if intent in _COMMANDS:
        return None
    if intent == "ask_how_decided" and not decided:
        # Nothing is decided yet, so "why a kettlebell and not a barbell?" asks the article.
        confidence = 0.0
    sure = confidence >= SURE
    asks = intent.startswith("ask_")
    if asks and sure and intent in _ABOUT_CONVERSATION:
        return None
    if not asks and intent not in ("out_of_scope", "help") and not reads_as_question(text):
        # A statement ("one kettlebell", "my toes lift") is an answer, not a question.
        return None
    match = topic_matcher().match(text)
    if match is None:
        return None
    item = match.item
    clear = match.score >= CLEAR_SCORE and match.score - match.runner_up >= CLEAR_LEAD
    if not asks:
        # The classifier read no question: a statement with a question in it ("my knees cave
        # in, how do i fix it?") gets the one item it is plainly about, a general answer only
        # on a clear match. Read as out of scope or help, only a clear match to one item says
        # otherwise ("how do i fix my back arching"); "how does this work?" asks for help,
        # not about muscles.
        if sure and intent in ("out_of_scope", "help"):
            return item if clear and not item.general else None
        if item.general:
            return item if clear else None
        return item if match.score - match.runner_up >= STATEMENT_LEAD else None
    if not sure or item.part_of(intent):
        return item
    if item.general:
        # Two readings of the kind of question: the classifier's, trained on far more
        # examples, stands unless it was only just sure and the matcher is clear.
        return item if clear and confidence < FIRMLY_SURE else None
    return item if clear else None
