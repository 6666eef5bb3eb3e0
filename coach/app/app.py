"""The Hinge Coach app: the chat, the side panel, the keys, and the language model's worker.

Start-up: the first frame is the window alone (Textual and the app's own widgets; the key
bar and the side panel's sections come right after it); the coach itself (the rule base,
its knowledge, the Markdown of the opening) is imported and built right after that frame,
and the language layer loads after the opening is shown.

Threads: the language layer loads on one background thread (see ``loading.py``), awaited by
a Textual worker; everything else, the Dialogue and its experta engine above all (not
thread-safe), runs on the UI thread. A turn takes milliseconds once the parser is loaded,
so answering on the UI thread never holds the window up.
"""

from __future__ import annotations

import io
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Container, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header

from coach.app.commands import CoachCommands
from coach.app.loading import load_in_background
from coach.app.messages import ParserFailed, ParserReady, PromptSubmitted
from coach.app.routing import RoutedParser
from coach.app.signals import exit_on_signals
from coach.app.widgets.chat_log import ChatLog
from coach.app.widgets.prompt import PromptInput
from coach.app.widgets.side_panel import SidePanel
from coach.app.widgets.status import ParserStatus
from coach.app.wording import COMMANDS, KEYS, LINES
from coach.understanding import load_parser

if TYPE_CHECKING:
    # Imported where used, after the first frame: they bring in the rule base.
    from coach.app.widgets.bubbles import UserMessage
    from coach.dialogue import Dialogue, Understander

    DialogueFactory = Callable[[Understander], Dialogue]

# Below this many columns the side panel starts hidden (Ctrl+B still shows it).
NARROW = 70
PLACEHOLDER = LINES("placeholder")
FINISHED_PLACEHOLDER = LINES("finished_placeholder")


@dataclass
class Pending:
    """A message waiting for its answer, in the order it was sent.

    ``intent`` set: a command, read as that intent, needing no language model.
    ``local`` set: answered by the app itself (the plan, already known).
    ``resume`` False: answer without asking the current question again. Commands use it,
    so that pressing "Why?" neither repeats the question above nor uses up one of the
    times the dialogue will ask it.
    """

    text: str
    bubble: UserMessage
    intent: str | None = None
    local: Callable[[], str] | None = None
    resume: bool = True

    @property
    def needs_parser(self) -> bool:
        return self.intent is None and self.local is None


