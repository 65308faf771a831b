"""The head of unit appoints coaches and mentors, internal or external to the unit, where
the profile says so (Nganjuk, Diktum KEEMPAT), by a letter whose number and date are
recorded. BKPSDM appoints only where the profile's data adds it (`bkpsdm_may_appoint`)."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kembang.audit.services import audit_record
from kembang.learning.errors import RuleRefusal, TransitionRefused
from kembang.learning.models import ActivityType, Appointment
from kembang.learning.profiles import profile_on
from kembang.learning.services.notify import notify, user_of
from kembang.organisation.access import scope_for
from kembang.organisation.dates import regency_today
from kembang.policy import profiles as P


def _profile(regency):
    return profile_on(regency, regency_today(regency))


def profile_appoints(profile) -> bool:
    """Does the profile have the head of unit appoint coaches or mentors (Nganjuk Diktum
    KEEMPAT)? Then the appointment letter's number and date are required."""
    return P.APPOINTED_BY_HEAD_OF_UNIT in (profile.coach.value, profile.mentor.value)


def bkpsdm_appoints(profile) -> bool:
    """May BKPSDM (the regency-wide administrator) appoint under this profile? Only where
    its data adds it (`Profile.bkpsdm_may_appoint`; False in the built-in `nganjuk`,
    whose Diktum KEEMPAT names only the Kepala Perangkat Daerah)."""
    return bool(profile.bkpsdm_may_appoint.value)


def heads_unit(user, unit) -> bool:
    """May `user` appoint for `unit` today: its head (Kepala Perangkat Daerah) or the head
    of a unit above it; BKPSDM only where the profile in force today adds it."""
    scope = scope_for(user)
    if scope.heads(unit.path):
        return True
    return scope.whole_regency and bkpsdm_appoints(_profile(unit.regency))


@transaction.atomic
def appointment_create(*, actor, unit, appointee, activity: str, letter_number: str = "",
                       letter_date: date | None = None) -> Appointment:
    """The head of `unit` appoints `appointee` (of any unit of the regency: internal or
    external, Diktum KEEMPAT) as coach or mentor for the unit's employees. Under a
    profile that appoints, the letter's number and date are required; the date is not
    after the regency's today. An active appointment of the same person, unit and role
    is returned unchanged. Audited; the appointee is told."""
    if not heads_unit(actor, unit):
        raise TransitionRefused(_("Penunjukan dilakukan oleh Kepala Perangkat Daerah unit itu."))
    if activity not in (ActivityType.COACHING, ActivityType.MENTORING):
        raise RuleRefusal(_("Pilih coach atau mentor."), code="activity_invalid", field="activity")
    if appointee.regency_id != unit.regency_id or not appointee.is_active:
        raise RuleRefusal(_("Pegawai tidak ditemukan."), code="appointee_not_found",
                          field="appointee")
    profile = _profile(unit.regency)
    letter_number = letter_number.strip()
    if profile_appoints(profile):
        clause = f"{profile.name}, {profile.coach.clause}"
        if not letter_number:
            raise RuleRefusal(_("Tuliskan nomor surat penunjukan (%(clause)s).")
                              % {"clause": clause}, code="letter_number_required",
                              field="letter_number")
        if letter_date is None:
            raise RuleRefusal(_("Tuliskan tanggal surat penunjukan (%(clause)s).")
                              % {"clause": clause}, code="letter_date_required",
                              field="letter_date")
    if letter_date is not None and letter_date > regency_today(unit.regency):
        raise RuleRefusal(_("Tanggal surat penunjukan tidak boleh setelah hari ini."),
                          code="letter_date_in_future", field="letter_date")
    existing = Appointment.objects.filter(unit=unit, appointee=appointee, activity=activity,
                                          revoked_at__isnull=True).first()
    if existing:
        return existing
    appointment = Appointment.objects.create(regency=unit.regency, unit=unit,
                                             appointee=appointee, activity=activity,
                                             appointed_by=actor, letter_number=letter_number,
                                             letter_date=letter_date)
    audit_record(actor=actor, regency=unit.regency, action="appointment.create",
                 obj=appointment, changes={
                     "unit": [None, unit], "appointee": [None, appointee],
                     "activity": [None, activity], "letter_number": [None, letter_number],
                     "letter_date": [None, letter_date.isoformat() if letter_date else None]})
    notify(user_of(appointee), gettext_lazy("Anda ditunjuk sebagai %(role)s untuk %(unit)s."),
           params={"role": "coach" if activity == ActivityType.COACHING else "mentor",
                   "unit": unit})
    return appointment


@transaction.atomic
def appointment_revoke(*, actor, appointment: Appointment, reason: str = "") -> None:
    """Ends the appointment for new programs; running programs keep their coach
    (docs/jp-rules.md#who-may-coach-and-mentor: later changes do not cut a running
    program)."""
    if not heads_unit(actor, appointment.unit):
        raise TransitionRefused(_("Penunjukan dicabut oleh Kepala Perangkat Daerah unit itu."))
    if appointment.revoked_at:
        return
    appointment.revoked_at = timezone.now()
    appointment.save(update_fields=["revoked_at", "updated_at"])
    audit_record(actor=actor, regency=appointment.regency, action="appointment.revoke",
                 obj=appointment, reason=reason)
