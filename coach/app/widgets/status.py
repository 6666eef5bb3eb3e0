"""A one-line status under the chat: shown while the language model loads, or if it failed."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import LoadingIndicator, Static

from coach.app.wording import LINES

State = Literal["loading", "ready", "failed"]
STATES: tuple[State, ...] = ("loading", "ready", "failed")
LOADING = LINES("status_loading")


class ParserStatus(Horizontal):
    # The stylesheet shows the line and colours it by the state's class (-loading ...).
    state: reactive[State] = reactive[State]("loading", init=False)
    text: reactive[str] = reactive(LOADING, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        # Born in its starting state's class, so nothing restyles it once mounted.
        super().__init__(id=id, classes="-loading")

    def compose(self) -> ComposeResult:
        yield LoadingIndicator()
        yield Static(LOADING, id="status-text")

    def watch_state(self, state: State) -> None:
        for each in STATES:
            self.set_class(each == state, f"-{each}")
        if state != "loading":
            self.query(LoadingIndicator).remove()

    def watch_text(self, text: str) -> None:
        self.query_one("#status-text", Static).update(Content(text))

    def training(self, first_start: bool = True) -> None:
        self.text = LINES("status_first_start" if first_start else "status_preparing")

    def ready(self) -> None:
        self.state = "ready"

    def failed(self, error: str) -> None:
        self.text = LINES("status_failed", error=error)
        self.state = "failed"
