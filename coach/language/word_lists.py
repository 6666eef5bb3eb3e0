"""The fact rules' word lists, read from ``data/word_lists.toml`` (a trainer may edit it).

Each list is a set of lower-case words or lemmas; an unknown name is an error, so a list
renamed in the file cannot silently become empty.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

WORD_LISTS_PATH = Path(__file__).parent / "data" / "word_lists.toml"


@cache
def _lists(path: Path = WORD_LISTS_PATH) -> dict[str, frozenset[str]]:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return {name: frozenset(str(w).lower() for w in words) for name, words in data.items()}


def word_list(name: str, path: Path = WORD_LISTS_PATH) -> frozenset[str]:
    lists = _lists(path)
    if name not in lists:
        raise KeyError(f"{path.name} has no list {name!r}; it has {', '.join(sorted(lists))}")
    return lists[name]
