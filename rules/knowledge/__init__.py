"""The coach's knowledge, loaded from the TOML files beside this module.

The TOML is the single place a trainer edits; this module only reads it into typed records
and checks that it speaks the contract's vocabulary, so a typo in an id fails loudly at load
rather than silently dropping a step or a cue.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from rules import vocabulary as v


class KnowledgeError(ValueError):
    """The knowledge files are malformed or use an id outside the contract."""


@dataclass(frozen=True)
class Source:
    section: str
    quote: str = ""


@dataclass(frozen=True)
class Needs:
    any_of: tuple[str, ...]
    count: int
    always_available: bool = False


@dataclass(frozen=True)
class Step:
    id: str
    name: str
    needs: Needs
    how: str
    move_on: str
    source: Source
    focus: tuple[str, ...] = ()
    basis: str = "article"


@dataclass(frozen=True)
class Cue:
    id: str
    name: str
    text: str
    source: Source


@dataclass(frozen=True)
class Mistake:
    fault: str
    name: str
    cues: tuple[str, ...]
    fix: str
    source: Source
    # Where the fix comes from: the article gives two of the six; the rest are the coach's.
    fix_basis: str = "article"
    # What the back does in this mistake, for the two that send a person back to the stick
    # ("arches"); empty for the rest.
    back_moves: str = ""

    @property
    def forces_stick(self) -> bool:
        return bool(self.back_moves)


@dataclass(frozen=True)
class Skips:
    """Steps skipped past the first loaded step, by lifting history level."""

    by_level: dict[str, int]
    basis: str
    source: Source


@dataclass(frozen=True)
class Passage:
    """A piece of explanation the coach can give, with where it comes from."""

    text: str
    source: Source
    # The coach's own guidance beyond the article, said apart from `text` and labelled so.
    coach: str = ""


@dataclass(frozen=True)
class Reason:
    rule: str
    because: str
    basis: str


@dataclass(frozen=True)
class ReferralWords:
    title: str
    advice: str
    # What to do now, said again when someone asks for exercise while referred.
    now: str
    # What to do, as said inside the advice and the plan's reason.
    act: str = ""


@dataclass(frozen=True)
class ScreeningLine:
    text: str
    covers: tuple[str, ...]


@dataclass(frozen=True)
class ScreeningList:
    """A screening question: the signs of one topic, as a list to answer all at once."""

    intro: str
    lines: tuple[ScreeningLine, ...]
    outro: str

    def markdown(self) -> str:
        items = "\n".join(f"- {line.text}" for line in self.lines)
        return f"{self.intro}\n{items}\n\n{self.outro}"


@dataclass(frozen=True)
class Knowledge:
    sections: dict[str, str]
    steps: tuple[Step, ...]
    cues: dict[str, Cue]
    mistakes: dict[str, Mistake]
    stick_drill: tuple[Passage, ...]
    passages: dict[str, Passage]
    muscles: dict[str, tuple[str, ...]]
    benefits: tuple[str, ...]
    reasons: dict[str, Reason]
    red_flags: dict[str, str]
    safety_basis: str
    referral: dict[str, ReferralWords]
    conditions: dict[str, str]
    # One plain yes/no question per warning sign and condition.
    sign_questions: dict[str, str]
    # The article's smaller points (the string cue, what to feel, posture, ...), by name.
    details: dict[str, Passage] = field(default_factory=dict)
    # Each warning sign's referral urgency (emergency or soon).
    sign_urgency: dict[str, str] = field(default_factory=dict)
    # The screening questions by topic (red_flags, readiness).
    screening: dict[str, ScreeningList] = field(default_factory=dict)
    # What a referral says beside its advice (safety.toml [referral.words]).
    referral_words: dict[str, str] = field(default_factory=dict)
    skips: Skips = field(default_factory=lambda: Skips({}, "", Source("route")))

    def sign_name(self, kind: str) -> str:
        """A warning sign or a condition, as the coach names it in a sentence."""
        return self.red_flags.get(kind) or self.conditions[kind]

    def step(self, step_id: str) -> Step:
        return self.steps[self.step_index(step_id)]

    def step_index(self, step_id: str) -> int:
        return v.STEPS.index(step_id)

    def reason(self, rule: str) -> Reason:
        try:
            return self.reasons[rule]
        except KeyError:
            raise KnowledgeError(f"rule {rule!r} has no entry in reasons.toml") from None


def _read(name: str, directory: Path | None = None) -> dict[str, Any]:
    path = (directory or files("rules.knowledge")).joinpath(name)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise KnowledgeError(f"{name}: {error}") from error


def _source(raw: dict[str, Any], where: str, sections: dict[str, str]) -> Source:
    source = raw.get("source")
    if not isinstance(source, dict) or "section" not in source:
        raise KnowledgeError(f"{where} has no source section")
    if source["section"] not in sections:
        raise KnowledgeError(f"{where} names unknown section {source['section']!r}")
    return Source(section=source["section"], quote=source.get("quote", ""))


def _check_ids(found: list[str] | tuple[str, ...], allowed: tuple[str, ...], what: str) -> None:
    unknown = [i for i in found if i not in allowed]
    if unknown:
        raise KnowledgeError(f"unknown {what} id(s) {unknown}; allowed: {list(allowed)}")


@cache
def load(directory: Path | None = None) -> Knowledge:
    """The knowledge files shipped with the package, or (for a trainer trying an edit, and
    for the tests) those in ``directory``."""
    raw = _read("hinge.toml", directory)
    sections: dict[str, str] = raw["sections"]

    steps = tuple(
        Step(
            id=s["id"],
            name=s["name"],
            needs=Needs(
                any_of=tuple(s["needs"]["any_of"]),
                count=int(s["needs"]["count"]),
                always_available=bool(s["needs"].get("always_available", False)),
            ),
            how=s["how"],
            move_on=s["move_on"],
            source=_source(s, f"step {s['id']}", sections),
            focus=tuple(s.get("focus", ())),
            basis=s.get("basis", "article"),
        )
        for s in raw["steps"]
    )
    if tuple(s.id for s in steps) != v.STEPS:
        raise KnowledgeError(f"steps must be exactly {list(v.STEPS)} in that order")
    for step in steps:
        _check_ids(step.needs.any_of, v.EQUIPMENT_ITEMS, f"equipment (step {step.id})")
        _check_ids(step.focus, v.CUES, f"cue (step {step.id})")

    cues = {
        cue_id: Cue(cue_id, c["name"], c["text"], _source(c, f"cue {cue_id}", sections))
        for cue_id, c in raw["cues"].items()
    }
    _check_ids(list(cues), v.CUES, "cue")
    if set(cues) != set(v.CUES):
        raise KnowledgeError(f"cues missing: {sorted(set(v.CUES) - set(cues))}")

    mistakes = {
        fault: Mistake(
            fault, m["name"], tuple(m["cues"]), m["fix"], _source(m, f"mistake {fault}", sections),
            fix_basis=m.get("fix_basis", "article"), back_moves=m.get("back_moves", ""),
        )
        for fault, m in raw["mistakes"].items()
    }
    _check_ids(list(mistakes), v.FAULT_KINDS, "fault")
    if set(mistakes) != set(v.FAULT_KINDS):
        raise KnowledgeError(f"mistakes missing: {sorted(set(v.FAULT_KINDS) - set(mistakes))}")
    for mistake in mistakes.values():
        _check_ids(mistake.cues, v.CUES, f"cue (mistake {mistake.fault})")

    passages = {
        name: Passage(raw[name]["text"], _source(raw[name], name, sections))
        for name in ("what_is_hinge", "back_pain", "muscles", "barbell_route", "equipment")
    }
    passages["benefits"] = Passage(
        "\n".join(f"- {item}" for item in raw["benefits"]["items"]),
        _source(raw["benefits"], "benefits", sections),
    )
    drill = tuple(
        Passage(d["text"], _source(d, f"stick drill {d['n']}", sections))
        for d in sorted(raw["stick_drill"], key=lambda d: d["n"])
    )
    muscles = {key: tuple(raw["muscles"][key]) for key in ("primary", "assisting", "when_loaded")}
    details = {
        name: Passage(d["text"], _source(d, f"detail {name}", sections), coach=d.get("coach", ""))
        for name, d in raw.get("details", {}).items()
    }

    raw_skips = dict(raw["skips"])
    skips = Skips(
        by_level={level: int(raw_skips[level]) for level in v.HISTORY_LEVELS},
        basis=raw_skips["basis"],
        source=_source(raw_skips, "skips", sections),
    )

    reasons = {
        rule: Reason(rule, r.get("because", ""), r["basis"])
        for rule, r in _read("reasons.toml", directory).items()
    }
    safety = _read("safety.toml", directory)
    flags, conds = safety["red_flags"], safety["conditions"]
    red_flags = {kind: entry["name"] for kind, entry in flags.items()}
    if tuple(red_flags) != v.RED_FLAG_KINDS:
        raise KnowledgeError(f"safety.toml must name exactly {list(v.RED_FLAG_KINDS)} in order")
    conditions = {kind: entry["name"] for kind, entry in conds.items()}
    if tuple(conditions) != v.CONDITION_KINDS:
        raise KnowledgeError(f"safety.toml must name exactly {list(v.CONDITION_KINDS)} in order")
    questions = {kind: entry["question"] for kind, entry in (flags | conds).items()}
    urgency = {kind: entry["urgency"] for kind, entry in flags.items()}
    # The contract fixes which signs are emergencies; the file may not move one.
    emergency = tuple(kind for kind, u in urgency.items() if u == "emergency")
    if emergency != v.EMERGENCY_RED_FLAGS or set(urgency.values()) != {"emergency", "soon"}:
        raise KnowledgeError(f"safety.toml: emergency signs must be {list(v.EMERGENCY_RED_FLAGS)}"
                             ", the rest soon")
    words = dict(safety["referral"])
    referral_words = dict(words.pop("words"))
    referral = {
        urgency_id: ReferralWords(
            w["title"], w["advice"].format(act=w["act"]), w["now"], act=w["act"]
        )
        for urgency_id, w in words.items()
    }
    if set(referral) != set(v.URGENCIES):
        raise KnowledgeError(f"safety.toml must word a referral for each of {list(v.URGENCIES)}")
    screening = {
        topic: ScreeningList(
            s["intro"],
            tuple(ScreeningLine(line["text"], tuple(line["covers"])) for line in s["lines"]),
            s["outro"],
        )
        for topic, s in safety["screening"].items()
    }
    listed = {
        "red_flags": set(v.RED_FLAG_KINDS) - {"severe_pain"},
        "readiness": set(v.CONDITION_KINDS),
    }
    for topic, wanted in listed.items():
        covered = [k for line in screening[topic].lines for k in line.covers]
        _check_ids(covered, v.RED_FLAG_KINDS + v.CONDITION_KINDS, f"sign ({topic} list)")
        if not wanted <= set(covered):
            raise KnowledgeError(f"safety.toml [screening.{topic}] leaves out "
                                 f"{sorted(wanted - set(covered))}")
    return Knowledge(
        referral=referral,
        red_flags=red_flags,
        conditions=conditions,
        sign_questions=questions,
        sign_urgency=urgency,
        screening=screening,
        referral_words=referral_words,
        safety_basis=safety["basis"],
        sections=sections,
        steps=steps,
        cues=cues,
        mistakes=mistakes,
        stick_drill=drill,
        passages=passages,
        muscles=muscles,
        benefits=tuple(raw["benefits"]["items"]),
        reasons=reasons,
        details=details,
        skips=skips,
    )
