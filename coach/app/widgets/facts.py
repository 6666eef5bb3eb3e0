"""'What I know about you': each fact in words, under it what the person said that gave it."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from coach.app.widgets.item import Item
from coach.app.wording import LINES
from coach.text import printable

if TYPE_CHECKING:
    from coach.describe import Described
    from coach.session import CoachSession

# The panel is narrow: a long message is quoted by its start.
QUOTE_CHARS = 60


@dataclass(frozen=True)
class FactLine:
    fact: dict[str, Any] | None  # None for a topic the person wasn't sure about
    described: Described
    said: str | None


def fact_lines(session: CoachSession) -> tuple[FactLine, ...]:
    from coach.describe import Described, describe, topic_name

    knowledge = session.knowledge
    lines = [FactLine(k.fact, describe(k.fact, knowledge), k.said) for k in session.known_facts()]
    lines += [
        FactLine(None, Described(LINES("not_sure_about", topic=topic_name(topic))), None)
        for topic in session.unsure_topics()
    ]
    # What the words may point to (asked next), and signs left without a plain answer.
    lines += [FactLine(f, describe(f, knowledge), None) for f in session.suspicions()]
    lines += [
        FactLine(None, Described(LINES("no_answer_about", sign=knowledge.sign_name(u["kind"])),
                                 "warn"), None)
        for u in session.unanswered()
    ]
    return tuple(lines)


def quote(said: str) -> str:
    text = " ".join(printable(said).split())
    if len(text) > QUOTE_CHARS:
        text = text[: QUOTE_CHARS - 1].rstrip() + "\u2026"
    return f"\u201c{text}\u201d"


class FactsView(Vertical):
    lines: reactive[tuple[FactLine, ...]] = reactive((), recompose=True)

    def compose(self) -> ComposeResult:
        if not self.lines:
            yield Static(LINES("nothing_yet"), classes="empty")
            return
        # Several facts from one message share one quote, under the last of them.
        for said, group in groupby(self.lines, key=lambda line: line.said):
            for line in group:
                tone = f"-{line.described.tone}" if line.described.tone else ""
                yield Item("\u2022", line.described.text, classes=f"fact {tone}")
            if said:
                yield Static(Content(quote(said)), classes="said")
