"""The facts a person tells the coach, as experta facts with a check on each field.

Each class matches one fact type of the contract. ``from_contract`` turns the contract's JSON
shape into a fact and refuses a bad value with a message that names the field and the allowed
values; ``to_contract`` goes back. ``key`` says which earlier fact a new one replaces: a
person who says "actually my toes do lift" changes the fault ``toe_lift``, not adds to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from rules import vocabulary as v
from rules._experta import Fact, Field


class FactError(ValueError):
    """A fact that does not fit the contract."""


# A field's check: experta's Field takes any schema, and a plain function is one (the value
# passes when it returns true). Plain functions, so that the project imports nothing of
# schema, which experta pins and uv overrides (see pyproject.toml).
Check = Callable[[Any], bool]


def _one_of(values: tuple[Any, ...]) -> Check:
    # None is allowed so that a general "none of these" can be said with present=False.
    def check(value: Any) -> bool:
        return value is None or value in values

    return check


def _only(values: tuple[str, ...]) -> Check:
    def check(value: Any) -> bool:
        return value in values

    return check


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _number_up_to(top: float) -> Check:
    def check(value: Any) -> bool:
        return value is None or (_is_number(value) and 0 <= value <= top)

    return check


def _none_or_bool(value: Any) -> bool:
    return value is None or isinstance(value, bool)


_SEVERITY = _number_up_to(10)
_YEARS = _number_up_to(100)
_COUNT = _one_of((1, 2))


class UserFact(Fact):
    """Something the person told us. Subclasses declare their fields in contract order."""

    type_id: ClassVar[str]
    # The field that names what the fact is about; None there means "none of these".
    subject: ClassVar[str | None]
    allowed: ClassVar[dict[str, tuple[str, ...]]] = {}

    present = Field(bool, mandatory=True)

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return (*(name for name in cls.__fields__ if name != "present"), "present")

    def key(self) -> tuple[str, object]:
        return (self.type_id, self[self.subject] if self.subject else None)

    def validate(self) -> None:
        super().validate()
        if self.subject and self[self.subject] is None and self["present"]:
            raise FactError(
                f"{self.type_id}: a {self.subject} is needed when present is true "
                f"(null {self.subject} means 'none of these' and needs present false)"
            )


class Symptom(UserFact):
    type_id = "symptom"
    subject = "area"
    allowed: ClassVar[dict[str, tuple[str, ...]]] = {
        "area": v.SYMPTOM_AREAS,
        "quality": v.SYMPTOM_QUALITIES,
        "trigger": v.SYMPTOM_TRIGGERS,
    }
    area = Field(_one_of(v.SYMPTOM_AREAS), mandatory=True)
    quality = Field(_one_of(v.SYMPTOM_QUALITIES), mandatory=True)
    trigger = Field(_one_of(v.SYMPTOM_TRIGGERS), mandatory=True)
    severity = Field(_SEVERITY, mandatory=True)

    def key(self) -> tuple[str, object]:
        # A person can have a sore and a painful low back at once; both count.
        return (self.type_id, (self["area"], self["quality"]))


class RedFlag(UserFact):
    type_id = "red_flag"
    subject = "kind"
    allowed: ClassVar[dict[str, tuple[str, ...]]] = {"kind": v.RED_FLAG_KINDS}
    kind = Field(_one_of(v.RED_FLAG_KINDS), mandatory=True)


class Condition(UserFact):
    """A PAR-Q+ style condition: present means a clinician's clearance before any load."""

    type_id = "condition"
    subject = "kind"
    allowed: ClassVar[dict[str, tuple[str, ...]]] = {"kind": v.CONDITION_KINDS}
    kind = Field(_one_of(v.CONDITION_KINDS), mandatory=True)


class History(UserFact):
    type_id = "history"
    subject = None
    allowed: ClassVar[dict[str, tuple[str, ...]]] = {"level": v.HISTORY_LEVELS}
    level = Field(_one_of(v.HISTORY_LEVELS), mandatory=True)
    years = Field(_YEARS, mandatory=True)
    barbell = Field(_none_or_bool, mandatory=True)


class Mastery(UserFact):
    type_id = "mastery"
    subject = "skill"
    allowed: ClassVar[dict[str, tuple[str, ...]]] = {"skill": v.MASTERY_SKILLS}
    skill = Field(_only(v.MASTERY_SKILLS), mandatory=True)


class Fault(UserFact):
    type_id = "fault"
    subject = "kind"
    allowed: ClassVar[dict[str, tuple[str, ...]]] = {"kind": v.FAULT_KINDS}
    kind = Field(_one_of(v.FAULT_KINDS), mandatory=True)


