"""One person's beliefs and the engine that reasons over them.

experta has no truth maintenance: retracting a fact leaves standing whatever rules concluded
from it. People change their minds ("actually my toes do lift"), so instead of patching
conclusions we keep the current beliefs, one per key (the latest word wins), and re-derive
everything from them when something changes. The beliefs are bounded by the vocabulary (a few
dozen facts at most), so each re-derivation costs the same however long the session has run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rules import vocabulary as v
from rules._experta import Fact
from rules.conclusions import (
    Alarm,
    Answered,
    Closed,
    Decision,
    Focus,
    ForceStick,
    Kit,
    Level,
    Mastered,
    Need,
    NoPractice,
    Note,
    OnStep,
    PainReported,
    Referral,
    Reopened,
    Retracting,
    Screen,
    SkipBlocked,
    Start,
    Suspected,
    Target,
    Unanswered,
    Unlock,
    Unsure,
    WatchFor,
)
from rules.engine import HingeEngine
from rules.facts import (
    FACT_CLASSES,
    SCREENED,
    Condition,
    History,
    RedFlag,
    UserFact,
    to_contract,
)
from rules.knowledge import Knowledge, load
from rules.outcome import Explanation, Plan, Question, Reasoning, ReferralAdvice
from rules.safety import SIGN_ORDER, refers_to
from rules.standing import CanDo, FixedBy, Reach, Rung, SendsToStick, SkipsFor, Standing
from rules.tracing import Derivation
from rules.wording import CONCLUSIONS as C
from rules.wording import needs_text

Sign = tuple[str, str | None]  # (fact type, kind) of a warning sign or condition

# Far above what the rule base needs (about a hundred firings for a full fact set); hitting it
# means a rule re-activates itself, which ``settle`` reports instead of looping.
MAX_STEPS = 5_000

_PLAN_FACTS = (Referral, Decision, Start, Unlock, Focus, WatchFor, Note)


_CAUTION = ("step_back", "stay", "move_up")


@dataclass(frozen=True)
class _Snapshot:
    """Working memory and derivations after one run, so queries don't re-run the engine."""

    facts: dict[int, Fact]
    derivations: dict[int, list[Derivation]]

    def of(self, cls: type[Fact]) -> list[Fact]:
        return [f for f in self.facts.values() if type(f) is cls]


