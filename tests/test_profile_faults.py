"""Opening a profile under faults: damaged files are kept aside, unavailable ones left alone,
and several processes opening (creating, upgrading) one profile at once lose nothing."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from old_profile import write_old_profile
from readonly import read_only

from coach.profile import store as store_module
from coach.profile.errors import ProfileUnavailable, classify
from coach.profile.schema import VERSION
from coach.profile.store import ProfileStore

ROOT = Path(__file__).resolve().parent.parent


def make_profile(path: Path, said: str = "kept") -> None:
    store = ProfileStore.open(path).store
    store.add_message("user", said)
    store.close()


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in ``folder`` (recursively) and a hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def said(path: Path) -> set[str]:
    store = ProfileStore.open(path).store
    try:
        return {text for _, _, text in store.messages()}
    finally:
        store.close()


# --- unavailable: left exactly as it is -----------------------------------------------------
def test_a_folder_given_as_the_profile_is_never_renamed(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "mine.txt").write_text("my own things")
    before = fingerprint(tmp_path)
    with pytest.raises(ProfileUnavailable, match="folder"):
        ProfileStore.open(folder)
    assert fingerprint(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes"]


def test_a_link_to_a_folder_is_a_folder_too(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (tmp_path / "profile.sqlite3").symlink_to(folder)
    with pytest.raises(ProfileUnavailable, match="folder"):
        ProfileStore.open(tmp_path / "profile.sqlite3")
    assert folder.is_dir() and (tmp_path / "profile.sqlite3").is_symlink()


def test_a_locked_profile_is_left_untouched(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "profile.sqlite3"
    make_profile(path)
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 300)
    # Another program holding it in exclusive locking mode: not even a read gets through.
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO sessions (started_at) VALUES ('2026-01-01')")
    try:
        with pytest.raises(ProfileUnavailable, match="locked") as raised:
            ProfileStore.open(path)
        assert "untouched" in str(raised.value)
        assert not list(tmp_path.glob("*.damaged-*"))
    finally:
        holder.execute("COMMIT")
        holder.close()
    assert said(path) == {"kept"}


def test_a_profile_in_a_read_only_folder_is_left_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "profile.sqlite3"
    make_profile(path)
    before = fingerprint(folder)
    with read_only(folder):
        with pytest.raises(ProfileUnavailable) as raised:
            ProfileStore.open(path)
        assert "untouched" in str(raised.value)
        assert fingerprint(folder) == before
    assert said(path) == {"kept"}


def test_a_read_only_profile_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "profile.sqlite3"
    make_profile(path)
    before = fingerprint(tmp_path)
    with read_only(path), pytest.raises(ProfileUnavailable, match="can't be read and written"):
        ProfileStore.open(path)
    assert not list(tmp_path.glob("*.damaged-*"))
    assert {k: v for k, v in fingerprint(tmp_path).items() if k in before} == before
    assert said(path) == {"kept"}


def test_sqlite_errors_are_told_apart() -> None:
    def error(code: int, message: str) -> sqlite3.Error:
        e = sqlite3.OperationalError(message)
        e.sqlite_errorcode = code  # type: ignore[attr-defined]
        return e

    path = Path("/p")
    for damaged in (11, 26, 11 | (1 << 8)):  # CORRUPT, NOTADB, CORRUPT_VTAB
        assert type(classify(path, error(damaged, "x"))).__name__ == "ProfileDamaged"
    for out_of_reach in (5, 6, 8, 14, 3, 10):  # BUSY, LOCKED, READONLY, CANTOPEN, PERM, IOERR
        assert isinstance(classify(path, error(out_of_reach, "x")), ProfileUnavailable)


# --- damaged: kept aside, under a name of its own, and the person told where ----------------
def test_damaged_files_are_kept_aside_each_under_a_new_name(tmp_path: Path) -> None:
    path = tmp_path / "profile.sqlite3"
    notices = []
    for n in range(3):  # well within one second
        path.write_bytes(f"damaged file number {n} ".encode() * 100)
        opened = ProfileStore.open(path)
        notices.append(opened.notice)
        opened.store.close()
    aside = sorted(tmp_path.glob("profile.sqlite3.damaged-*"))
    assert len(aside) == 3
    assert {a.read_bytes()[:21] for a in aside} == {
        f"damaged file number {n}".encode() for n in range(3)}
    for notice in notices:
        assert notice and "damaged" in notice
        assert len([a for a in aside if str(a) in notice]) == 1  # told exactly where it went


def test_a_file_failing_its_integrity_check_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "profile.sqlite3"
    store = ProfileStore.open(path).store
    for i in range(300):
        store.add_message("user", f"message {i} " * 20)
    store.close()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    data[3 * page:5 * page] = b"\xff" * (2 * page)  # B-tree pages overwritten
    path.write_bytes(bytes(data))
    opened = ProfileStore.open(path)
    assert opened.notice and "damaged" in opened.notice
    assert len(list(tmp_path.glob("profile.sqlite3.damaged-*"))) == 1
    opened.store.add_message("user", "a fresh start")


# --- several processes at once ---------------------------------------------------------------
OPENER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from coach.profile.store import ProfileStore
    start = float(sys.argv[3])
    while time.time() < start:
        pass
    opened = ProfileStore.open(Path(sys.argv[1]))
    opened.store.add_message("user", sys.argv[2])
    print(opened.notice or "")
""")


def open_at_once(path: Path, processes: int) -> list[str]:
    start = repr(time.time() + 1.0)
    children = [subprocess.Popen([sys.executable, "-c", OPENER, str(path), f"p{i}", start],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for i in range(processes)]
    outputs = [child.communicate(timeout=60) for child in children]
    for child, (_, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err
    return [out.strip() for out, _ in outputs]


@pytest.mark.parametrize("processes", [2, 4])
def test_processes_creating_a_profile_at_once_all_keep_it(tmp_path: Path,
                                                          processes: int) -> None:
    path = tmp_path / "profile.sqlite3"
    notices = open_at_once(path, processes)
    assert notices == [""] * processes
    assert said(path) == {f"p{i}" for i in range(processes)}
    assert not list(tmp_path.glob("*.damaged-*"))


@pytest.mark.parametrize("processes", [2, 4])
def test_processes_upgrading_an_old_profile_at_once_lose_nothing(tmp_path: Path,
                                                                 processes: int) -> None:
    path = tmp_path / "profile.sqlite3"
    write_old_profile(path)
    assert open_at_once(path, processes) == [""] * processes
    assert not list(tmp_path.glob("*.damaged-*"))
    store = ProfileStore.open(path).store
    assert [p.plan for p in store.plans()] == [{"start": "stick_hinge"}]
    assert {text for _, _, text in store.messages()} == {f"p{i}" for i in range(processes)}
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == VERSION


def test_processes_opening_a_damaged_profile_at_once_move_it_aside_once(tmp_path: Path) -> None:
    path = tmp_path / "profile.sqlite3"
    path.write_bytes(b"not a database " * 100)
    notices = open_at_once(path, 4)
    assert sum(bool(n) for n in notices) == 1  # one moved it; the others found the new one
    (aside,) = tmp_path.glob("profile.sqlite3.damaged-*")
    assert aside.read_bytes().startswith(b"not a database")
    assert said(path) == {f"p{i}" for i in range(4)}


def test_the_race_script_runs_clean() -> None:
    """A few rounds of bench/race_profile_open.py (run it with its default 50 by hand)."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "race_profile_open.py"), "--rounds", "3"],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 with a loss or a failure" in result.stdout
