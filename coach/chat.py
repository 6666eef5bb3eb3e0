"""`hinge-coach chat` and `hinge-coach ask`: the interview on plain stdin and stdout."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from coach.dialogue import Dialogue, Turn
from coach.json_lines import dumps_line
from coach.text import printable, read_lines


def emit(turn: Turn, stdout: TextIO, as_json: bool, pretty: bool = False) -> None:
    if as_json:
        stdout.write(dumps_line(turn.to_json()))
        stdout.flush()
        return
    # A turn may quote what the person typed ("you said: ..."): on a terminal, its control
    # characters are shown, never obeyed (a pasted ESC c would reset the terminal).
    say = printable(turn.say)
    if pretty:
        # In a terminal, show the coach's Markdown as formatted text (Rich comes with Textual).
        from rich.console import Console
        from rich.markdown import Markdown

        Console(file=stdout).print(Markdown(say))
        stdout.write("\n")
    else:
        stdout.write(say + "\n\n")
    stdout.flush()


def run_chat(make_dialogue: Callable[[], Dialogue], stdin: TextIO, stdout: TextIO,
             as_json: bool) -> int:
    dialogue = make_dialogue()
    interactive = not as_json and stdin.isatty() and stdout.isatty()
    emit(dialogue.opening(), stdout, as_json, interactive)
    prompt = "you> " if interactive else ""
    if prompt:
        stdout.write(prompt)
        stdout.flush()
    for message in read_lines(stdin):
        emit(dialogue.reply(message), stdout, as_json, interactive)
        if dialogue.finished:
            break
        if prompt:
            stdout.write(prompt)
            stdout.flush()
    return 0


def run_ask(make_dialogue: Callable[[], Dialogue], text: str, stdout: TextIO,
            as_json: bool) -> int:
    emit(make_dialogue().reply(text, resume=False), stdout, as_json, stdout.isatty())
    return 0
