"""Facts and topics in a person's words, for the side panel and the saved transcript.

The rule base has its own descriptions for explanations ("fault (kind toe_lift): yes");
these are shorter and friendlier, and they never raise: a value the app doesn't know (a
newer vocabulary, a profile written by another version) is shown as its id in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from typing import Any, Literal

from rules import vocabulary as v
from rules.knowledge import Knowledge
from rules.lines import Lines, WordingError, read_toml
from rules.wording import LINES as WORDS
from rules.wording import history_text, item_name

Tone = Literal["", "ok", "warn", "danger"]

# The entries of describe.toml [lines], with the format fields the code fills in.
_FIELDS: dict[str, tuple[str, ...]] = {
    "generic": ("type", "details"),
    "no_details": (),
    "no": ("thing",),
    "trouble": (),
    "discomfort": (),
    "no_symptoms": (),
    "severity": ("rating",),
    "one_of": ("signs",),
    "none_of": ("signs",),
    "suspected": ("sign",),
    "never_lifted": (),
    "with_barbell": (),
    "lifting": ("details",),
    "lifting_yes": (),
    "three_points": (),
    "lost_point": (),
    "stick_free": (),
    "needs_stick": (),
    "no_mistakes": (),
    "some_mistakes": (),
    "some_equipment": (),
    "no_equipment": (),
    "goal": ("goal",),
}
# Each table of names, and the ids it may name (all of them, for the topics).
_NAMES: dict[str, tuple[tuple[str, ...], bool]] = {
    "topics": (v.ASKING_ORDER, True),
    "areas": (v.SYMPTOM_AREAS, False),
    "triggers": (v.SYMPTOM_TRIGGERS, False),
    "levels": (v.HISTORY_LEVELS, True),
    "goals": (v.GOAL_KINDS, True),
}


def _load() -> tuple[Lines, dict[str, Lines]]:
    raw = read_toml(files("coach.data").joinpath("describe.toml"), "describe.toml")
    names = {}
    for table, (ids, every) in _NAMES.items():
        entries = raw.pop(table, {})
        if not set(entries) <= set(ids) or (every and set(entries) != set(ids)):
            raise WordingError(f"describe.toml [{table}] must name {'exactly' if every else 'only'}"
                               f" ids of {list(ids)}")
        names[table] = Lines(entries, dict.fromkeys(entries, ()), f"describe.toml [{table}]")
    return Lines(raw.pop("lines", {}), _FIELDS, "describe.toml [lines]"), names


LINES, _TABLES = _load()
TOPIC_NAMES: dict[str, str] = dict(_TABLES["topics"])
_AREAS, _TRIGGERS = _TABLES["areas"], _TABLES["triggers"]
_LEVELS, _GOALS = _TABLES["levels"], _TABLES["goals"]


@dataclass(frozen=True)
class Described:
    text: str
    tone: Tone = ""


def words(value: object) -> str:
    return str(value).replace("_", " ")


def topic_name(topic: str) -> str:
    return TOPIC_NAMES.get(topic, words(topic))


def describe(fact: dict[str, Any], knowledge: Knowledge) -> Described:
    describer = _DESCRIBERS.get(str(fact.get("type")))
    try:
        if describer is not None:
            return describer(fact, knowledge)
    except (KeyError, TypeError, ValueError):
        pass  # fall through to the generic wording below
    details = ", ".join(
        words(v) for k, v in fact.items() if k not in ("type", "present") and v is not None
    )
    text = LINES("generic", type=words(fact.get("type")), details=details or LINES("no_details"))
    return Described(_sentence(text if fact.get("present", True) else LINES("no", thing=text)))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def symptom_words(fact: dict[str, Any]) -> str:
    """A symptom in a few words: "low back pain"."""
    area = _AREAS.get(fact["area"], words(fact["area"])) if fact["area"] else ""
    quality = fact["quality"] or LINES("trouble" if area else "discomfort")
    return f"{area} {quality}".strip()


def _symptom(fact: dict[str, Any], knowledge: Knowledge) -> Described:
    if not fact["present"]:
        if not fact["area"]:
            return Described(LINES("no_symptoms"), "ok")
        return Described(_sentence(LINES("no", thing=symptom_words(fact))), "ok")
    parts = [symptom_words(fact)]
    quality = fact["quality"] or ""
    if fact.get("severity") is not None:
        parts.append(LINES("severity", rating=_number(fact["severity"])))
    if fact.get("trigger") in _TRIGGERS:
        parts.append(_TRIGGERS[fact["trigger"]])
    return Described(_sentence(", ".join(parts)), "warn" if quality == "pain" else "")


def _red_flag(fact: dict[str, Any], knowledge: Knowledge) -> Described:
    kind = fact["kind"]
    # The same words as the screening topic these facts answer.
    noun = TOPIC_NAMES["red_flags" if fact["type"] == "red_flag" else "readiness"]
    if fact.get("certainty") == "suspected":
        label = knowledge.sign_name(kind) if kind else LINES("one_of", signs=noun)
        return Described(_sentence(LINES("suspected", sign=label)), "warn")
    if kind is None:
        return Described(
            LINES("none_of", signs=noun) if not fact["present"]
            else _sentence(LINES("one_of", signs=noun)),
            "ok" if not fact["present"] else "danger",
        )
    label = knowledge.sign_name(kind)
    if fact["present"]:
        return Described(_sentence(label), "danger")
    return Described(_sentence(LINES("no", thing=label)), "ok")


def _history(fact: dict[str, Any], knowledge: Knowledge) -> Described:
    level, years = fact.get("level"), fact.get("years")
    if not fact["present"] or (level == "none" and not years):
        return Described(LINES("never_lifted"))
    parts = []
    if level in _LEVELS:
        parts.append(_LEVELS[str(level)])
    if years is not None:
        parts.append(history_text(level or "", years))
    if fact.get("barbell") is True:
        parts.append(LINES("with_barbell"))
    details = ", ".join(parts or [LINES("lifting_yes")])
    return Described(_sentence(LINES("lifting", details=details)))


def _mastery(fact: dict[str, Any], knowledge: Knowledge) -> Described:
    if fact["skill"] == "three_points":
        if fact["present"]:
            return Described(LINES("three_points"), "ok")
        return Described(LINES("lost_point"), "warn")
    if fact["present"]:
        return Described(LINES("stick_free"), "ok")
    return Described(LINES("needs_stick"))


def _fault(fact: dict[str, Any], knowledge: Knowledge) -> Described:
    kind = fact["kind"]
    if kind is None:
        return Described(
            LINES("no_mistakes") if not fact["present"] else LINES("some_mistakes"),
            "ok" if not fact["present"] else "warn",
        )
    mistake = knowledge.mistakes.get(kind)
    name = mistake.name if mistake else words(kind)
    if fact["present"]:
        return Described(_sentence(name), "warn")
    return Described(_sentence(LINES("no", thing=f"{name[:1].lower()}{name[1:]}")), "ok")


def _equipment(fact: dict[str, Any], knowledge: Knowledge) -> Described:
    item, count = fact["item"], fact.get("count")
    if item is None:
        if fact["present"]:
            return Described(LINES("some_equipment"))
        return Described(LINES("no_equipment"))
    named = item_name(item)
    # An item the app has no words for (a newer vocabulary) is its id, plural with an s.
    singular, plural = (named.bare, named.many) if named else (words(item), words(item) + "s")
    if not fact["present"]:
        return Described(_sentence(LINES("no", thing=singular)))
    if count is None:
        return Described(_sentence(plural))
    return Described(WORDS("count", count=_number(count), items=singular if count == 1 else plural))


def _goal(fact: dict[str, Any], knowledge: Knowledge) -> Described:
    return Described(LINES("goal", goal=_GOALS.get(fact["kind"], words(fact["kind"]))))


def _number(value: float | int) -> str:
    number = float(value)
    return str(int(number)) if number.is_integer() else str(number)


_DESCRIBERS = {
    "symptom": _symptom,
    "red_flag": _red_flag,
    "condition": _red_flag,
    "history": _history,
    "mastery": _mastery,
    "fault": _fault,
    "equipment": _equipment,
    "goal": _goal,
}