class Reasoner:
    def __init__(self, knowledge: Knowledge | None = None) -> None:
        self.knowledge = knowledge or load()
        self._engine = HingeEngine(self.knowledge)
        self._beliefs: dict[tuple[str, object], UserFact] = {}
        self._said: dict[tuple[str, object], str] = {}
        self._unsure: dict[str, str | None] = {}
        # Screening state: what the words may point to, signs taken back but not yet
        # confirmed, lists asked one sign at a time, and signs the person would not answer.
        self._suspected: dict[Sign, str | None] = {}
        self._retracting: dict[Sign, str | None] = {}
        self._screen: set[str] = set()
        self._closed: set[str] = set()
        self._reopened: set[str] = set()
        # Why a returning person has not practised since last time, if they have not.
        self._no_practice: str | None = None
        self._unanswered: dict[Sign, str | None] = {}
        self._on_step: str | None = None
        self._snapshot: _Snapshot | None = None

    def copy(self) -> Reasoner:
        """A twin with the same beliefs and state and an engine of its own: what-ifs are
        reasoned on it, and the person's own facts stay as they are."""
        twin = Reasoner(self.knowledge)
        twin._beliefs = {key: fact.copy() for key, fact in self._beliefs.items()}
        twin._said = dict(self._said)
        twin._unsure = dict(self._unsure)
        twin._suspected = dict(self._suspected)
        twin._retracting = dict(self._retracting)
        twin._screen = set(self._screen)
        twin._closed = set(self._closed)
        twin._reopened = set(self._reopened)
        twin._unanswered = dict(self._unanswered)
        twin._on_step = self._on_step
        twin._no_practice = self._no_practice
        return twin

    def no_practice(self, why: str) -> None:
        """No practice since last time (``same_day``, or ``told``): a check-in moves nothing."""
        if why not in ("same_day", "told"):
            raise ValueError(f"unknown reason {why!r}: same_day or told")
        self._no_practice = why
        self._snapshot = None

    def resume(self, step: str) -> None:
        """A returning person was on ``step``: the interview becomes a check-in."""
        if step not in v.STEPS:
            raise ValueError(f"unknown step {step!r}; known: {', '.join(v.STEPS)}")
        self._on_step = step
        self._snapshot = None

    @property
    def on_step(self) -> str | None:
        return self._on_step

    # --- telling -------------------------------------------------------------------------------
    def tell(self, fact: UserFact, said: str | None = None) -> None:
        """Believe ``fact``; it replaces whatever was believed under the same key.

        A warning sign or condition the person reported is the exception: denying it later
        only asks "Just to be sure: you don't have X?" (``confirm_retraction``).
        """
        fact.validate()
        topic = v.TOPIC_OF_FACT[fact.type_id]
        if topic not in v.SCREENING_TOPICS:
            self._unsure.pop(topic, None)
        if isinstance(fact, SCREENED) and not self._settle_sign(fact, said):
            self._snapshot = None
            return
        if isinstance(fact, History):
            fact = self._with_history(fact)
        general = fact.subject is not None and fact[fact.subject] is None
        for key, old in list(self._beliefs.items()):
            if old.type_id != fact.type_id:
                continue
            old_general = old.subject is not None and old[old.subject] is None
            # "None of these" overrules the specific ones said before, and a specific one said
            # after overrules "none of these". A reported red flag is the exception: only
            # taking back that very sign removes it, never a blanket "no".
            if (general and old["present"] and not isinstance(old, SCREENED)) or (
                old_general and fact["present"]
            ):
                self._forget(key)
        key = fact.key()
        self._forget(key)
        self._beliefs[key] = fact
        if said is not None:
            self._said[key] = said
        self._snapshot = None

    def _with_history(self, fact: History) -> History:
        """A later word about lifting adds to what was said, it does not wipe it: "Lifting a
        barbell" after "4 years" keeps the 4 years. Only what it says anew replaces: a new
        level that the old years contradict drops them, "never lifted" replaces it all."""
        old = self._beliefs.get(fact.key())
        if old is None or not old["present"] or not fact["present"]:
            return fact
        merged = {name: fact[name] for name in History.field_names()}
        for name in ("level", "years", "barbell"):
            if merged[name] is None:
                merged[name] = old[name]
        contradicted = (
            fact["level"] is not None and fact["years"] is None and old["years"] is not None
            and v.level_for_years(float(old["years"])) != fact["level"]
        )
        if contradicted:
            merged["years"] = None
        return History(**merged)

    def _settle_sign(self, fact: UserFact, said: str | None) -> bool:
        """Screening bookkeeping for a stated sign; False when it must not replace a belief."""
        sign: Sign = (fact.type_id, fact["kind"])
        if fact["kind"] is None:
            # "None of these" settles only the vague hint, never a sign hinted at by name.
            self._suspected.pop(sign, None)
            return True
        old = self._beliefs.get(fact.key())
        if old is not None and old["present"] and not fact["present"]:
            self._retracting[sign] = said
            return False
        for done in (self._suspected, self._retracting, self._unanswered):
            done.pop(sign, None)
        if fact["present"]:
            self._suspected.pop((fact.type_id, None), None)
        return True

    def suspect(self, fact: UserFact, said: str | None = None) -> None:
        """The words may mean this sign (kind None: some sign, unclear which): ask, never act."""
        if not isinstance(fact, SCREENED):
            return  # only warning signs and conditions are worth a question of their own
        sign: Sign = (fact.type_id, fact["kind"])
        believed = self._beliefs.get(fact.key()) if fact["kind"] is not None else None
        if believed is not None and believed["present"]:
            return
        if fact["kind"] is None:
            # A vague hint reopens the list even after a "none of these".
            self._forget((fact.type_id, None))
        self._suspected[sign] = said
        self._snapshot = None

    def confirm_retraction(self, type_id: str, kind: str, confirmed: bool) -> None:
        """The answer to "Just to be sure: you don't have X?": only a yes lifts the sign."""
        said = self._retracting.pop((type_id, kind), None)
        if confirmed:
            key = (type_id, kind)
            self._forget(key)
            fact = FACT_CLASSES[type_id](kind=kind, present=False)
            self._beliefs[key] = fact
            if said is not None:
                self._said[key] = said
        self._snapshot = None

    def tell_unanswered(self, type_id: str, kind: str | None, said: str | None = None) -> None:
        """No plain answer about this sign after asking: no load without a clinician."""
        sign: Sign = (type_id, kind)
        self._suspected.pop(sign, None)
        if sign in self._retracting or kind is None:
            # A sign taken back unclearly stands; a vague hint reopened the list.
            self._retracting.pop(sign, None)
            return
        self._unanswered[sign] = said
        self._snapshot = None

    def tell_unsure(self, topic: str, said: str | None = None) -> None:
        """The person doesn't know: the topic counts as answered with safe defaults, except a
        screening list, which is then asked one sign at a time."""
        if topic not in v.ASKING_ORDER:
            raise ValueError(f"unknown topic {topic!r}; known: {', '.join(v.ASKING_ORDER)}")
        if topic in v.SCREENING_TOPICS:
            self._screen.add(topic)
        else:
            self._unsure[topic] = said
        self._snapshot = None

    def close(self, topic: str) -> None:
        """The person answered this topic's question (see ``Closed``)."""
        self._check_topic(topic)
        self._closed.add(topic)
        self._snapshot = None

    def reopen(self, topic: str) -> None:
        """A fact of this topic came before its question: still ask it (see ``Reopened``)."""
        self._check_topic(topic)
        if topic not in self._closed:
            self._reopened.add(topic)
            self._snapshot = None

    @staticmethod
    def _check_topic(topic: str) -> None:
        if topic not in v.ASKING_ORDER:
            raise ValueError(f"unknown topic {topic!r}; known: {', '.join(v.ASKING_ORDER)}")

    def suspicions(self) -> list[tuple[Sign, str | None]]:
        """Signs the words may point to, not yet confirmed or denied."""
        return list(self._suspected.items())

    def unanswered(self) -> list[tuple[Sign, str | None]]:
        return list(self._unanswered.items())

    def retracting(self) -> list[Sign]:
        return list(self._retracting)

    def _forget(self, key: tuple[str, object]) -> None:
        self._beliefs.pop(key, None)
        self._said.pop(key, None)

    def beliefs(self) -> list[tuple[UserFact, str | None]]:
        """Current beliefs, oldest first, each with the message it came from."""
        return [(fact, self._said.get(key)) for key, fact in self._beliefs.items()]

    def unsure_topics(self) -> tuple[str, ...]:
        return tuple(t for t in v.ASKING_ORDER if t in self._unsure)

    # --- reasoning -----------------------------------------------------------------------------
    def _think(self) -> _Snapshot:
        if self._snapshot is None:
            engine = self._engine
            engine.reset()
            # Copies: a declared fact carries its id in working memory, and beliefs outlive runs.
            engine.declare(*(fact.copy() for fact in self._beliefs.values()))
            for topic in self.unsure_topics():
                engine.declare(Unsure(topic=topic))
            for topic in sorted(self._screen):
                engine.declare(Screen(topic=topic))
            for topic in sorted(self._closed):
                engine.declare(Closed(topic=topic))
            for topic in sorted(self._reopened - self._closed):
                engine.declare(Reopened(topic=topic))
            for (type_id, kind) in self._suspected:
                engine.declare(Suspected(type=type_id, kind=kind))
            for (type_id, kind) in self._retracting:
                engine.declare(Retracting(type=type_id, kind=kind))
            for (type_id, kind) in self._unanswered:
                engine.declare(Unanswered(type=type_id, kind=kind))
            if self._on_step is not None:
                engine.declare(OnStep(step=self._on_step))
                if self._no_practice is not None:
                    engine.declare(NoPractice(why=self._no_practice))
            engine.settle(MAX_STEPS)
            self._snapshot = _Snapshot(dict(engine.facts), dict(engine.derivations))
        return self._snapshot

    def needs(self) -> tuple[Question, ...]:
        """Every topic the plan still needs, in the order the interview asks them."""
        snap = self._think()
        questions = []
        for need in snap.of(Need):
            derivation = snap.derivations[need["__factid__"]][0]
            sign = None
            if need.get("kind") is not None:
                sign = {"type": need["type"], "kind": need["kind"],
                        "present": not need.get("retract", False)}
            questions.append(Question(need["topic"], derivation.because, derivation.basis, sign))
        return tuple(sorted(questions, key=_asking_order))

    def next_question(self) -> Question | None:
        needs = self.needs()
        return needs[0] if needs else None

    def why_asking(self, topic: str) -> Question:
        """Why a topic is (or would be) asked: the rule that needs it."""
        for question in self.needs():
            if question.topic == topic:
                return question
        reason = self.knowledge.reason(f"need_{topic}")
        return Question(topic, reason.because, reason.basis)

    def plan(self) -> Plan | None:
        """The plan, once the rule base has what it needs; a referral needs nothing more."""
        snap = self._think()
        urgencies = {r["urgency"] for r in snap.of(Referral)}
        stop = next((u for u in ("emergency", "soon") if u in urgencies), None)
        # Emergency and soon are said at once; anything else waits for the screening to end.
        if stop is None and (snap.of(Need) or not snap.of(Start)):
            return None
        reasons = self._because(snap)
        because = tuple(text for text, _ in reasons)
        sources = tuple(basis for _, basis in reasons)
        urgency = stop or ("clearance" if "clearance" in urgencies else None)
        referral = None
        if urgency is not None:
            kinds = sorted(
                {a["kind"] for a in snap.of(Alarm) if refers_to(urgency, a["urgency"])},
                key=SIGN_ORDER.index,
            )
            referral = ReferralAdvice(urgency, tuple(kinds))
        if stop is not None:
            return Plan(None, (), (), (), referral, because, sources=sources)
        # Several starts can't happen under the current rules; if a future rule makes two,
        # the lower one is the safe one.
        start = min((s["step"] for s in snap.of(Start)), key=v.STEPS.index)
        if referral is not None:
            # Clearance: the unloaded stick hinge only, whatever the rules below would allow.
            start = v.STEPS[0]
        unlocks = [u["step"] for u in snap.of(Unlock)] if referral is None else []
        decisions = [d["kind"] for d in snap.of(Decision)]
        return Plan(
            start=start,
            ladder=v.STEPS[v.STEPS.index(start) :] if referral is None else (start,),
            focus=self._focus_order(snap),
            watch_for=tuple(
                sorted((w["fault"] for w in snap.of(WatchFor)), key=v.FAULT_KINDS.index)
            ),
            referral=referral,
            because=because,
            unlock=unlocks[0] if unlocks else None,
            notes=tuple(sorted(n["kind"] for n in snap.of(Note))),
            # Rules never decide two ways at once; if they did, the most cautious wins.
            decision=min(decisions, key=_CAUTION.index) if decisions else None,
            sources=sources,
        )

    def _focus_order(self, snap: _Snapshot) -> tuple[str, ...]:
        # Cues that fix a fault the person sees come first: they matter most to them.
        def key(focus: Fact) -> tuple[int, int]:
            rules = {d.rule for d in snap.derivations[focus["__factid__"]]}
            return (0 if "fault_focus" in rules else 1, v.CUES.index(focus["cue"]))

        return tuple(f["cue"] for f in sorted(snap.of(Focus), key=key))

    def start_reasons(self) -> tuple[str, ...]:
        """The sentences of the rules behind the start step alone, read from the trace (for
        "why not X?": the cues and mistakes to watch are not why the start is where it is)."""
        return tuple(text for text, _ in self._because(self._think(), (Start, Referral)))

    def _because(
        self, snap: _Snapshot, classes: tuple[type[Fact], ...] = _PLAN_FACTS
    ) -> tuple[tuple[str, str], ...]:
        """One sentence per rule that shaped the plan, in the order of reasons.toml, each
        with where the rule comes from (its basis)."""
        roots = [f["__factid__"] for cls in classes for f in snap.of(cls)]
        said: list[tuple[int, int, str, str]] = []
        order = list(self.knowledge.reasons)
        for position, derivation in enumerate(self._walk(snap, roots)):
            if derivation.because:
                basis = self.knowledge.reasons[derivation.rule].basis
                said.append((order.index(derivation.rule), position, derivation.because, basis))
        seen: set[str] = set()
        out = []
        for _, _, text, basis in sorted(said):
            if text not in seen:
                seen.add(text)
                out.append((text, basis))
        return tuple(out)

    def _walk(self, snap: _Snapshot, roots: Iterable[int]) -> Iterator[Derivation]:
        stack, seen = list(roots), set()
        while stack:
            fact_id = stack.pop(0)
            if fact_id in seen:
                continue
            seen.add(fact_id)
            for derivation in snap.derivations.get(fact_id, ()):
                yield derivation
                stack.extend(derivation.premises)

    # --- explaining ----------------------------------------------------------------------------
    def explain(self, subject: str) -> Explanation:
        """How a conclusion was reached: ``start``, ``referral``, ``focus:CUE``,
        ``watch_for:FAULT`` or ``question:TOPIC``."""
        snap = self._think()
        kind, _, value = subject.partition(":")
        matches: dict[str, Callable[[Fact], bool]] = {
            "start": lambda f: type(f) is Start,
            "referral": lambda f: type(f) is Referral,
            "focus": lambda f: type(f) is Focus and f["cue"] == value,
            "watch_for": lambda f: type(f) is WatchFor and f["fault"] == value,
            "question": lambda f: type(f) is Need and f["topic"] == value,
        }
        if kind not in matches:
            raise ValueError(f"cannot explain {subject!r}; try one of {', '.join(matches)}")
        for fact_id, fact in snap.facts.items():
            if matches[kind](fact):
                return self._explain_fact(snap, fact_id, frozenset())
        return Explanation(conclusion=C("nothing_concluded", subject=subject))

    def _explain_fact(self, snap: _Snapshot, fact_id: int, path: frozenset[int]) -> Explanation:
        fact = snap.facts[fact_id]
        derivations = snap.derivations.get(fact_id)
        if not derivations:
            return self._told(fact)
        path = path | {fact_id}
        reasons = tuple(
            Reasoning(
                d.rule,
                d.because,
                d.basis,
                tuple(self._explain_fact(snap, p, path) for p in d.premises if p not in path),
            )
            for d in derivations
        )
        return Explanation(conclusion=self.describe(fact), reasons=reasons)

    def _told(self, fact: Fact) -> Explanation:
        if isinstance(fact, Standing):
            # The trainer's knowledge a rule joined on: cite where it comes from.
            return Explanation(f"{self.describe(fact)}: {_citation(fact)}")
        if isinstance(fact, UserFact):
            said = self._said.get(fact.key())
            return Explanation(describe_told(fact), told=to_contract(fact), said=said)
        if isinstance(fact, Unsure):
            topic = fact["topic"]
            return Explanation(
                C("unsure", topic=topic.replace("_", " ")),
                told={"unsure": topic},
                said=self._unsure.get(topic),
            )
        if isinstance(fact, Unanswered | Suspected):
            sign = (fact["type"], fact["kind"])
            store = self._unanswered if isinstance(fact, Unanswered) else self._suspected
            told = {"type": fact["type"], "kind": fact["kind"]}
            return Explanation(self.describe(fact), told=told, said=store.get(sign))
        # Known from the profile rather than said in this conversation.
        return Explanation(self.describe(fact), told={"profile": dict(fact.as_dict())})

    def describe(self, fact: Fact) -> str:
        k = self.knowledge
        describers: dict[type[Fact], Any] = {
            Start: lambda f: C("start", step=k.step(f["step"]).name),
            Target: lambda f: C("target", step=k.steps[f["index"]].name),
            Unlock: lambda f: C("unlock", step=k.step(f["step"]).name),
            Focus: lambda f: C("focus", cue=k.cues[f["cue"]].name.lower()),
            WatchFor: lambda f: C("watch_for", fault=k.mistakes[f["fault"]].name.lower()),
            Note: lambda f: C("note"),
            Decision: lambda f: C("decision", decision=f["kind"].replace("_", " ")),
            OnStep: lambda f: C("on_step", step=k.step(f["step"]).name),
            Referral: lambda f: C("referral", urgency=f["urgency"]),
            Alarm: lambda f: C("alarm", sign=k.sign_name(f["kind"]), urgency=f["urgency"]),
            Suspected: lambda f: C("suspected", sign=_sign_text(k, f["kind"])),
            Retracting: lambda f: C("retracting", sign=k.sign_name(f["kind"])),
            Unanswered: lambda f: C("unanswered", sign=k.sign_name(f["kind"])),
            Screen: lambda f: C("screen", topic=f["topic"].replace("_", " ")),
            PainReported: lambda f: C("pain_reported"),
            Mastered: lambda f: C("mastered"),
            ForceStick: lambda f: C("force_stick", reason=f["reason"].replace("_", " ")),
            SkipBlocked: lambda f: C("skip_blocked", reason=f["reason"].replace("_", " ")),
            Level: lambda f: C("level", level=f["level"]),
            Kit: lambda f: C("kit", kit=_kit_text(f)),
            Answered: lambda f: C("answered", topic=f["topic"].replace("_", " ")),
            Need: lambda f: C("need", topic=f["topic"].replace("_", " ")),
            RedFlag: lambda f: C("red_flag", sign=k.red_flags[f["kind"]]),
            Condition: lambda f: C("condition", condition=k.conditions[f["kind"]]),
            Rung: lambda f: C("rung", step=k.step(f["step"]).name, needs=_needs_text(k, f)),
            SkipsFor: lambda f: C("skips_for", level=f["level"], steps=f["steps"]),
            SendsToStick: lambda f: C("sends_to_stick",
                                      fault=k.mistakes[f["fault"]].name.lower()),
            FixedBy: lambda f: C("fixed_by", fault=k.mistakes[f["fault"]].name.lower(),
                                 cue=k.cues[f["cue"]].name.lower()),
            CanDo: lambda f: C("can_do", step=k.steps[f["index"]].name),
            Reach: lambda f: C("reach", step=k.steps[f["index"]].name),
        }
        describer = describers.get(type(fact))
        return describer(fact) if describer else repr(fact)


