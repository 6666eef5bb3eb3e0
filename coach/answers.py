"""Answers to the person's questions, grounded in the article and in what they told us."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coach.phrasing import load_phrasing
from coach.provenance import is_article, numbers, source_line, words
from coach.render import explanation_markdown
from coach.session import CoachSession
from coach.topic_answers import item_answer
from rules.knowledge import Source
from rules.knowledge.questions import QuestionItem
from rules.wording import join, when_to_move_on


def answer(
    intent: str, session: CoachSession, asking: str | None, item: QuestionItem | None = None
) -> str | None:
    """The answer to a question, or None if the message asks nothing the coach answers.

    ``item`` (from ``coach.asked.asked_item``) is the one item of the article the question is
    about (the three points of contact, the suitcase hinge, ...): it is answered rather than
    the general answer to the kind of question ``intent`` names.
    """
    if item is not None and not item.general:
        return item_answer(item, session.knowledge)
    if item is not None:
        intent = item.target
    handler = _HANDLERS.get(intent)
    return handler(session, asking) if handler else None


def _present(session: CoachSession, fact_type: str) -> list[dict[str, Any]]:
    return [k.fact for k in session.known_facts() if k.fact["type"] == fact_type
            and k.fact["present"]]


def _back_pain(session: CoachSession, asking: str | None) -> str:
    k = session.knowledge
    passage = k.passages["back_pain"]
    words = load_phrasing().answers
    parts = [passage.text, source_line(passage.source)]
    low_back = [s for s in _present(session, "symptom") if s["area"] == "low_back"]
    if low_back:
        unnamed = words("unnamed_quality")
        qualities = join(sorted({s["quality"] or unnamed for s in low_back}))
        parts.append(words("back_pain_yours", qualities=qualities))
    parts.append(words("back_pain_caution"))
    return "\n\n".join(parts)


def _passage(name: str) -> Callable[[CoachSession, str | None], str]:
    def handler(session: CoachSession, asking: str | None) -> str:
        passage = session.knowledge.passages[name]
        return f"{passage.text}\n\n{source_line(passage.source)}"

    return handler


def _how_to_start(session: CoachSession, asking: str | None) -> str:
    drill = session.knowledge.stick_drill
    steps = "\n".join(f"{i}. {d.text}" for i, d in enumerate(drill, start=1))
    source = source_line(Source(drill[0].source.section))
    return load_phrasing().answers("how_to_start", steps=steps, source=source)


def _mistakes(session: CoachSession, asking: str | None) -> str:
    k = session.knowledge
    seen = {f["kind"] for f in _present(session, "fault")}
    answers = load_phrasing().answers
    lines = []
    for fault, mistake in k.mistakes.items():
        name = f"**{mistake.name}**"
        if fault in seen:
            name = answers("you_mentioned", mistake=name)
        coach = "" if is_article(mistake.fix_basis) else words("coach_mark")
        lines.append(f"- {name}: {mistake.fix}{coach}")
    return answers("mistakes", section=k.sections["mistakes"], mistakes="\n".join(lines),
                   note=words("mistakes_coach"))


def _progression(session: CoachSession, asking: str | None) -> str:
    k = session.knowledge
    plan = session.plan_details()
    start = plan.start if plan else None
    answers = load_phrasing().answers
    lines = []
    for i, step in enumerate(k.steps, start=1):
        name = f"**{step.name}**"
        if step.id == start:
            name = answers("your_start", step=name)
        lines.append(f"{i}. {name}: {when_to_move_on(step.move_on)}")
    coach = [i for i, step in enumerate(k.steps, start=1) if not is_article(step.basis)]
    source = words("ladder_coach").format(steps=numbers(coach))
    return answers("ladder", steps="\n".join(lines), source=source)


def _benefits(session: CoachSession, asking: str | None) -> str:
    passage = session.knowledge.passages["benefits"]
    return load_phrasing().answers("benefits", passage=passage.text,
                                   source=source_line(passage.source))


def _why_asking(session: CoachSession, asking: str | None) -> str:
    phrasing = load_phrasing()
    if asking is None:
        # No question and no plan happens in a one-off `ask`: there is nothing to explain yet.
        has_plan = session.plan_details() is not None
        return phrasing["nothing_to_ask" if has_plan else "nothing_asked_yet"]
    question = session.why_asking(asking)
    assert question is not None
    return phrasing.answers("asking_because", why=_lower_first(question.why))


def _how_decided(session: CoachSession, asking: str | None) -> str:
    plan = session.plan_details()
    if plan is None:
        return not_decided(asking)
    subject = "referral" if plan.referral else "start"
    reasons = "\n".join(f"- {b}" for b in plan.because)
    chain = explanation_markdown(session.how_decided(subject))
    return load_phrasing().answers("how_decided", reasons=reasons, chain=chain)


def not_decided(asking: str | None) -> str:
    """No plan yet: what the coach still needs to know (the topic it is asking about)."""
    phrasing = load_phrasing()
    topic = (asking or phrasing.answers("some_topics")).replace("_", " ")
    return phrasing["not_decided"].format(topic=topic)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


_HANDLERS: dict[str, Callable[[CoachSession, str | None], str]] = {
    "ask_back_pain": _back_pain,
    "ask_what_is_hinge": _passage("what_is_hinge"),
    "ask_muscles": _passage("muscles"),
    "ask_how_to_start": _how_to_start,
    "ask_mistakes": _mistakes,
    "ask_progression": _progression,
    "ask_benefits": _benefits,
    "ask_equipment": _passage("equipment"),
    "ask_why_asking": _why_asking,
    "ask_how_decided": _how_decided,
}
