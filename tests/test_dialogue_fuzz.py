"""Arbitrary text at any point: every turn is valid contract JSON, and a plan is still reached."""

from __future__ import annotations

from contract import assert_turn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from language_fixtures import shared_parser

from coach.dialogue import Dialogue

# After any noise, these answers complete an interview (each answers the topic it follows).
RECOVERY = {
    "symptoms": "nothing hurts at all",
    "red_flags": "no, none of those",
    "readiness": "no, none of those",
    "lifting_history": "never lifted",
    "stick_mastery": "no, I still need the stick",
    "faults": "none of those",
    "equipment": "two kettlebells",
    "goal": "get stronger",
    "check_in": "all good",
}

noise = st.lists(
    st.one_of(
        st.text(max_size=300),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=80),
        st.sampled_from(["[bold]x[/]", "[/]", "[link=http://x]y[/link]", "**b** # h", "\x00",
                         "\x1b[2J", "yes", "no", "idk", "why?", "restart", "5", "-1", "9999"]),
    ),
    max_size=8,
)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(noise)
def test_noise_never_breaks_the_interview(messages):
    dialogue = Dialogue(shared_parser())
    assert_turn(dialogue.opening().to_json())
    for message in messages:
        assert_turn(dialogue.reply(message).to_json())
    dialogue.finished = False  # a clear "bye" in the noise ends the chat loop, not the rules
    for _ in range(40):
        if dialogue.session.plan() is not None:
            break
        topic = dialogue.asking or dialogue.session.next_topic()
        # A yes/no question about one sign (a suspicion, or the list one sign at a time).
        answer = "no" if dialogue.confirming is not None else RECOVERY[topic]
        assert_turn(dialogue.reply(answer).to_json())
    assert dialogue.session.plan() is not None
