"""The message input: Enter sends, Up and Down bring back earlier messages."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import Input

from coach.app.messages import PromptSubmitted
from coach.app.wording import KEYS


class PromptInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "recall(-1)", KEYS("earlier"), show=False),
        Binding("down", "recall(1)", KEYS("later"), show=False),
    ]

    def __init__(self, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id, select_on_focus=False)
        self.sent: list[str] = []
        # Where Up/Down is in `sent` (None: not recalling) and what was typed before recalling,
        # so Down past the newest message gives back the half-written one.
        self._recalling: int | None = None
        self._draft = ""

    @on(Input.Submitted)
    def _send(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value
        if text.strip() and (not self.sent or self.sent[-1] != text):
            self.sent.append(text)
        self._recalling = None
        self._draft = ""
        self.value = ""
        self.post_message(PromptSubmitted(text))

    def action_recall(self, step: int) -> None:
        if not self.sent:
            return
        if self._recalling is None:
            if step > 0:
                return
            self._draft = self.value
            index = len(self.sent) - 1
        else:
            index = self._recalling + step
        if index >= len(self.sent):
            self._recalling = None
            self._show(self._draft)
            return
        self._recalling = max(0, index)
        self._show(self.sent[self._recalling])

    def _show(self, text: str) -> None:
        self.value = text
        self.cursor_position = len(text)
