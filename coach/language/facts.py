"""From concept spans to the contract's facts.

The span ruler finds concepts ("low back", "tight", "when I pick up", "no") and the negation
component marks which are denied; here the concepts of a clause are combined into facts the
way a reader would: an area and a quality make one symptom, numbness with "both legs" is a
red flag, a lifting verb with "6 years" is a history. Everything here is plain Python over
the spans, so the rules can be read and tested without a model; the ``hc_facts`` component
at the end runs them in the pipeline.

Conventions (shared with the rule base): every fact carries all fields of its type; a
general "none of these" uses null for the defining field; a symptom without a stated
trigger has trigger "unknown". A rating of 8 or more is not turned into a severe_pain red
flag here: the contract derives it in one place, the rule base, so that a corrected rating
lifts it. The optional ``certainty`` and ``context`` fields are written only when they are
not the defaults (stated, self), so facts without them keep their old shape.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from coach.language import context
from coach.language.concepts import CONCEPTS_KEY
from coach.language.numbers import tidy
from coach.language.warning_cues import CUES_KEY, WarningCueMatcher, suspected_facts
from coach.language.word_lists import word_list
from rules.vocabulary import (
    CONDITION_KINDS,
    EQUIPMENT_ITEMS,
    FAULT_KINDS,
    GOAL_KINDS,
    MASTERY_SKILLS,
    RED_FLAG_KINDS,
    SEVERE_PAIN_FROM,
    SYMPTOM_AREAS,
    SYMPTOM_QUALITIES,
    SYMPTOM_TRIGGERS,
    level_for_years,
)

Fact = dict[str, Any]


_MASTERY_CONTEXT = word_list("mastery_context")
_QUESTION_WORDS = word_list("question_words")
_FIRST_PERSON = word_list("first_person")
_SPEAKER = word_list("speaker")
_NEEDS_AUX = word_list("needs_aux")
_NOT_A_SUBJECT = word_list("not_a_subject")
_PRONOUNS = word_list("pronouns")
META_WORDS = word_list("meta_words")
_AUX = word_list("aux")
_ANSWER_WORDS = word_list("answer_words")
_ONE = word_list("one")
_TWO = word_list("two")
_COUNT_AFTER_ONE = word_list("count_after_one")
_COUNT_AFTER_TWO = word_list("count_after_two")
_COUNT_AFTER_STOP = word_list("count_after_stop")
_WEIGHT_UNITS = word_list("weight_units")
_MODIFIERS = word_list("modifiers")
_VAGUE_AMOUNTS = word_list("vague_amounts")
_SIGN_FEELINGS = word_list("sign_feelings")
_TRAINING_DAY = word_list("training_day")
_PATH_WORDS = word_list("path_words")
_LEG_WORDS = word_list("leg_words")
_RADIATING_WORDS = word_list("radiating_words")
_GROIN_WORDS = word_list("groin_words")
_TRIGGER_OPENERS = word_list("trigger_openers")


@dataclass
class Concept:
    label: str
    kind: str
    value: str | None
    polarity: str | None
    start: int
    end: int
    negated: bool
    number: float | None
    clause: int
    sent: int
    lemmas: tuple[str, ...]
    used: bool = field(default=False, compare=False)

    @property
    def present(self) -> bool:
        """What the phrase says, after its negation: "-" phrases state an absence."""
        return (self.polarity != "-") != self.negated


@dataclass
class _Message:
    concepts: list[Concept]
    doc: Doc
    question_tokens: frozenset[int]
    first_person_sents: frozenset[int]
    # Signs asked about without being reported ("is chest pain a bad sign?"), and signs
    # said with a questioning lilt but no question ("sort of numb?").
    hypothetical_tokens: set[int] = field(default_factory=set)
    hedged_tokens: set[int] = field(default_factory=set)
    # What the hc_context component read for the span starting at each token.
    context_by_start: dict[int, str] = field(default_factory=dict)

    @property
    def n_tokens(self) -> int:
        return len(self.doc)

    def of(
        self, *kinds: str, clause: int | None = None, sent: int | None = None, free: bool = False
    ) -> list[Concept]:
        return [
            c
            for c in self.concepts
            if c.kind in kinds
            and (clause is None or c.clause == clause)
            and (sent is None or c.sent == sent)
            and not (free and c.used)
        ]

    def has(self, *kinds: str, **where: Any) -> bool:
        return bool(self.of(*kinds, **where))

    def wants(self, c: Concept) -> bool:
        return any(w.value == "want" for w in self.of("cue", sent=c.sent))

    def has_cue(self, c: Concept) -> bool:
        return any(h.value in ("have", "place") for h in self.of("cue", "have", clause=c.clause))

    def lemmas(self) -> frozenset[str]:
        return frozenset(t.lemma_ for t in self.doc)

    def asks(self, c: Concept) -> bool:
        return c.start in self.question_tokens

    def wants_before(self, c: Concept) -> bool:
        """A "want" earlier in the sentence: "I want to get into powerlifting", not "I've
        lifted for years and want to get back to it"."""
        return any(w.value == "want" and w.start < c.start for w in self.of("cue", sent=c.sent))

    def wants_in_clause(self, c: Concept) -> bool:
        return any(w.value == "want" for w in self.of("cue", clause=c.clause))


def _concepts(doc: Doc, key: str) -> list[Concept]:
    clauses = doc._.hc_clauses or [(0, len(doc))]
    sent_starts = [s.start for s in doc.sents] or [0]
    out = []
    for span in doc.spans.get(key, []):
        parts = span.label_.split(":")
        clause = next((i for i, (a, b) in enumerate(clauses) if a <= span.start < b), 0)
        sent = max(i for i, s in enumerate(sent_starts) if s <= span.start)
        out.append(
            Concept(
                label=span.label_,
                kind=parts[0],
                value=parts[1] if len(parts) > 1 else None,
                polarity=parts[2] if len(parts) > 2 else None,
                start=span.start,
                end=span.end,
                negated=bool(span._.hc_negated),
                number=span._.hc_value,
                clause=clause,
                sent=sent,
                lemmas=tuple(t.lemma_ for t in span),
            )
        )
    return sorted(out, key=lambda c: (c.start, c.end))


