"""Plans and explanations as Markdown for the person to read."""

from __future__ import annotations

from coach.phrasing import load_phrasing
from coach.text import escape_markdown
from rules.knowledge import Knowledge
from rules.outcome import Explanation, Plan
from rules.wording import LINES as WORDS
from rules.wording import join, when_to_move_on


def plan_markdown(plan: Plan, knowledge: Knowledge) -> str:
    if plan.referral is not None and plan.referral.urgency != "clearance":
        return _referral_markdown(plan, knowledge)
    assert plan.start is not None
    step = knowledge.step(plan.start)
    words = load_phrasing().plan
    parts = ["### " + words("start_with", step=step.name), step.how]
    if plan.referral is not None:
        # Clearance: the unloaded stick hinge is taught, and no weight until a clinician says.
        parts.insert(0, f"**{knowledge.referral['clearance'].advice}**")
    if plan.start == "stick_hinge":
        parts.append(
            "\n".join(f"{i}. {d.text}" for i, d in enumerate(knowledge.stick_drill, start=1))
        )
    if plan.focus:
        cues = (knowledge.cues[c] for c in plan.focus)
        parts.append(f"**{words('focus_on')}**\n"
                     + "\n".join(f"- **{c.name}**: {c.text}" for c in cues))
    if plan.watch_for:
        mistakes = (knowledge.mistakes[f] for f in plan.watch_for)
        parts.append(
            f"**{words('watch_for')}**\n" + "\n".join(f"- **{m.name}**: {m.fix}" for m in mistakes)
        )
    next_from = "" if step.basis == "article" else f" *({_label('coaching practice', knowledge)})*"
    parts.append(f"**{words('next')}**: {when_to_move_on(step.move_on)}{next_from}")
    if plan.because:
        sources = plan.sources or ("",) * len(plan.because)
        lines = (f"- {b} *({_label(s, knowledge)})*" if s else f"- {b}"
                 for b, s in zip(plan.because, sources, strict=True))
        parts.append(f"**{words('why')}**\n" + "\n".join(lines))
    ladder = [
        f"{i}. " + words("start_here", step=f"**{knowledge.step(s).name}**") if s == plan.start
        else f"{i}. {knowledge.step(s).name}"
        for i, s in enumerate((s.id for s in knowledge.steps), start=1)
    ]
    parts.append(f"**{words('the_ladder')}**\n" + "\n".join(ladder))
    return "\n\n".join(parts)


def _label(basis: str, knowledge: Knowledge) -> str:
    """Where a plan line comes from, in a few words: a section of the article, red-flag
    screening, the coach's policy or the coach's own guidance (from its rule's basis)."""
    words = load_phrasing()
    head = basis.split(":")[0].split(" ")[0]
    if head in knowledge.sections:
        return words["source_article"]
    kind = {"safety": "source_safety", "contract": "source_policy", "policy": "source_policy"}
    return words[kind.get(head, "source_coach")]


def _referral_markdown(plan: Plan, knowledge: Knowledge) -> str:
    assert plan.referral is not None
    lead = f"**{knowledge.referral[plan.referral.urgency].advice}**"
    signs = join(knowledge.sign_name(k) for k in plan.referral.reasons)
    words = knowledge.referral_words
    return "\n\n".join([lead, words["told"].format(signs=signs), words["no_load"]])


def explanation_markdown(explanation: Explanation, depth: int = 0) -> str:
    """The chain of reasoning as a nested Markdown list, premises under conclusions.

    What the person said is quoted with Markdown escaped, so their words show as typed.
    """
    pad = "  " * depth
    if explanation.told is not None:
        said = (WORDS("you_said", said=escape_markdown(explanation.said)) if explanation.said
                else "")
        told = WORDS("you_told_me", fact=escape_markdown(explanation.conclusion))
        return f"{pad}- {told}{said}"
    lines = []
    for reasoning in explanation.reasons:
        because = f": {reasoning.because}" if reasoning.because else ""
        rule = WORDS("rule_cited", rule=reasoning.rule)
        lines.append(f"{pad}- {explanation.conclusion} *({rule})*{because}")
        lines.extend(explanation_markdown(p, depth + 1) for p in reasoning.premises)
    return "\n".join(lines) or f"{pad}- {explanation.conclusion}"
