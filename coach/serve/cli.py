"""``hinge-coach serve``: checks its options, says what it exposes, then serves."""

from __future__ import annotations

import argparse
import sys

from coach.cli_words import LINES


def run_serve(args: argparse.Namespace) -> int:
    from coach.serve.server import is_loopback, serve

    if args.profile is not None:
        # Every visitor would share it (see coach/serve/server.py): refused, not ignored.
        print("hinge-coach: " + LINES("serve_no_profile"), file=sys.stderr)
        return 2
    if not 1 <= args.port <= 65535:
        print("hinge-coach: " + LINES("serve_bad_port", port=args.port), file=sys.stderr)
        return 2
    if args.max_sessions < 1:
        print("hinge-coach: " + LINES("serve_bad_sessions"), file=sys.stderr)
        return 2
    if not is_loopback(args.host):
        print("hinge-coach: " + LINES("serve_exposed", host=args.host, port=args.port),
              file=sys.stderr, flush=True)
    try:
        return serve(args.host, args.port, args.max_sessions)
    except OSError as error:  # the port is taken, or the address isn't this machine's
        failed = LINES("serve_failed", host=args.host, port=args.port,
                       error=error.strerror or error)
        print("hinge-coach: " + failed, file=sys.stderr)
        return 1
