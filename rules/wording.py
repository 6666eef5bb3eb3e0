"""Plain-language names for ids, so reasons read as sentences rather than as identifiers."""

from __future__ import annotations

from collections.abc import Iterable

from rules.knowledge import Knowledge, Needs

_ITEM_NAMES = {
    "stick": ("a stick", "sticks"),
    "kettlebell": ("a kettlebell", "kettlebells"),
    "dumbbell": ("a dumbbell", "dumbbells"),
    "trap_bar": ("a trap bar", "trap bars"),
    "barbell": ("a barbell", "barbells"),
}


def join(items: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def or_join(items: Iterable[str]) -> str:
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} or {words[-1]}"


def step_name(knowledge: Knowledge, step_id: str) -> str:
    return knowledge.step(step_id).name


def needs_text(needs: Needs, have: int = 0) -> str:
    """What a step needs, e.g. 'a kettlebell or dumbbell', 'a second kettlebell or dumbbell'."""
    if needs.count == 1:
        first, *rest = needs.any_of
        return or_join([_ITEM_NAMES[first][0], *(_ITEM_NAMES[i][0][2:] for i in rest)])
    plural = or_join(_ITEM_NAMES[i][1] for i in needs.any_of)
    if have == 1 and needs.count == 2:
        singular = or_join(_ITEM_NAMES[i][0][2:] for i in needs.any_of)
        return f"a second {singular}"
    count = {2: "two", 3: "three"}.get(needs.count, str(needs.count))
    return f"{count} {plural}"


def history_text(level: str, years: float | None) -> str:
    if years is not None:
        number = int(years) if float(years).is_integer() else years
        unit = "year" if number == 1 else "years"
        return f"{number} {unit}"
    return {"none": "no", "beginner": "a little", "intermediate": "some"}.get(level, level)


def fault_name(knowledge: Knowledge, fault: str) -> str:
    return knowledge.mistakes[fault].name.lower()


def cue_names(knowledge: Knowledge, cues: Iterable[str]) -> str:
    return join(knowledge.cues[c].name.lower() for c in cues)


def sign_names(knowledge: Knowledge, kinds: Iterable[str]) -> str:
    """Warning signs and conditions alike, as one phrase."""
    return join(knowledge.sign_name(k) for k in kinds)


def when_to_move_on(move_on: str) -> str:
    """A step's `move_on` as a sentence: "Move on when you ...", or as written for the top
    step ("This is the top of this ladder ..."), which has nowhere to move on to."""
    if move_on.lower().startswith("when "):
        return "Move on when " + move_on[len("when "):]
    return move_on
