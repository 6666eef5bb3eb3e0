"""Wording read from TOML, checked against the fields the code fills in.

Every user-facing sentence lives in a TOML file a trainer can edit. The code that uses a
table declares, once, which entries it reads and which ``str.format`` fields each one takes;
the table is checked against that when it is read (at import, or at first use for the
tables read lazily), so a missing entry, a stray one or a placeholder that the code never
fills fails at start-up and in the tests, never on the person's screen.

Lives in ``rules`` because the rule base words things too, and ``rules`` imports nothing
from ``coach``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator, Mapping
from importlib.resources.abc import Traversable
from string import Formatter
from typing import Any

# What each entry of a table takes: entry name -> the names of its format fields.
Fields = Mapping[str, Iterable[str]]


class WordingError(ValueError):
    """A wording table does not match what the code reads from it."""


def placeholders(text: str) -> set[str]:
    """The ``str.format`` fields of ``text`` ("{step}" -> step; "{{" is a literal brace)."""
    try:
        parsed = list(Formatter().parse(text))
    except ValueError as error:  # a lone "{" or "}"
        raise WordingError(f"{text!r}: {error}") from error
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in parsed if name is not None}


class Lines(Mapping[str, str]):
    """One checked table of wording. ``lines("key", field=...)`` is the filled-in text."""

    def __init__(self, table: Mapping[str, Any], fields: Fields, where: str) -> None:
        self.where = where
        self.fields = {key: frozenset(names) for key, names in fields.items()}
        missing = sorted(set(self.fields) - set(table))
        extra = sorted(set(table) - set(self.fields))
        if missing or extra:
            raise WordingError(f"{where}: missing {missing}, not read by the code {extra}")
        self._entries: dict[str, str] = {}
        for key, text in table.items():
            if not isinstance(text, str):
                raise WordingError(f"{where}: {key} must be a string")
            found = placeholders(text)
            if found != self.fields[key]:
                raise WordingError(f"{where}: {key} has fields {sorted(found)}, "
                                   f"the code fills {sorted(self.fields[key])}")
            self._entries[key] = text

    def __call__(self, key: str, /, **fields: object) -> str:
        if set(fields) != self.fields[key]:
            raise WordingError(f"{self.where}: {key} takes {sorted(self.fields[key])}, "
                               f"given {sorted(fields)}")
        return self._entries[key].format(**fields)

    def __getitem__(self, key: str) -> str:
        return self._entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


def read_toml(path: Traversable, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise WordingError(f"{name}: {error}") from error
