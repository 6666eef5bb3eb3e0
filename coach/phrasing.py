"""The coach's phrasing, loaded from ``coach/data/dialogue.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from rules import vocabulary as v
from rules.lines import Lines

# The top-level entries of dialogue.toml, with the format fields the code fills in. Most are
# read whole (``phrasing["key"]``) or filled by dialogue.py with ``.format``; the check at load
# holds either way.
_LINE_FIELDS: dict[str, tuple[str, ...]] = {
    "opening": (),
    "not_medical_advice": (),
    "help": (),
    "goodbye": (),
    "restart": (),
    "greet": (),
    "thanks": (),
    "empty": (),
    "out_of_scope": (),
    "unclear": (),
    "clarify": ("choices",),
    "noted": (),
    "source_article": (),
    "source_safety": (),
    "source_policy": (),
    "source_coach": (),
    "changed": ("now", "was"),
    "faults_more": ("faults",),
    "no_change": ("reasons",),
    "goal_reading": ("answer",),
    "one_shot": (),
    "too_long": ("limit", "unread"),
    "moving_on": (),
    "one_by_one": (),
    "sign_unanswered": ("sign",),
    "retract_kept": ("sign",),
    "retract_lifted": ("sign",),
    "referral_stands": ("advice", "now"),
    "not_yours": ("signs", "whose"),
    "whose_other": (),
    "whose_past": (),
    "part_unused": ("error",),
    "what_if_sign": ("advice", "signs"),
    "referral_after": (),
    "plan_intro": (),
    "plan_intro_move_up": (),
    "plan_intro_stay": (),
    "plan_intro_step_back": (),
    "plan_changed": (),
    "after_plan": (),
    "nothing_to_ask": (),
    "nothing_asked_yet": (),
    "not_decided": ("topic",),
    "welcome_back": ("focus", "step", "when"),
    "welcome_back_referred": (),
    "welcome_focus": ("cues",),
    "session": ("count",),
    "sessions": ("count",),
    "memory_trouble": ("error",),
    "history": ("path", "sessions"),
    "history_empty": (),
    "history_trouble": ("error",),
    "history_off": (),
    "path_started": (),
    "path_moved_up": (),
    "path_stayed": (),
    "path_stepped_back": (),
    "path_referred": (),
    "path_referral": ("urgency", "signs"),
    "path_urgently": (),
    "path_soon": (),
    "path_focus": ("focus",),
    "unread": ("count", "quote"),
    "check_in_no_step": (),
    "check_in_no_faults": (),

}
# The entries of [answers] and [plan], with the format fields the code fills in.
_ANSWER_FIELDS: dict[str, tuple[str, ...]] = {
    "back_pain_yours": ("qualities",),
    "unnamed_quality": (),
    "back_pain_caution": (),
    "how_to_start": ("steps", "source"),
    "mistakes": ("section", "mistakes", "note"),
    "you_mentioned": ("mistake",),
    "ladder": ("steps", "source"),
    "your_start": ("step",),
    "benefits": ("passage", "source"),
    "asking_because": ("why",),
    "how_decided": ("reasons", "chain"),
    "some_topics": (),
}
_PLAN_FIELDS: dict[str, tuple[str, ...]] = {
    "start_with": ("step",),
    "focus_on": (),
    "watch_for": (),
    "next": (),
    "why": (),
    "the_ladder": (),
    "start_here": ("step",),
}


@dataclass(frozen=True)
class TopicQuestion:
    # Empty for the screening topics, whose lists are in rules/knowledge/safety.toml.
    ask: str
    follow_up: str
    retract: str = ""


@dataclass(frozen=True)
class Phrasing:
    lines: Lines
    questions: dict[str, TopicQuestion]
    intent_labels: dict[str, str]
    # Words that make a message ask for exercise (after a referral, it gets the referral).
    word_lists: dict[str, list[str]]
    # What coach/answers.py and coach/render.py say around the knowledge they quote.
    answers: Lines
    plan: Lines

    def __getitem__(self, key: str) -> str:
        return self.lines[key]


@cache
def load_phrasing() -> Phrasing:
    raw = tomllib.loads(files("coach.data").joinpath("dialogue.toml").read_text("utf-8"))
    questions = {
        topic: TopicQuestion(q.get("ask", ""), q["follow_up"], q.get("retract", ""))
        for topic, q in raw.pop("questions").items()
    }
    missing = set(v.ASKING_ORDER) - set(questions)
    if missing:
        raise ValueError(f"dialogue.toml has no question for {sorted(missing)}")
    labels = raw.pop("intent_labels")
    if set(labels) != set(v.INTENTS):
        raise ValueError(f"dialogue.toml intent_labels must cover exactly {list(v.INTENTS)}")
    word_lists = raw.pop("word_lists")
    answers = Lines(raw.pop("answers"), _ANSWER_FIELDS, "dialogue.toml [answers]")
    plan = Lines(raw.pop("plan"), _PLAN_FIELDS, "dialogue.toml [plan]")
    lines = Lines(raw, _LINE_FIELDS, "dialogue.toml")
    return Phrasing(lines=lines, questions=questions, intent_labels=labels,
                    word_lists=word_lists, answers=answers, plan=plan)
