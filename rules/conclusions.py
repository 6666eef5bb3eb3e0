"""Facts the rules conclude; the person never states these directly.

Kept apart from ``rules.facts`` so that the line between what we were told and what we
inferred is visible in the types: explanations stop at told facts and walk through these.
"""

from __future__ import annotations

from rules._experta import Fact


class Unsure(Fact):
    """The person answered a topic with "not sure"; told, not inferred, but not a contract fact."""


class Answered(Fact):
    """A topic has an answer (``how``: told or unsure), so it is never asked again."""


class PainReported(Fact):
    """Some pain was reported, so red flags must be screened before any plan."""


class Alarm(Fact):
    """A present red flag with its urgency (emergency or soon)."""


class Referral(Fact):
    """Refer to a clinician; no loaded progression."""


class Level(Fact):
    """The lifting-history level the plan uses (told, from years, or assumed)."""


class Mastered(Fact):
    """Whether the stick hinge is mastered (``value``), as the plan uses it."""


class ForceStick(Fact):
    """Something sends the person to the stick hinge whatever their history."""


class SkipBlocked(Fact):
    """Something forbids skipping steps."""


class Target(Fact):
    """The ideal starting step (``index`` into the ladder) before checking equipment."""


class Kit(Fact):
    """What equipment the person has: ``weights`` (kettlebells plus dumbbells), ``trap_bar``."""


class Start(Fact):
    """The starting step of the plan."""


class Unlock(Fact):
    """What equipment would unlock the step above the start."""


class Focus(Fact):
    """A cue to focus on."""


class WatchFor(Fact):
    """A fault to watch for."""


class Note(Fact):
    """A remark the plan makes (e.g. the barbell route)."""


class Need(Fact):
    """A topic the plan still needs; the interview asks the first one."""


class OnStep(Fact):
    """A returning person's step from their last plan (from the profile, not from what they
    said this time)."""


class Decision(Fact):
    """What a check-in decided about the step: move_up, stay or step_back."""


# --- screening: what the person may have, and what is still to be settled ------------------
class Suspected(Fact):
    """The words may point to a warning sign or condition (``type``, ``kind``; kind None when
    it is unclear which): never acted on, never taken as denied, asked about with a yes/no."""


class Retracting(Fact):
    """The person took back a sign they had reported (``type``, ``kind``): it stands until
    they confirm with a yes to "Just to be sure: you don't have X?"."""


class NoPractice(Fact):
    """A returning person has not practised since last time (``why``: same_day or told):
    a check-in moves nothing (contract clause 8)."""


class Reopened(Fact):
    """A fact of ``topic`` was told along the way, before its question was asked: the
    question stays open ("anything else besides toes lifting?")."""


class Closed(Fact):
    """The person answered ``topic``'s own question; a reopened topic is answered again."""


class Screen(Fact):
    """A screening ``topic`` is asked one sign at a time: its list got no plain answer."""


class Unanswered(Fact):
    """A sign (``type``, ``kind``) the person would not answer plainly: no load without a
    clinician's word."""


class SignToAsk(Fact):
    """Standing knowledge: a sign the screening ``topic`` asks about, one at a time."""
