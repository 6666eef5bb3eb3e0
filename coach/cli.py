"""The `hinge-coach` command line: option parsing and dispatch to each command's module."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hinge-coach",
        description="A coach that teaches the hip hinge. Not medical advice.",
    )
    parser.add_argument("--profile", metavar="PATH", help="where your profile lives")
    parser.add_argument(
        "--no-profile", action="store_true", help="read and write no profile; start fresh"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    chat = commands.add_parser("chat", help="the interview on plain stdin/stdout")
    chat.add_argument("--json", action="store_true", help="one JSON object per coach turn")

    ask = commands.add_parser("ask", help="one question, one answer")
    ask.add_argument("text", nargs="+", help="the question")
    ask.add_argument("--json", action="store_true", help="print the JSON turn")

    parse = commands.add_parser("parse", help="show what the language layer understood, as JSON")
    parse.add_argument(
        "text", nargs="?", help="the message; without it, read stdin one message a line"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command in ("chat", "ask"):
            from coach.chat import run_ask, run_chat
            from coach.dialogue import Dialogue
            from coach.understanding import load_parser

            parser = load_parser()

            def make_dialogue() -> Dialogue:
                return Dialogue(parser)

            if args.command == "chat":
                return run_chat(make_dialogue, sys.stdin, sys.stdout, args.json)
            return run_ask(make_dialogue, " ".join(args.text), sys.stdout, args.json)
        if args.command == "parse":
            from coach.language.cli import run_parse

            return run_parse(args.text, sys.stdin, sys.stdout)
        build_parser().print_help()
        return 0
    except KeyboardInterrupt:
        # Ctrl-C is a normal way to leave; no traceback.
        print(file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