class Equipment(UserFact):
    type_id = "equipment"
    subject = "item"
    allowed: ClassVar[dict[str, tuple[str, ...]]] = {"item": v.EQUIPMENT_ITEMS}
    item = Field(_one_of(v.EQUIPMENT_ITEMS), mandatory=True)
    count = Field(_COUNT, mandatory=True)


class Goal(UserFact):
    type_id = "goal"
    subject = "kind"
    allowed: ClassVar[dict[str, tuple[str, ...]]] = {"kind": v.GOAL_KINDS}
    kind = Field(_one_of(v.GOAL_KINDS), mandatory=True)


FACT_CLASSES: dict[str, type[UserFact]] = {
    cls.type_id: cls
    for cls in (Symptom, RedFlag, Condition, History, Mastery, Fault, Equipment, Goal)
}
# The warning signs and conditions the screening asks about: only a plain answer settles them.
SCREENED = (RedFlag, Condition)
# The contract's optional fields on any fact, and their defaults.
_QUALIFIERS = {"certainty": v.CERTAINTIES, "context": v.CONTEXTS}


@dataclass(frozen=True)
class Told:
    """A fact as told: ``certainty`` stated or suspected, ``context`` self or not.

    Only a stated fact about the person now is believed; a suspected one is asked about; one
    about someone else, the past or a what-if is reported and never counts as present.
    """

    fact: UserFact
    certainty: str = "stated"
    context: str = "self"

    @property
    def believed(self) -> bool:
        return self.certainty == "stated" and self.context == "self"

    def to_contract(self) -> dict[str, Any]:
        out = to_contract(self.fact)
        if self.certainty != "stated":
            out["certainty"] = self.certainty
        if self.context != "self":
            out["context"] = self.context
        return out


def _explain_bad_field(cls: type[UserFact], name: str, value: object) -> str:
    if name in cls.allowed:
        allowed = ", ".join(cls.allowed[name])
        return f"{cls.type_id}.{name} must be one of {allowed} (or null); got {value!r}"
    expectations = {
        "present": "true or false",
        "severity": "a number from 0 to 10, or null",
        "years": "a number of years from 0 to 100, or null",
        "barbell": "true, false or null",
        "count": "1, 2 or null",
        "skill": ", ".join(v.MASTERY_SKILLS),
    }
    return f"{cls.type_id}.{name} must be {expectations.get(name, 'valid')}; got {value!r}"


def read_told(data: dict[str, Any]) -> Told:
    """A fact in its contract JSON shape, with its optional ``certainty`` and ``context``."""
    if not isinstance(data, dict):
        raise FactError(f"a fact must be a JSON object; got {data!r}")
    qualifiers = {}
    for name, allowed in _QUALIFIERS.items():
        value = data.get(name) or allowed[0]
        if value not in allowed:
            raise FactError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")
        qualifiers[name] = value
    plain = {k: val for k, val in data.items() if k not in _QUALIFIERS}
    # A suspicion may not know which sign it is ("something feels weird down there").
    vague = qualifiers["certainty"] == "suspected" or qualifiers["context"] != "self"
    return Told(from_contract(plain, vague_ok=vague), **qualifiers)


def from_contract(data: dict[str, Any], vague_ok: bool = False) -> UserFact:
    """Build a fact from its contract JSON shape; missing optional fields are null."""
    if not isinstance(data, dict):
        raise FactError(f"a fact must be a JSON object; got {data!r}")
    type_id = data.get("type")
    cls = FACT_CLASSES.get(type_id) if isinstance(type_id, str) else None
    if cls is None:
        raise FactError(f"unknown fact type {type_id!r}; known: {', '.join(FACT_CLASSES)}")
    names = cls.field_names()
    extra = sorted(set(data) - set(names) - {"type"})
    if extra:
        raise FactError(f"{cls.type_id} has no field(s) {', '.join(extra)}")
    if "present" not in data:
        raise FactError(f"{cls.type_id}.present is required (true or false)")
    values = {name: data.get(name) for name in names}
    years = values.get("years")
    if isinstance(years, int | float) and not isinstance(years, bool):
        values["years"] = float(years)
    fact = cls(**values)
    for name in names:
        try:
            cls.__fields__[name].validate(fact[name])
        except Exception:
            raise FactError(_explain_bad_field(cls, name, fact[name])) from None
    if not vague_ok:
        fact.validate()
    return fact


def to_contract(fact: UserFact) -> dict[str, Any]:
    out: dict[str, Any] = {"type": fact.type_id}
    for name in fact.field_names():
        value = fact[name]
        if name == "years" and isinstance(value, float) and value.is_integer():
            value = int(value)
        out[name] = value
    return out