class HingeCoachApp(App[int]):
    TITLE = "Hinge Coach"
    SUB_TITLE = LINES("subtitle")
    # Absolute, so subclasses defined elsewhere (tests) find it too.
    CSS_PATH = Path(__file__).with_name("hinge_coach.tcss")
    # Textual's system-commands provider, keeping the order of get_system_commands.
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {CoachCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "why", KEYS("why")),
        Binding("f3", "how", KEYS("how")),
        Binding("f4", "plan", KEYS("plan")),
        Binding("f5", "history", KEYS("history")),
        Binding("ctrl+s", "save", KEYS("save")),
        Binding("ctrl+b", "toggle_panel", KEYS("toggle_panel")),
        Binding("ctrl+r", "restart", KEYS("restart"), show=False),
        Binding("ctrl+q", "quit", KEYS("quit"), priority=True),
        Binding("pageup", "scroll_chat(-1)", KEYS("scroll_up"), show=False),
        Binding("pagedown", "scroll_chat(1)", KEYS("scroll_down"), show=False),
    ]

    def __init__(
        self,
        parser_factory: Callable[[], Understander] = load_parser,
        transcript_dir: Path | str | None = None,
        dialogue_factory: DialogueFactory | None = None,  # None: a Dialogue, no memory
    ) -> None:
        super().__init__()
        self._parser_factory = parser_factory
        self._dialogue_factory = dialogue_factory
        self.transcript_dir = Path(transcript_dir) if transcript_dir is not None else None
        self.routed = RoutedParser()
        self.parser_error: str | None = None
        self.parser_seconds: float | None = None
        self._dialogue: Dialogue | None = None
        self._pending: deque[Pending] = deque()
        # None: shown or hidden by the terminal's width; True/False: the person chose.
        self._panel_choice: bool | None = None
        self.finished = False

    def on_load(self) -> None:
        # Before the driver takes over the terminal, so that from then on SIGTERM or SIGHUP
        # always gives it back. Not in tests (headless): there is no terminal to restore.
        if not self.is_headless:
            exit_on_signals(self)

    # --- layout --------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="chat"):
                yield ChatLog(id="log")
                yield ParserStatus(id="status")
                yield PromptInput(placeholder=PLACEHOLDER, id="prompt")
            yield SidePanel(id="side")
        # The key bar's row. Textual's Footer shows its keys only after a first frame of its
        # own (an empty bar); it is mounted here right after the app's first frame instead.
        yield Container(id="keys")

    def on_mount(self) -> None:
        self._layout_panel()
        self.prompt.focus()
        self.call_after_refresh(self._begin)
        self.call_after_refresh(self._show_keys)

    async def _show_keys(self) -> None:
        """After the first frame: the key bar, in the row kept for it."""
        keys = self.query("#keys")
        if not keys or not keys.first().is_attached:
            return  # quitting already (Ctrl+Q within the first frame)
        await keys.first().mount(Footer())
        self.refresh_bindings()  # what the Footer waits for to show the keys

    def _begin(self) -> None:
        """After the first frame: the dialogue and its opening (milliseconds, no spaCy), then,
        once the opening is painted, the language model."""
        if not any(log.is_attached for log in self.query(ChatLog)):
            return  # quitting already (Ctrl+Q within the first frame): nothing to begin
        from coach.dialogue import Dialogue

        self._dialogue = (self._dialogue_factory or Dialogue)(self.routed)
        opening = self.dialogue.opening()
        self.log_view.add_coach(opening.say)
        self._refresh_panel()
        self._answer_pending()  # what was sent in the first frame's moment
        self.call_after_refresh(self.load_language)

    def on_resize(self, event: events.Resize) -> None:
        self._layout_panel()

    @property
    def dialogue(self) -> Dialogue:
        assert self._dialogue is not None, "the dialogue is built on mount"
        return self._dialogue

    @property
    def log_view(self) -> ChatLog:
        return self.query_one(ChatLog)

    @property
    def prompt(self) -> PromptInput:
        return self.query_one(PromptInput)

    @property
    def panel(self) -> SidePanel:
        return self.query_one(SidePanel)

    @property
    def panel_shown(self) -> bool:
        return self.panel.display

    # --- the language layer --------------------------------------------------------------------
    @work(exclusive=True, exit_on_error=False, name="load-language", group="language")
    async def load_language(self) -> None:
        """Load the language layer off the UI thread, and post how it went.

        Not ``@work(thread=True)``: that runs in asyncio's default executor, which
        ``App.run()`` joins on the way out, so Ctrl+Q during a slow spaCy load would hang until
        the load finished. A daemon thread is abandoned at exit instead; this worker only
        waits for it, and is cancelled like any other on quit.
        """
        from coach.understanding import FIRST_RUN_NOTICE, preparation_notice

        try:
            if self._parser_factory is load_parser:
                # Checked off the UI thread too: the check itself imports spaCy.
                notice, _ = await load_in_background(preparation_notice)
                if notice:
                    first = notice == FIRST_RUN_NOTICE
                    self.query_one(ParserStatus).training(first_start=first)
                    if not first:  # a damaged or unwritable cache: say what and where
                        self.notify(notice, title=LINES("language_model_title"), timeout=12,
                                    markup=False)
            parser, seconds = await load_in_background(self._parser_factory)
        except Exception as error:  # whatever goes wrong, the app stays usable without it
            self.post_message(ParserFailed(f"{type(error).__name__}: {error}"))
            return
        self.post_message(ParserReady(parser, seconds))

    def on_parser_ready(self, event: ParserReady) -> None:
        self.routed.parser = event.parser
        self.parser_seconds = event.seconds
        self.query_one(ParserStatus).ready()
        self._answer_pending()

    def on_parser_failed(self, event: ParserFailed) -> None:
        self.parser_error = event.error
        self.query_one(ParserStatus).failed(event.error)
        self.notify(
            LINES("parser_failed", error=event.error),
            title=LINES("language_model_title"),
            severity="error",
            timeout=12,
            markup=False,
        )
        self._answer_pending()

    # --- turns ---------------------------------------------------------------------------------
    def on_prompt_submitted(self, event: PromptSubmitted) -> None:
        if not event.text.strip():
            return  # a stray Enter is not a message
        self._send(event.text)

    def _send(
        self,
        text: str,
        intent: str | None = None,
        local: Callable[[], str] | None = None,
        resume: bool = True,
    ) -> None:
        command = intent is not None or local is not None
        bubble = self.log_view.add_user(text, pending=True, command=command)
        self._pending.append(Pending(text, bubble, intent, local, resume))
        self._answer_pending()

    def _answer_pending(self) -> None:
        """Answer waiting messages in order; stop at free text while the model still loads,
        and at everything before the dialogue is built."""
        while self._pending and self._dialogue is not None:
            item = self._pending[0]
            if item.needs_parser and not self.routed.ready and self.parser_error is None:
                return
            self._pending.popleft()
            item.bubble.pending = False
            self.log_view.add_coach(self._reply(item), lead=item.bubble)
        self.prompt.placeholder = FINISHED_PLACEHOLDER if self.finished else PLACEHOLDER

    def _reply(self, item: Pending) -> str:
        if item.local is not None:
            return item.local()
        if item.needs_parser and not self.routed.ready:
            return LINES("no_free_text", error=self.parser_error)
        had_plan = self.dialogue.session.plan_details() is not None
        try:
            with self.routed.reading_as(item.intent):
                turn = self.dialogue.reply(item.text, resume=item.resume)
        except Exception as error:  # one bad turn must not end the conversation
            self.log.error("dialogue.reply failed", repr(error))
            self.notify(f"{type(error).__name__}: {error}", title=LINES("turn_failed_title"),
                        severity="error", markup=False)
            return LINES("turn_failed")
        self._refresh_panel()
        if turn.plan is not None and not had_plan and not self.panel_shown:
            self.notify(LINES("plan_ready"), title=LINES("plan_ready_title"))
        # The dialogue stays `finished` after a goodbye; what matters here is the last turn.
        self.finished = turn.intent == "goodbye" and self.dialogue.finished
        return turn.say

    def _refresh_panel(self) -> None:
        self.panel.show(self.dialogue.session, self.dialogue.asking)

    # --- commands (keys and the palette) -------------------------------------------------------
    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # The coach's commands act on the chat: listed where the chat is, before Textual's.
        if screen.query(ChatLog):
            actions: list[tuple[str, Callable[[], Any]]] = [
                ("why", self.action_why), ("how", self.action_how), ("plan", self.action_plan),
                ("history", self.action_history), ("save", self.action_save),
                ("restart", self.action_restart), ("help", self.action_help_coach),
                ("toggle_panel", self.action_toggle_panel),
            ]
            for action, run in actions:
                words = COMMANDS[action]
                yield SystemCommand(words.name, words.help, run)
        # In the coach's words, in place of Textual's own Quit.
        quit_command = COMMANDS["quit"]
        yield SystemCommand(quit_command.name, quit_command.help, self.action_quit)
        for command in super().get_system_commands(screen):
            if command.title != "Quit":  # Textual's own title, not ours
                yield command

    def action_why(self) -> None:
        if self._dialogue is None:
            return  # before the opening there is no question or plan to explain
        session = self.dialogue.session
        if self.dialogue.asking is None and session.plan_details() is not None:
            self._send(LINES("sent_why_plan"), intent="ask_how_decided", resume=False)
        else:
            self._send(LINES("sent_why_asking"), intent="ask_why_asking", resume=False)

    def action_how(self) -> None:
        self._send(COMMANDS["how"].name, intent="ask_how_decided", resume=False)

    def action_plan(self) -> None:
        if self._panel_choice is False or not self.panel_shown:
            self._panel_choice = True
            self._layout_panel()
        # Answered when its turn comes, so that it shows the plan as of the messages before it.
        self._send(COMMANDS["plan"].name, local=self._plan_text)

    def _plan_text(self) -> str:
        from coach.render import plan_markdown

        session = self.dialogue.session
        plan = session.plan_details()
        if plan is None:
            from coach.answers import not_decided

            return not_decided(self.dialogue.asking)
        return "\n\n".join([plan_markdown(plan, session.knowledge),
                            self.dialogue.phrasing["not_medical_advice"]])

    def action_history(self) -> None:
        # Answered in its turn, so that a plan given just before it is on the path.
        self._send(COMMANDS["history"].name, local=lambda: self.dialogue.history_markdown())

    def action_restart(self) -> None:
        self._send(LINES("sent_restart"), intent="restart")

    def action_help_coach(self) -> None:
        self._send(LINES("sent_help"), intent="help", resume=False)

    def action_save(self) -> None:
        if self._dialogue is None:
            return  # nothing said yet, not even the opening
        from coach.app.transcript import save_transcript

        conversation = self.conversation()
        if self.is_web:
            self._offer_download(conversation)
            return
        directory = self.transcript_dir or Path.cwd()
        try:
            path = save_transcript(conversation, self.dialogue.session, directory)
        except OSError as error:
            if self.transcript_dir is not None:
                self._save_failed(error)
                return
            # The folder it was started from may be read-only; the Documents folder isn't.
            from platformdirs import user_documents_dir

            directory = Path(user_documents_dir())
            try:
                path = save_transcript(conversation, self.dialogue.session, directory)
            except OSError as again:
                self._save_failed(again)
                return
        where = (
            LINES("saved_in_start_folder") if directory == Path.cwd()
            else LINES("saved_in_documents") if self.transcript_dir is None
            else LINES("saved_in_transcript_folder")
        )
        self.log_view.add_note(LINES("saved", path=path))
        self.notify(LINES("saved_where", path=path, where=where), title=LINES("saved_title"),
                    timeout=10, markup=False)

    def _offer_download(self, conversation: list[tuple[str, str]]) -> None:
        """Served to a browser: the transcript goes to that browser as a download. Nothing
        is written on the server, whose disk is not the person's."""
        from coach.app.transcript import transcript_markdown, transcript_name

        when = datetime.now()
        text = transcript_markdown(conversation, self.dialogue.session, when)
        self.deliver_text(io.StringIO(text), save_filename=transcript_name(when),
                          mime_type="text/markdown", encoding="utf-8")
        self.log_view.add_note(LINES("downloading"))

    def _save_failed(self, error: OSError) -> None:
        self.notify(LINES("not_saved", error=error), title=LINES("not_saved_title"),
                    severity="error", markup=False)

    def conversation(self) -> list[tuple[str, str]]:
        """What the chat shows, in order: (role, text) with role user, coach or note."""
        from coach.app.widgets.bubbles import CoachMessage, Note, UserMessage

        shown: list[tuple[str, str]] = []
        for widget in self.log_view.children:
            if isinstance(widget, UserMessage):
                shown.append(("user", widget.said))
            elif isinstance(widget, CoachMessage):
                shown.append(("coach", widget.said))
            elif isinstance(widget, Note):
                shown.append(("note", widget.said))
        return shown

    def action_toggle_panel(self) -> None:
        self._panel_choice = not self.panel_shown
        self._layout_panel()

    def _layout_panel(self) -> None:
        wide = self.size.width >= NARROW
        self.panel.display = wide if self._panel_choice is None else self._panel_choice

    def action_scroll_chat(self, pages: int) -> None:
        if pages < 0:
            self.log_view.scroll_page_up(animate=False)
        else:
            self.log_view.scroll_page_down(animate=False)


def run_app(
    parser_factory: Callable[[], Understander] = load_parser,
    transcript_dir: Path | str | None = None,
    dialogue_factory: DialogueFactory | None = None,
) -> int:
    """Run the app in this terminal until the person quits; returns the exit status."""
    app = HingeCoachApp(parser_factory, transcript_dir, dialogue_factory)
    app.run()
    return app.return_code or 0
