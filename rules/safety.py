"""Red-flag screening: warning signs stop all loading advice and refer to a clinician.

Basis: the usual clinical red-flag lists for low back pain (cauda equina signs first) and
PAR-Q+ style pre-exercise screening, as fixed by the contract's starting-step policy, clause 1.
The coach never diagnoses; it names what was reported and refers.
"""

from __future__ import annotations

from rules import vocabulary as v
from rules._experta import AS, MATCH, NOT, OR, P, Rule
from rules.conclusions import Alarm, ForceStick, PainReported, Referral, Unsure
from rules.facts import RedFlag, Symptom
from rules.tracing import Stratum, TracingEngine
from rules.wording import red_flag_names


class SafetyRules(TracingEngine):
    @Rule(
        AS.symptom << Symptom(present=True, severity=P(lambda s: s is not None and s >= 8)),
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
        # The contract fixes each sign's urgency: cauda equina and cardiac signs are urgent.
        urgency = "emergency" if kind in v.EMERGENCY_RED_FLAGS else "soon"
        self.conclude(
            Alarm(kind=kind, urgency=urgency),
            f"red_flag_{urgency}",
            flag,
            flag=self.knowledge.red_flags[kind].capitalize(),
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

    def _refer(self, urgency: str) -> None:
        # One referral naming every alarm, so the person reads one clear instruction.
        alarms = sorted(self.facts_of(Alarm), key=lambda a: v.RED_FLAG_KINDS.index(a["kind"]))
        self.conclude(
            Referral(urgency=urgency),
            f"refer_{urgency}",
            *alarms,
            flags=red_flag_names(self.knowledge, (a["kind"] for a in alarms)),
        )

    @Rule(
        AS.unsure << Unsure(topic="red_flags"),
        PainReported(),
        NOT(RedFlag(kind=None, present=False)),
        salience=Stratum.BLOCK,
    )
    def red_flags_unconfirmed(self, unsure: Unsure) -> None:
        self.conclude(ForceStick(reason="red_flags_unconfirmed"), "red_flags_unconfirmed", unsure)
