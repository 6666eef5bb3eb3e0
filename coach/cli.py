"""The `hinge-coach` command line: option parsing and dispatch to each command's module."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.profile.memory import Memory


def build_parser() -> argparse.ArgumentParser:
    from coach.profile.store import default_path

    parser = argparse.ArgumentParser(
        prog="hinge-coach",
        description="A coach that teaches the hip hinge. Not medical advice.",
        epilog=(
            f"Your profile (what the coach remembers about you) lives at {default_path()}; "
            "it never leaves this machine. Choose another file with --profile PATH, or use "
            "--no-profile to remember nothing."
        ),
    )
    parser.add_argument("--profile", metavar="PATH", type=Path, help="where your profile lives")
    parser.add_argument(
        "--no-profile", action="store_true", help="read and write no profile; start fresh"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    chat = commands.add_parser("chat", help="the interview on plain stdin/stdout")
    chat.add_argument("--json", action="store_true", help="one JSON object per coach turn")

    ask = commands.add_parser("ask", help="one question, one answer")
    ask.add_argument("text", nargs="+", help="the question")
    ask.add_argument("--json", action="store_true", help="print the JSON turn")

    commands.add_parser("history", help="your path over time: dates, steps, decisions")
    forget = commands.add_parser("forget", help="delete your profile")
    forget.add_argument("--yes", action="store_true", help="don't ask for confirmation")

    serve = commands.add_parser(
        "serve", help="serve the app to web browsers, one session per tab, no profile")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--max-sessions", type=int, default=4, metavar="N",
                       help="at most N browser sessions at once (default 4)")

    parse = commands.add_parser("parse", help="show what the language layer understood, as JSON")
    parse.add_argument(
        "text", nargs="?", help="the message; without it, read stdin one message a line"
    )
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
    from coach.profile.memory import Memory
    from coach.profile.store import ProfileError, ProfileStore

    try:
        opened = ProfileStore.open(args.profile)
    except (ProfileError, OSError, sqlite3.Error) as error:
        print(f"hinge-coach: {error}\nCarrying on without a profile.", file=sys.stderr)
        return None
    if opened.notice:
        print(f"hinge-coach: {opened.notice}", file=sys.stderr)
    return Memory(opened.store)


def _profile_path(args: argparse.Namespace) -> Path:
    """The file of the profile in use: --profile or the default, with links followed."""
    from coach.profile.files import resolve
    from coach.profile.store import default_path

    return resolve(args.profile or default_path())


def show_history(args: argparse.Namespace) -> int:
    from coach.profile.history import history_lines
    from coach.profile.store import ProfileError, ProfileStore, is_profile
    from rules.knowledge import load

    if args.no_profile:
        print("No profile is in use (--no-profile): nothing to show.")
        return 0
    path = _profile_path(args)
    try:
        if not path.exists() or not is_profile(path):
            print(f"No profile at {path} yet: nothing to show.")
            return 0
        store = ProfileStore.open(path).store
    except (ProfileError, sqlite3.Error) as error:
        print(f"hinge-coach: {error}", file=sys.stderr)
        return 1
    lines = history_lines(store.plans(), load())
    print(f"Your path ({store.session_count()} sessions, profile {path}):")
    print("\n".join(f"  {line}" for line in lines) if lines else "  no plan yet")
    return 0


def forget_profile(args: argparse.Namespace) -> int:
    """Delete the profile in use: the file a link points to, with its -wal and -shm."""
    from coach.profile.files import forget
    from coach.profile.store import ProfileError, is_profile

    if args.no_profile:
        # --no-profile means no profile is in use; the default one is not this command's to
        # delete.
        print("hinge-coach: no profile is in use (--no-profile), so nothing was deleted. "
              "To delete one, name it: hinge-coach --profile PATH forget", file=sys.stderr)
        return 2
    path = _profile_path(args)
    try:
        if not path.exists():
            print(f"No profile at {path}: nothing to delete.")
            return 0
        if path.stat().st_size and not is_profile(path):
            print(f"hinge-coach: {path} is not a Hinge Coach profile: nothing deleted.",
                  file=sys.stderr)
            return 1
    except ProfileError as error:
        print(f"hinge-coach: {error}", file=sys.stderr)
        return 1
    if not args.yes:
        print(f"This deletes everything Hinge Coach remembers about you ({path}).")
        print("Type 'yes' to delete it: ", end="", flush=True)
        answer = sys.stdin.readline().strip().lower()
        if answer != "yes":
            print("Nothing deleted.")
            return 1
    try:
        deleted = forget(path)
    except ProfileError as error:
        print(f"hinge-coach: {error}", file=sys.stderr)
        return 1
    for part in deleted:
        print(f"Deleted {part}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
