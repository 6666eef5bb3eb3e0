"""Questions after the plan, answered by the rule base (contract, "After the plan").

- "Why not X?" / "Can I skip to X?": the reasons the plan gives (read from the rule trace)
  and the smallest change of facts that would let the person start at X, found by running
  the rules again on a copy of the session.
- "What if ...?": the plan re-derived on a copy with the hypothetical facts, shown as what
  would differ from the current plan; the person's own facts are unchanged.

How people name the steps, and the wording, are data: ``coach/data/after_plan.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from itertools import combinations
from typing import Any

from coach.describe import describe
from coach.session import CoachSession
from rules import vocabulary as v
from rules.lines import Lines
from rules.outcome import Plan

Fact = dict[str, Any]
# The largest set of changed facts tried for "what would have to change".
MAX_CHANGES = 3

# The entries of after_plan.toml [lines], with the format fields the code fills in.
_FIELDS: dict[str, tuple[str, ...]] = {
    "why_not": ("start", "step", "reasons", "change"),
    "would_change": ("step", "facts"),
    "no_single_change": (),
    "already_allowed": ("step", "start"),
    "referral_first": ("step",),
    "what_if": ("facts", "differences"),
    "what_if_same": ("facts",),
    "what_if_more": ("facts",),
    "changed_start": ("now", "was"),
    "changed_focus": ("cues",),
    "changed_watch": ("faults",),
    "referral_change": ("referral",),
    "no_referral": (),
    "diff_start": ("now", "was"),
    "diff_focus": ("cues",),
    "diff_watch": ("faults",),
    "no_exercise": (),
    "nothing": (),
}
# Which entry words each kind of difference: a what-if's, or a changed plan's.
_WHAT_IF_LINES = {"start": "diff_start", "focus": "diff_focus", "watch": "diff_watch"}
_CHANGED_LINES = {"start": "changed_start", "focus": "changed_focus", "watch": "changed_watch"}


@dataclass(frozen=True)
class _Words:
    steps: dict[str, re.Pattern[str]]
    asks_why_not: re.Pattern[str]
    what_if: re.Pattern[str]
    lines: Lines


@cache
def _words() -> _Words:
    raw = tomllib.loads(files("coach.data").joinpath("after_plan.toml").read_text("utf-8"))
    steps = {
        step: re.compile(r"\b(?:" + "|".join(names) + r")\b", re.IGNORECASE)
        for step, names in raw["step_names"].items()
    }
    unknown = set(steps) - set(v.STEPS)
    if unknown:
        raise ValueError(f"after_plan.toml names unknown steps: {sorted(unknown)}")
    asks = re.compile(r"\b(?:" + "|".join(raw["asks_why_not"]) + r")\b", re.IGNORECASE)
    what_if = re.compile(r"^\W*(?:" + "|".join(raw["what_if"]) + r")\b\W*", re.IGNORECASE)
    return _Words(steps, asks, what_if, Lines(raw["lines"], _FIELDS, "after_plan.toml [lines]"))


def step_named(text: str) -> str | None:
    """The step a message names ("the trap bar", "suitcase"); the most specific wins."""
    found = [(m.end() - m.start(), step) for step, pattern in _words().steps.items()
             if (m := pattern.search(text))]
    return max(found)[1] if found else None


def asks_why_not(text: str) -> bool:
    """ "Why not ...", "can I skip to ...", "why can't I start on ..."."""
    return bool(_words().asks_why_not.search(text))


def what_if_clause(text: str) -> str | None:
    """What a "what if ...?" supposes, as a statement to read ("my knees cave in")."""
    match = _words().what_if.match(text)
    if match is None:
        return None
    supposed = text[match.end():].rstrip(" ?!.")
    return supposed or None


def why_not(session: CoachSession, step: str) -> str | None:
    """Why the plan does not start at ``step``, and what would have to change; None with no
    plan yet."""
    plan = session.plan_details()
    if plan is None:
        return None
    lines, knowledge = _words().lines, session.knowledge
    name = knowledge.step(step).name
    if plan.start is None or (plan.referral is not None and step != plan.start):
        return lines("referral_first", step=name)
    if v.STEPS.index(step) <= v.STEPS.index(plan.start):
        return lines("already_allowed", step=name, start=knowledge.step(plan.start).name)
    reasons = "\n".join(f"- {b}" for b in session.start_reasons())
    change = _smallest_change(session, step)
    if change is None:
        tail = lines("no_single_change")
    else:
        told = "; ".join(describe(f, knowledge).text.lower() for f in change)
        tail = lines("would_change", step=name, facts=told)
    return lines("why_not", step=name, start=knowledge.step(plan.start).name,
                                   reasons=reasons, change=tail)


def what_if(session: CoachSession, facts: Iterable[Fact]) -> str | None:
    """The plan with these facts added, as its difference from the current one."""
    plan = session.plan_details()
    facts = [{k: val for k, val in f.items() if k != "context"} for f in facts]
    if plan is None or not facts:
        return None
    knowledge, lines = session.knowledge, _words().lines
    said = "; ".join(describe(f, knowledge).text.lower() for f in facts)
    twin = session.copy()
    twin.tell(facts)
    other = twin.plan_details()
    if other is None:
        return lines("what_if_more", facts=said)
    differences = _differences(plan, other, session)
    if not differences:
        return lines("what_if_same", facts=said)
    return lines("what_if", facts=said, differences="\n".join(differences))


def plan_changes(now: Plan, then: Plan, session: CoachSession) -> list[str]:
    """What differs from one plan to the next, a line each ("- you would start at ...")."""
    return _differences(now, then, session, _CHANGED_LINES)


def _differences(
    now: Plan, then: Plan, session: CoachSession, kind: dict[str, str] = _WHAT_IF_LINES
) -> list[str]:
    """Lines for what differs: ``diff_*`` wordings for a what-if, ``changed_*`` for a plan
    that has changed."""
    knowledge, lines = session.knowledge, _words().lines

    def step_name(step: str | None) -> str:
        return knowledge.step(step).name if step else lines("no_exercise")

    def cue_names(cues: Iterable[str]) -> str:
        return ", ".join(knowledge.cues[c].name.lower() for c in cues) or lines("nothing")

    out = []
    if (now.referral and now.referral.urgency) != (then.referral and then.referral.urgency):
        urgency = then.referral.urgency if then.referral else None
        advice = knowledge.referral[urgency].advice if urgency else lines("no_referral")
        out.append(lines("referral_change", referral=advice))
    if now.start != then.start:
        out.append(lines(kind["start"], was=step_name(now.start),
                               now=step_name(then.start)))
    if set(now.focus) != set(then.focus):
        out.append(lines(kind["focus"], cues=cue_names(then.focus)))
    if set(now.watch_for) != set(then.watch_for):
        watched = ", ".join(knowledge.mistakes[f].name.lower() for f in then.watch_for)
        out.append(lines(kind["watch"], faults=watched or lines("nothing")))
    return [f"- {line}" for line in out]


def _smallest_change(session: CoachSession, step: str) -> list[Fact] | None:
    """The fewest facts that, told, would start the person at ``step`` or above."""
    target = v.STEPS.index(step)
    candidates = _candidates(session, step)
    for size in range(1, MAX_CHANGES + 1):
        for change in combinations(candidates, size):
            twin = session.copy()
            twin.tell(list(change))
            plan = twin.plan_details()
            if plan is not None and plan.start is not None and plan.referral is None and (
                v.STEPS.index(plan.start) >= target
            ):
                return list(change)
    return None


def _candidates(session: CoachSession, step: str) -> list[Fact]:
    """Facts that could move a start up: mastery, more lifting, a fault or pain gone, kit."""
    known = [k.fact for k in session.known_facts()]
    out: list[Fact] = [
        {"type": "mastery", "skill": "stick_free", "present": True},
        {"type": "history", "level": "experienced", "years": None, "barbell": None,
         "present": True},
    ]
    for fact in known:
        if fact["type"] == "fault" and fact["present"]:
            out.append({**fact, "present": False})
        if fact["type"] == "symptom" and fact["present"]:
            out.append({**fact, "severity": None, "present": False})
    needs = session.knowledge.step(step).needs
    if not needs.always_available:
        out.append({"type": "equipment", "item": needs.any_of[0], "count": needs.count,
                    "present": True})
    return [f for f in out if f not in known]
