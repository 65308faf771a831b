"""The session and program life cycles as data (docs/life-cycle.md).

Each step names the action (the stable code in the audit record, `session.<action>` and
`program.<action>`), the states it may leave, the state it reaches, and its Indonesian
words: what the history says the actor did, the button that starts it, and the message
after it. The services refuse a step from any other state; the action buttons, the
session history and the audit page read their labels here — so a new state or step
touches this table, a migration and the labels, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kembang.learning.models import Program, Session

S = Session.Status
PS = Program.Status


@dataclass(frozen=True)
class Step:
    action: str
    sources: frozenset[str]
    target: str
    did: Promise            # the history's verb: "<actor> mengajukan sesi"
    button: Promise | None = None
    done: Promise | None = None

    def allows(self, status: str) -> bool:
        return status in self.sources


def _steps(*steps: Step) -> dict[str, Step]:
    return {step.action: step for step in steps}


# A new session is logged as a draft, straight to submitted, or — logged by the guide on
# the participant's behalf — waiting for the participant's agreement.
NEW = frozenset({""})
NOT_VALIDATED = frozenset({S.DRAFT, S.SUBMITTED, S.AWAITING_ACK, S.CONFIRMED, S.RETURNED})

SESSION_STEPS = _steps(
    Step("log", NEW, S.DRAFT, _("mencatat sesi")),
    Step("log_submit", NEW, S.SUBMITTED, _("mencatat dan mengajukan sesi")),
    Step("log_on_behalf", NEW, S.AWAITING_ACK, _("mencatat sesi atas nama peserta")),
    Step("submit", frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED,
         _("mengajukan sesi untuk diparaf"), _("Ajukan untuk diparaf"),
         _("Sesi diajukan untuk diparaf.")),
    Step("acknowledge", frozenset({S.AWAITING_ACK}), S.CONFIRMED,
         _("menyetujui sesi yang dicatat pembimbing"), _("Setujui catatan ini"), _("Sesi disetujui.")),
    Step("confirm", frozenset({S.SUBMITTED}), S.CONFIRMED, _("memaraf sesi"), _("Paraf"),
         _("Sesi diparaf.")),
    Step("validate", frozenset({S.CONFIRMED}), S.VALIDATED, _("memvalidasi sesi"),
         _("Validasi"), _("Sesi divalidasi.")),
    Step("return", frozenset({S.SUBMITTED, S.AWAITING_ACK, S.CONFIRMED}), S.RETURNED,
         _("mengembalikan sesi"), _("Kembalikan"), _("Sesi dikembalikan.")),
    Step("cancel", NOT_VALIDATED | {S.VALIDATED}, S.CANCELLED, _("membatalkan sesi"),
         _("Batalkan"), _("Sesi dibatalkan.")),
)

WAITING = frozenset({PS.PROPOSED, PS.REQUESTED})

PROGRAM_STEPS = _steps(
    Step("proposed", NEW, PS.PROPOSED, _("mengajak memulai pembimbingan")),
    Step("requested", NEW, PS.REQUESTED, _("meminta pembimbingan atau pendampingan")),
    Step("active", NEW, PS.ACTIVE, _("menginstruksikan belajar mandiri")),
    Step("agree", frozenset({PS.PROPOSED}), PS.ACTIVE, _("menyetujui pembimbingan"),
         _("Setuju dan mulai")),
    Step("decline", WAITING, PS.DECLINED, _("menolak"), _("Tolak")),
    Step("accept", frozenset({PS.REQUESTED}), PS.ACTIVE, _("menerima permohonan"),
         _("Terima")),
    Step("withdraw", WAITING, PS.CANCELLED, _("menarik permohonan"), _("Tarik")),
    Step("close", frozenset({PS.ACTIVE}), PS.CLOSED, _("menutup program"), _("Tutup program")),
)


def session_step_between(from_status: str, to_status: str) -> Step | None:
    """The step that moved a session from one state to the other: each pair has one."""
    for step in SESSION_STEPS.values():
        if step.target == to_status and step.allows(from_status or ""):
            return step
    return None


def session_log_step(status: str) -> Step:
    """How a new session entered the life cycle, by the state it was created in."""
    return session_step_between("", status)
