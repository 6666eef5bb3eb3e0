"""The wheel carries the knowledge data, so a plain `pip install` of it works too."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not on PATH")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([uv, "build", "--wheel", "--out-dir", str(out), str(ROOT)], check=True,
                   capture_output=True)
    (built,) = out.glob("*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_ships_the_knowledge_and_phrasing(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for data in ("rules/knowledge/hinge.toml", "rules/knowledge/reasons.toml",
                 "rules/knowledge/safety.toml", "rules/knowledge/article.txt",
                 "rules/knowledge/questions.toml", "coach/data/dialogue.toml"):
        assert data in names, data


def test_the_wheel_installs_the_console_script(wheel: zipfile.ZipFile) -> None:
    (entry_points,) = [n for n in wheel.namelist() if n.endswith("entry_points.txt")]
    assert "hinge-coach = coach.cli:main" in wheel.read(entry_points).decode()
