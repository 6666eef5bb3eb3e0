"""A person's profile: a local SQLite file that nothing ever sends anywhere.

Every write is its own short transaction, committed before the call returns, so a crash or a
kill loses nothing said before it, and two sessions open on the same file both keep
everything they write (SQLite serialises the writers; WAL lets readers carry on meanwhile).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coach.cli_words import LINES
from coach.profile.errors import (
    ProfileDamaged,
    ProfileError,
    ProfileUnavailable,
    classify,
    from_os_error,
    is_damage,
    unavailable,
)
from coach.profile.files import ensure_folder, lock_path, make_owner_only, move_aside, resolve
from coach.profile.location import default_path
from coach.profile.lock import LockTimeout, exclusive
from coach.profile.schema import APPLICATION_ID, MIGRATIONS, VERSION

__all__ = ["Opened", "PastPlan", "ProfileError", "ProfileStore", "ProfileUnavailable",
           "default_path", "is_profile"]

# How long a writer waits for another session's transaction (and an opener for another
# process's opening) before giving up.
BUSY_TIMEOUT_MS = 10_000


@dataclass(frozen=True)
class PastPlan:
    at: str
    plan: dict[str, Any]
    decision: str | None


@dataclass(frozen=True)
class Opened:
    """A store, and what happened on opening it (e.g. a damaged file moved aside)."""

    store: ProfileStore
    notice: str | None


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class ProfileStore:
    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection
        self.session_id: int | None = None

    # --- opening ----------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | None = None) -> Opened:
        """Open (or create) the profile at ``path`` (a link is followed).

        A damaged file is moved aside, never lost, and a fresh profile started; the notice
        says where it went. A profile that is only out of reach (locked, not readable or
        writable, a folder) raises ``ProfileUnavailable`` and is left as it is.
        """
        path = resolve(path or default_path())
        if path.is_dir():
            raise unavailable(path, LINES("profile_folder_hint", why=LINES("profile_folder")))
        ensure_folder(path)
        try:
            with exclusive(lock_path(path), BUSY_TIMEOUT_MS / 1000):
                return cls._open_or_replace(path)
        except LockTimeout as error:
            raise unavailable(path, LINES("profile_kept_busy")) from error
        except OSError as error:
            raise from_os_error(path, error) from error

    @classmethod
    def _open_or_replace(cls, path: Path) -> Opened:
        """Inside the opening lock: open, or keep a damaged file aside and start afresh."""
        try:
            return Opened(cls._open(path), None)
        except ProfileDamaged as damage:
            why = str(damage)
        try:
            aside = move_aside(path)
        except OSError as error:
            raise unavailable(path, LINES("profile_not_moved", why=why,
                                          error=error.strerror or error)) from error
        notice = LINES("profile_damaged", path=path, why=why, aside=aside)
        return Opened(cls._open(path), notice)

    @classmethod
    def _open(cls, path: Path) -> ProfileStore:
        # Created readable by its owner only; SQLite gives its -wal and -shm files the same
        # permissions as the database file.
        make_owner_only(path)
        try:
            # One session uses its store from one thread at a time, but not always the thread
            # that opened it (the app opens it on the UI thread and may talk from a worker).
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                 check_same_thread=False)
        except sqlite3.Error as error:
            raise classify(path, error) from error
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _check_and_migrate(db, path)
            # After the migration committed: the journal mode can't change inside a
            # transaction, and a foreign file must never be touched at all.
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as error:
            db.close()
            raise classify(path, error) from error
        except BaseException:
            db.close()
            raise
        return cls(path, db)

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        # BEGIN IMMEDIATE takes the write lock up front, so two sessions never deadlock
        # upgrading a read lock; the busy timeout makes the other one wait its turn.
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # --- writing ----------------------------------------------------------------------------
    def start_session(self) -> int:
        with self._write() as db:
            self.session_id = db.execute(
                "INSERT INTO sessions (started_at) VALUES (?)", (now(),)
            ).lastrowid
        assert self.session_id is not None
        return self.session_id

    def _session(self) -> int:
        return self.session_id if self.session_id is not None else self.start_session()

    def add_message(self, role: str, text: str) -> None:
        session = self._session()
        with self._write() as db:
            db.execute(
                "INSERT INTO messages (session_id, at, role, text) VALUES (?, ?, ?, ?)",
                (session, now(), role, text),
            )

    def add_facts(self, facts: list[dict[str, Any]], said: str | None) -> None:
        if not facts:
            return
        session, at = self._session(), now()
        rows = [(session, at, json.dumps(f, sort_keys=True), said) for f in facts]
        with self._write() as db:
            db.executemany(
                "INSERT INTO facts (session_id, at, fact, said) VALUES (?, ?, ?, ?)", rows
            )

    def add_unsure(self, topic: str, said: str | None) -> None:
        session = self._session()
        with self._write() as db:
            db.execute(
                "INSERT INTO unsure (session_id, at, topic, said) VALUES (?, ?, ?, ?)",
                (session, now(), topic, said),
            )

    def add_plan(self, plan: dict[str, Any], decision: str | None = None) -> None:
        session = self._session()
        with self._write() as db:
            db.execute(
                "INSERT INTO plans (session_id, at, plan, decision) VALUES (?, ?, ?, ?)",
                (session, now(), json.dumps(plan, sort_keys=True), decision),
            )

    # --- reading ----------------------------------------------------------------------------
    def facts(self) -> list[tuple[dict[str, Any], str | None]]:
        """Every fact ever told, oldest first, each with what was said."""
        rows = self._db.execute("SELECT fact, said FROM facts ORDER BY at, id").fetchall()
        return [(json.loads(fact), said) for fact, said in rows]

    def latest_facts(self, types: tuple[str, ...]) -> list[tuple[str, dict[str, Any], str | None]]:
        """Facts of these types, oldest first, each distinct fact once at its latest telling.

        Telling the same fact again only moves it later, so replaying these in order gives
        the same beliefs as replaying every telling, at a cost that doesn't grow with the
        number of sessions.
        """
        marks = ", ".join("?" for _ in types)
        rows = self._db.execute(
            "SELECT max(at), fact, said FROM facts "
            f"WHERE json_extract(fact, '$.type') IN ({marks}) GROUP BY fact ORDER BY max(id)",
            types,
        ).fetchall()
        return [(at, json.loads(fact), said) for at, fact, said in rows]

    def latest_unsure(self, topics: tuple[str, ...]) -> list[tuple[str, str, str | None]]:
        marks = ", ".join("?" for _ in topics)
        return self._db.execute(
            f"SELECT max(at), topic, said FROM unsure WHERE topic IN ({marks}) "
            "GROUP BY topic ORDER BY max(id)",
            topics,
        ).fetchall()

    def unsure(self) -> list[tuple[str, str | None]]:
        return [(topic, said) for _, topic, said in self.timed_unsure()]

    def timed_unsure(self) -> list[tuple[str, str, str | None]]:
        return self._db.execute("SELECT at, topic, said FROM unsure ORDER BY at, id").fetchall()

    def plans(self) -> list[PastPlan]:
        rows = self._db.execute("SELECT at, plan, decision FROM plans ORDER BY at, id")
        return [PastPlan(at, json.loads(plan), decision) for at, plan, decision in rows]

    def last_plan(self) -> PastPlan | None:
        row = self._db.execute(
            "SELECT at, plan, decision FROM plans ORDER BY at DESC, id DESC LIMIT 1"
        ).fetchone()
        return PastPlan(row[0], json.loads(row[1]), row[2]) if row else None

    def messages(self) -> list[tuple[str, str, str]]:
        return self._db.execute("SELECT at, role, text FROM messages ORDER BY at, id").fetchall()

    def session_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM sessions").fetchone()[0])


def _check_and_migrate(db: sqlite3.Connection, path: Path) -> None:
    """Check what the file is and bring it to the current schema, in one exclusive
    transaction: another process never sees it half-checked or half-upgraded."""
    db.execute("BEGIN EXCLUSIVE")
    try:
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != APPLICATION_ID and (app_id != 0 or tables):
            raise ProfileDamaged(LINES("profile_foreign"))
        if version > VERSION:
            raise ProfileError(LINES("profile_newer", path=path, version=version, known=VERSION))
        check = db.execute("PRAGMA quick_check(1)").fetchone()[0]
        if check != "ok":
            raise ProfileDamaged(LINES("profile_check_failed", check=check))
        # A write, even with nothing to migrate: a file SQLite could only open read-only is
        # found now, as unavailable, rather than at the first thing the person says.
        db.execute(f"PRAGMA user_version = {version}")
        if version == 0:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for target in range(version, VERSION):
            for statement in _statements(MIGRATIONS[target]):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {target + 1}")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def is_profile(path: Path) -> bool:
    """Is ``path`` a Hinge Coach profile? Only reads; raises ``ProfileUnavailable`` if it
    can't tell (locked, unreadable, a folder), and says False for a damaged or foreign file."""
    path = resolve(path)
    if path.is_dir():
        raise unavailable(path, LINES("profile_folder"))
    try:
        uri = f"{path.as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)) as db:
            return bool(db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID)
    except sqlite3.Error as error:
        if is_damage(error):
            return False
        raise classify(path, error) from error
