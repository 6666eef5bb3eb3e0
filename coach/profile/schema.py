"""The profile database's schema and its forward migrations.

``PRAGMA user_version`` holds the schema version; ``MIGRATIONS[n]`` takes a database from
version n to n + 1. Never edit a migration that has shipped: add the next one.
"""

from __future__ import annotations

from typing import Final

# "HNGC": marks a SQLite file as a Hinge Coach profile, so a foreign database is recognised.
APPLICATION_ID: Final = 0x484E4743

MIGRATIONS: Final[tuple[str, ...]] = (
    # 0 -> 1: sessions, what was said, what we learned, the plans we gave.
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL
    );
    CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        at TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('user', 'coach')),
        text TEXT NOT NULL
    );
    CREATE TABLE facts (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        at TEXT NOT NULL,
        fact TEXT NOT NULL,
        said TEXT
    );
    CREATE TABLE plans (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        at TEXT NOT NULL,
        plan TEXT NOT NULL
    );
    """,
    # 1 -> 2: "not sure" answers, and check-in decisions on plans.
    """
    CREATE TABLE unsure (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        at TEXT NOT NULL,
        topic TEXT NOT NULL,
        said TEXT
    );
    ALTER TABLE plans ADD COLUMN decision TEXT;
    CREATE INDEX plans_by_time ON plans(at);
    CREATE INDEX facts_by_session ON facts(session_id);
    """,
)
VERSION: Final = len(MIGRATIONS)
