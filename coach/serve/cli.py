"""``hinge-coach serve``: checks its options, says what it exposes, then serves."""

from __future__ import annotations

import argparse
import sys

EXPOSED = (
    "hinge-coach: serving on {host}, not only on this machine: anyone who can reach this "
    "address on port {port} can open the coach in a browser and talk to it (each tab gets "
    "its own session; none sees another's, and nothing is remembered). The connection is "
    "plain HTTP, not encrypted: use it only on a network you trust."
)


def run_serve(args: argparse.Namespace) -> int:
    from coach.serve.server import is_loopback, serve

    if args.profile is not None:
        # Every visitor would share it (see coach/serve/server.py): refused, not ignored.
        print("hinge-coach: serve uses no profile (each browser session starts fresh); "
              "drop --profile.", file=sys.stderr)
        return 2
    if not 1 <= args.port <= 65535:
        print(f"hinge-coach: --port must be 1 to 65535, not {args.port}", file=sys.stderr)
        return 2
    if args.max_sessions < 1:
        print("hinge-coach: --max-sessions must be 1 or more", file=sys.stderr)
        return 2
    if not is_loopback(args.host):
        print(EXPOSED.format(host=args.host, port=args.port), file=sys.stderr, flush=True)
    try:
        return serve(args.host, args.port, args.max_sessions)
    except OSError as error:  # the port is taken, or the address isn't this machine's
        print(f"hinge-coach: can't serve on {args.host}:{args.port}: {error.strerror or error}",
              file=sys.stderr)
        return 1
