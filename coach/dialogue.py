"""The interview: one user message in, one coach turn out, independent of any UI.

The dialogue reads each message in the light of the question it answers ("yes" after "Can you
hinge without the stick?" is a fact about mastery), tells the facts to the rule base, answers
questions asked along the way, and then either asks the next topic the rule base needs or
presents the plan. Safety comes first: a red flag ends loading advice at once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from coach.after_plan import (
    asks_why_not,
    plan_changes,
    step_named,
    what_if,
    what_if_clause,
    why_not,
)
from coach.answers import answer
from coach.asked import asked_item, teaches_exercise
from coach.changes import changes
from coach.describe import symptom_words
from coach.language.mentions import mentions_pain
from coach.language.yes_no import is_plain_no, means, read_answer, read_yes_no, sounds_unsure
from coach.phrasing import load_phrasing
from coach.render import plan_markdown
from coach.session import CoachSession, FactError
from coach.text import READ_LIMIT, clean, read_part
from rules import vocabulary as v
from rules.knowledge.questions import QuestionItem
from rules.outcome import Plan, Question
from rules.wording import LINES as WORDS

if TYPE_CHECKING:
    # Only a profile brings in sqlite3 (about 1 MB): `ask` and `--no-profile` never need it.
    from coach.profile.memory import LastTime, Memory

# Below this confidence, with nothing else to go on, the coach asks rather than guesses.
CLARIFY_BELOW = 0.45
# Restart and goodbye throw away or end the conversation: only on a clear reading.
COMMAND_CONFIDENCE = 0.6
# A topic is asked at most this many times; then "not sure" is assumed and the safe default used.
MAX_ASKS = 2
# What is read of one message (coach.text, the same for every reader).
MAX_CHARS = READ_LIMIT

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
    # A yes/no question about one sign carries it (contract: `confirm` turns).
    confirming: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        out = {
            "say": self.say,
            "intent": self.intent,
            "asking": self.asking,
            "facts": self.facts,
            "plan": self.plan,
        }
        if self.confirming is not None:
            out["confirming"] = self.confirming
        return out


# Intents that, naming a step after the plan, ask why the plan does not start there.
_WHY_INTENTS = frozenset({"ask_how_decided", "ask_progression", "ask_equipment"})
_INTENT_ANSWERS = {"affirm": "yes", "deny": "no", "unsure": "unsure"}
# What a check-in's plan opens with, by the decision (dialogue.toml).
_PLAN_INTROS = {"move_up": "plan_intro_move_up", "stay": "plan_intro_stay",
                "step_back": "plan_intro_step_back"}
# What a bare "no" means for each topic.
_DENIALS: dict[str, list[dict[str, Any]]] = {
    "symptoms": [{"type": "symptom", "area": None, "quality": None, "trigger": None,
                  "severity": None, "present": False}],
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
# The screening lists' "none of these": said only for a plain no (contract, "Screening").
_NONE_OF_THESE: dict[str, dict[str, Any]] = {
    "red_flags": {"type": "red_flag", "kind": None, "present": False},
    "readiness": {"type": "condition", "kind": None, "present": False},
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
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._parser = parser
        # The time now, for "back the same day" (a test passes a fake clock).
        self._clock = clock or (lambda: datetime.now(UTC))
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
            if self.last_time is not None and self._same_day(self.last_time.at):
                # Back the same day: no practice since, so the check-in moves nothing.
                self.session.no_practice("same_day")
        self.asking: str | None = None
        # The sign a yes/no question is about, when the question asks about one.
        self._sign: dict[str, Any] | None = None
        self._asks: Counter[tuple[str, str | None]] = Counter()
        # Said before the reply proper: how an answer about a sign was taken.
        self._notes: list[str] = []
        self._follow_up = False
        # Set when an answer closed its topic without a fact ("no, just that").
        self._closed_now = False
        self._last_plan: Plan | None = None

    def _same_day(self, at: str) -> bool:
        try:
            then = datetime.fromisoformat(at)
        except ValueError:
            return False
        if then.tzinfo is None:
            then = then.replace(tzinfo=UTC)
        return then.astimezone().date() == self._clock().astimezone().date()

    @property
    def confirming(self) -> dict[str, Any] | None:
        """The sign the question asked now is about, if it asks about one."""
        return self._sign

    def history_markdown(self) -> str:
        """The person's path over the sessions so far, as Markdown for a UI to show."""
        if self._memory is None:
            return self.phrasing["history_off"]
        import sqlite3

        from coach.profile.history import history_markdown

        try:
            plans = self._memory.past_plans()
            sessions = self._memory.session_count()
        except (sqlite3.Error, OSError) as error:
            return self.phrasing["history_trouble"].format(error=error)
        path = history_markdown(plans, self.session.knowledge)
        if not path:
            return self.phrasing["history_empty"]
        count = self.phrasing["session" if sessions == 1 else "sessions"].format(count=sessions)
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
        focus = self.phrasing["welcome_focus"].format(cues=", ".join(cues)) if cues else ""
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
        cleaned, unread = read_part(cleaned)
        if unread is not None:
            notes.append(self.phrasing["too_long"].format(limit=f"{MAX_CHARS:,}", unread=unread))
        parsed = self._parser.parse(cleaned)
        intent: str = parsed.get("intent") or "out_of_scope"
        facts: list[dict[str, Any]] = list(parsed.get("facts") or [])

        # Unsure a restart or goodbye was meant: ask rather than wipe or end the conversation.
        doubtful_command = intent in ("restart", "goodbye") and (
            float(parsed.get("confidence") or 0.0) < COMMAND_CONFIDENCE
        )
        clear_command = not facts and not doubtful_command
        if clear_command and intent == "restart":
            kept = self._reported_signs()
            self._start_fresh()
            # Starting over never lifts a referral: only taking back that very sign does.
            for fact, said in kept:
                self.session.tell([fact], said=said)
            self.finished = False
            return self._say([self.phrasing["restart"]], intent=intent, learned=[])
        if clear_command and intent == "goodbye":
            self.finished = True
            return self._say([self.phrasing["goodbye"]], intent=intent, learned=[], resume=False)

        # A weak guess at yes or no ("x" as a yes) is no answer.
        sure = float(parsed.get("confidence") or 0.0) >= CLARIFY_BELOW
        facts, unsure = self._in_context(intent if sure else "out_of_scope", cleaned, facts)
        before = [k.fact for k in self.session.known_facts()]
        learned = self._tell(facts, text, notes)
        changed = changes(before, [k.fact for k in self.session.known_facts()], learned,
                          self.session.knowledge)
        notes += [self.phrasing["changed"].format(was=was, now=now) for was, now in changed]
        if unsure and self.asking:
            self._unsure(self.asking, said=text)
        notes += self._about_others(learned)

        parts = [*self._notes, *notes]
        self._notes = []
        referral = self._standing_referral()
        item = self._article_item(intent, cleaned, float(parsed.get("confidence") or 0.0),
                                  learned)
        after_plan = self._after_plan(cleaned, intent, bool(changed))
        answered = after_plan or answer(intent, self.session, self.asking, item)
        if not answered and (after := self._question_after_answer(cleaned, intent)):
            # "no i dont think so, whats a hinge even": the answer is taken, and the
            # question after it answered too.
            asked_after, rest = after
            item = self._article_item(asked_after, rest, 1.0, learned)
            answered = answer(asked_after, self.session, self.asking, item)
        if referral is not None and (_wants_exercise(intent, cleaned) or teaches_exercise(item)):
            # Emergency and soon stop all exercise teaching for the conversation.
            words = self.session.knowledge.referral[referral]
            parts.append(self.phrasing["referral_stands"].format(
                advice=f"**{words.advice}**", now=words.now
            ))
        elif doubtful_command and not learned:
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
        elif learned and intent == "inform" and self.asking is None and not changed:
            if resume:
                parts.append(self.phrasing["noted"])
            else:
                # One message and no interview to follow (`ask`): answer what it tells.
                symptom = any(f["type"] == "symptom" and f["present"] for f in learned)
                told = answer("ask_back_pain", self.session, None) if symptom else None
                parts += [told or self.phrasing["noted"], self.phrasing["one_shot"]]
        # An answer uses up one of the topic's asks; a fact about another topic ("actually I
        # have two kettlebells" while the goal is asked) does not.
        asked = self.asking
        answering = asked is not None and (
            self._answers_topic(learned, asked) or self._closed_now
        )
        counts = answering or unsure or (not learned and intent not in _NOT_ANSWERS)
        if answering and asked == "faults":
            self.session.close(asked)
        elif (asked != "faults" and self._last_plan is None and not self._asks[("faults", None)]
              and any(f["type"] == "fault" and f["present"] for f in learned)):
            # Told along the way, before the faults question: it is still asked, as
            # "anything else?". After the plan a fault is a correction, shown in the plan.
            self.session.reopen("faults")
        if counts and not answering and not unsure and asked is not None:
            # Not read as an answer: asked again differently, with examples of answers.
            self._follow_up = True
        return self._say(parts, intent=intent, learned=learned, resume=resume, counts=counts)

    def _after_plan(self, text: str, intent: str, changed: bool) -> str | None:
        """Once there is a plan: a correction that changes nothing says so and why; "why not
        X?" and "what if ...?" are answered by the rule base (``coach.after_plan``)."""
        plan = self.session.plan_details()
        if self._last_plan is None or plan is None:
            return None
        if changed and plan == self._last_plan:
            reasons = "\n".join(f"- {b}" for b in self.session.start_reasons())
            return self.phrasing["no_change"].format(reasons=reasons)
        step = step_named(text)
        if step is not None and (asks_why_not(text) or intent in _WHY_INTENTS):
            return why_not(self.session, step)
        supposed = what_if_clause(text)
        if supposed is None:
            return None
        facts = [f for f in self._parser.parse(supposed).get("facts") or []
                 if f.get("type") not in ("red_flag", "condition")
                 and f.get("certainty", "stated") == "stated"]
        return what_if(self.session, facts)

    def _question_after_answer(self, text: str, intent: str) -> tuple[str, str] | None:
        """The question asked after a yes or no in the same message, if any: its intent and
        its words."""
        reading = read_answer(text)
        if intent.startswith("ask_") or reading.answer is None or reading.only:
            return None
        tail = self._parser.parse(reading.rest)
        asked = str(tail.get("intent") or "")
        sure = float(tail.get("confidence") or 0.0) >= CLARIFY_BELOW
        return (asked, reading.rest) if asked.startswith("ask_") and sure else None

    def _article_item(
        self, intent: str, text: str, confidence: float, learned: list[dict[str, Any]]
    ) -> QuestionItem | None:
        """The item of the article a message asks about, if it asks about one."""
        if any(f["type"] in ("red_flag", "condition") and f["present"] for f in learned):
            # A message that tells a warning sign or a health condition is answered by the
            # screening first, never by exercise teaching.
            return None
        decided = self.session.plan_details() is not None
        return asked_item(intent, text, confidence, decided=decided)

    # --- reading answers in context ------------------------------------------------------------
    def _in_context(
        self, intent: str, text: str, facts: list[dict[str, Any]]
    ) -> tuple[list[dict[str, Any]], bool]:
        """Facts a short answer carries because of the question it answers."""
        topic = self.asking
        self._follow_up = False
        self._closed_now = False
        if corrected := self._corrected_rating(text, facts):
            return [*facts, corrected], False
        if topic is not None and self._sign is not None:
            return self._about_sign(intent, text, facts, self._sign), False
        if topic == "goal" and not self._answers_topic(facts, topic):
            facts = self._as_goal(text, facts)
        if topic is None or self._answers_topic(facts, topic):
            return facts, False
        if topic in v.SCREENING_TOPICS:
            return self._about_list(intent, text, facts, topic)
        if topic == v.CHECK_IN_TOPIC and mentions_pain(text):
            # "It hurt more this week": pain while practising the step, the place untold.
            # Pain since last time is what the check-in rules act on (one step back).
            pain: dict[str, Any] = {"type": "symptom", "area": "other", "quality": "pain",
                                    "trigger": "lifting", "severity": None, "present": True}
            return [*facts, pain], False
        if topic == v.CHECK_IN_TOPIC and _no_practice_words().search(text):
            # "Didn't practice": the check-in is answered, and nothing moves (clause 8).
            self.session.no_practice("told")
            self.session.close(topic)
            self._closed_now = True
            return facts, False
        # The whole phrase against the question ("no problem" is a yes to "can you hinge
        # without the stick?"); the classifier's reading when the words are no known answer.
        said = means(read_answer(text), topic) or _INTENT_ANSWERS.get(intent)
        if said == "unsure":
            return facts, True
        if said == "no" and topic == "faults" and self._present_faults():
            # "No" to "anything else besides toes lifting?": nothing more, not "none".
            self.session.close(topic)
            self._closed_now = True
            return facts, False
        if said == "no" and topic in _DENIALS:
            return facts + _DENIALS[topic], False
        if said == "yes":
            if topic in _AFFIRMATIONS:
                return facts + _AFFIRMATIONS[topic], False
            self._follow_up = True
            return facts, False
        if topic == "lifting_history" and (years := _years(text)) is not None:
            told = {"type": "history", "level": None, "years": years, "barbell": None,
                    "present": True}
            return [*facts, told], False
        return facts, False

    def _as_goal(self, text: str, facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """An answer to "what's your goal?" read as the goal it is: "Lifting a barbell" is
        the barbell goal, not a lifting history. Read again as the person's goal; a lifting
        fact without years came from the goal's own words ("compete", "barbell"), not from
        the person's past, and is dropped."""
        reread = self._parser.parse(self.phrasing["goal_reading"].format(answer=text))
        goals = [f for f in reread.get("facts") or [] if f.get("type") == "goal"]
        if not goals:
            return facts
        kept = [f for f in facts if f.get("type") != "history" or f.get("years") is not None]
        return [*kept, *goals]

    def _present_faults(self) -> list[str]:
        return [k.fact["kind"] for k in self.session.known_facts()
                if k.fact["type"] == "fault" and k.fact["present"]]

    def _answers_topic(self, facts: list[dict[str, Any]], topic: str) -> bool:
        if topic == v.CHECK_IN_TOPIC:
            return any(f.get("type") in ("symptom", "fault", "mastery") for f in facts)
        if topic in v.SCREENING_TOPICS:
            # A stated sign, or a stated "none of these"; a single denied sign is not enough.
            return any(
                v.TOPIC_OF_FACT.get(f.get("type", "")) == topic
                and (f["present"] or f["kind"] is None)
                and _stated_about_self(f)
                for f in facts
            )
        return any(v.TOPIC_OF_FACT.get(f.get("type", "")) == topic for f in facts)

    # --- screening answers ---------------------------------------------------------------
    def _about_list(
        self, intent: str, text: str, facts: list[dict[str, Any]], topic: str
    ) -> tuple[list[dict[str, Any]], bool]:
        """An answer to a screening list: only a plain no closes it (contract, "Screening")."""
        if read_yes_no(text) == "no" and is_plain_no(text):
            return [*facts, dict(_NONE_OF_THESE[topic])], False
        if intent == "unsure" or sounds_unsure(text):
            # "Not sure" or "rather not say": ask each sign on its own.
            self._notes.append(self.phrasing["one_by_one"])
            return facts, True
        # A bare yes, a hedged no or words the coach cannot read: ask again, plainly.
        self._follow_up = True
        return facts, False

    def _about_sign(
        self, intent: str, text: str, facts: list[dict[str, Any]], sign: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """An answer to a yes/no question about one sign: only a yes or a no settles it."""
        same = [
            f for f in facts
            if f.get("type") == sign["type"] and f.get("kind") == sign["kind"]
            and _stated_about_self(f)
        ]
        said = read_yes_no(text, intent)
        name = self.session.knowledge.sign_name(sign["kind"])
        if not sign["present"]:
            # "Just to be sure: you don't have X?": a yes, or a plain denial of X, lifts it.
            if said == "yes" or (same and not any(f["present"] for f in same)):
                self.session.confirm_retraction(sign["type"], sign["kind"], True)
                self._notes.append(self.phrasing["retract_lifted"].format(sign=name))
                return [f for f in facts if f not in same]
            if said == "no" or any(f["present"] for f in same):
                self.session.confirm_retraction(sign["type"], sign["kind"], False)
                self._notes.append(self.phrasing["retract_kept"].format(sign=name))
                return [f for f in facts if f not in same]
            self._follow_up = True
            return facts
        if same:
            return facts
        if said is None:
            self._follow_up = True
            return facts
        told = {"type": sign["type"], "kind": sign["kind"], "present": said == "yes"}
        return [*facts, told]

    def _corrected_rating(self, text: str, facts: list[dict[str, Any]]) -> dict[str, Any] | None:
        """ "Sorry, I meant 4": a new rating for the pain rated last, so a severe_pain
        referral that came from a slip of the finger is lifted by the rule base."""
        match = _RATING_FIX.match(text)
        if facts or not match:
            return None
        rated = [k.fact for k in self.session.known_facts()
                 if k.fact["type"] == "symptom" and k.fact["present"]
                 and k.fact["severity"] is not None]
        if not rated:
            return None
        return {**rated[-1], "severity": min(10, int(match.group(1)))}

    def _reported_signs(self) -> list[tuple[dict[str, Any], str | None]]:
        return [
            (k.fact, k.said) for k in self.session.known_facts()
            if k.fact["type"] in ("red_flag", "condition") and k.fact["present"]
        ]

    def _standing_referral(self) -> str | None:
        """The urgency of an emergency or soon referral in force, if any."""
        plan = self.session.plan_details()
        if plan is None or plan.referral is None:
            return None
        urgency = plan.referral.urgency
        return urgency if urgency in ("emergency", "soon") else None

    def _about_others(self, learned: list[dict[str, Any]]) -> list[str]:
        """Signs and symptoms told about someone else, the past or a what-if: said back,
        never counted."""
        knowledge = self.session.knowledge
        notes = []
        by_context: dict[str, list[str]] = {}
        for fact in learned:
            context = fact.get("context", "self")
            if context != "self" and fact["type"] in ("red_flag", "condition") and fact["kind"]:
                by_context.setdefault(context, []).append(knowledge.sign_name(fact["kind"]))
            elif context in ("other", "past") and fact["type"] == "symptom":
                by_context.setdefault(context, []).append(symptom_words(fact))
        for context, names in by_context.items():
            signs = WORDS("and_each").join(dict.fromkeys(names))
            if context == "hypothetical":
                kinds = [f["kind"] for f in learned if f.get("context") == context]
                advice = knowledge.referral[_most_urgent(kinds)].advice
                notes.append(self.phrasing["what_if_sign"].format(signs=signs, advice=advice))
            else:
                whose = self.phrasing[{"other": "whose_other", "past": "whose_past"}[context]]
                notes.append(self.phrasing["not_yours"].format(signs=signs, whose=whose))
        return notes

    def _tell(self, facts: list[dict[str, Any]], said: str, notes: list[str]
              ) -> list[dict[str, Any]]:
        learned = []
        for fact in facts:
            try:
                learned.extend(self.session.tell([fact], said=said))
            except FactError as error:
                # A parser slip must not cost the person the rest of their message.
                notes.append(self.phrasing["part_unused"].format(error=error))
        if learned and self._memory is not None:
            self._remember(self._memory.learned, learned, said)
        return learned

    def _unsure(self, topic: str, said: str | None) -> None:
        self.session.tell_unsure(topic, said=said)
        if self._memory is not None:
            self._remember(self._memory.unsure, topic, said)

    def _remember(self, action: Callable[..., Any], *args: Any) -> Any:
        """Save to the profile; trouble saving is said once, and never ends the session."""
        import sqlite3  # loaded already: the profile store uses it

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
            choices=WORDS("or_each").join(choices)
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
        question = None
        plan = self.session.plan_details()
        if plan is not None and plan != self._last_plan:
            shown = plan_markdown(plan, self.session.knowledge)
            stops = plan.referral is not None and plan.referral.urgency != "clearance"
            if stops:
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
            self._sign = None
            if self._memory is not None:
                self._remember(self._memory.planned, plan_json, plan.decision)
        if resume:
            # Still asked after a referral: a sign to confirm, or one taken back.
            question = self._next_question(parts, counts)
            self.asking = asking = question.topic if question else None
            self._sign = question.sign if question else None
            if question is not None:
                parts = [*parts, self._question_text(question)]
                self._asks[_ask_key(question)] += counts
            elif plan is None:
                # A "not sure" default may just have completed the plan.
                return self._say(parts, intent, learned, resume, counts)
        if self._memory_trouble:
            parts = [*parts, self._memory_trouble]
            self._memory_trouble = None
        say = "\n\n".join(p for p in parts if p)
        if not say:
            # Nothing new to say (e.g. "not sure" after the plan): never an empty turn.
            say = self.phrasing["unclear"]
            if self._last_plan is not None:
                stops = self._standing_referral() is not None
                say = self.phrasing["referral_after" if stops else "after_plan"]
        self.transcript.append(("coach", say))
        if self._memory is not None:
            self._remember(self._memory.said, "coach", say)
        confirming = question.sign if question is not None else None
        return Turn(say=say, intent=intent, asking=asking, facts=learned, plan=plan_json,
                    confirming=confirming)

    def _plan_lead(self, plan: Plan) -> str:
        if self._last_plan is not None:
            # A correction: what changed in the plan, and the rules' reasons for it.
            changed = plan_changes(self._last_plan, plan, self.session)
            return "\n".join([self.phrasing["plan_changed"], *changed])
        if plan.decision is not None:
            # A check-in's decision: say what was decided before the step itself.
            return self.phrasing[_PLAN_INTROS[plan.decision]]
        return self.phrasing["plan_intro"]

    def _next_question(self, parts: list[str], counts: bool) -> Question | None:
        question = self.session.next_question()
        while counts and question is not None and self._asks[_ask_key(question)] >= MAX_ASKS:
            # Never a third time. A sign with no plain answer means no load without a
            # clinician; a screening list is asked one sign at a time; elsewhere "not sure"
            # and its safe default.
            if question.sign is not None:
                name = self.session.knowledge.sign_name(question.sign["kind"])
                if question.sign["present"]:
                    parts.append(self.phrasing["sign_unanswered"].format(sign=name))
                else:
                    parts.append(self.phrasing["retract_kept"].format(sign=name))
                self.session.tell_unanswered(question.sign["type"], question.sign["kind"])
            elif question.topic in v.SCREENING_TOPICS:
                parts.append(self.phrasing["one_by_one"])
                self._unsure(question.topic, None)
            else:
                parts.append(self.phrasing["moving_on"])
                self._unsure(question.topic, None)
            self._follow_up = False
            question = self.session.next_question()
        return question

    def _question_text(self, question: Question) -> str:
        sign = question.sign
        if sign is None:
            asked = self.phrasing.questions[question.topic]
            screening = self.session.knowledge.screening.get(question.topic)
            if screening is not None and not self._follow_up:
                # The list of signs is worded where the signs are (safety.toml).
                return screening.markdown()
            told = self._present_faults() if question.topic == "faults" else []
            if told and not self._follow_up:
                names = [self.session.knowledge.mistakes[f].name.lower() for f in told
                         if f in self.session.knowledge.mistakes]
                return self.phrasing["faults_more"].format(faults=WORDS("and_each").join(names))
            return self._fill(asked.follow_up if self._follow_up else asked.ask)
        knowledge = self.session.knowledge
        confirm = self.phrasing.questions[v.CONFIRM_TOPIC]
        words = {"sign": knowledge.sign_name(sign["kind"]),
                 "sign_question": knowledge.sign_questions[sign["kind"]]}
        if not sign["present"]:
            return confirm.retract.format(**words)
        if self._follow_up:
            return confirm.follow_up.format(**words)
        if question.topic == v.CONFIRM_TOPIC:
            return confirm.ask.format(**words)
        return words["sign_question"]

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
            step=knowledge.step(step).name if step else self.phrasing["check_in_no_step"],
            faults=WORDS("or_each").join(faults) if faults else self.phrasing["check_in_no_faults"],
        )


def _most_urgent(kinds: list[str]) -> str:
    if any(k in v.EMERGENCY_RED_FLAGS for k in kinds):
        return "emergency"
    return "soon" if any(k in v.RED_FLAG_KINDS for k in kinds) else "clearance"


def _ask_key(question: Question) -> tuple[str, str | None]:
    return (question.topic, question.sign["kind"] if question.sign else None)


def _stated_about_self(fact: dict[str, Any]) -> bool:
    return bool(fact.get("certainty", "stated") == "stated"
                and fact.get("context", "self") == "self")


_RATING_FIX = re.compile(
    r"^\W*(?:(?:sorry|oops|oh|actually|wait|no|typo|my bad)\W+)*"
    r"(?:i\s+meant|meant|make\s+that|i\s+mean|it'?s|its|more\s+like)\s+(?:a\s+|an\s+)?"
    r"(\d{1,2})(?:\s*(?:/|out\s+of)\s*10)?\W*$",
    re.IGNORECASE,
)
_EXERCISE_INTENTS = frozenset(
    ["ask_how_to_start", "ask_progression", "ask_equipment", "ask_mistakes",
     "ask_what_is_hinge", "ask_muscles", "ask_benefits"]
)
@cache
def _no_practice_words() -> re.Pattern[str]:
    words = load_phrasing().word_lists["no_practice"]
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)


@cache
def _exercise_words() -> re.Pattern[str]:
    words = load_phrasing().word_lists["exercise"]
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)


def _wants_exercise(intent: str, text: str) -> bool:
    return intent in _EXERCISE_INTENTS or bool(_exercise_words().search(text))


def _years(text: str) -> float | None:
    match = _NUMBER.match(text)
    if not match:
        return None
    number = float(match.group(1).replace(",", "."))
    unit = (match.group(2) or "").lower()
    return round(number / 12, 2) if unit.startswith("mo") else number
