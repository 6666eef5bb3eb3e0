"""Plain-language names for ids, so reasons read as sentences rather than as identifiers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files

from rules import vocabulary as v
from rules.knowledge import Knowledge, Needs
from rules.lines import Lines, WordingError, read_toml

# Each entry of rules/knowledge/wording.toml, with the format fields the code fills in.
_FIELDS: dict[str, tuple[str, ...]] = {
    "list_separator": (),
    "and_list": ("items", "last"),
    "or_list": ("items", "last"),
    "and_each": (),
    "range": ("first", "last"),
    "or_each": (),
    "second": ("items",),
    "count": ("count", "items"),
    "year": ("number",),
    "years": ("number",),
    "level_none": (),
    "level_beginner": (),
    "level_intermediate": (),
    "unsure_symptoms": (),
    "unsure_faults": (),
    "move_on_when": ("rest",),
    "you_told_me": ("fact",),
    "you_said": ("said",),
    "rule_cited": ("rule",),
}


# The entries of wording.toml [conclusions], read by rules/reasoner.py.
_CONCLUSION_FIELDS: dict[str, tuple[str, ...]] = {
    "start": ("step",), "target": ("step",), "unlock": ("step",), "focus": ("cue",),
    "watch_for": ("fault",), "note": (), "decision": ("decision",), "on_step": ("step",),
    "referral": ("urgency",), "alarm": ("sign", "urgency"), "suspected": ("sign",),
    "unknown_sign": (), "retracting": ("sign",), "unanswered": ("sign",), "screen": ("topic",),
    "pain_reported": (), "mastered": (), "force_stick": ("reason",),
    "skip_blocked": ("reason",), "level": ("level",), "kit": ("kit",), "kit_unsure": (),
    "kit_none": (), "answered": ("topic",), "need": ("topic",), "red_flag": ("sign",),
    "condition": ("condition",), "rung": ("step", "needs"), "rung_anything": (),
    "skips_for": ("level", "steps"), "sends_to_stick": ("fault",), "fixed_by": ("fault", "cue"),
    "can_do": ("step",), "reach": ("step",), "nothing_concluded": ("subject",),
    "unsure": ("topic",), "told": ("type", "details", "answer"), "told_yes": (), "told_no": (),
    "told_nothing": (), "cite_article": ("section", "quote"),
    "cite_basis": ("basis", "section", "quote"),
}


@dataclass(frozen=True)
class ItemName:
    one: str  # "a kettlebell"
    bare: str  # "kettlebell", after "a" or "a second"
    many: str  # "kettlebells"


def _load() -> tuple[Lines, Lines, dict[str, ItemName], dict[int, str]]:
    raw = read_toml(files("rules.knowledge").joinpath("wording.toml"), "wording.toml")
    items = raw.pop("items", {})
    if set(items) != set(v.EQUIPMENT_ITEMS):
        raise WordingError(f"wording.toml [items] must name exactly {list(v.EQUIPMENT_ITEMS)}")
    names = {}
    for item in v.EQUIPMENT_ITEMS:
        entry = Lines(items[item], {"one": (), "bare": (), "many": ()},
                      f"wording.toml [items.{item}]")
        names[item] = ItemName(entry("one"), entry("bare"), entry("many"))
    numbers = {int(n): Lines({"n": word}, {"n": ()}, f"wording.toml [numbers] {n}")("n")
               for n, word in raw.pop("numbers", {}).items()}
    conclusions = Lines(raw.pop("conclusions", {}), _CONCLUSION_FIELDS,
                        "wording.toml [conclusions]")
    return Lines(raw, _FIELDS, "wording.toml"), conclusions, names, numbers


LINES, CONCLUSIONS, _ITEM_NAMES, _NUMBERS = _load()


def item_name(item: str) -> ItemName | None:
    """How an equipment item is named, or None for an id outside the vocabulary."""
    return _ITEM_NAMES.get(item)


def join(items: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return LINES("and_list", items=LINES("list_separator").join(words[:-1]), last=words[-1])


def or_join(items: Iterable[str]) -> str:
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return LINES("or_list", items=LINES("list_separator").join(words[:-1]), last=words[-1])


def step_name(knowledge: Knowledge, step_id: str) -> str:
    return knowledge.step(step_id).name


def needs_text(needs: Needs, have: int = 0) -> str:
    """What a step needs, e.g. 'a kettlebell or dumbbell', 'a second kettlebell or dumbbell'."""
    if needs.count == 1:
        first, *rest = needs.any_of
        return or_join([_ITEM_NAMES[first].one, *(_ITEM_NAMES[i].bare for i in rest)])
    plural = or_join(_ITEM_NAMES[i].many for i in needs.any_of)
    if have == 1 and needs.count == 2:
        return LINES("second", items=or_join(_ITEM_NAMES[i].bare for i in needs.any_of))
    count = _NUMBERS.get(needs.count, str(needs.count))
    return LINES("count", count=count, items=plural)


def history_text(level: str, years: float | None) -> str:
    if years is not None:
        number = int(years) if float(years).is_integer() else years
        return LINES("year" if number == 1 else "years", number=number)
    named = {"none": "level_none", "beginner": "level_beginner",
             "intermediate": "level_intermediate"}
    return LINES(named[level]) if level in named else level


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
        return LINES("move_on_when", rest=move_on[len("when "):])
    return move_on
