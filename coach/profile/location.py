"""Where the profile lives by default, apart from the store: the command line names it in
its help, and should not load sqlite3 for that."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir


def default_path() -> Path:
    return Path(user_data_dir("hinge-coach", appauthor=False)) / "profile.sqlite3"
