"""Facts and topics in a person's words, for the side panel and the saved transcript.

The rule base has its own descriptions for explanations ("fault (kind toe_lift): yes");
these are shorter and friendlier, and they never raise: a value the app doesn't know (a
newer vocabulary, a profile written by another version) is shown as its id in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from rules.knowledge import Knowledge
from rules.wording import history_text

Tone = Literal["", "ok", "warn", "danger"]

TOPIC_NAMES = {
    "symptoms": "how your body feels",
    "red_flags": "warning signs",
    "readiness": "health conditions",
    "confirm": "a possible warning sign",
    "lifting_history": "your lifting history",
    "stick_mastery": "hinging without the stick",
    "faults": "mistakes in your hinge",
    "equipment": "your equipment",
    "goal": "your goal",
    "check_in": "how your last step went",
}
_AREAS = {"low_back": "low back", "upper_back": "upper back"}
_TRIGGERS = {
    "lifting": "when lifting",
    "picking_up": "when picking things up",
    "sitting": "after sitting",
    "standing": "when standing",
    "morning": "in the morning",
    "after_exercise": "after exercise",
}
_LEVELS = {
    "none": "never lifted",
    "beginner": "beginner",
    "intermediate": "intermediate",
    "experienced": "experienced",
}
_ITEMS = {"trap_bar": ("trap bar", "trap bars")}
_GOALS = {
    "barbell": "lift a barbell",
    "everyday": "everyday life without hurting",
    "strength": "get stronger",
    "posture": "better posture",
    "back_health": "a healthier back",
}


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
    answer = "" if fact.get("present", True) else "no "
    return Described(_sentence(f"{answer}{words(fact.get('type'))}: {details or 'none'}"))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _symptom(fact: dict[str, Any], knowledge: Knowledge) -> Described:
    area = _AREAS.get(fact["area"], words(fact["area"])) if fact["area"] else ""
    quality = fact["quality"] or ("trouble" if area else "discomfort")
    if not fact["present"]:
        if not area:
            return Described("No soreness, tightness or pain", "ok")
        return Described(_sentence(f"no {area} {quality}"), "ok")
    parts = [f"{area} {quality}".strip()]
    if fact.get("severity") is not None:
        parts.append(f"{_number(fact['severity'])}/10")
    if fact.get("trigger") in _TRIGGERS:
        parts.append(_TRIGGERS[fact["trigger"]])
    return Described(_sentence(", ".join(parts)), "warn" if quality == "pain" else "")


def _red_flag(fact: dict[str, Any], knowledge: Knowledge) -> Described:
    kind = fact["kind"]
    noun = "warning signs" if fact["type"] == "red_flag" else "health conditions"
    if fact.get("certainty") == "suspected":
        label = knowledge.sign_name(kind) if kind else f"one of the {noun}"
        return Described(_sentence(f"possibly {label} (to confirm)"), "warn")
    if kind is None:
        return Described(
            f"None of the {noun}" if not fact["present"] else f"One of the {noun}",
            "ok" if not fact["present"] else "danger",
        )
    label = knowledge.sign_name(kind)
    if fact["present"]:
        return Described(_sentence(label), "danger")
    return Described(_sentence(f"no {label}"), "ok")


def _history(fact: dict[str, Any], knowledge: Knowledge) -> Described:
    level, years = fact.get("level"), fact.get("years")
    if not fact["present"] or (level == "none" and not years):
        return Described("Never lifted weights")
    parts = []
    if level in _LEVELS:
        parts.append(_LEVELS[level])
    if years is not None:
        parts.append(history_text(level or "", years))
    if fact.get("barbell") is True:
        parts.append("with a barbell")
    return Described(_sentence("lifting: " + ", ".join(parts or ["yes"])))


def _mastery(fact: dict[str, Any], knowledge: Knowledge) -> Described:
    if fact["skill"] == "three_points":
        if fact["present"]:
            return Described("Keeps all three points on the stick", "ok")
        return Described("Loses a point of contact on the stick", "warn")
    if fact["present"]:
        return Described("Hinges without the stick", "ok")
    return Described("Still needs the stick to hinge")


def _fault(fact: dict[str, Any], knowledge: Knowledge) -> Described:
    kind = fact["kind"]
    if kind is None:
        return Described(
            "No mistakes noticed" if not fact["present"] else "Some mistakes",
            "ok" if not fact["present"] else "warn",
        )
    mistake = knowledge.mistakes.get(kind)
    name = mistake.name if mistake else words(kind)
    if fact["present"]:
        return Described(_sentence(name), "warn")
    return Described(_sentence(f"no {name[:1].lower()}{name[1:]}"), "ok")


def _equipment(fact: dict[str, Any], knowledge: Knowledge) -> Described:
    item, count = fact["item"], fact.get("count")
    if item is None:
        if fact["present"]:
            return Described("Some equipment")
        return Described("No equipment yet (a broomstick will do)")
    singular, plural = _ITEMS.get(item, (words(item), words(item) + "s"))
    if not fact["present"]:
        return Described(_sentence(f"no {singular}"))
    if count is None:
        return Described(_sentence(plural))
    return Described(f"{_number(count)} {singular if count == 1 else plural}")


def _goal(fact: dict[str, Any], knowledge: Knowledge) -> Described:
    return Described("Goal: " + _GOALS.get(fact["kind"], words(fact["kind"])))


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