def describe_told(fact: UserFact) -> str:
    """A told fact in words, e.g. 'fault toe_lift: yes', 'history: experienced, 6 years'."""
    data = to_contract(fact)
    details = ", ".join(
        f"{name} {value}"
        for name, value in data.items()
        if name not in ("type", "present") and value is not None
    )
    answer = C("told_yes") if data["present"] else C("told_no")
    return C("told", type=data["type"].replace("_", " "), details=details or C("told_nothing"),
             answer=answer)


def _citation(fact: Fact) -> str:
    """Where a piece of standing knowledge comes from: the article's words, or the coach's
    own basis and the article passage it builds on."""
    section = fact["section"]
    quote = f'"{fact["quote"]}"' if fact["quote"] else ""
    if fact["basis"] == "article":
        return C("cite_article", section=section, quote=quote)
    return C("cite_basis", basis=fact["basis"], section=section, quote=quote)


def _needs_text(knowledge: Knowledge, rung: Fact) -> str:
    return needs_text(knowledge.step(rung["step"]).needs) if not rung["always"] else (
        C("rung_anything")
    )


def _kit_text(kit: Fact) -> str:
    if not kit["known"]:
        return C("kit_unsure")
    have = dict(kit["have"])
    return ", ".join(f"{count} {item}" for item, count in have.items()) or C("kit_none")


def _asking_order(question: Question) -> tuple[int, int, int]:
    # Within a topic: signs taken back first, then the most urgent sign, in the list's order.
    sign = question.sign
    if sign is None:
        return (v.ASKING_ORDER.index(question.topic), 0, 0)
    return (
        v.ASKING_ORDER.index(question.topic),
        0 if not sign["present"] else 1,
        SIGN_ORDER.index(sign["kind"]),
    )


def _sign_text(knowledge: Knowledge, kind: str | None) -> str:
    return knowledge.sign_name(kind) if kind else C("unknown_sign")
