"""The Textual app: the interview in a chat window, with where you stand beside it.

``run_app()`` is what ``hinge-coach`` with no command runs.
"""

from coach.app.app import HingeCoachApp, run_app

__all__ = ["HingeCoachApp", "run_app"]
