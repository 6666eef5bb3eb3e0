"""Warning signs and readiness conditions: stated, suspected, and whose or when they are.

"The parser suggests, the rule base decides": the language layer reports what the words may
mean as suspected facts, tuned for recall, and says when a sign is someone else's, over and
done, or a what-if. Phrasings written for these tests (not taken from the eval sets).
"""

from __future__ import annotations

from typing import Any

import pytest
from language_fixtures import language_parser  # noqa: F401  (fixture)

from coach.language.numbers import severity_value
from rules import vocabulary as v

Fact = dict[str, Any]


def rf(kind: str | None, present: bool = True, **extra: str) -> Fact:
    return {"type": "red_flag", "kind": kind, "present": present, **extra}


def cond(kind: str | None, present: bool = True, **extra: str) -> Fact:
    return {"type": "condition", "kind": kind, "present": present, **extra}


def sus(fact: Fact) -> Fact:
    return {**fact, "certainty": "suspected"}


def sym(area: str, quality: str, trigger: str = "unknown", severity: float | None = None) -> Fact:
    return {"type": "symptom", "area": area, "quality": quality, "trigger": trigger,
            "severity": severity, "present": True}


def _signs(facts: list[Fact]) -> list[Fact]:
    return [f for f in facts if f["type"] in ("red_flag", "condition")]


def valid(fact: Fact) -> None:
    """The contract's shape, checked here from the vocabulary alone (the rule base's own
    schema is updated by another change)."""
    kinds = {"red_flag": v.RED_FLAG_KINDS, "condition": v.CONDITION_KINDS}
    assert fact["type"] in v.FACT_TYPES
    assert isinstance(fact["present"], bool)
    if fact["type"] in kinds:
        assert list(fact)[:3] == ["type", "kind", "present"], fact
        assert fact["kind"] is None or fact["kind"] in kinds[fact["type"]]
    assert fact.get("certainty", "stated") in v.CERTAINTIES
    assert fact.get("context", "self") in v.CONTEXTS
    # Emitted only when not the default, so facts without them keep their old shape.
    assert fact.get("certainty") != "stated" and fact.get("context") != "self"
    if fact["type"] in kinds and fact["kind"] is None:
        assert fact["present"] is False or fact.get("certainty") == "suspected", fact


# ---------------------------------------------------------------- exact cases from real failures

EXACT: list[tuple[str, list[Fact]]] = [
    ("cant controll my bladder", [rf("bladder_bowel")]),
    ("no control over my bladder", [rf("bladder_bowel")]),
    ("i have no bladder control", [rf("bladder_bowel")]),
    ("no sensation in my saddle area", [rf("saddle_numbness")]),
    ("I can't control when I need to poo", [rf("bladder_bowel")]),
    ("cant hold my pee as well as before, otherwise no", [rf("bladder_bowel")]),
    ("cant feel my butt cheeks", [rf("saddle_numbness")]),
    ("numbnes in my grone area", [rf("saddle_numbness")]),
    ("leg gettin weeker", [rf("leg_weakness")]),
    ("i have a heart condition, afib, on meds", [cond("heart_condition"), cond("medication")]),
    ("stay healthy for my heart", [{"type": "goal", "kind": "back_health", "present": True}]),
    ("what should i eat to lose weight", []),
    ("my dad had cancer", [rf("cancer_history", context="other")]),
    ("nah not really any of those, maybe the night one",
     [rf(None, False), sus(rf("night_pain"))]),
    ("72, osteoporosis", [cond("osteoporosis")]),
    ("I fainted last week", [cond("dizziness_or_fainting"), sus(rf("fainting"))]),
    # Played down, still not denied; said without where, it is asked about, not assumed.
    ("its just a bit of tingling, its fine, can we continue?",
     [{**rf("leg_numbness"), "certainty": "suspected"}]),
    ("a bit of tingling down my leg, its fine", [rf("leg_numbness")]),
    ("had cancer 5 years ago, in remission", [rf("cancer_history")]),
    ("my back pain is 11/10", [sym("low_back", "pain", severity=10)]),
    ("lower back pain, honestly 12 out of 10", [sym("low_back", "pain", severity=10)]),
    ("my back hurts 10+/10", [sym("low_back", "pain", severity=10)]),
    ("my lower back pain is a 9", [sym("low_back", "pain", severity=9)]),  # no severe_pain
]


