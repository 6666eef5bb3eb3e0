"""Save the conversation and the plan as a Markdown file the person can keep or print."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from coach.app.wording import LINES
from coach.describe import describe, topic_name
from coach.render import plan_markdown
from coach.session import CoachSession
from coach.text import literal_markdown, printable
from rules.wording import LINES as WORDS


def transcript_markdown(
    conversation: Sequence[tuple[str, str]], session: CoachSession, when: datetime
) -> str:
    """``conversation`` is (role, text) in order; role is "user", "coach" or "note"."""
    parts = ["# " + LINES("transcript_title", when=when), LINES("transcript_not_advice"),
             "## " + LINES("transcript_conversation")]
    for role, text in conversation:
        if role == "user":
            parts.append(LINES("transcript_you") + "\n\n" + "\n".join(
                f"> {line}" for line in literal_markdown(text).split("\n")))
        elif role == "coach":
            parts.append(LINES("transcript_coach") + f"\n\n{printable(text)}")
        else:
            parts.append(f"*({literal_markdown(text)})*")
    parts.append("## " + LINES("what_i_know"))
    known = session.known_facts()
    lines = [
        f"- {describe(k.fact, session.knowledge).text}"
        + (WORDS("you_said", said=literal_markdown(k.said)) if k.said else "")
        for k in known
    ]
    lines += ["- " + LINES("not_sure_about", topic=topic_name(t)) for t in session.unsure_topics()]
    parts.append("\n".join(lines) if lines else LINES("nothing_yet"))
    parts.append("## " + LINES("your_plan"))
    plan = session.plan_details()
    parts.append(plan_markdown(plan, session.knowledge) if plan else
                 LINES("transcript_no_plan"))
    return "\n\n".join(parts) + "\n"


def transcript_name(when: datetime, counter: int = 1) -> str:
    stem = f"hinge-coach-{when:%Y-%m-%d-%H%M%S}"
    return f"{stem}.md" if counter == 1 else f"{stem}-{counter}.md"


def save_transcript(
    conversation: Sequence[tuple[str, str]], session: CoachSession, directory: Path,
    when: datetime | None = None,
) -> Path:
    """Write a new file in ``directory`` (never overwriting one) and return its path."""
    when = when or datetime.now()
    text = transcript_markdown(conversation, session, when)
    directory.mkdir(parents=True, exist_ok=True)
    for counter in range(1, 1000):
        path = directory / transcript_name(when, counter)
        try:
            # O_EXCL: a new file, never over one saved earlier in the same second. 0600: it
            # holds the same health details as the profile, which is its owner's only.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
        return path
    raise FileExistsError(f"too many transcripts named {transcript_name(when)} in {directory}")
