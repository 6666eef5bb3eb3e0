"""The interview: one user message in, one coach turn out, independent of any UI.

The dialogue reads each message in the light of the question it answers ("yes" after "Can you
hinge without the stick?" is a fact about mastery), tells the facts to the rule base, answers
questions asked along the way, and then either asks the next topic the rule base needs or
presents the plan. Safety comes first: a red flag ends loading advice at once.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from coach.answers import answer
from coach.phrasing import load_phrasing
from coach.profile.memory import LastTime, Memory
from coach.render import plan_markdown
from coach.session import CoachSession, FactError
from coach.text import clean
from rules import vocabulary as v
from rules.outcome import Plan

# Below this confidence, with nothing else to go on, the coach asks rather than guesses.
CLARIFY_BELOW = 0.45
# Restart and goodbye throw away or end the conversation: only on a clear reading.
COMMAND_CONFIDENCE = 0.6
# A topic is asked at most this many times; then "not sure" is assumed and the safe default used.
MAX_ASKS = 2
# What the parser reads of one message; the transcript keeps all of it.
MAX_CHARS = 5_000

# Messages that don't try to answer the question asked: re-asking after them doesn't use up
# one of the topic's asks.
_NOT_ANSWERS = {i for i in v.INTENTS if i.startswith("ask_")} | {
    "help", "greet", "thanks", "out_of_scope",
}
_NUMBER = re.compile(r"^\s*(?:about|around|like|maybe|~)?\s*(\d+(?:[.,]\d+)?)\s*"
                     r"(years?|yrs?|y|months?|mos?)?\s*[.!]?\s*$", re.IGNORECASE)


class Understander(Protocol):
    def parse(self, text: str) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Turn:
    """One coach turn, in the contract's ``chat --json`` shape."""

    say: str
    intent: str | None = None
    asking: str | None = None
    facts: list[dict[str, Any]] = field(default_factory=list)
    plan: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "say": self.say,
            "intent": self.intent,
            "asking": self.asking,
            "facts": self.facts,
            "plan": self.plan,
        }


# What a bare "no" means for each topic.
_DENIALS: dict[str, list[dict[str, Any]]] = {
    "symptoms": [{"type": "symptom", "area": None, "quality": None, "trigger": None,
                  "severity": None, "present": False}],
    "red_flags": [{"type": "red_flag", "kind": None, "present": False}],
    "lifting_history": [{"type": "history", "level": "none", "years": None, "barbell": None,
                         "present": False}],
    "stick_mastery": [{"type": "mastery", "skill": "stick_free", "present": False}],
    "faults": [{"type": "fault", "kind": None, "present": False}],
    "equipment": [{"type": "equipment", "item": None, "count": None, "present": False}],
    # "No problems" at a check-in: no pain and none of the mistakes.
    "check_in": [
        {"type": "symptom", "area": None, "quality": None, "trigger": None, "severity": None,
         "present": False},
        {"type": "fault", "kind": None, "present": False},
    ],
}
# What a bare "yes" means, where it means something on its own.
_AFFIRMATIONS: dict[str, list[dict[str, Any]]] = {
    "stick_mastery": [{"type": "mastery", "skill": "stick_free", "present": True}],
}


