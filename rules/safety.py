"""Screening: warning signs stop all loading advice and refer to a clinician.

Basis: the usual clinical red-flag lists for low back pain (cauda equina signs first) and
PAR-Q+ style pre-exercise screening, as fixed by the contract's starting-step policy, clause 1,
and its "Screening" section. The coach never diagnoses; it names what was reported and refers.
What the words only hint at is never acted on here: it is a ``Suspected`` fact, and the
interview asks about it (``rules.interview``).
"""

from __future__ import annotations

from rules import vocabulary as v
from rules._experta import AS, MATCH, NOT, OR, P, Rule
from rules.conclusions import Alarm, ForceStick, PainReported, Referral, Unanswered
from rules.facts import Condition, RedFlag, Symptom
from rules.tracing import Stratum, TracingEngine
from rules.wording import sign_names


def _severe(severity: float | None) -> bool:
    return severity is not None and severity >= v.SEVERE_PAIN_FROM


SIGN_ORDER = v.RED_FLAG_KINDS + v.CONDITION_KINDS


def refers_to(referral: str, alarm: str) -> bool:
    """Whether a referral of this urgency names an alarm of that one."""
    return (alarm == "clearance") == (referral == "clearance")


class SafetyRules(TracingEngine):
    # The one place severe_pain is derived, so a corrected rating lifts it (contract).
    @Rule(
        AS.symptom << Symptom(present=True, severity=P(_severe)),
        salience=Stratum.NORMALISE,
    )
    def severe_pain_is_red_flag(self, symptom: Symptom) -> None:
        severity = symptom["severity"]
        shown = int(severity) if float(severity).is_integer() else severity
        self.conclude(
            RedFlag(kind="severe_pain", present=True),
            "severe_pain_is_red_flag",
            symptom,
            severity=shown,
        )

    @Rule(
        OR(
            AS.symptom << Symptom(present=True, quality="pain"),
            AS.symptom << Symptom(present=True, area="low_back"),
        ),
        salience=Stratum.NORMALISE,
    )
    def pain_reported(self, symptom: Symptom) -> None:
        self.conclude(PainReported(), "pain_reported", symptom)

    @Rule(AS.flag << RedFlag(kind=MATCH.kind, present=True), salience=Stratum.ALARM)
    def red_flag(self, flag: RedFlag, kind: str) -> None:
        # Each sign's urgency is in safety.toml (checked against the contract at load).
        urgency = self.knowledge.sign_urgency[kind]
        self.conclude(
            Alarm(kind=kind, urgency=urgency),
            f"red_flag_{urgency}",
            flag,
            flag=self.knowledge.red_flags[kind].capitalize(),
        )

    @Rule(AS.condition << Condition(kind=MATCH.kind, present=True), salience=Stratum.ALARM)
    def condition_needs_clearance(self, condition: Condition, kind: str) -> None:
        self.conclude(
            Alarm(kind=kind, urgency="clearance"),
            "condition_needs_clearance",
            condition,
            condition=self.knowledge.conditions[kind],
        )

    @Rule(AS.unanswered << Unanswered(kind=MATCH.kind), salience=Stratum.ALARM)
    def unanswered_needs_clearance(self, unanswered: Unanswered, kind: str) -> None:
        # Someone who will not say whether they have a sign is told to see a clinician
        # before load: silence never closes a screening (contract, "Screening").
        self.conclude(
            Alarm(kind=kind, urgency="clearance"),
            "unanswered_needs_clearance",
            unanswered,
            sign=self.knowledge.sign_name(kind),
        )

    @Rule(Alarm(urgency="emergency"), NOT(Referral()), salience=Stratum.REFER)
    def refer_emergency(self) -> None:
        self._refer("emergency")

    @Rule(
        Alarm(urgency="soon"),
        NOT(Alarm(urgency="emergency")),
        NOT(Referral()),
        salience=Stratum.REFER,
    )
    def refer_soon(self) -> None:
        self._refer("soon")

    @Rule(
        Alarm(urgency="clearance"),
        NOT(Alarm(urgency="emergency")),
        NOT(Alarm(urgency="soon")),
        NOT(Referral()),
        salience=Stratum.REFER,
    )
    def refer_clearance(self) -> None:
        self._refer("clearance")

    def _refer(self, urgency: str) -> None:
        # One referral naming every warning sign (or, for clearance, every condition and
        # unanswered sign), so the person reads one instruction.
        alarms = sorted(
            (a for a in self.facts_of(Alarm) if refers_to(urgency, a["urgency"])),
            key=lambda a: SIGN_ORDER.index(a["kind"]),
        )
        self.conclude(
            Referral(urgency=urgency),
            f"refer_{urgency}",
            *alarms,
            flags=sign_names(self.knowledge, (a["kind"] for a in alarms)),
            act=self.knowledge.referral[urgency].act,
        )

    @Rule(AS.referral << Referral(urgency="clearance"), salience=Stratum.BLOCK)
    def clearance_to_stick(self, referral: Referral) -> None:
        # The stick hinge carries no load, so it is still taught while clearance is awaited.
        self.conclude(ForceStick(reason="clearance"), "clearance_to_stick", referral)
