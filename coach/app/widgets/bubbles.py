"""One message in the chat: the coach's as Markdown, the person's exactly as typed."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Markdown, Static

from coach.app.messages import ReplyResized
from coach.app.wording import LINES
from coach.text import printable


class UserMessage(Horizontal):
    """What the person typed, on the right. Never Markdown and never markup: ``[bold]``
    stays ``[bold]``. (A row around the bubble, because Textual aligns a container's
    children as one block: only a row of its own puts a bubble on the right.)"""

    def __init__(self, text: str, *, pending: bool = False, command: bool = False) -> None:
        super().__init__()
        self.said = text
        # A Content object is displayed as-is; a str would be parsed as Textual markup.
        self.bubble = Static(Content(printable(text) or " "), markup=False, classes="bubble")
        self.set_class(command, "-command")
        self.pending = pending

    def compose(self) -> ComposeResult:
        yield self.bubble

    @property
    def pending(self) -> bool:
        return self.has_class("-pending")

    @pending.setter
    def pending(self, waiting: bool) -> None:
        # Shown muted until answered; the status line says what it waits for.
        self.set_class(waiting, "-pending")


class CoachMessage(Markdown):
    """What the coach said. Its Markdown may quote the person, so it gets the same care:
    controls are made visible, and links are never opened by a click."""

    def __init__(self, markdown: str, *, lead: Widget | None = None) -> None:
        super().__init__(printable(markdown), open_links=False)
        self.said = markdown
        self.lead = lead  # the message this answers

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(ReplyResized(self))

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        self.notify(LINES("link_not_opened", href=event.href), markup=False)


class Note(Static):
    """A line from the app itself (saved, started over, trouble), not from the coach."""

    def __init__(self, text: str, *, tone: str = "") -> None:
        super().__init__(Content(printable(text)), markup=False)
        self.said = text
        if tone:
            self.add_class(f"-{tone}")
