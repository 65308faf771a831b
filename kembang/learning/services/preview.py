"""What a session typed in the form would earn, said before it is saved
(docs/jp-rules.md#official-and-provisional-jp, docs/jp-rules.md#reason-codes): its JP, or 0
JP with the ledger's reason (the month's cap of the activity already reached, less than one
JP of self-study, the day's cap already used), computed by the same ledger over the
participant's sessions with this one added. Nothing is stored."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from kembang.learning.errors import RuleRefusal
from kembang.learning.ledger import participant_preview
from kembang.learning.models import ActivityType, Program, Scope, Session
from kembang.learning.profiles import profile_on
from kembang.learning.services.sessions import check_session_date
from kembang.policy.ledger import LedgerInputError
from kembang.policy.reasons import Reason

MAX_MINUTES = 24 * 60


@dataclass(frozen=True)
class JpPreview:
    """The ledger's judgement of the typed session, or the rule that would refuse it.

    `jp` is None when `refusal` says why the session cannot be saved as typed;
    `booked_month` is the first of the month its JP is booked in when its own month is
    locked (docs/locked-months.md#corrections)."""

    jp: Decimal | None = None
    reasons: tuple[Reason, ...] = ()
    booked_month: date | None = None
    refusal: str = ""

    @property
    def earns_nothing(self) -> bool:
        return self.jp is not None and self.jp == 0


def session_jp_preview(*, program: Program, data: dict,
                       session: Session | None = None) -> JpPreview | None:
    """What the session of `program` with `data` (the form's ``date``, ``scope`` and, for
    self-study, ``minutes``) would earn once submitted; `session` is the one being
    corrected, judged in its own place. None while the date — or a self-study session's
    minutes — is not filled in (or not valid): there is nothing to say yet.

    A date the service would refuse (in the future, outside the program, before the
    participant's appointment, under a profile that does not regulate the activity)
    gives that refusal instead of JP."""
    day = data.get("date")
    if not isinstance(day, date):
        return None
    scope = data.get("scope") or Scope.NASIONAL
    if scope not in Scope.values:
        return None
    minutes = None
    if program.activity == ActivityType.SELF_STUDY:
        minutes = data.get("minutes")
        if not isinstance(minutes, int) or not 0 < minutes <= MAX_MINUTES:
            return None
    try:
        check_session_date(program=program, day=day)
    except RuleRefusal as error:
        return JpPreview(refusal=error.message)
    if not profile_on(program.regency, day).regulates(program.activity):
        return JpPreview(refusal=_("Profil yang berlaku pada tanggal itu tidak mengatur "
                                   "kegiatan ini."))
    try:
        row = participant_preview(
            participant=program.participant, regency=program.regency,
            activity=program.activity, day=day, scope=str(scope), minutes=minutes,
            replacing=session)
    except LedgerInputError:
        return None
    if row is None:
        return None
    booked = date(*row.correction_month, 1) if row.correction_month else None
    return JpPreview(jp=row.jp, reasons=tuple(row.reasons), booked_month=booked)
