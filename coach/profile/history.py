"""A person's path over time: the milestones, as terminal lines or as Markdown for the app."""

from __future__ import annotations

from dataclasses import dataclass

from coach.phrasing import load_phrasing
from coach.profile.store import PastPlan
from rules.knowledge import Knowledge
from rules.wording import join

# What each check-in decision is called on the path (dialogue.toml), None for a first plan.
_DECISION_WORDS = {None: "path_started", "move_up": "path_moved_up", "stay": "path_stayed",
                   "step_back": "path_stepped_back"}


@dataclass(frozen=True)
class Milestone:
    when: str  # "YYYY-MM-DD HH:MM", local to the profile's clock
    what: str  # started, moved up, stayed, stepped back, referred
    where: str  # the step's name, or the referral in words
    focus: str  # the focus cues, lower case, comma separated; "" if none


def milestones(plans: list[PastPlan], knowledge: Knowledge) -> list[Milestone]:
    """One milestone per plan the coach gave, except the same plan restated in a session."""
    words = load_phrasing().lines
    found: list[Milestone] = []
    previous = None
    step_ids = {s.id for s in knowledge.steps}
    for past in plans:
        plan = past.plan
        when = past.at[:16].replace("T", " ")
        referral = plan.get("referral")
        if referral:
            signs = join(knowledge.red_flags.get(k, k) for k in referral.get("reasons", []))
            urgency = words(
                "path_urgently" if referral.get("urgency") == "emergency" else "path_soon")
            found.append(Milestone(when, words("path_referred"),
                                   words("path_referral", urgency=urgency, signs=signs), ""))
            previous = None
            continue
        start = plan.get("start")
        if start == previous and past.decision is None:
            continue
        name = knowledge.step(start).name if start in step_ids else str(start)
        key = _DECISION_WORDS.get(past.decision)
        # A decision this version has no word for (a newer profile) is shown as its id.
        what = words(key) if key else (past.decision or words("path_started"))
        focus = ", ".join(knowledge.cues[c].name.lower() for c in plan.get("focus", [])
                          if c in knowledge.cues)
        found.append(Milestone(when, what, name, focus))
        previous = start
    return found


def history_lines(plans: list[PastPlan], knowledge: Knowledge) -> list[str]:
    """Aligned lines for a terminal: when, what was decided, which step."""
    return [
        f"{m.when}  {m.what:<12}  {m.where}" + (f"  {_focus(m.focus)}" if m.focus else "")
        for m in milestones(plans, knowledge)
    ]


def history_markdown(plans: list[PastPlan], knowledge: Knowledge) -> str:
    """A Markdown list for the app; empty when there is no milestone yet."""
    items = []
    for m in milestones(plans, knowledge):
        focus = f" {_focus(m.focus)}" if m.focus else ""
        items.append(f"- {m.when}: {m.what}, **{m.where}**{focus}")
    return "\n".join(items)


def _focus(cues: str) -> str:
    return load_phrasing().lines("path_focus", focus=cues)
