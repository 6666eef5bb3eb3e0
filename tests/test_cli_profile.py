"""`hinge-coach history`, `forget` and `--help`, run as a person would, in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from coach.profile.store import ProfileStore


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "coach", *args], input=stdin,
                          capture_output=True, text=True, timeout=60)


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
