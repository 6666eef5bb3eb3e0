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
                 "rules/knowledge/questions.toml", "coach/data/dialogue.toml",
                 # The rest of what the coach says (issue 13: wording is data).
                 "rules/knowledge/wording.toml", "coach/data/app.toml",
                 "coach/data/cli.toml", "coach/data/describe.toml",
                 "coach/data/after_plan.toml"):
        assert data in names, data


def test_the_wheel_installs_the_console_script(wheel: zipfile.ZipFile) -> None:
    (entry_points,) = [n for n in wheel.namelist() if n.endswith("entry_points.txt")]
    assert "hinge-coach = coach.cli:main" in wheel.read(entry_points).decode()


def _third_party_imports(*folders: str) -> set[str]:
    """Top-level modules that the code in ``folders`` imports, other than its own and the
    standard library's."""
    import ast
    import sys

    found: set[str] = set()
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"coach", "rules", "__future__"}


def _declared() -> tuple[dict[str, str], list[str]]:
    """The runtime dependencies (distribution name, normalised: the requirement) and uv's
    overrides, from pyproject.toml."""
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    names = {re.split(r"[<>=!~ \[;]", req, maxsplit=1)[0].lower().replace("_", "-"): req
             for req in project["project"]["dependencies"]}
    return names, project["tool"]["uv"]["override-dependencies"]


def test_the_dependencies_are_what_the_code_imports() -> None:
    from importlib.metadata import packages_distributions

    dists = {module: {d.lower().replace("_", "-") for d in names}
             for module, names in packages_distributions().items()}
    declared, _ = _declared()
    imported = _third_party_imports("coach", "rules")
    undeclared = {m for m in imported if not dists.get(m, set()) & set(declared)}
    assert not undeclared, f"imported but not declared: {sorted(undeclared)}"
    provided = {d for m in imported for d in dists.get(m, set())}
    assert set(declared) <= provided, f"declared, never imported: {set(declared) - provided}"


def test_experta_s_pins_are_overridden_only_for_uv() -> None:
    declared, overrides = _declared()
    # A declared frozendict or schema would contradict experta's pins for pip.
    assert not {"frozendict", "schema"} & set(declared)
    assert {o.split(">")[0] for o in overrides} == {"frozendict", "schema"}
