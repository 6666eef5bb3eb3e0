"""User-facing English lives in data (TOML a trainer can edit), not in Python (issue 13).

Three guarantees:
- every wording table matches what the code reads: no entry missing, none the code never
  uses, and every ``{field}`` one the code fills (checked at load; the tests prove the check
  bites);
- one sentence, one entry: the same sentence is never worded in two places;
- the modules whose wording has moved keep no user-facing English sentence in their code.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach import cli_words
from coach import describe as describe_wording
from coach.after_plan import _FIELDS as AFTER_PLAN_FIELDS
from coach.after_plan import _words
from coach.app import wording as app_wording
from coach.phrasing import load_phrasing
from rules import wording as rules_wording
from rules.lines import Lines, WordingError, placeholders

ROOT = Path(__file__).resolve().parent.parent

# The modules whose user-facing wording is all in TOML. A sentence added to one of them
# fails the scan below; a module joins this list once its wording has moved.
MOVED = [
    "coach/answers.py",
    "coach/after_plan.py",
    "coach/changes.py",
    "coach/cli.py",
    "coach/cli_words.py",
    "coach/describe.py",
    "coach/dialogue.py",
    "coach/serve/cli.py",
    "coach/understanding.py",
    "coach/render.py",
    "coach/phrasing.py",
    "coach/profile/errors.py",
    "coach/profile/files.py",
    "coach/profile/history.py",
    "coach/profile/store.py",
    "coach/serve/server.py",
    "coach/text.py",
    "rules/wording.py",
    "rules/outcome.py",
    "rules/progression.py",
    "rules/reasoner.py",
    "rules/lines.py",
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "coach" / "app").rglob("*.py")),
]

# Where the code that reads the tables lives (the language layer reads its own TOML).
CODE = [p for d in ("coach", "rules") for p in (ROOT / d).rglob("*.py")
        if "language" not in p.relative_to(ROOT).parts]


def _tables() -> dict[str, Lines]:
    phrasing = load_phrasing()
    return {
        "app.toml": app_wording.LINES,
        "app.toml [keys]": app_wording.KEYS,
        "dialogue.toml": phrasing.lines,
        "dialogue.toml [answers]": phrasing.answers,
        "dialogue.toml [plan]": phrasing.plan,
        "after_plan.toml [lines]": _words().lines,
        "wording.toml": rules_wording.LINES,
        "wording.toml [conclusions]": rules_wording.CONCLUSIONS,
        "describe.toml [lines]": describe_wording.LINES,
        "cli.toml": cli_words.LINES,
        "cli.toml [help]": cli_words.HELP,
    }


def _string_constants() -> set[str]:
    """Every plain string literal in the code: the keys it reads wording by."""
    found: set[str] = set()
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


@pytest.mark.parametrize("table", sorted(_tables()))
def test_every_entry_is_read_by_the_code(table: str) -> None:
    # A key is read by naming it as a literal (LINES("saved"), KEYS("why"), a dict of keys);
    # an entry no literal names is wording nobody sees, or a key misspelt in the code.
    used = _string_constants()
    dead = sorted(key for key in _tables()[table] if key not in used)
    assert not dead, f"{table}: entries the code never reads: {dead}"


def test_every_palette_command_and_item_is_worded() -> None:
    assert set(app_wording.COMMANDS) == set(app_wording._COMMANDS)
    assert all(c.name and c.help for c in app_wording.COMMANDS.values())
    assert set(rules_wording._ITEM_NAMES) >= {"stick", "kettlebell", "dumbbell"}


def test_the_declared_fields_are_the_ones_in_the_text() -> None:
    # Load-time check, stated again over the shipped data: each entry's {fields} are exactly
    # those its code fills, so no placeholder is left showing and none is silently dropped.
    declared = {"after_plan.toml [lines]": AFTER_PLAN_FIELDS}
    for name, table in _tables().items():
        for key, text in table.items():
            assert placeholders(text) == table.fields[key], (name, key)
        if name in declared:
            assert {k: set(v) for k, v in declared[name].items()} == {
                k: set(v) for k, v in table.fields.items()}


# How the code calls a wording table: ``LINES("saved", path=p)``, ``words("no", thing=t)``,
# ``load_phrasing().answers("benefits", ...)``.
_CALLERS = {"LINES", "KEYS", "HELP", "WORDS", "C", "words", "answers", "lines", "plan"}


def _wording_calls() -> Iterator[tuple[str, int, str, set[str]]]:
    """(module, line, key, fields given) for each call of a table with a literal key."""
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else (
                func.attr if isinstance(func, ast.Attribute) else "")
            if name not in _CALLERS or any(k.arg is None for k in node.keywords):
                continue
            first = node.args[0]
            keys = ([first.body, first.orelse] if isinstance(first, ast.IfExp) else [first])
            for key in keys:
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    yield (str(path.relative_to(ROOT)), node.lineno, key.value,
                           {k.arg for k in node.keywords if k.arg})


def test_every_call_fills_exactly_the_fields_of_its_entry() -> None:
    # Static, so that a call no test happens to reach can't leave a {field} showing or
    # fail on the person's screen: the fields given are those of an entry with that key.
    fields: dict[str, list[frozenset[str]]] = {}
    for table in _tables().values():
        for key, names in table.fields.items():
            fields.setdefault(key, []).append(names)
    calls = [c for c in _wording_calls() if c[2] in fields]
    assert len(calls) > 200, "the scan finds the code's wording calls"
    wrong = [(m, line, key, sorted(given)) for m, line, key, given in calls
             if not any(given == names for names in fields[key])]
    assert not wrong, f"calls that fill other fields than their entry takes: {wrong}"


def test_a_placeholder_the_code_does_not_fill_fails_at_load() -> None:
    with pytest.raises(WordingError, match="fields"):
        Lines({"saved": "Saved to {folder}"}, {"saved": ("path",)}, "test")


def test_a_placeholder_left_out_fails_at_load() -> None:
    with pytest.raises(WordingError, match="fields"):
        Lines({"saved": "Saved."}, {"saved": ("path",)}, "test")


def test_a_missing_or_stray_entry_fails_at_load() -> None:
    with pytest.raises(WordingError, match="missing"):
        Lines({}, {"saved": ()}, "test")
    with pytest.raises(WordingError, match="not read"):
        Lines({"saved": "x", "typo": "y"}, {"saved": ()}, "test")


def test_a_lone_brace_fails_at_load() -> None:
    with pytest.raises(WordingError):
        Lines({"saved": "Saved {path"}, {"saved": ("path",)}, "test")


def test_filling_in_other_fields_than_declared_fails_loudly() -> None:
    lines = Lines({"saved": "Saved to {path}"}, {"saved": ("path",)}, "test")
    assert lines("saved", path="x") == "Saved to x"
    with pytest.raises(WordingError):
        lines("saved", folder="x")


def _words_in(text: str) -> list[str]:
    """The English words of a literal: whitespace-separated tokens made of letters (with an
    apostrophe, and punctuation or Markdown around them). "app.toml", "{step}", "[rule"
    and regular expressions are not words."""
    tokens = re.sub(r"\{[^{}]*\}", " ", text).split()
    return [t for t in tokens if re.fullmatch(r"[\W_]*[A-Za-z]+(?:'[a-z]+)?[\W_]*", t)
            and not re.search(r"[\\^$|\[\]]", t)]


def is_sentence(text: str) -> bool:
    """What counts as user-facing English: three or more words."""
    return len(_words_in(text)) >= 3


def _developer_nodes(tree: ast.AST) -> set[int]:
    """Literals meant for developers, not users: docstrings, exception messages (raised or
    built), assert messages, logging calls, and SQL handed to the database. An exception
    whose message the person reads is worded in TOML all the same (coach/profile/)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                and body and isinstance(body[0], ast.Expr)):
            skip.add(id(body[0].value))
        parts: list[ast.AST] = []
        if isinstance(node, ast.Raise) and node.exc is not None:
            parts.append(node.exc)
        if isinstance(node, ast.Assert) and node.msg is not None:
            parts.append(node.msg)
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            owner = func.value if isinstance(func, ast.Attribute) else None
            logging = name in {"debug", "info", "warning", "error", "exception", "critical"} and (
                isinstance(owner, ast.Attribute | ast.Name)
                and (getattr(owner, "attr", "") == "log" or getattr(owner, "id", "")
                     in {"log", "logger", "logging"}))
            sql = name in {"execute", "executemany", "executescript"}
            if logging or sql or name.endswith(("Error", "Exception")):
                parts.append(node)
        for part in parts:
            skip.update(id(n) for n in ast.walk(part))
    return skip


