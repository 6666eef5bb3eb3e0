"""The answer about one item of the article, built from the knowledge, with its provenance.

questions.toml points each item at the knowledge (a cue, a mistake, a step, a step of the
stick drill, a detail); this module says that piece of knowledge as an answer. The words come
from hinge.toml and from questions.toml's [answers]; nothing user-facing is written here.
"""

from __future__ import annotations

from collections.abc import Callable

from coach.provenance import basis_label, coach_part, is_article, source_line, words
from rules.knowledge import Knowledge, Passage
from rules.knowledge.questions import QuestionItem
from rules.wording import join, needs_text


def item_answer(item: QuestionItem, knowledge: Knowledge) -> str:
    """Markdown: the item, then where it comes from. Not for general items (intents)."""
    return _RENDER[item.kind](item.target, knowledge)


def _cue(cue_id: str, k: Knowledge) -> str:
    cue = k.cues[cue_id]
    parts = [words("cue").format(name=cue.name, text=cue.text)]
    fixes = [m for m in k.mistakes.values() if cue_id in m.cues]
    if fixes:
        names = [words("cue_fix").format(name=m.name.lower(), label=basis_label(m.fix_basis))
                 for m in fixes]
        parts.append(words("cue_fixes").format(mistakes=join(names)))
    parts.append(source_line(cue.source))
    return "\n\n".join(parts)


def _mistake(fault: str, k: Knowledge) -> str:
    mistake = k.mistakes[fault]
    parts = [
        words("mistake").format(name=mistake.name),
        words("mistake_fix").format(label=basis_label(mistake.fix_basis), fix=mistake.fix),
    ]
    for cue_id in mistake.cues:
        cue = k.cues[cue_id]
        if cue.text != mistake.fix:
            parts.append(words("mistake_cue").format(name=cue.name, text=cue.text))
    parts.append(source_line(mistake.source))
    return "\n\n".join(parts)


def _step(step_id: str, k: Knowledge) -> str:
    index = k.step_index(step_id)
    step = k.steps[index]
    where = []
    if index > 0:
        where.append(words("step_after").format(name=k.steps[index - 1].name))
    if index + 1 < len(k.steps):
        where.append(words("step_before").format(name=k.steps[index + 1].name))
    placed = f": {', '.join(where)}" if where else ""
    if index == 0:
        placed += words("step_first")
    elif index + 1 == len(k.steps):
        placed += words("step_last")
    label = "" if is_article(step.basis) else words("step_label").format(
        label=basis_label(step.basis)
    )
    needs = (words("step_stick_needs") if step.needs.always_available
             else needs_text(step.needs))
    lines = [
        words("step_how").format(label=label, text=step.how),
        words("step_needs").format(label="", text=needs),
        words("step_move_on").format(label=label, text=step.move_on),
    ]
    head = words("step").format(name=step.name, n=index + 1, of=len(k.steps), where=placed)
    return "\n\n".join([head, "\n".join(lines), source_line(step.source)])


def _drill(n: str, k: Knowledge) -> str:
    drill = k.stick_drill[int(n) - 1]
    head = words("drill").format(n=n, of=len(k.stick_drill), text=drill.text)
    return "\n\n".join([head, source_line(drill.source)])


def _detail(name: str, k: Knowledge) -> str:
    return _said(k.details[name])


def _passage(name: str, k: Knowledge) -> str:
    return _said(k.passages[name])


def _said(passage: Passage) -> str:
    parts = [passage.text]
    if passage.coach:
        parts.append(coach_part(passage.coach))
    parts.append(source_line(passage.source))
    return "\n\n".join(parts)


_RENDER: dict[str, Callable[[str, Knowledge], str]] = {
    "cue": _cue,
    "mistake": _mistake,
    "step": _step,
    "drill": _drill,
    "detail": _detail,
    "passage": _passage,
}