def _is_bare_answer(sent: Any) -> bool:
    words = [t.lower_ for t in sent if not t.is_punct and not t.is_space]
    return bool(words) and all(w in _ANSWER_WORDS for w in words)


def sentence_kinds(doc: Doc) -> tuple[frozenset[int], frozenset[int]]:
    """Tokens inside questions, and the sentences that speak in the first person.

    A sentence is cut at commas: in "I only have a broom, is that enough?" only the part
    after the comma asks. A question answered straight after ("Cancer? No.") is kept as
    a statement, since the answer gives it its meaning.
    """
    questions: set[int] = set()
    first_person: set[int] = set()
    sents = list(doc.sents)
    for i, sent in enumerate(sents):
        words = [t.lower_ for t in sent if not t.is_space]
        if not words:
            continue
        if _FIRST_PERSON & set(words):
            first_person.add(i)
        if i + 1 < len(sents) and _is_bare_answer(sents[i + 1]):
            continue
        ends_asking = sent.text.rstrip().endswith("?")
        segments: list[list[Any]] = [[]]
        for t in sent:
            if t.text == "," and segments[-1]:
                segments.append([])
            else:
                segments[-1].append(t)
        segments = [seg for seg in segments if seg]
        for n, seg in enumerate(segments):
            first = seg[0].lower_
            second = seg[1].lower_ if len(seg) > 1 else ""
            negated_start = len(seg) > 1 and seg[1].norm_ == "not"
            opener = first in _QUESTION_WORDS and not negated_start
            if first in _NEEDS_AUX:
                # "when do I add weight" asks; "when I deadlift my back rounds" tells.
                opener = second in _AUX
            elif opener and first in _AUX and not ends_asking:
                # After a comma, chat goes on telling: "lifted a year, did barbell squats";
                # it asks there only about something already named: "..., is that enough".
                opener = second not in _NOT_A_SUBJECT and (n == 0 or second in _PRONOUNS)
            asking = opener or (ends_asking and n == len(segments) - 1)
            if asking:
                questions.update(t.i for t in seg)
    return frozenset(questions), frozenset(first_person)


# ---------------------------------------------------------------- fact constructors


def symptom(
    area: str | None,
    quality: str | None,
    trigger: str | None,
    severity: float | None,
    present: bool,
) -> Fact:
    return {
        "type": "symptom",
        "area": area,
        "quality": quality,
        "trigger": trigger,
        "severity": None if severity is None else tidy(severity),
        "present": present,
    }


def no_symptom() -> Fact:
    return symptom(None, None, None, None, False)


def red_flag(kind: str | None, present: bool) -> Fact:
    return {"type": "red_flag", "kind": kind, "present": present}


def condition(kind: str | None, present: bool) -> Fact:
    return {"type": "condition", "kind": kind, "present": present}


def suspected(fact: Fact) -> Fact:
    """The fact as a suspicion: what the words may mean, to be asked about, never acted on."""
    return {**fact, "present": True, "certainty": "suspected"}


def history(level: str | None, years: float | None, barbell: bool | None) -> Fact:
    return {
        "type": "history",
        "level": level,
        "years": None if years is None else tidy(years),
        "barbell": barbell,
        "present": True,
    }


def equipment(item: str | None, count: int | None, present: bool) -> Fact:
    return {"type": "equipment", "item": item, "count": count, "present": present}


# ---------------------------------------------------------------- the rules


def build_facts(doc: Doc, key: str, cues: WarningCueMatcher | None = None) -> list[Fact]:
    concepts = _concepts(doc, key)
    if not concepts and not doc.spans.get("hc_cues"):
        return []
    questions, first_person = sentence_kinds(doc)
    msg = _Message(concepts, doc, questions, first_person)
    msg.context_by_start = {
        span.start: span._.hc_context
        for spans in doc.spans.values() for span in spans if span._.hc_context is not None
    }
    _drop_asked_concepts(msg)
    found: list[tuple[int, Fact]] = []
    found += _red_flags(msg)
    found += _history(msg)
    found += _mastery(msg)
    found += _faults(msg)
    found += _equipment(msg)
    found += _goals(msg)
    found += _conditions(msg)
    found += _symptoms(msg, others=bool(found))
    found += _unclaimed_ratings(msg, found)
    found = [(pos, _training_soreness(msg, pos, fact)) for pos, fact in found]
    found = [(pos, _placed(msg, pos, fact)) for pos, fact in found]
    found = [(pos, f) for pos, fact in found for f in _placed_rating(msg, pos, fact)]
    stated = [f for f in _dedupe(found) if _complete(f)]
    return stated + suspected_facts(msg, stated, cues)


# The field that says what a fact is about; null there means "none of these".
_SUBJECT = {"symptom": "area", "red_flag": "kind", "mastery": "skill", "fault": "kind",
            "equipment": "item", "goal": "kind", "condition": "kind"}


_PAIN_WORDS = word_list("pain_words")


def _placed_rating(msg: _Message, pos: int, fact: Fact) -> list[Fact]:
    """A rated pain with no place is still worth keeping: its rating may be a warning sign on
    its own. Said with a pain word ("my pain is 10 out of 10") it is a symptom somewhere
    ("other"); without one ("honestly 9/10 today", or a joke: "10/10 would do again") a
    severe rating is only a suspicion, asked about with one question."""
    if not (fact["type"] == "symptom" and fact["present"] and fact["area"] is None
            and fact["severity"] is not None):
        return [fact]
    words = {t.lower_ for t in msg.doc[pos].sent} | {t.lemma_ for t in msg.doc[pos].sent}
    if words & _PAIN_WORDS:
        return [{**fact, "area": "other"}]
    if fact["severity"] >= SEVERE_PAIN_FROM:
        return [{"type": "red_flag", "kind": "severe_pain", "present": True,
                 "certainty": "suspected"}]
    return []


# Signs that soreness after training can look like: "chest is sore after bench", "both
# calves tight after the 10k". Said that way they are asked about, not acted on.
_SORENESS_LOOKALIKES = frozenset({"chest_pain", "both_legs"})
_SORENESS_WORDS = word_list("soreness_words")