@pytest.mark.parametrize(("text", "expected"), EXACT, ids=[c[0][:40] for c in EXACT])
def test_exact(language_parser, text: str, expected: list[Fact]) -> None:  # noqa: F811
    facts = language_parser.parse(text)["facts"]
    assert facts == expected
    for fact in facts:
        valid(fact)


def test_a_lifter_with_a_heart_condition(language_parser) -> None:  # noqa: F811
    facts = language_parser.parse("an 8 year lifter with a heart condition")["facts"]
    assert cond("heart_condition") in facts
    assert not any(f["type"] == "red_flag" for f in facts)


def test_ratings_above_ten_read_as_ten() -> None:
    assert severity_value("11/10") == 10
    assert severity_value("10+/10") == 10
    assert severity_value("12", out_of_ten=True) == 10
    assert severity_value("12") is None  # a bare number says nothing of a scale


# ---------------------------------------------------------------- stated presence

# Loss or inability is presence: "can't control", "no control over", "no sensation".
STATED: list[tuple[str, str, str]] = [
    ("I've lost control of my bladder", "red_flag", "bladder_bowel"),
    ("couldn't tell when I needed to pee", "red_flag", "bladder_bowel"),
    ("lost feeling in my left foot", "red_flag", "leg_numbness"),
    ("no sensation in my groin", "red_flag", "saddle_numbness"),
    ("I have high blood pressure", "condition", "high_blood_pressure"),
    ("I'm on blood thinners", "condition", "medication"),
    ("I take beta blockers", "condition", "medication"),
    ("had a stent put in", "condition", "heart_condition"),
    ("type 2 diabetes", "condition", "chronic_condition"),
    ("I have asthma", "condition", "chronic_condition"),
    ("I've got a bad knee", "condition", "joint_problem"),
    ("I had a hip replacement", "condition", "joint_problem"),
    ("herniated disc at L5", "condition", "joint_problem"),
    ("had an operation on my shoulder last month", "condition", "recent_surgery"),
    ("I'm 20 weeks pregnant", "condition", "pregnancy"),
    ("six weeks postpartum", "condition", "pregnancy"),
    ("osteopenia in my hips", "condition", "osteoporosis"),
    ("I have an inguinal hernia", "condition", "hernia"),
    ("my doctor said I can only exercise under supervision", "condition", "supervised_only"),
    ("I get dizzy spells", "condition", "dizziness_or_fainting"),
    ("I blacked out during a heavy set", "red_flag", "fainting"),
]


@pytest.mark.parametrize(("text", "kind_type", "kind"), STATED, ids=[c[0][:40] for c in STATED])
def test_stated(language_parser, text: str, kind_type: str, kind: str) -> None:  # noqa: F811
    facts = language_parser.parse(text)["facts"]
    assert {"type": kind_type, "kind": kind, "present": True} in facts, facts


DENIED: list[tuple[str, Fact]] = [
    ("no heart problems", cond("heart_condition", False)),
    ("no medical conditions", cond(None, False)),
    ("no health problems at all", cond(None, False)),
    ("nope, healthy", cond(None, False)),
    ("never fainted", rf("fainting", False)),
    ("not pregnant", cond("pregnancy", False)),
]


@pytest.mark.parametrize(("text", "fact"), DENIED, ids=[c[0] for c in DENIED])
def test_denied(language_parser, text: str, fact: Fact) -> None:  # noqa: F811
    facts = language_parser.parse(text)["facts"]
    assert fact in facts, facts
    assert not any(f.get("certainty") == "suspected" for f in facts), facts


# ---------------------------------------------------------------- context