class Dialogue:
    def __init__(
        self,
        parser: Understander,
        session_factory: Callable[[], CoachSession] = CoachSession,
        memory: Memory | None = None,
    ) -> None:
        self._parser = parser
        self._session_factory = session_factory
        self._memory = memory
        self._memory_trouble: str | None = None
        self.phrasing = load_phrasing()
        self.transcript: list[tuple[str, str]] = []
        self.finished = False
        self._start_fresh(resume=True)

    def _start_fresh(self, resume: bool = False) -> None:
        self.session = self._session_factory()
        self.last_time: LastTime | None = None
        if resume and self._memory is not None:
            self.last_time = self._remember(self._memory.restore, self.session)
        self.asking: str | None = None
        self._asks: Counter[str] = Counter()
        self._follow_up = False
        self._last_plan: Plan | None = None

    def history_markdown(self) -> str:
        """The person's path over the sessions so far, as Markdown for a UI to show."""
        if self._memory is None:
            return self.phrasing["history_off"]
        from coach.profile.history import history_markdown

        try:
            plans = self._memory.past_plans()
            sessions = self._memory.session_count()
        except (sqlite3.Error, OSError) as error:
            return self.phrasing["history_trouble"].format(error=error)
        path = history_markdown(plans, self.session.knowledge)
        if not path:
            return self.phrasing["history_empty"]
        count = f"{sessions} session" + ("" if sessions == 1 else "s")
        return self.phrasing["history"].format(sessions=count, path=path)

    # --- turns -------------------------------------------------------------------------------
    def opening(self) -> Turn:
        if self.last_time is not None:
            return self._say([self._welcome_back(self.last_time)], intent=None, learned=[])
        return self._say([self.phrasing["opening"]], intent=None, learned=[])

    def _welcome_back(self, last: LastTime) -> str:
        knowledge = self.session.knowledge
        plan = last.plan
        if plan.get("start") not in v.STEPS:
            return self.phrasing["welcome_back_referred"]
        cues = [knowledge.cues[c].name.lower() for c in plan.get("focus", []) if c in
                knowledge.cues]
        focus = f", focusing on {', '.join(cues)}" if cues else ""
        return self.phrasing["welcome_back"].format(
            when=last.at[:10], step=knowledge.step(plan["start"]).name, focus=focus
        )

    def reply(self, text: str, resume: bool = True) -> Turn:
        """The coach's answer to one message; ``resume=False`` answers without asking on."""
        self.transcript.append(("user", text))
        if self._memory is not None:
            self._remember(self._memory.said, "user", text)
        cleaned = clean(text)
        if not cleaned:
            # Not an answer, so it doesn't use up one of the topic's asks.
            return self._say(
                [self.phrasing["empty"]], intent=None, learned=[], resume=resume, counts=False
            )
        notes = []
        if len(cleaned) > MAX_CHARS:
            notes.append(self.phrasing["too_long"].format(limit=f"{MAX_CHARS:,}"))
            cleaned = cleaned[:MAX_CHARS]
        parsed = self._parser.parse(cleaned)
        intent: str = parsed.get("intent") or "out_of_scope"
        facts: list[dict[str, Any]] = list(parsed.get("facts") or [])

        # Unsure a restart or goodbye was meant: ask rather than wipe or end the conversation.
        doubtful_command = intent in ("restart", "goodbye") and (
            float(parsed.get("confidence") or 0.0) < COMMAND_CONFIDENCE
        )
        clear_command = not facts and not doubtful_command
        if clear_command and intent == "restart":
            self._start_fresh()
            self.finished = False
            return self._say([self.phrasing["restart"]], intent=intent, learned=[])
        if clear_command and intent == "goodbye":
            self.finished = True
            return self._say([self.phrasing["goodbye"]], intent=intent, learned=[], resume=False)

        facts, unsure = self._in_context(intent, cleaned, facts)
        learned = self._tell(facts, text, notes)
        if unsure and self.asking:
            self._unsure(self.asking, said=text)

        parts = list(notes)
        answered = answer(intent, self.session, self.asking)
        if doubtful_command and not learned:
            parts.append(self._clarify(parsed))
        elif answered:
            parts.append(answered)
        elif intent in ("greet", "thanks") and not learned:
            parts.append(self.phrasing[intent])
        elif intent == "help":
            parts.append(self.phrasing["help"])
        elif intent == "out_of_scope" and not learned:
            parts.append(self.phrasing["out_of_scope"])
        elif not learned and not unsure and not self._follow_up:
            confidence = float(parsed.get("confidence") or 0.0)
            if confidence < CLARIFY_BELOW and intent not in ("affirm", "deny", "unsure"):
                parts.append(self._clarify(parsed))
        elif learned and intent == "inform" and self.asking is None:
            if resume:
                parts.append(self.phrasing["noted"])
            else:
                # One message and no interview to follow (`ask`): answer what it tells.
                symptom = any(f["type"] == "symptom" and f["present"] for f in learned)
                told = answer("ask_back_pain", self.session, None) if symptom else None
                parts += [told or self.phrasing["noted"], self.phrasing["one_shot"]]
        counts = bool(learned) or unsure or intent not in _NOT_ANSWERS
        return self._say(parts, intent=intent, learned=learned, resume=resume, counts=counts)

    # --- reading answers in context ------------------------------------------------------------
    def _in_context(
        self, intent: str, text: str, facts: list[dict[str, Any]]
    ) -> tuple[list[dict[str, Any]], bool]:
        """Facts a short answer carries because of the question it answers."""
        topic = self.asking
        self._follow_up = False
        if topic is None or self._answers_topic(facts, topic):
            return facts, False
        if intent == "unsure":
            return facts, True
        if intent == "deny" and topic in _DENIALS:
            return facts + _DENIALS[topic], False
        if intent == "affirm":
            if topic in _AFFIRMATIONS:
                return facts + _AFFIRMATIONS[topic], False
            self._follow_up = True
            return facts, False
        if topic == "lifting_history" and (years := _years(text)) is not None:
            told = {"type": "history", "level": None, "years": years, "barbell": None,
                    "present": True}
            return [*facts, told], False
        return facts, False

    def _answers_topic(self, facts: list[dict[str, Any]], topic: str) -> bool:
        if topic == v.CHECK_IN_TOPIC:
            return any(f.get("type") in ("symptom", "fault", "mastery") for f in facts)
        if topic == "red_flags":
            return any(f["type"] == "red_flag" and (f["present"] or f["kind"] is None)
                       for f in facts)
        return any(v.TOPIC_OF_FACT.get(f.get("type", "")) == topic for f in facts)

    def _tell(self, facts: list[dict[str, Any]], said: str, notes: list[str]) -> list[dict]:
        learned = []
        for fact in facts:
            try:
                learned.extend(self.session.tell([fact], said=said))
            except FactError as error:
                # A parser slip must not cost the person the rest of their message.
                notes.append(f"(I couldn't use part of that: {error}.)")
        if learned and self._memory is not None:
            self._remember(self._memory.learned, learned, said)
        return learned

    def _unsure(self, topic: str, said: str | None) -> None:
        self.session.tell_unsure(topic, said=said)
        if self._memory is not None:
            self._remember(self._memory.unsure, topic, said)

    def _remember(self, action: Callable[..., Any], *args: Any) -> Any:
        """Save to the profile; trouble saving is said once, and never ends the session."""
        try:
            return action(*args)
        except (sqlite3.Error, OSError) as error:
            self._memory_trouble = self.phrasing["memory_trouble"].format(error=error)
            return None

    def _clarify(self, parsed: dict[str, Any]) -> str:
        labels = self.phrasing.intent_labels
        alternatives = parsed.get("alternatives", [])
        options = [parsed.get("intent"), *(a.get("intent") for a in alternatives)]
        choices = [labels[o] for o in dict.fromkeys(options) if o in labels][:2]
        if len(choices) < 2:
            return self.phrasing["unclear"]
        return f"{self.phrasing['unclear']} " + self.phrasing["clarify"].format(
            choices=" or ".join(choices)
        )

    # --- what to say next -------------------------------------------------------------------
    def _say(
        self,
        parts: list[str],
        intent: str | None,
        learned: list[dict[str, Any]],
        resume: bool = True,
        counts: bool = True,
    ) -> Turn:
        plan_json = None
        asking = None
        plan = self.session.plan_details()
        if plan is not None and plan != self._last_plan:
            shown = plan_markdown(plan, self.session.knowledge)
            if plan.referral is not None:
                # A referral opens the turn with its own urgent lead, before any answer; a
                # "got it", or an invitation to start exercising, would contradict it.
                drop = (self.phrasing["noted"], self.phrasing["one_shot"])
                rest = [p for p in parts if p not in drop]
                parts = [shown, *rest, self.phrasing["not_medical_advice"]]
            else:
                parts = [*parts, self._plan_lead(plan), shown,
                         self.phrasing["not_medical_advice"], self.phrasing["after_plan"]]
            self._last_plan = plan
            plan_json = plan.to_contract()
            self.asking = None
            if self._memory is not None:
                self._remember(self._memory.planned, plan_json, plan.decision)
        elif resume and plan is None:
            asking = self._next_topic(parts, counts)
            if asking is not None:
                question = self.phrasing.questions[asking]
                text = question.follow_up if self._follow_up else question.ask
                parts = [*parts, self._fill(text)]
                self._asks[asking] += counts
            self.asking = asking
            if asking is None:
                # A "not sure" default may just have completed the plan.
                return self._say(parts, intent, learned, resume, counts)
        if self._memory_trouble:
            parts = [*parts, self._memory_trouble]
            self._memory_trouble = None
        say = "\n\n".join(p for p in parts if p)
        if not say:
            # Nothing new to say (e.g. "not sure" after the plan): never an empty turn.
            say = self.phrasing["after_plan" if self._last_plan else "unclear"]
        self.transcript.append(("coach", say))
        if self._memory is not None:
            self._remember(self._memory.said, "coach", say)
        return Turn(say=say, intent=intent, asking=asking, facts=learned, plan=plan_json)

    def _plan_lead(self, plan: Plan) -> str:
        if self._last_plan is not None:
            return self.phrasing["plan_changed"]
        if plan.decision is not None:
            # A check-in's decision: say what was decided before the step itself.
            return self.phrasing[f"plan_intro_{plan.decision}"]
        return self.phrasing["plan_intro"]

    def _next_topic(self, parts: list[str], counts: bool) -> str | None:
        topic = self.session.next_topic()
        while counts and topic is not None and self._asks[topic] >= MAX_ASKS:
            # Never a third time: take "not sure" and its safe default.
            parts.append(self.phrasing["moving_on"])
            self._unsure(topic, None)
            self._follow_up = False
            topic = self.session.next_topic()
        return topic


    def _fill(self, question: str) -> str:
        """Questions that name the step and faults from last time (the check-in)."""
        if "{" not in question:
            return question
        knowledge = self.session.knowledge
        step = self.session.on_step
        last_faults = (self.last_time.plan.get("watch_for", []) if self.last_time else [])
        faults = [knowledge.mistakes[f].name.lower() for f in last_faults
                  if f in knowledge.mistakes]
        return question.format(
            step=knowledge.step(step).name if step else "last step",
            faults=" or ".join(faults) if faults else "any of the common mistakes",
        )


def _years(text: str) -> float | None:
    match = _NUMBER.match(text)
    if not match:
        return None
    number = float(match.group(1).replace(",", "."))
    unit = (match.group(2) or "").lower()
    return round(number / 12, 2) if unit.startswith("mo") else number
