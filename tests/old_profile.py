"""A profile as the first released coach wrote it (schema 1, one session, one plan): what an
upgrade must keep. Shared by the tests and bench/race_profile_open.py."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from coach.profile.schema import APPLICATION_ID, MIGRATIONS

OLD_PLAN: dict[str, Any] = {"start": "stick_hinge"}


def write_old_profile(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.executescript(MIGRATIONS[0])
        db.execute("PRAGMA user_version = 1")
        db.execute("INSERT INTO sessions (started_at) VALUES ('2026-01-01T00:00:00')")
        db.execute("INSERT INTO plans (session_id, at, plan) VALUES "
                   "(1, '2026-01-01T00:00:01', ?)", (json.dumps(OLD_PLAN),))
    path.chmod(0o600)