CONTEXT: list[tuple[str, str, str, str]] = [
    ("my mum has a heart condition", "condition", "heart_condition", "other"),
    ("my client fainted yesterday", "red_flag", "fainting", "other"),
    ("my wife is pregnant", "condition", "pregnancy", "other"),
    ("heart disease runs in my family", "condition", "heart_condition", "other"),
    ("had sciatica years ago, fine now", "red_flag", "radiating_pain", "past"),
    ("used to get numb legs but not since 2019", "red_flag", "leg_numbness", "past"),
    ("had surgery on my knee in 2010, fully recovered", "condition", "recent_surgery", "past"),
    ("what if my leg goes numb?", "red_flag", "leg_numbness", "hypothetical"),
    ("why do you want to know about my bladder?", "red_flag", "bladder_bowel", "hypothetical"),
    ("is chest pain a bad sign?", "red_flag", "chest_pain", "hypothetical"),
    ("if I ever faint, should I stop?", "red_flag", "fainting", "hypothetical"),
    ("what do I do if I lose control of my bladder?", "red_flag", "bladder_bowel",
     "hypothetical"),
    ("is it normal to black out if I stand up fast after a set?", "red_flag", "fainting",
     "hypothetical"),
    ("had a temperature over christmas last year, all better now", "red_flag", "fever",
     "past"),
    ("my calf went numb on a long drive once, never came back", "red_flag", "leg_numbness",
     "past"),
]

# The speaker's own after all: the speaker has it too, owns it beside a vague "they", or the
# time of life is not another person, or "used to" comes after the sign (ConText scope).
OWN: list[tuple[str, str, str]] = [
    ("Dad had bowel cancer and so did I", "red_flag", "cancer_history"),
    ("they're keeping an eye on a leaky valve of mine", "condition", "heart_condition"),
    ("asthmatic since i was a kid, on an inhaler every morning", "condition", "medication"),
    ("toes are numb most of the day now, used to be only when i sat", "red_flag",
     "leg_numbness"),
    ("im 14 weeks pregnant and i used to do kettlebells", "condition", "pregnancy"),
]


@pytest.mark.parametrize(("text", "kind_type", "kind"), OWN, ids=[c[0][:40] for c in OWN])
def test_the_speakers_own(language_parser, text: str, kind_type: str, kind: str) -> None:  # noqa: F811
    facts = [f for f in language_parser.parse(text)["facts"]
             if f["type"] == kind_type and f["kind"] == kind]
    assert facts and all("context" not in f and f["present"] for f in facts), facts


def test_context_cue_words_are_data_a_trainer_can_edit(tmp_path) -> None:
    import spacy

    from coach.language import context

    edited = tmp_path / "context.toml"
    text = context.CONTEXT_PATH.read_text(encoding="utf-8")
    edited.write_text(text.replace('"dad", ', ""), encoding="utf-8")
    doc = spacy.blank("en")("my dad had cancer")
    doc = spacy.blank("en").add_pipe("sentencizer")(doc)
    assert context.context_of(doc, 3) == "other"
    assert context.context_of(doc, 3, context.read_context_cues(edited)) == "self"


@pytest.mark.parametrize(("text", "kind_type", "kind", "context"), CONTEXT,
                         ids=[c[0][:40] for c in CONTEXT])
def test_context(language_parser, text: str, kind_type: str, kind: str,  # noqa: F811
                 context: str) -> None:
    facts = _signs(language_parser.parse(text)["facts"])
    mine = [f for f in facts if f["kind"] == kind]
    assert mine and all(f.get("context") == context for f in mine), facts
    # Nothing about the person now: neither stated nor suspected of them.
    assert all("context" in f for f in facts if f["present"]), facts
    for fact in facts:
        valid(fact)


@pytest.mark.parametrize("text", ["my pain is 9 out of 10", "the pain's a 10/10 right now"])
def test_a_rated_pain_with_no_place_is_kept(language_parser, text: str) -> None:  # noqa: F811
    facts = language_parser.parse(text)["facts"]
    assert [f["area"] for f in facts if f["type"] == "symptom"] == ["other"], facts


def test_a_sign_asked_about_oneself_stays_stated(language_parser) -> None:  # noqa: F811
    assert language_parser.parse("why is my groin numb?")["facts"] == [rf("saddle_numbness")]


