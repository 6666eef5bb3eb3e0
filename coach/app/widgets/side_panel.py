"""The side panel: where the person stands, at a glance, updated after every turn.

Before there is a plan, what the coach knows comes first; once there is one, the plan does,
and the panel scrolls to its top: at 24 rows the plan is what must be in sight.

The first frame shows the panel empty: its sections are drawn with the first ``show``,
right after that frame, together with the opening.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from coach.app.widgets.facts import FactLine, FactsView, fact_lines
from coach.app.widgets.plan import PlanState, PlanView
from coach.app.wording import LINES

if TYPE_CHECKING:
    from coach.session import CoachSession


class SidePanel(VerticalScroll, can_focus=False):
    # Bound to the views below, which recompose when what they show changes (and only then).
    facts: reactive[tuple[FactLine, ...]] = reactive(())
    plan: reactive[PlanState | None] = reactive(None)
    # False until the session is first shown: the first frame is the window alone.
    drawn: reactive[bool] = reactive(False, recompose=True)

    def compose(self) -> ComposeResult:
        if not self.drawn:
            return
        facts = Vertical(
            Static(LINES("what_i_know"), classes="title"),
            FactsView(id="facts").data_bind(lines=SidePanel.facts),
            id="facts-section", classes="section",
        )
        plan = Vertical(
            Static(LINES("your_plan"), classes="title", id="plan-title"),
            PlanView(id="plan").data_bind(state=SidePanel.plan),
            id="plan-section", classes="section",
        )
        has_plan = self.plan is not None and self.plan.plan is not None
        yield from (plan, facts) if has_plan else (facts, plan)

    def show(self, session: CoachSession, asking: str | None) -> None:
        """Read the session now, on the UI thread like every use of it."""
        self.facts = fact_lines(session)
        self.plan = PlanState(session.plan_details(), asking)
        self.drawn = True

    def watch_plan(self, old: PlanState | None, new: PlanState | None) -> None:
        if new is None:
            return
        sections = {w.id: w for w in self.query_children(".section")}
        if len(sections) < 2:
            return  # not drawn yet: compose puts the sections in order
        facts_section, plan_section = sections["facts-section"], sections["plan-section"]
        plan_first = self.children.index(plan_section) < self.children.index(facts_section)
        if (new.plan is not None) != plan_first:
            first, second = (
                (plan_section, facts_section) if new.plan else (facts_section, plan_section)
            )
            self.move_child(first, before=second)
        if new.plan is not None and (old is None or new.plan != old.plan):
            self.scroll_home(animate=False)
