"""Messages shared by the app's widgets and its worker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widget import Widget

if TYPE_CHECKING:
    from coach.dialogue import Understander


@dataclass
class PromptSubmitted(Message):
    """The person pressed Enter on a message (maybe blank: the app decides)."""

    text: str


@dataclass
class ParserReady(Message):
    """The language layer has loaded; posted from the loading worker's thread."""

    parser: Understander
    seconds: float


@dataclass
class ParserFailed(Message):
    """The language layer could not load; the app carries on with its commands."""

    error: str


@dataclass
class ReplyResized(Message):
    """A coach message changed size: Markdown lays out in steps, after it is mounted."""

    reply: Widget