def _training_soreness(msg: _Message, pos: int, fact: Fact) -> Fact:
    if not (fact["type"] == "red_flag" and fact["kind"] in _SORENESS_LOOKALIKES
            and fact["present"] and "certainty" not in fact):
        return fact
    sent = msg.doc[pos].sent
    words = {t.lower_ for t in sent} | {t.lemma_ for t in sent}
    painful = words & _SIGN_FEELINGS
    trained = words & (EXERCISE_WORDS | _TRAINING_DAY)
    if words & _SORENESS_WORDS and trained and not painful:
        return suspected(fact)
    return fact


def _unclaimed_ratings(msg: _Message, found: list[tuple[int, Fact]]) -> list[tuple[int, Fact]]:
    """A severe rating that no symptom took ("3/10 after swings, but since the fall it's an
    8", "it was 6/10 yesterday, today more like an 8"): the worst rating said is what matters
    for safety, so it is asked about, never dropped."""
    rated = [f["severity"] for _, f in found
             if f["type"] == "symptom" and f.get("severity") is not None]
    ratings = [r for r in msg.of("sev") if not r.negated and r.number is not None]
    distinct = {r.number for r in ratings}
    painful = msg.has("qual") or bool(msg.lemmas() & _PAIN_WORDS) or len(distinct) > 1
    out: list[tuple[int, Fact]] = []
    for r in ratings:
        assert r.number is not None
        if painful and r.number >= SEVERE_PAIN_FROM and r.number > max(rated, default=-1):
            out.append((r.start, suspected(red_flag("severe_pain", True))))
            break
    return out


def _complete(fact: Fact) -> bool:
    """The rule base takes a null subject only as "none of these": a present pain with no
    place ("it hurts") says too little to be a fact, and the interview asks where. A
    suspected warning sign is the exception: "something feels off down there" is worth a
    question even when the words do not say which sign."""
    subject = _SUBJECT.get(fact["type"])
    if fact.get("certainty") == "suspected":
        return True
    return not (subject and fact[subject] is None and fact["present"])


def _drop_asked_concepts(msg: _Message) -> None:
    """Questions tell nothing about the asker, except their own symptoms.

    "Why does my back get tight when I sit?" reports a symptom; "is soreness normal?",
    "do I need a kettlebell?" and "why ask about my bladder?" report nothing.
    """
    for c in msg.concepts:
        if not msg.asks(c):
            continue
        first_person = c.sent in msg.first_person_sents
        own_symptom = c.kind in ("qual", "area", "trig", "sev") and (
            first_person and msg.has("qual", sent=c.sent)
        )
        # A warning sign asked about oneself ("why is my groin numb?") is still reported:
        # missing one costs more than a false alarm. Asking about the questions is not.
        sent = msg.doc[c.start].sent
        sent_lemmas = {t.lemma_ for t in sent}
        sign = c.kind in ("rf", "numb", "weak", "loc", "cond")
        own_red_flag = sign and first_person and not sent_lemmas & META_WORDS
        if sign and not own_red_flag:
            # Still read, so the coach can answer it: a question about a sign, or a
            # statement said with a "?" ("sort of numb?"), which is a guess about oneself.
            opener = next((t.lower_ for t in sent if not t.is_punct), "")
            if opener in _QUESTION_WORDS or sent_lemmas & META_WORDS:
                msg.hypothetical_tokens.update(range(c.start, c.end))
            else:
                msg.hedged_tokens.update(range(c.start, c.end))
            continue
        if not (own_symptom or own_red_flag):
            c.used = True


def _dedupe(found: Iterable[tuple[int, Fact]]) -> list[Fact]:
    out: list[Fact] = []
    seen: set[tuple[tuple[str, Any], ...]] = set()
    for _, fact in sorted(found, key=lambda pair: pair[0]):
        key = tuple(fact.items())
        if key not in seen:
            seen.add(key)
            out.append(fact)
    # "Type 2 diabetes, on metformin, otherwise healthy": a blanket "none" said beside a sign
    # of the same kind means "nothing else", never "none of these".
    told = {f["type"] for f in out if f["present"] and f.get("kind") is not None
            and f["type"] in ("red_flag", "condition") and "context" not in f}
    return [f for f in out if not (f["type"] in told and f.get("kind") is None
                                   and not f["present"])]


# ---------------------------------------------------------------- whose sign, and when


def context_at(msg: _Message, pos: int, kind: str | None) -> str:
    """Whom and when the words at ``pos`` are about: self, other, past or hypothetical.

    The ``hc_context`` component has read the cue words around each concept (see
    coach/language/context.py); a question about a sign, which only the whole message
    shows, makes it a what-if.
    """
    if pos in msg.hypothetical_tokens:
        return context.HYPOTHETICAL
    found = msg.context_by_start.get(pos)
    where = found if found is not None else context.context_of(msg.doc, pos)
    if where == context.PAST and kind == "cancer_history":
        return context.SELF  # a history of cancer counts however long ago it was
    return where


def _says_own_area(msg: _Message, pos: int) -> bool:
    """An area in the symptom's clause that the speaker calls theirs ("my back")."""
    clause = next((c.clause for c in msg.concepts if c.start == pos), None)
    areas = msg.of("area", clause=clause) if clause is not None else []
    return any(context.owned_part(msg.doc, a.start) for a in areas)


def _hedged(msg: _Message, pos: int) -> bool:
    return context.hedged(msg.doc, pos) or pos in msg.hedged_tokens


