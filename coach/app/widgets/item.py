"""A line in the side panel with a marker and a hanging indent, so wrapped text lines up."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static


class Item(Horizontal):
    def __init__(self, mark: str, text: str, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=f"item {classes}".strip())
        self.mark = mark
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(Content(self.mark), classes="mark")
        yield Static(Content(self.text), classes="text")
