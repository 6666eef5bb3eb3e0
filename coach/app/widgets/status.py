"""A one-line status under the chat: shown while the language model loads, or if it failed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import LoadingIndicator, Static


class ParserStatus(Horizontal):
    def compose(self) -> ComposeResult:
        yield LoadingIndicator()
        yield Static("Loading the language model\u2026 type away.", id="status-text")

    def training(self, first_start: bool = True) -> None:
        # Short enough for one line beside the indicator at 80 columns.
        text = "First start: preparing, ~15 s" if first_start else "Preparing the model, ~15 s"
        self.query_one("#status-text", Static).update(Content(f"{text}\u2026 type away."))

    def ready(self) -> None:
        self.set_classes("-ready")
        self.query(LoadingIndicator).remove()

    def failed(self, error: str) -> None:
        self.set_classes("-failed")
        self.query(LoadingIndicator).remove()
        text = f"I can't read free text right now ({error}). The commands still work: Ctrl+P."
        self.query_one("#status-text", Static).update(Content(text))

    @property
    def state(self) -> str:
        for state in ("loading", "ready", "failed"):
            if self.has_class(f"-{state}"):
                return state
        return "loading"