def _placed(msg: _Message, pos: int, fact: Fact) -> Fact:
    """A warning sign or condition with its context and certainty, when not the defaults.

    Signs and conditions are what the coach must not mistake (a father's cancer is not the
    person's). A symptom gets a context too ("had back pain years ago, fine now", "my wife's
    back hurts"), never a certainty: pain the person tells is taken as told.
    """
    if fact["type"] == "symptom" and fact["present"]:
        where = context_at(msg, pos, None)
        # Someone else's pain only when they are named beside it and the area is not "my
        # back": a person's own pain must never be set aside by a word further off.
        if where == context.OTHER and (
            _says_own_area(msg, pos) or not context.someone_else_nearby(msg.doc, pos)
        ):
            where = context.SELF
        return fact if where == context.SELF else {**fact, "context": where}
    if fact["type"] not in ("red_flag", "condition") or fact["kind"] is None:
        return fact
    where = context_at(msg, pos, fact["kind"])
    if where == context.OTHER and fact["present"] and context.speaker_owns_nearer(msg.doc, pos):
        # "Since my son was born my legs are numb": the legs are theirs. Only ever towards
        # a sign the person has; a denial stays as cautious as it was.
        where = context.SELF
    out = dict(fact)
    if where == "past":
        out["present"] = True  # it happened: "fine now" says it is over, not that it never was
    if where != "self":
        out["context"] = where
    elif fact["present"] and "certainty" not in fact and (
        _hedged(msg, pos) or context.settled(msg.doc, pos, fact["kind"])
    ):
        out["certainty"] = "suspected"
    if "certainty" in out and "context" in out:
        # A suspicion is only raised about the person now; the context says the rest.
        del out["certainty"]
    # Field order: the type's own fields, then certainty, then context (as the contract).
    ordered = {k: v for k, v in out.items() if k not in ("certainty", "context")}
    for k in ("certainty", "context"):
        if k in out:
            ordered[k] = out[k]
    return ordered


def _use_same_place(msg: _Message, c: Concept) -> None:
    """A leg word used as a red flag's location is not also a symptom's area."""
    for other in msg.concepts:
        if other.kind == "area" and other.start == c.start and other.end == c.end:
            other.used = True


# ---------------------------------------------------------------- red flags


def _red_flags(msg: _Message) -> list[tuple[int, Fact]]:
    out: list[tuple[int, Fact]] = []
    for c in msg.of("rf", free=True):
        if c.value not in RED_FLAG_KINDS:
            continue
        if c.value == "weight_loss" and (_weight_is_a_goal(msg, c) or _weight_is_a_thing(msg, c)):
            continue  # "I want to lose weight" is a wish, not a warning sign
        if c.value == "night_pain" and not _night_pain_is_pain(msg, c):
            if c.present and {"sleep", "rest"} & set(c.lemmas):
                # "I just couldn't sleep": no pain named, so asked about, not referred.
                out.append((c.start, suspected(red_flag("night_pain", True))))
            continue
        c.used = True
        if c.value == "fainting" and not _fainting_is_red_flag(msg, c):
            # Fainting or dizziness away from exercise is the readiness condition; it may
            # still have been during a workout, which the coach asks about.
            out.append((c.start, condition("dizziness_or_fainting", c.present)))
            if c.present:
                out.append((c.start, suspected(red_flag("fainting", True))))
            else:
                out.append((c.start, red_flag("fainting", False)))
            continue
        out.append((c.start, red_flag(c.value, c.present)))
        if c.value == "radiating_pain":
            # Where the pain travels to is part of the red flag, not another symptom; where
            # it starts ("from my lower back") is a symptom of its own.
            for a in msg.of("area", "loc", sent=c.sent):
                starts_there = "from" in {t.lower_ for t in msg.doc[max(0, a.start - 2) : a.start]}
                if a.start >= c.start and not starts_there:
                    a.used = True

    for c in msg.of("numb", "weak", free=True):
        locs = msg.of("loc", clause=c.clause) or msg.of("loc", sent=c.sent)
        where = {loc.value for loc in locs}
        if "both_legs" in where:
            # Numb or weak in both legs is both signs: the contract's both_legs, and the
            # numbness or weakness itself, each asked about and acted on in its own right.
            c.used = True
            for loc in locs:
                loc.used = True
                _use_same_place(msg, loc)
            own = "leg_numbness" if c.kind == "numb" else "leg_weakness"
            out.append((c.start, red_flag("both_legs", c.present)))
            out.append((c.start, red_flag(own, c.present)))
            continue
        if c.kind == "numb":
            # "From my butt down to my calf" is a path down the leg, not numbness around
            # the saddle; the groin or inner thighs still are.
            path = _PATH_WORDS & {t.lower_ for t in msg.doc[c.start].sent}
            down_the_leg = "leg" in where and bool(path) and not _groin_named(locs)
            kind = "saddle_numbness" if "saddle" in where and not down_the_leg else "leg_numbness"
        elif "leg" in where or not msg.has("area", clause=c.clause):
            kind = "leg_weakness"
        else:
            continue  # "weak glutes" is about strength, not nerves
        c.used = True
        for loc in locs:
            loc.used = True
            _use_same_place(msg, loc)
        fact = red_flag(kind, c.present)
        if c.present and not where:
            # "Numb" or "weak" without saying where may be the hands, tiredness or an idiom
            # ("numb to the 5am alarms", "weak as a kitten"): worth a question, not a referral.
            fact["certainty"] = "suspected"
        out.append((c.start, fact))

    for loc in msg.of("loc", free=True):
        if loc.value != "both_legs":
            continue
        clauses = msg.doc._.hc_clauses or [(0, msg.n_tokens)]
        start, end = clauses[loc.clause] if loc.clause < len(clauses) else (0, msg.n_tokens)
        # The legs named in the same clause: "sore on both sides of my back, no pain down
        # the legs" has both sides of a back, not both legs.
        if not (_LEG_WORDS & (set(loc.lemmas) | {t.lemma_ for t in msg.doc[start:end]})):
            continue
        if msg.has("qual", "rf", sent=loc.sent) or msg.n_tokens <= 6:
            loc.used = True
            quals = msg.of("qual", sent=loc.sent)
            negated = loc.negated or (bool(quals) and all(q.negated for q in quals))
            for a in msg.of("area", sent=loc.sent):
                if a.value == "other":
                    a.used = True
            out = [(p, f) for p, f in out if f != red_flag("radiating_pain", True)]
            out.append((loc.start, red_flag("both_legs", not negated)))

    # Pain that travels down a leg, said without a radiating word: "pain down my leg".
    for q in msg.of("qual", free=True):
        if q.value != "pain" or any(f["kind"] == "both_legs" for _, f in out):
            continue
        legs = [loc for loc in msg.of("loc", clause=q.clause) if loc.value == "leg"]
        # The leg's own words count too: "down my leg" is where the pain goes.
        between = {t.lemma_ for t in msg.doc[q.start : legs[0].start + 1]} if legs else set()
        if legs and between & _RADIATING_WORDS:
            out.append((q.start, red_flag("radiating_pain", q.present)))
            for loc in legs:
                loc.used = True
                _use_same_place(msg, loc)

    # A general "no" to the warning signs: "none of those warning signs". A named sign
    # stays named: "no numbness or anything" denies numbness.
    for r in msg.of("ref"):
        if r.value == "red_flag" and r.negated and not msg.asks(r):
            out.append((r.start, red_flag(None, False)))
    return out


