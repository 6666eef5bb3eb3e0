"""The profile store: transactions, migrations, damage, permissions, concurrency, crashes."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coach.profile.files import forget
from coach.profile.schema import APPLICATION_ID, MIGRATIONS, VERSION
from coach.profile.store import ProfileError, ProfileStore


def open_store(path: Path) -> ProfileStore:
    opened = ProfileStore.open(path)
    assert opened.notice is None
    return opened.store


def test_a_new_profile_is_created_for_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "profile.sqlite3"
    store = open_store(path)
    store.add_message("user", "hello")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for suffix in ("-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            assert stat.S_IMODE(part.stat().st_mode) & 0o077 == 0
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == VERSION
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_what_is_written_is_read_back_in_order(tmp_path: Path) -> None:
    store = open_store(tmp_path / "p.sqlite3")
    store.add_message("user", "my toes lift")
    store.add_facts([{"type": "fault", "kind": "toe_lift", "present": True}], "my toes lift")
    store.add_unsure("goal", "dunno")
    store.add_plan({"start": "kettlebell_hinge"}, decision=None)
    store.add_plan({"start": "suitcase_hinge"}, decision="move_up")
    store.close()

    again = open_store(tmp_path / "p.sqlite3")
    assert again.facts() == [({"type": "fault", "kind": "toe_lift", "present": True},
                              "my toes lift")]
    assert again.unsure() == [("goal", "dunno")]
    assert [p.plan["start"] for p in again.plans()] == ["kettlebell_hinge", "suitcase_hinge"]
    assert again.last_plan().decision == "move_up"
    assert [m[1:] for m in again.messages()] == [("user", "my toes lift")]


@pytest.mark.parametrize("start_version", range(VERSION))
def test_migrations_run_forward_from_each_earlier_version(tmp_path: Path,
                                                          start_version: int) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for script in MIGRATIONS[:start_version]:
            db.executescript(script)
        db.execute(f"PRAGMA user_version = {start_version}")
        if start_version >= 1:
            db.execute("INSERT INTO sessions (started_at) VALUES ('2026-01-01T00:00:00')")
            db.execute("INSERT INTO plans (session_id, at, plan) VALUES "
                       "(1, '2026-01-01T00:00:01', '{\"start\": \"stick_hinge\"}')")
    store = open_store(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == VERSION
    if start_version >= 1:
        assert store.last_plan().plan == {"start": "stick_hinge"}
        assert store.last_plan().decision is None
    store.add_unsure("goal", None)  # the newest tables work


def test_a_corrupt_file_is_moved_aside_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "profile.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    opened = ProfileStore.open(path)
    assert opened.notice and "could not be read" in opened.notice
    aside = list(tmp_path.glob("profile.sqlite3.damaged-*"))
    assert len(aside) == 1
    assert aside[0].read_bytes().startswith(b"this is not a database")
    opened.store.add_message("user", "fresh start works")


def test_a_foreign_database_is_moved_aside_not_written_into(tmp_path: Path) -> None:
    path = tmp_path / "profile.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE recipes (name TEXT)")
        db.execute("INSERT INTO recipes VALUES ('soup')")
    opened = ProfileStore.open(path)
    assert opened.notice and "not a Hinge Coach profile" in opened.notice
    (aside,) = tmp_path.glob("profile.sqlite3.damaged-*")
    with sqlite3.connect(aside) as db:
        assert db.execute("SELECT name FROM recipes").fetchall() == [("soup",)]


def test_a_profile_from_a_newer_coach_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "profile.sqlite3"
    open_store(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {VERSION + 1}")
    with pytest.raises(ProfileError, match="newer Hinge Coach"):
        ProfileStore.open(path)
    assert path.exists()


def test_forget_deletes_the_file_and_its_journal(tmp_path: Path) -> None:
    path = tmp_path / "profile.sqlite3"
    store = open_store(path)
    store.add_message("user", "bye")
    store.close()
    forget(path)
    assert not list(tmp_path.iterdir())


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from coach.profile.store import ProfileStore
    store = ProfileStore.open(Path(sys.argv[1])).store
    for i in range(int(sys.argv[3])):
        store.add_message("user", f"{sys.argv[2]}-{i}")
        print(i, flush=True)
""")


def test_two_sessions_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "profile.sqlite3"
    open_store(path).close()
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, "150"],
                         stdout=subprocess.DEVNULL)
        for name in ("a", "b")
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    texts = {text for _, _, text in open_store(path).messages()}
    assert texts == {f"{n}-{i}" for n in "ab" for i in range(150)}


def test_a_killed_session_keeps_everything_said_before(tmp_path: Path) -> None:
    path = tmp_path / "profile.sqlite3"
    open_store(path).close()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), "k", "1000000"],
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None
    confirmed = -1
    for line in writer.stdout:
        confirmed = int(line)
        if confirmed >= 50:
            break
    os.kill(writer.pid, 9)
    writer.wait()
    texts = {text for _, _, text in open_store(path).messages()}
    # Every message the writer confirmed (it prints after the commit returns) is there.
    assert {f"k-{i}" for i in range(confirmed + 1)} <= texts
