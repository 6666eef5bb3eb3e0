"""The side panel: where the person stands, at a glance, updated after every turn.

Before there is a plan, what the coach knows comes first; once there is one, the plan does,
and the panel scrolls to its top: at 24 rows the plan is what must be in sight.
"""

from __future__ import annotations

import asyncio

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from coach.app.widgets.facts import FactLine, FactsView, fact_lines
from coach.app.widgets.plan import PlanState, PlanView
from coach.session import CoachSession


class SidePanel(VerticalScroll, can_focus=False):
    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        # Redraws run one after another, in the order of the turns that asked for them.
        self._drawing = asyncio.Lock()

    def compose(self) -> ComposeResult:
        with Vertical(id="facts-section", classes="section"):
            yield Static("What I know about you", classes="title")
            yield FactsView(id="facts")
        with Vertical(id="plan-section", classes="section"):
            yield Static("Your plan", classes="title", id="plan-title")
            yield PlanView(id="plan")

    def show(self, session: CoachSession, asking: str | None) -> None:
        """Read the session now (on the UI thread, like every use of it); redraw soon."""
        lines, state = fact_lines(session), PlanState(session.plan_details(), asking)
        self.run_worker(self._redraw(lines, state), group="panel")

    async def _redraw(self, lines: tuple[FactLine, ...], state: PlanState) -> None:
        async with self._drawing:
            facts, plan = self.query_one(FactsView), self.query_one(PlanView)
            new_plan = state.plan is not None and state.plan != plan.state.plan
            if lines != facts.lines:
                facts.lines = lines
                await facts.recompose()
            if state != plan.state:
                plan.state = state
                await plan.recompose()
            facts_section = self.query_one("#facts-section")
            plan_section = self.query_one("#plan-section")
            plan_first = self.children.index(plan_section) < self.children.index(facts_section)
            if (state.plan is not None) != plan_first:
                first, second = (
                    (plan_section, facts_section) if state.plan else (facts_section, plan_section)
                )
                self.move_child(first, before=second)
            if new_plan:
                self.scroll_home(animate=False)
