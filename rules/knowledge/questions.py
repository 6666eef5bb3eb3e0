"""The questions people ask about the article (questions.toml), read and checked.

Each item names what answers it as ``kind:name``; the reference is checked against the
knowledge at load, so a renamed cue or a typo fails loudly instead of leaving a question
without its answer.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from rules import vocabulary as v
from rules.knowledge import Knowledge, KnowledgeError, load

# What an item's answer may point to.
ANSWER_KINDS = ("intent", "cue", "mistake", "step", "drill", "detail", "passage")


@dataclass(frozen=True)
class QuestionItem:
    id: str
    # What answers it: ("cue", "three_points"), ("intent", "ask_muscles"), ...
    kind: str
    target: str
    ask: tuple[str, ...]
    # The kinds of question (ask_* intents) a specific item is part of.
    within: tuple[str, ...] = ()

    @property
    def general(self) -> bool:
        """A general question, answered as its intent always was (not one article item)."""
        return self.kind == "intent"

    def part_of(self, intent: str) -> bool:
        """Is the item part of the kind of question ``intent`` names?"""
        return intent == self.target if self.general else intent in self.within


@dataclass(frozen=True)
class Questions:
    items: tuple[QuestionItem, ...]
    # How answers name the article's sections, and the words answers are built with.
    sections: dict[str, str]
    answers: dict[str, str]
    # Matching aids: typed forms to the word meant, words to leave out, how questions open,
    # and phrases that ask wherever they are.
    words: dict[str, str]
    ignore: frozenset[str]
    openers: tuple[str, ...]
    asking: tuple[str, ...]
    endings: tuple[str, ...]

    def item(self, item_id: str) -> QuestionItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)


@cache
def load_questions() -> Questions:
    path = files("rules.knowledge").joinpath("questions.toml")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise KnowledgeError(f"questions.toml: {error}") from error
    knowledge = load()
    items = tuple(_item(entry, knowledge) for entry in raw["items"])
    ids = [item.id for item in items]
    if len(set(ids)) != len(ids):
        raise KnowledgeError("questions.toml: item ids must be unique")
    missing = set(knowledge.sections) - set(raw["sections"])
    if missing:
        raise KnowledgeError(f"questions.toml [sections] must name {sorted(missing)}")
    return Questions(
        items=items,
        sections=dict(raw["sections"]),
        answers=dict(raw["answers"]),
        words={form.lower(): word for form, word in raw["words"].items()},
        ignore=frozenset(raw["matcher"]["ignore"]),
        openers=tuple(raw["matcher"]["openers"]),
        asking=tuple(raw["matcher"]["asking"]),
        endings=tuple(raw["matcher"]["endings"]),
    )


def _item(entry: dict[str, Any], knowledge: Knowledge) -> QuestionItem:
    kind, _, target = str(entry["answer"]).partition(":")
    where = f"questions.toml item {entry.get('id')!r}"
    if kind not in ANSWER_KINDS:
        raise KnowledgeError(f"{where}: answer kind {kind!r} is not one of {ANSWER_KINDS}")
    if not _exists(kind, target, knowledge):
        raise KnowledgeError(f"{where}: no {kind} {target!r} in the knowledge")
    ask = tuple(entry["ask"])
    if len(ask) < 2:
        raise KnowledgeError(f"{where}: give at least two ways of asking")
    within = tuple(entry.get("within", ()))
    if kind != "intent" and not within:
        raise KnowledgeError(f"{where}: say which kinds of question it is part of (within)")
    unknown = [i for i in within if i not in v.INTENTS or not i.startswith("ask_")]
    if unknown:
        raise KnowledgeError(f"{where}: within names unknown question intents {unknown}")
    return QuestionItem(entry["id"], kind, target, ask, within)


def _exists(kind: str, target: str, k: Knowledge) -> bool:
    if kind == "intent":
        return target in v.INTENTS and target.startswith("ask_")
    if kind == "drill":
        return target.isdigit() and 1 <= int(target) <= len(k.stick_drill)
    known: dict[str, Mapping[str, object]] = {
        "cue": k.cues, "mistake": k.mistakes, "detail": k.details, "passage": k.passages,
        "step": dict.fromkeys(v.STEPS),
    }
    return target in known[kind]
