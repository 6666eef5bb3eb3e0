"""'Your plan': the seven-step ladder with the starting step lit, the cues, the warnings;
or, when a warning sign was reported, the referral in place of all of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from coach.app.widgets.item import Item
from coach.app.wording import LINES

if TYPE_CHECKING:
    from rules.knowledge import Knowledge
    from rules.outcome import Plan


@dataclass(frozen=True)
class PlanState:
    plan: Plan | None
    asking: str | None


class PlanView(Vertical):
    # None until the session is first read (after the first frame): nothing to show yet.
    state: reactive[PlanState | None] = reactive(None, recompose=True)

    def __init__(self, knowledge: Knowledge | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self._knowledge = knowledge

    @property
    def knowledge(self) -> Knowledge:
        if self._knowledge is None:
            from rules.knowledge import load

            self._knowledge = load()
        return self._knowledge

    def compose(self) -> ComposeResult:
        if self.state is None:
            return
        from coach.describe import topic_name
        from coach.phrasing import load_phrasing
        from rules.wording import needs_text

        plan, asking = self.state.plan, self.state.asking
        if plan is not None and plan.referral is not None:
            yield from self._referral(plan)
            if plan.referral.urgency != "clearance":
                return
        if plan is None:
            waiting = (LINES("not_yet_asking", topic=topic_name(asking)) if asking
                       else LINES("not_yet"))
            yield Static(waiting, classes="empty")
        yield from self._ladder(plan)
        if plan is None:
            return
        k = self.knowledge
        if plan.focus:
            yield Static(load_phrasing().plan("focus_on"), classes="subtitle")
            for cue in plan.focus:
                yield Item("\u2022", k.cues[cue].name, classes="cue")
        if plan.watch_for:
            yield Static(load_phrasing().plan("watch_for"), classes="subtitle")
            for fault in plan.watch_for:
                yield Item("\u2022", k.mistakes[fault].name, classes="watch")
        if plan.unlock:
            step = k.step(plan.unlock)
            yield Static(
                Content(LINES("next_unlock", step=step.name, needs=needs_text(step.needs))),
                classes="unlock",
            )

    def _ladder(self, plan: Plan | None) -> ComposeResult:
        start = self.knowledge.step_index(plan.start) if plan and plan.start else None
        for index, step in enumerate(self.knowledge.steps):
            if start is None:
                where, mark = "-ahead", " "
            elif index < start:
                where, mark = "-before", "\u2713"
            elif index == start:
                where, mark = "-start", "\u25b6"
            else:
                where, mark = "-ahead", " "
            name = step.name
            if plan is not None and step.id == plan.unlock:
                name = LINES("needs_kit", step=name)
            yield Item(f"{mark} {index + 1}", name, id=f"step-{step.id}", classes=f"step {where}")

    def _referral(self, plan: Plan) -> ComposeResult:
        assert plan.referral is not None
        urgency = plan.referral.urgency
        words = self.knowledge.referral[urgency]
        reasons = [self.knowledge.sign_name(r) for r in plan.referral.reasons]
        with Vertical(classes=f"referral -{urgency}") as box:
            box.border_title = f"\u26a0 {words.title}"
            yield Static(Content(words.advice), classes="advice")
            yield Static(self.knowledge.referral_words["because"], classes="subtitle")
            for reason in reasons:
                yield Item("\u2022", reason, classes="reason")
            yield Static(
                words.now if urgency == "clearance"
                else self.knowledge.referral_words["no_plan"],
                classes="after",
            )