def sentence_literals(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of each user-facing English sentence written in ``source``'s code. An
    f-string counts as one literal, its fields left out."""
    tree = ast.parse(source)
    skip = _developer_nodes(tree)
    inside_fstring = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)
                      for v in n.values}
    for node in ast.walk(tree):
        if id(node) in skip or id(node) in inside_fstring:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}"
                           for v in node.values)
        else:
            continue
        if is_sentence(text):
            yield node.lineno, text


def test_the_scan_finds_what_it_should() -> None:
    # The definition, on the kinds of literal it must tell apart.
    found = [text for _, text in sentence_literals('''
"""A docstring is for developers."""
import logging
def f(x):
    """So is this one."""
    logging.warning("the log is for developers")
    assert x, "so is an assert message"
    if x:
        raise ValueError("and an exception message")
    a = "Your plan is ready."
    b = f"Saved the conversation to {x}"
    c = " (you mentioned this one)"
    d = "app.toml [keys]"
    e = r"\\b(?:why not|can i skip)\\b"
    g = "kettlebell_hinge"
    return "Quit"
''')]
    assert found == ["Your plan is ready.", "Saved the conversation to {}",
                     " (you mentioned this one)"]


@pytest.mark.parametrize("module", MOVED)
def test_no_user_facing_sentence_is_left_in_the_code(module: str) -> None:
    left = list(sentence_literals((ROOT / module).read_text(encoding="utf-8")))
    assert not left, f"{module}: move these into TOML: {left}"


def test_one_sentence_one_entry() -> None:
    # The same sentence in two entries would be edited in one and forgotten in the other.
    seen: dict[str, str] = {}
    for name, table in _tables().items():
        for key, text in table.items():
            if not is_sentence(text):
                continue
            where = f"{name} {key}"
            assert text not in seen, f"{where} repeats {seen[text]}: {text!r}"
            seen[text] = where