EXERCISE_WORDS = word_list("exercise_words")


def _fainting_is_red_flag(msg: _Message, c: Concept) -> bool:
    """During or just after exercise, or with chest pain: the contract's red flag."""
    if any(f.value == "chest_pain" for f in msg.of("rf")):
        return True
    sentence = msg.doc[c.start].sent
    # "wasn't exercising or anything": an exercise word said to be absent does not count.
    said = [t for t in sentence if not any(
        w.norm_ in ("not", "never", "without") for w in msg.doc[max(0, t.i - 3) : t.i]
    )]
    words = {t.lemma_ for t in said} | {t.lower_ for t in said}
    exercise_triggers = [t for t in msg.of("trig", sent=c.sent)
                         if t.value in ("lifting", "after_exercise")]
    return bool(words & EXERCISE_WORDS or exercise_triggers) or msg.has("act", sent=c.sent)


def _weight_is_a_goal(msg: _Message, c: Concept) -> bool:
    """ "I want to lose weight", "what should I eat to lose weight": a wish, not a sign."""
    sentence = {t.lemma_ for t in msg.doc[c.start].sent}
    if "without" in sentence or any(w.value == "unexplained" for w in msg.of("cue", sent=c.sent)):
        return False  # "lost 6 kilos without dieting", "no diet, eating the same": the sign
    if msg.wants(c):
        return True
    before = [t.lower_ for t in msg.doc[max(msg.doc[c.start].sent.start, c.start - 2) : c.start]]
    return "to" in before or bool(sentence & word_list("weight_goal_words"))


def _weight_is_a_thing(msg: _Message, c: Concept) -> bool:
    """ "Dropped a 10kg plate on my toe": a weight that is a thing, not the body's."""
    after = msg.doc[c.end].lemma_ if c.end < msg.n_tokens else ""
    return after in word_list("weighted_things")


def _groin_named(locs: list[Concept]) -> bool:
    return any(set(loc.lemmas) & _GROIN_WORDS for loc in locs if loc.value == "saddle")


def _night_pain_is_pain(msg: _Message, c: Concept) -> bool:
    if {"pain", "wake", "keep"} & set(c.lemmas):
        return True  # "it wakes me at night": something wakes them; "can't sleep" may not
    # "It's worse at night": what gets worse is the pain the person came with.
    sentence = {t.lemma_ for t in msg.doc[c.start].sent}
    return bool(sentence & {"bad", "worse"}) or msg.has("qual", "area", "numb", sent=c.sent)


# ---------------------------------------------------------------- readiness conditions


def _conditions(msg: _Message) -> list[tuple[int, Fact]]:
    out: list[tuple[int, Fact]] = []
    for c in msg.of("cond", free=True):
        if c.value not in CONDITION_KINDS:
            continue
        c.used = True
        out.append((c.start, condition(c.value, c.present)))
    # "No medical conditions", "nope, healthy": the readiness list as a whole.
    for r in msg.of("ref", free=True):
        if r.value == "condition" and r.negated and not msg.asks(r):
            out.append((r.start, condition(None, False)))
    for n in msg.of("none", free=True):
        if n.value == "condition" and not n.negated:
            n.used = True
            out.append((n.start, condition(None, False)))
    return out


# ---------------------------------------------------------------- symptoms


def _area(c: Concept | None) -> str | None:
    if c is None:
        return None
    if c.value == "back":
        return "low_back"
    return c.value if c.value in SYMPTOM_AREAS else None


def _trigger_for(msg: _Message, q: Concept) -> str:
    triggers = [t for t in msg.of("trig", sent=q.sent, free=True) if t.value in SYMPTOM_TRIGGERS]
    if triggers:
        return min(triggers, key=lambda t: abs(t.start - q.start)).value or "unknown"
    lifts = msg.of("act", sent=q.sent, free=True)
    if lifts and not msg.has("dur", "level", sent=q.sent):
        for act in lifts:
            act.used = True
        return "lifting"
    return "unknown"


def _severity_for(msg: _Message, q: Concept, n_symptoms: int) -> float | None:
    """The rating said of this symptom: in its clause; else in its sentence, when nothing
    else there could own it ("glutes are sore, which I expect, but the back pain is an 8"
    rates the back only); else the only rating of a message with only one symptom."""
    ratings = msg.of("sev", clause=q.clause)
    if not ratings:
        rivals = [c for c in msg.of("qual", sent=q.sent) if c.start != q.start]
        ratings = [] if rivals else msg.of("sev", sent=q.sent)
    if not ratings and n_symptoms == 1:
        ratings = msg.of("sev")
    return ratings[0].number if ratings else None


def _fine_areas(msg: _Message) -> list[tuple[int, Fact]]:
    """ "My back is fine": an area said to be well, so no quality nearby can claim it."""
    out: list[tuple[int, Fact]] = []
    if msg.has("fault"):
        return out  # "my knees are fine, they don't cave" is about form, not pain
    for ok in msg.of("ok"):
        if ok.negated or any(q.negated for q in msg.of("qual", clause=ok.clause)):
            continue  # "knees are fine, no pain there": the denied pain says it
        areas = [
            a
            for a in msg.of("area", clause=ok.clause, free=True)
            if a.end <= ok.start
            and ok.start - a.end <= 4
            and not any(a.end <= q.start < ok.start for q in msg.of("qual"))
        ]
        if areas:
            areas[-1].used = True
            out.append((areas[-1].start, symptom(_area(areas[-1]), None, None, None, False)))
    return out


