"""The whole rule base as one experta engine."""

from __future__ import annotations

from rules.checkin import CheckInRules
from rules.focus import FocusRules
from rules.interview import InterviewRules
from rules.progression import ProgressionRules
from rules.safety import SafetyRules
from rules.standing import StandingKnowledge


class HingeEngine(
    StandingKnowledge, SafetyRules, InterviewRules, ProgressionRules, CheckInRules, FocusRules
):
    """Safety, interview, starting step, check-in and focus rules over one working memory,
    with the trainer's standing knowledge declared in it at every reset.

    One engine per session, used from one thread: experta's working memory is not
    thread-safe.
    """
