"""A saved transcript holds health details: it is private to its owner, never overwrites,
and renders what was typed as typed (no HTML, no entities, no links made from it)."""

from __future__ import annotations

import html
import re
import stat
from datetime import datetime
from pathlib import Path

import pytest
from factsets import fault
from markdown_it import MarkdownIt

from coach.app.transcript import save_transcript, transcript_markdown
from coach.session import CoachSession

TYPED = [
    "<script>alert('hi')</script>",
    "&lt;script&gt; and &amp; and &#60;b&#62;",
    "see https://evil.example/path?x=1 or www.example.com or example.com",
    "mail me@example.com or <https://autolink.example>",
    "[a link](https://x.example) and ![img](https://i.example/p.png)",
    "a heading underline next\n===\nand *stars* `code` ~~gone~~ | pipe |",
    "<b>bold?</b> <!-- comment --> <img src=x onerror=alert(1)>",
]
WHEN = datetime(2026, 3, 1, 9, 30)


def session_with(said: str) -> CoachSession:
    session = CoachSession()
    session.tell([fault("toe_lift")], said=said)
    return session


def render(markdown: str) -> str:
    # GitHub-like: raw HTML allowed, bare URLs and emails linkified.
    return MarkdownIt("gfm-like").render(markdown)


def visible_text(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


@pytest.mark.parametrize("typed", TYPED)
def test_what_was_typed_renders_as_typed(typed: str) -> None:
    markdown = transcript_markdown([("user", typed)], session_with(typed), WHEN)
    rendered = render(markdown)
    assert "<a " not in rendered and "<script" not in rendered and "<img" not in rendered
    assert "<b>" not in rendered and "<!--" not in rendered
    shown = visible_text(rendered)
    for line in typed.split("\n"):
        assert line in shown, line  # entities stay entities, URLs stay text


def test_a_transcript_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = save_transcript([("user", "my back hurts")], session_with("x"), tmp_path, WHEN)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_transcript_never_overwrites_another(tmp_path: Path) -> None:
    first = save_transcript([("user", "first")], session_with("x"), tmp_path, WHEN)
    second = save_transcript([("user", "second")], session_with("x"), tmp_path, WHEN)
    assert first != second
    assert "first" in first.read_text() and "second" in second.read_text()
    assert stat.S_IMODE(second.stat().st_mode) == 0o600