def _symptoms(msg: _Message, others: bool) -> list[tuple[int, Fact]]:
    out: list[tuple[int, Fact]] = _fine_areas(msg)
    named = [q for q in msg.of("qual", free=True) if q.value in SYMPTOM_QUALITIES]
    quals = [
        q
        for q in msg.of("qual", free=True)
        if q.value in SYMPTOM_QUALITIES
        # "Problem", "issue": only a symptom when nothing more precise is said nearby.
        or (q.value == "any" and not any(n.sent == q.sent for n in named))
    ]
    pending: list[tuple[Concept, list[Concept]]] = []
    last: list[Concept] = []
    for q in quals:
        if q.value == "any" and not msg.has("area", clause=q.clause, free=True):
            continue
        if q.negated and (msg.wants_in_clause(q) or msg.has("goal", clause=q.clause)):
            # "I want to lift without it hurting", "picking up my kid without my back
            # hurting": a goal, not a word about how the back is now.
            continue
        areas = msg.of("area", clause=q.clause, free=True) or msg.of("area", sent=q.sent, free=True)
        if not areas and _next_to_red_flag(msg, q):
            continue  # "chest pain", "pain shooting down my leg": the red flag says it
        if not areas and last and last[0].sent in (q.sent, q.sent - 1):
            areas = last
        if not areas and not q.negated:
            # "It's like a 7 when I bend down. Lower back." - the area comes later.
            later = [a for a in msg.of("area", free=True) if a.start > q.start]
            areas = later[:1]
        if areas:
            last = areas
        pending.append((q, areas))
    n_symptoms = max(1, sum(max(1, len(a)) for _, a in pending))
    for q, areas in pending:
        quality = q.value if q.value in SYMPTOM_QUALITIES else None
        if q.negated and not areas:
            out.append((q.start, no_symptom()))
            continue
        trigger = _trigger_for(msg, q)
        severity = None if q.negated else _severity_for(msg, q, n_symptoms)
        for a in areas:
            out.append((q.start, symptom(_area(a), quality, trigger, severity, not q.negated)))
        if not areas:
            out.append((q.start, symptom(None, quality, trigger, severity, True)))
    for q, areas in pending:
        q.used = True
        for a in areas:
            a.used = True
    out += _symptom_continuations(msg, out)

    for n in msg.of("none", free=True):
        if n.value == "symptom" and not n.negated:
            out.append((n.start, no_symptom()))

    if not out and not others:
        out += _bare_answers(msg)
    return out


def _next_to_red_flag(msg: _Message, q: Concept) -> bool:
    """A red flag within a few words of the quality, not across a comma."""
    for c in msg.of("rf", "numb", "weak", "loc", sent=q.sent):
        lo, hi = (c.end, q.start) if c.end <= q.start else (q.end, c.start)
        if hi - lo <= 4 and not any(t.text in {",", ";"} for t in msg.doc[lo:hi]):
            return True
    return False


def _symptom_continuations(msg: _Message, found: list[tuple[int, Fact]]) -> list[tuple[int, Fact]]:
    """ "Lower back is tight every morning and my hips too": the hips share the symptom."""
    out = []
    for a in msg.of("area", free=True):
        if msg.has("qual", clause=a.clause) or msg.asks(a):
            continue
        before = [(p, f) for p, f in found if p < a.start and f["present"] and f["area"]]
        if not before:
            continue
        _, prev = before[-1]
        if msg.doc[a.start].sent.start != msg.doc[before[-1][0]].sent.start:
            continue
        a.used = True
        out.append((a.start, {**prev, "area": _area(a)}))
    return out


def _bare_answers(msg: _Message) -> list[tuple[int, Fact]]:
    """Answers to "where?", "when?" or "how bad?" alone: "mostly my hamstrings",
    "when I pick up the laundry", "about a 6 out of 10"."""
    if msg.has("rf", "numb", "weak", "fault", "mastery", "equip", "goal", "act", "level", "dur"):
        return []
    if any(msg.asks(c) for c in msg.concepts):
        return []
    areas = [a for a in msg.of("area", free=True) if not a.negated]
    triggers = [t for t in msg.of("trig", free=True) if t.value in SYMPTOM_TRIGGERS]
    ratings = msg.of("sev", free=True)
    trig = triggers[0].value if triggers else "unknown"
    sev = ratings[0].number if ratings else None
    # A rating is a rating of pain ("a 7 out of 10 when I bend down. lower back").
    quality = "pain" if ratings else None
    if areas and (ratings or msg.n_tokens <= 8):
        return [(a.start, symptom(_area(a), quality, trig, sev, True)) for a in areas]
    if triggers or ratings:
        first = (triggers or ratings)[0]
        return [(first.start, symptom(None, quality, trig, sev, True))]
    return []


# ---------------------------------------------------------------- history


