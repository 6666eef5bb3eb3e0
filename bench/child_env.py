"""The environment benchmarks start child processes with.

As on a person's machine, where Python caches the bytecode it compiles: some sandboxes set
PYTHONDONTWRITEBYTECODE, which would time compiling every module on every start, for the
baseline and the coach alike.
"""

from __future__ import annotations

import os

CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
