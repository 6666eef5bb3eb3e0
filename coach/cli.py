"""The `hinge-coach` command line: option parsing and dispatch to each command's module."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from coach.cli_words import HELP, LINES

if TYPE_CHECKING:
    from coach.profile.memory import Memory


def build_parser() -> argparse.ArgumentParser:
    from coach.profile.location import default_path

    parser = argparse.ArgumentParser(
        prog="hinge-coach",
        description=LINES("description"),
        epilog=LINES("epilog", path=default_path()),
    )
    parser.add_argument("--profile", metavar="PATH", type=Path, help=HELP("profile"))
    parser.add_argument("--no-profile", action="store_true", help=HELP("no_profile"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    chat = commands.add_parser("chat", help=HELP("chat"))
    chat.add_argument("--json", action="store_true", help=HELP("chat_json"))

    ask = commands.add_parser("ask", help=HELP("ask"))
    ask.add_argument("text", nargs="+", help=HELP("ask_text"))
    ask.add_argument("--json", action="store_true", help=HELP("ask_json"))

    commands.add_parser("history", help=HELP("history"))
    forget = commands.add_parser("forget", help=HELP("forget"))
    forget.add_argument("--yes", action="store_true", help=HELP("forget_yes"))

    serve = commands.add_parser("serve", help=HELP("serve"))
    serve.add_argument("--host", default="127.0.0.1", help=HELP("serve_host"))
    serve.add_argument("--port", type=int, default=8000, help=HELP("serve_port"))
    serve.add_argument("--max-sessions", type=int, default=4, metavar="N",
                       help=HELP("serve_max_sessions"))

    parse = commands.add_parser("parse", help=HELP("parse"))
    parse.add_argument("text", nargs="?", help=HELP("parse_text"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from coach.endings import run_command

    return run_command(lambda: _run(build_parser().parse_args(argv)))


def _run(args: argparse.Namespace) -> int:
    if args.command in ("chat", "ask"):
        from coach.chat import run_ask, run_chat
        from coach.dialogue import Dialogue
        from coach.understanding import load_parser, preparation_notice

        notice = preparation_notice()
        if notice:
            print(f"hinge-coach: {notice}", file=sys.stderr, flush=True)
        parser = load_parser()
        if args.command == "ask":
            # One question, one answer: nothing to remember.
            return run_ask(lambda: Dialogue(parser), " ".join(args.text), sys.stdout,
                           args.json)
        memory = open_memory(args)
        return run_chat(lambda: Dialogue(parser, memory=memory), sys.stdin, sys.stdout,
                        args.json)
    if args.command == "history":
        return show_history(args)
    if args.command == "forget":
        return forget_profile(args)
    if args.command == "serve":
        from coach.serve.cli import run_serve

        return run_serve(args)
    if args.command == "parse":
        from coach.language.cli import run_parse

        return run_parse(args.text, sys.stdin, sys.stdout)
    from coach.app import run_app
    from coach.dialogue import Dialogue

    memory = open_memory(args)
    return run_app(dialogue_factory=lambda parser: Dialogue(parser, memory=memory))


def open_memory(args: argparse.Namespace) -> Memory | None:
    """The profile to remember with, or None; trouble opening it is said, not raised."""
    if args.no_profile:
        return None
    import sqlite3

    from coach.profile.memory import Memory
    from coach.profile.store import ProfileError, ProfileStore

    try:
        opened = ProfileStore.open(args.profile)
    except (ProfileError, OSError, sqlite3.Error) as error:
        print("hinge-coach: " + LINES("profile_trouble", error=error), file=sys.stderr)
        return None
    if opened.notice:
        print(f"hinge-coach: {opened.notice}", file=sys.stderr)
    return Memory(opened.store)


def _profile_path(args: argparse.Namespace) -> Path:
    """The file of the profile in use: --profile or the default, with links followed."""
    from coach.profile.files import resolve
    from coach.profile.location import default_path

    return resolve(args.profile or default_path())


def show_history(args: argparse.Namespace) -> int:
    import sqlite3

    from coach.profile.history import history_lines
    from coach.profile.store import ProfileError, ProfileStore, is_profile
    from rules.knowledge import load

    if args.no_profile:
        print(LINES("history_no_profile"))
        return 0
    path = _profile_path(args)
    try:
        if not path.exists() or not is_profile(path):
            print(LINES("history_none_yet", path=path))
            return 0
        store = ProfileStore.open(path).store
    except (ProfileError, sqlite3.Error) as error:
        print(f"hinge-coach: {error}", file=sys.stderr)
        return 1
    lines = history_lines(store.plans(), load())
    print(LINES("history_title", sessions=store.session_count(), path=path))
    print("\n".join(f"  {line}" for line in lines) if lines else "  " + LINES("history_empty"))
    return 0


def forget_profile(args: argparse.Namespace) -> int:
    """Delete the profile in use: the file a link points to, with its -wal and -shm."""
    from coach.profile.files import forget
    from coach.profile.store import ProfileError, is_profile

    if args.no_profile:
        # --no-profile means no profile is in use; the default one is not this command's to
        # delete.
        print("hinge-coach: " + LINES("forget_no_profile"), file=sys.stderr)
        return 2
    path = _profile_path(args)
    try:
        if not path.exists():
            print(LINES("forget_none", path=path))
            return 0
        if path.stat().st_size and not is_profile(path):
            print("hinge-coach: " + LINES("forget_not_a_profile", path=path), file=sys.stderr)
            return 1
    except ProfileError as error:
        print(f"hinge-coach: {error}", file=sys.stderr)
        return 1
    if not args.yes:
        word = LINES("forget_word")
        print(LINES("forget_warning", path=path))
        print(LINES("forget_confirm", word=word), end="", flush=True)
        answer = sys.stdin.readline().strip().lower()
        if answer != word:
            print(LINES("forget_kept"))
            return 1
    try:
        deleted = forget(path)
    except ProfileError as error:
        print(f"hinge-coach: {error}", file=sys.stderr)
        return 1
    for part in deleted:
        print(LINES("deleted", path=part))
    return 0


if __name__ == "__main__":
    sys.exit(main())