def _history(msg: _Message) -> list[tuple[int, Fact]]:
    # "I want to get into powerlifting" is a goal, not experience.
    acts = [a for a in msg.of("act", free=True) if not msg.wants_before(a)]
    levels = [lv for lv in msg.of("level", free=True) if lv.present]
    vague = [v for v in msg.of("vague", free=True) if v.present]
    durations = [d for d in msg.of("dur", free=True) if not _is_ago(msg, d)]
    symptom_sents = {c.sent for c in msg.of("qual")}
    lift_sents = {c.sent for c in acts} | {c.sent for c in levels}
    durations = [d for d in durations if d.sent in lift_sents or d.sent not in symptom_sents]
    if not (acts or levels or durations or vague):
        return []
    # Without a lifting word, "a little", "years" or "a couple of times" only tell lifting
    # history when nothing else in the message could own them.
    # ("20 weeks pregnant", "numb when I stand for a while" are not years of lifting).
    # "2 yrs kettlebells", "6 months of dumbbells": training kit with a time is lifting.
    kit_sents = {e.sent for e in msg.of("equip") if e.value in _TRAINING_KIT and e.present
                 and not msg.has_cue(e)}
    trained_with_kit = [d for d in durations if d.sent in kit_sents]
    others = msg.has("rf", "numb", "weak", "qual", "fault", "goal", "mastery", "sev",
                     "cond", "trig", "loc") or (msg.has("equip") and not trained_with_kit)
    explicit = acts or levels or trained_with_kit
    if not explicit and others:
        return []
    if not explicit and not durations:
        levels = vague if msg.n_tokens <= 8 else []  # "just a little"
    elif acts and not levels:
        levels = vague  # "I lift a little"
    if not (acts or levels or durations):
        return []
    barbells = [b for b in _barbell_mentions(msg) if not msg.wants(b)]
    strong = levels or durations or any(a.negated for a in acts) or barbells
    if acts and not strong:
        # A lone "deadlifts" is history only when said of oneself, and not as a trigger or
        # beside other news ("I passed out after a heavy set of deadlifts").
        if others or any(msg.asks(a) for a in acts):
            return []
        if any(_is_trigger_act(msg, a) for a in acts):
            return []
        if not any(_SPEAKER & {t.lower_ for t in msg.doc[a.start].sent} for a in acts):
            return []

    little = [a for a in acts if _not_much(msg, a)]
    if little and not levels and not durations:
        # "I haven't lifted much": a little, not never.
        for a in acts:
            a.used = True
        return [(little[0].start, history("beginner", None, _barbell_history(msg)))]
    # "Never deadlifted" beside years of squats and bench is one lift not done, not a
    # person who never lifted.
    never_clauses = {lv.clause for lv in levels if lv.value == "none"}
    lifted = durations or any(not a.negated and a.clause not in never_clauses for a in acts)
    never = (any(lv.value == "none" for lv in levels) and not lifted) or (
        acts and all(a.negated for a in acts) and not durations
    )
    if not never:
        levels = [lv for lv in levels if lv.value != "none"]
    duration = durations[0] if durations and not never else None
    years = duration.number if duration else None
    approximate = duration is not None and _is_vague(msg, duration)
    barbell = _barbell_history(msg)
    if never:
        level: str | None = "none"
        years = None
    elif years is not None:
        level = level_for_years(years)
    elif levels:
        level = levels[0].value
    else:
        level = None
    if approximate:
        years = None
    first = min(c.start for c in [*acts, *levels, *durations])
    for c in [*acts, *levels, *durations]:
        c.used = True
    return [(first, history(level, years, barbell))]


_TRAINING_KIT = frozenset({"kettlebell", "dumbbell", "barbell", "trap_bar"})


def _is_ago(msg: _Message, d: Concept) -> bool:
    """ "5 years ago" is a date, unless it dates a start ("started lifting 6 months ago")."""
    if not (d.end < msg.n_tokens and msg.doc[d.end].lower_ in {"ago", "back"}):
        return False
    sent = msg.doc[d.start].sent
    return not any(t.lemma_ in {"start", "begin", "pick"} for t in sent)


def _not_much(msg: _Message, a: Concept) -> bool:
    after = [t.lower_ for t in msg.doc[a.end : a.end + 4]]
    return a.negated and ("much" in after or "lot" in after or "ton" in after)


def _is_vague(msg: _Message, d: Concept) -> bool:
    if any(t.lower_ in _VAGUE_AMOUNTS for t in msg.doc[d.start : d.end]):
        return True
    # A range is not a number: "4 or 5 years", "between two and three years", "3-4 years".
    around = list(msg.doc[max(0, d.start - 3) : d.end])
    for a, link, b in zip(around, around[1:], around[2:], strict=False):
        if a.like_num and b.like_num and link.lower_ in {"or", "to", "-"}:
            return True
        if a.lower_ == "between" and link.like_num:
            return True
    return False


def _is_trigger_act(msg: _Message, a: Concept) -> bool:
    before = msg.doc[max(0, a.start - 3) : a.start]
    return any(t.lower_ in _TRIGGER_OPENERS for t in before)


def _barbell_mentions(msg: _Message) -> list[Concept]:
    return [c for c in msg.of("equip", "goal", free=True) if c.value == "barbell"]


def _barbell_history(msg: _Message) -> bool | None:
    """Barbell experience: "mostly barbell work" (true), "never touched a barbell" (false)."""
    for c in _barbell_mentions(msg):
        if msg.wants(c) or (msg.has_cue(c) and c.present):
            continue  # "I want to deadlift a barbell", "I have a barbell": not experience
        c.used = True
        for g in msg.of("goal"):
            if g.value == "barbell" and g.start == c.start:
                g.used = True
        return c.present
    # "only machines", "no barbell tho": any denial of barbells in a lifting message.
    return None


# ---------------------------------------------------------------- mastery


def _mastery(msg: _Message) -> list[tuple[int, Fact]]:
    by_skill: dict[str, tuple[int, int, bool]] = {}
    context = bool(msg.lemmas() & _MASTERY_CONTEXT)
    for c in msg.of("mastery", free=True):
        if c.value not in MASTERY_SKILLS or not context:
            continue
        present = c.present
        previous = by_skill.get(c.value)
        # A later clause corrects an earlier one ("I used to need it, now I don't");
        # within one clause a "can't" outweighs the rest.
        if previous is None or c.clause > previous[1] or (c.clause == previous[1] and not present):
            by_skill[c.value] = (c.start, c.clause, present)
        c.used = True
    return [
        (start, {"type": "mastery", "skill": skill, "present": present})
        for skill, (start, _, present) in by_skill.items()
    ]


# ---------------------------------------------------------------- faults


def _faults(msg: _Message) -> list[tuple[int, Fact]]:
    out: list[tuple[int, Fact]] = []
    for c in msg.of("fault", free=True):
        if c.value in FAULT_KINDS:
            c.used = True
            out.append((c.start, {"type": "fault", "kind": c.value, "present": c.present}))
    for r in msg.of("ref", free=True):
        if r.value == "fault" and r.negated:
            out.append((r.start, {"type": "fault", "kind": None, "present": False}))
    for n in msg.of("none", free=True):
        if n.value == "fault" and not n.negated:
            out.append((n.start, {"type": "fault", "kind": None, "present": False}))
    return out


