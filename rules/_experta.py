"""Import experta without letting it reconfigure the host program's logging.

experta calls ``logging.basicConfig()`` at import, which installs a stderr handler on the
root logger; inside the Textual app that would paint stray log lines over the screen. We
import it here once and undo exactly that side effect.
"""

from __future__ import annotations

import logging

_root = logging.getLogger()
_handlers_before = list(_root.handlers)

import experta  # noqa: E402  (the import must come after we note the handlers)

for _handler in list(_root.handlers):
    if _handler not in _handlers_before:
        _root.removeHandler(_handler)

AS = experta.AS
MATCH = experta.MATCH
NOT = experta.NOT
OR = experta.OR
TEST = experta.TEST
P = experta.P
W = experta.W
Fact = experta.Fact
Field = experta.Field
KnowledgeEngine = experta.KnowledgeEngine
DefFacts = experta.DefFacts
Rule = experta.Rule

__all__ = [
    "AS",
    "MATCH",
    "NOT",
    "OR",
    "TEST",
    "DefFacts",
    "Fact",
    "Field",
    "KnowledgeEngine",
    "P",
    "Rule",
    "W",
]
