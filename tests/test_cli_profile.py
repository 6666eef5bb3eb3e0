"""`hinge-coach history`, `forget` and `--help`, run as a person would, in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from readonly import read_only

from coach.profile.store import ProfileStore


def run(*args: str, stdin: str = "", env: dict[str, str] | None = None,
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "coach", *args], input=stdin,
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, **(env or {})})


def make_profile(path: Path) -> None:
    store = ProfileStore.open(path).store
    store.add_plan({"start": "stick_hinge", "focus": ["three_points"], "referral": None})
    store.add_plan({"start": "stick_hinge", "focus": ["three_points"], "referral": None})
    store.start_session()
    store.add_plan({"start": "kettlebell_hinge", "focus": [], "referral": None}, "move_up")
    store.start_session()
    store.add_plan({"start": None, "focus": [], "referral": {"urgency": "soon",
                                                              "reasons": ["fever"]}})
    store.close()


def test_help_says_where_the_profile_lives() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "profile.sqlite3" in result.stdout and "never leaves this machine" in result.stdout


def test_history_shows_the_path_over_time(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    make_profile(path)
    result = run("--profile", str(path), "history")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "3 sessions" in lines[0]
    assert "started" in lines[1] and "Stick hip hinge" in lines[1]
    assert "three points of contact" in lines[1]
    assert "moved up" in lines[2] and "Kettlebell hinge" in lines[2]
    assert "referred" in lines[3] and "a fever with the back pain" in lines[3]
    assert len(lines) == 4  # the restated plan of the first session is shown once


def test_history_without_a_profile_says_so(tmp_path: Path) -> None:
    result = run("--profile", str(tmp_path / "none.sqlite3"), "history")
    assert result.returncode == 0
    assert "No profile" in result.stdout
    assert not (tmp_path / "none.sqlite3").exists()


def test_forget_asks_first_and_keeps_the_profile_on_anything_but_yes(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    make_profile(path)
    result = run("--profile", str(path), "forget", stdin="no\n")
    assert result.returncode == 1 and "Nothing deleted" in result.stdout
    assert path.exists()
    result = run("--profile", str(path), "forget", stdin="")
    assert result.returncode == 1 and path.exists()
    result = run("--profile", str(path), "forget", stdin="yes\n")
    assert result.returncode == 0 and "Deleted" in result.stdout
    assert not path.exists()


def test_forget_yes_for_scripts(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    make_profile(path)
    assert run("--profile", str(path), "forget", "--yes").returncode == 0
    assert not path.exists()


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout


def test_no_profile_forget_never_deletes_the_default_profile(tmp_path: Path) -> None:
    # The default profile lives under XDG_DATA_HOME on Linux.
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    default = tmp_path / "data" / "hinge-coach" / "profile.sqlite3"
    make_profile(default)
    result = run("--no-profile", "forget", "--yes", env=env)
    assert result.returncode != 0 and "nothing was deleted" in result.stderr
    no_traceback(result)
    assert default.exists() and ProfileStore.open(default).store.session_count() == 3
    # Without --no-profile, forget deletes that default profile.
    assert run("forget", "--yes", env=env).returncode == 0
    assert not default.exists()


def test_forget_through_a_link_deletes_the_profile_it_points_to(tmp_path: Path) -> None:
    target = tmp_path / "real" / "profile.sqlite3"
    make_profile(target)
    store = ProfileStore.open(target).store  # kept open: its -wal and -shm are on disk
    store.add_message("user", "still here")
    link = tmp_path / "link.sqlite3"
    link.symlink_to(target)
    result = run("--profile", str(link), "forget", "--yes")
    store.close()
    assert result.returncode == 0, result.stderr
    assert f"Deleted {target}" in result.stdout
    for suffix in ("", "-wal", "-shm"):
        assert not Path(f"{target}{suffix}").exists(), suffix
    assert not list((tmp_path / "real").iterdir())


def test_forget_on_a_folder_says_so_and_deletes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "mine.txt").write_text("mine")
    result = run("--profile", str(folder), "forget", "--yes")
    assert result.returncode == 1 and "folder" in result.stderr
    no_traceback(result)
    assert (folder / "mine.txt").read_text() == "mine"


def test_forget_in_a_read_only_folder_says_so_and_keeps_the_profile(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    path = folder / "p.sqlite3"
    make_profile(path)
    with read_only(folder):
        result = run("--profile", str(path), "forget", "--yes")
    assert result.returncode == 1 and str(path) in result.stderr
    no_traceback(result)
    assert ProfileStore.open(path).store.session_count() == 3


def test_forget_refuses_a_file_that_is_not_a_profile(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("my own notes")
    result = run("--profile", str(path), "forget", "--yes")
    assert result.returncode == 1 and "not a Hinge Coach profile" in result.stderr
    assert path.read_text() == "my own notes"


def test_history_of_a_folder_says_so_and_never_renames_it(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    result = run("--profile", str(folder), "history")
    assert result.returncode == 1 and "folder" in result.stderr
    no_traceback(result)
    assert [p.name for p in tmp_path.iterdir()] == ["notes"]
