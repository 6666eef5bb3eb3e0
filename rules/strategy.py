"""Conflict resolution: salience first, then the most recent facts (depth first).

experta's own DepthStrategy finds an activation to remove by bisecting and then looks only
at the neighbours of the bisection point. When more than three activations share a key
(same salience, same facts, e.g. every "need" rule matched only by the initial fact), a
``NOT`` that becomes false can fail to remove its activation, and a rule fires although its
conditions no longer hold. This strategy orders the agenda the same way but removes by
scanning the whole run of equal keys.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from typing import Any

from experta.abstract import Strategy


def _key(activation: Any) -> tuple[int, list[int]]:
    facts = sorted((f["__factid__"] for f in activation.facts), reverse=True)
    return (activation.rule.salience, facts)


class DepthFirstStrategy(Strategy):
    def _update_agenda(self, agenda: Any, added: list[Any], removed: list[Any]) -> None:
        queue = agenda.activations  # sorted ascending; the last one fires next
        for activation in removed:
            activation.key = _key(activation)
            low, high = bisect_left(queue, activation), bisect_right(queue, activation)
            for index in range(low, high):
                if queue[index] == activation:
                    del queue[index]
                    break
        for activation in added:
            activation.key = _key(activation)
            insort(queue, activation)