# ---------------------------------------------------------------- suspected: stories

SUSPECTED: list[tuple[str, str, str | None]] = [
    # a severe rating with no pain word: a question, not a referral
    ("honestly an 8/10 most mornings", "red_flag", "severe_pain"),
    # medicines by name, and heart and surgery words
    ("I'm on metformin and a statin", "condition", "medication"),
    ("had a stent put in two years back", "condition", "heart_condition"),
    ("my cardiologist keeps an eye on my AF", "condition", "heart_condition"),
    ("had a microdiscectomy in march", "condition", "recent_surgery"),
    # numbness
    ("my foot feels dead and cold", "red_flag", "leg_numbness"),
    ("pins and needles in my toes since Tuesday", "red_flag", "leg_numbness"),
    ("sort of numb?", "red_flag", "leg_numbness"),
    ("my calf feels like it's not mine", "red_flag", "leg_numbness"),
    # saddle
    ("it feels weird down there", "red_flag", "saddle_numbness"),
    ("my bum feels kind of dead when I sit on the loo", "red_flag", "saddle_numbness"),
    ("it feels different when I wipe", "red_flag", "saddle_numbness"),
    ("tingly crotch since the weekend", "red_flag", "saddle_numbness"),
    # bladder and bowel
    ("I think I might have wet myself", "red_flag", "bladder_bowel"),
    ("I've been dribbling a bit", "red_flag", "bladder_bowel"),
    ("I had a little accident on the way home", "red_flag", "bladder_bowel"),
    ("I can't tell when I need to go anymore", "red_flag", "bladder_bowel"),
    ("constipated for a week with the back pain", "red_flag", "bladder_bowel"),
    # trauma
    ("I slipped on the ice on Monday", "red_flag", "trauma"),
    ("landed on my tailbone off a trampoline", "red_flag", "trauma"),
    ("went flying off my bike", "red_flag", "trauma"),
    ("missed a step on the stairs and went down", "red_flag", "trauma"),
    # fainting
    ("I came to on the kitchen floor", "red_flag", "fainting"),
    ("woke up on the floor after my set", "red_flag", "fainting"),
    ("everything went grey and I collapsed", "red_flag", "fainting"),
    # night pain
    ("it woke me at 3am again", "red_flag", "night_pain"),
    ("can't sleep for the pain", "red_flag", "night_pain"),
    ("it's worse lying down", "red_flag", "night_pain"),
    ("I toss and turn all night with it", "red_flag", "night_pain"),
    # fever
    ("I've had the chills and sweats", "red_flag", "fever"),
    ("been shivering and feeling unwell", "red_flag", "fever"),
    # weight loss
    ("my clothes are loose and I haven't changed anything", "red_flag", "weight_loss"),
    ("lost weight without trying", "red_flag", "weight_loss"),
    ("no appetite lately and my belt needs a new notch", "red_flag", "weight_loss"),
    # cancer
    ("finished chemo last spring", "red_flag", "cancer_history"),
    ("my oncologist said it's fine to exercise", "red_flag", "cancer_history"),
    # leg weakness
    ("my foot slaps when I walk", "red_flag", "leg_weakness"),
    ("my leg gives way on the stairs", "red_flag", "leg_weakness"),
    ("I keep tripping over my own foot", "red_flag", "leg_weakness"),
    ("can't lift my foot properly", "red_flag", "leg_weakness"),
    # both legs
    ("both legs feel heavy and tingly", "red_flag", "both_legs"),
    ("my legs are dead after squats", "red_flag", "both_legs"),
    # chest
    ("my chest feels tight when I go up hills", "red_flag", "chest_pain"),
    ("heart racing and a pressure in my chest", "red_flag", "chest_pain"),
    # radiating
    ("it zaps down into my calf", "red_flag", "radiating_pain"),
    ("I think it's a trapped nerve", "red_flag", "radiating_pain"),
    # which sign? unknown
    ("something just feels off", "red_flag", None),
    # conditions
    ("I get dizzy when I stand up too fast", "condition", "dizziness_or_fainting"),
    ("I'm on tablets for my blood pressure", "condition", "high_blood_pressure"),
    ("I see a physio for my knee", "condition", "joint_problem"),
    ("we're expecting in June", "condition", "pregnancy"),
    ("had a DEXA scan that showed thin bones", "condition", "osteoporosis"),
    ("there's a bulge in my groin when I cough", "condition", "hernia"),
]


