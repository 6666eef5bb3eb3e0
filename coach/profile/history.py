"""A person's path over time, as lines a terminal can show."""

from __future__ import annotations

from coach.profile.store import PastPlan
from rules.knowledge import Knowledge
from rules.wording import join

_DECISION_WORDS = {None: "started", "move_up": "moved up", "stay": "stayed",
                   "step_back": "stepped back"}


def history_lines(plans: list[PastPlan], knowledge: Knowledge) -> list[str]:
    """One line per plan the coach gave: when, what was decided, which step."""
    lines = []
    previous = None
    for past in plans:
        plan = past.plan
        when = past.at[:16].replace("T", " ")
        referral = plan.get("referral")
        if referral:
            signs = join(knowledge.red_flags.get(k, k) for k in referral.get("reasons", []))
            urgency = "urgently" if referral.get("urgency") == "emergency" else "soon"
            lines.append(f"{when}  referred  see a clinician {urgency}: {signs}")
            previous = None
            continue
        start = plan.get("start")
        if start == previous and past.decision is None:
            continue  # the same plan restated within a session
        name = knowledge.step(start).name if start in {s.id for s in knowledge.steps} else start
        word = _DECISION_WORDS.get(past.decision, past.decision or "started")
        focus = ", ".join(knowledge.cues[c].name.lower() for c in plan.get("focus", [])
                          if c in knowledge.cues)
        lines.append(f"{when}  {word:<12}  {name}" + (f"  (focus: {focus})" if focus else ""))
        previous = start
    return lines