# ---------------------------------------------------------------- equipment


def _count(msg: _Message, c: Concept) -> int | None:
    if not c.present:
        return None
    clauses = msg.doc._.hc_clauses or [(0, msg.n_tokens)]
    start = max(clauses[c.clause][0], c.start - 5)
    after = list(msg.doc[c.end : min(msg.n_tokens, c.end + 4)])
    for token in reversed(msg.doc[start : c.start]):
        nxt = msg.doc[token.i + 1] if token.i + 1 < msg.n_tokens else None
        w = token.lower_
        if w in _WEIGHT_UNITS or (nxt is not None and nxt.lower_ in _WEIGHT_UNITS):
            continue  # "a 12 kg kettlebell": 12 is the weight, not the count
        if w in _TWO:
            return 2
        if w in _ONE:
            return 1
        if w.isdigit():
            return 2 if int(w) >= 2 else 1
        if w in _MODIFIERS or token.is_punct or any(ch.isdigit() for ch in w):
            continue  # "16kg", "heavy", "(": words between a count and its item
        break
    for token in after:
        w = token.lower_.replace(" ", "")
        if w in _COUNT_AFTER_STOP:
            break  # "kettlebells and two dumbbells": the two are the dumbbells
        if w in {"x1", "x2", "x3"}:
            return 1 if w == "x1" else 2
        # Said after the item: "kettlebell, just the one", "dumbbells, a pair".
        if w in _COUNT_AFTER_ONE:
            return 1
        if w in _COUNT_AFTER_TWO:
            return 2
    return None


def _equipment(msg: _Message) -> list[tuple[int, Fact]]:
    out: list[tuple[int, Fact]] = []
    lift_sents = {a.sent for a in msg.of("act")}
    for c in msg.of("equip", free=True):
        if c.value not in EQUIPMENT_ITEMS:
            continue
        if msg.wants(c) and not msg.has_cue(c):
            continue  # "I want to use a barbell one day" is a goal, not kit at hand
        if c.sent in lift_sents and not (msg.has_cue(c) or _trained_with(msg, c)):
            continue  # "I've done dumbbell workouts for a year" is history
        if c.value == "stick" and not _owned(msg, c):
            continue  # "keep the stick on your back" is the drill, not kit
        c.used = True
        out.append((c.start, equipment(c.value, _count(msg, c), c.present)))
    for r in msg.of("ref", free=True):
        if r.value == "equipment" and r.negated and not msg.has("equip", clause=r.clause):
            out.append((r.start, equipment(None, None, False)))
    for n in msg.of("none", free=True):
        if n.value == "equipment" and not n.negated:
            out.append((n.start, equipment(None, None, False)))
    return out


def _trained_with(msg: _Message, c: Concept) -> bool:
    """ "swings with one 20kg bell", "with my two dumbbells": the kit they train with."""
    before = [t.lower_ for t in msg.doc[max(0, c.start - 5) : c.start]]
    if "with" not in before:
        return False
    after_with = before[len(before) - before[::-1].index("with") :]
    return bool(after_with) and (after_with[0] in {"my", "our"} | _ONE | _TWO
                                 or after_with[0].isdigit())


def _owned(msg: _Message, c: Concept) -> bool:
    if msg.has_cue(c) or not msg.has("mastery"):
        return True
    before = msg.doc[max(0, c.start - 2) : c.start]
    return any(t.lower_ in {"a", "an", "my", "our", "one"} for t in before)


# ---------------------------------------------------------------- goals


def _goal_present(msg: _Message, c: Concept) -> bool:
    """ "I want to not hurt my back when gardening": the "not" denies the pain, inside the
    wish; the gardening is still the goal."""
    if c.present:
        return True
    wishes = [w for w in msg.of("cue", sent=c.sent) if w.value == "want" and w.start < c.start]
    if not wishes or wishes[-1].negated:
        return False
    wish = wishes[-1]
    return any(q.negated and wish.start < q.start < c.start for q in msg.of("qual", sent=c.sent))


def _goals(msg: _Message) -> list[tuple[int, Fact]]:
    out: list[tuple[int, Fact]] = []
    blocking = (
        "qual",
        "rf",
        "numb",
        "weak",
        "fault",
        "mastery",
        "act",
        "dur",
        "level",
        "equip",
        "ref",
        "none",
    )
    for c in msg.of("goal", free=True):
        if c.value not in GOAL_KINDS:
            continue
        if c.polarity == "+" and any(o.value == "everyday" and o.sent == c.sent
                                     for o in msg.of("goal")):
            # "to not hurt my back when I'm gardening": the back says how, gardening what.
            continue
        wanted = msg.wants(c)
        if c.value == "barbell" and not wanted:
            continue  # a barbell without a wish is kit or history
        if not wanted and msg.has(*blocking, sent=c.sent):
            continue
        if msg.asks(c) and not wanted:
            continue
        c.used = True
        out.append((c.start, {"type": "goal", "kind": c.value, "present": _goal_present(msg, c)}))
    for t in msg.of("trig", free=True):
        if t.value == "picking_up" and msg.wants(t) and not msg.has("qual", sent=t.sent):
            t.used = True
            out.append((t.start, {"type": "goal", "kind": "everyday", "present": True}))
    return out


# ---------------------------------------------------------------- the component

if not Doc.has_extension("facts"):
    Doc.set_extension("facts", default=None)


@Language.factory(
    "hc_facts",
    assigns=["doc._.facts"],
    requires=["doc.spans", "span._.hc_negated", "span._.hc_value"],
)
def make_facts(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    def facts(doc: Doc) -> Doc:
        # Looked up per call, not at construction: the cue matcher is loaded (from_disk)
        # after the components are made.
        cues = None
        if CUES_KEY in doc.spans:
            for _, pipe in nlp.pipeline:
                if isinstance(pipe, WarningCueMatcher):
                    cues = pipe
        doc._.facts = build_facts(doc, CONCEPTS_KEY, cues)
        return doc

    return facts