@pytest.mark.parametrize(("text", "kind_type", "kind"), SUSPECTED,
                         ids=[c[0][:40] for c in SUSPECTED])
def test_suspected(language_parser, text: str, kind_type: str,  # noqa: F811
                   kind: str | None) -> None:
    facts = language_parser.parse(text)["facts"]
    mine = [f for f in facts if f["type"] == kind_type and f["kind"] == kind]
    assert mine, facts
    for fact in facts:
        valid(fact)


@pytest.mark.parametrize("text", ["got a bit dizzy after my last set",
                                  "felt light headed on the rower today"])
def test_dizziness_is_asked_about_not_taken_for_fainting(language_parser, text: str) -> None:  # noqa: F811
    signs = _signs(language_parser.parse(text)["facts"])
    assert signs and all(f.get("certainty") == "suspected" for f in signs), signs
    assert "fainting" in {f["kind"] for f in signs}, signs


# ---------------------------------------------------------------- not signs

NOT_SIGNS: list[str] = [
    "I want to lose weight",
    "what should I eat to lose weight?",
    "this workout will kill me",
    "stay healthy for my heart",
    "I hit the gym three times a week",
    "my knees fall in when I hinge",
    "the stick keeps coming off my head",
    "chest day tomorrow",
    "good night!",
    "I've got a barbell and plates in my garage",
    "I'm expecting some soreness tomorrow",
    "my back gets stiff when I drive the car",
    "no numbness, no tingling, bladder is fine",
    "no fever and no weight loss",
    "nothing wrong with my bladder or bowels",
]


@pytest.mark.parametrize("text", NOT_SIGNS)
def test_not_signs(language_parser, text: str) -> None:  # noqa: F811
    facts = language_parser.parse(text)["facts"]
    assert not [f for f in facts if f["type"] in ("red_flag", "condition") and f["present"]
                and "context" not in f], facts


def test_doms_is_suspected_at_most(language_parser) -> None:  # noqa: F811
    facts = _signs(language_parser.parse("my legs are dead after squats")["facts"])
    assert facts and all(f.get("certainty") == "suspected" for f in facts), facts


def test_a_plain_statement_is_not_also_suspected(language_parser) -> None:  # noqa: F811
    facts = language_parser.parse("numbness in my left leg")["facts"]
    assert facts == [rf("leg_numbness")]


def test_suspicions_do_not_turn_a_no_into_an_inform(language_parser) -> None:  # noqa: F811
    assert language_parser.parse("what if my leg goes numb?")["intent"] != "deny"
    result = language_parser.parse("sort of numb?")
    assert result["facts"] == [sus(rf("leg_numbness"))]


# ---------------------------------------------------------------- the whole message is read


def test_the_last_sentence_of_a_long_message_is_read(language_parser) -> None:  # noqa: F811
    filler = "I have been lifting kettlebells at home and I would like to get stronger. "
    text = (filler * (20_000 // len(filler) + 1))[: 20_000 - 32]
    text = text.rstrip() + " I also can't control my bladder"
    assert len(text) >= 19_950
    result = language_parser.parse(text)
    assert result["text"].endswith("I also can't control my bladder")
    assert rf("bladder_bowel") in result["facts"]


def test_the_fact_rules_word_lists_are_data(tmp_path) -> None:
    from coach.language import word_lists

    assert "gym" in word_lists.word_list("exercise_words")
    edited = tmp_path / "word_lists.toml"
    edited.write_text('exercise_words = ["Gym"]\n', encoding="utf-8")
    assert word_lists.word_list("exercise_words", edited) == {"gym"}
    with pytest.raises(KeyError, match="no list 'pain_wordz'"):
        word_lists.word_list("pain_wordz")
