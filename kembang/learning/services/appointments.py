"""The head of unit appoints coaches and mentors, internal or external to the unit, where
the profile says so (Nganjuk, Diktum KEEMPAT)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kembang.audit.services import audit_record
from kembang.learning.errors import RuleRefusal, TransitionRefused
from kembang.learning.models import ActivityType, Appointment
from kembang.learning.services.notify import notify, user_of
from kembang.organisation.access import scope_for


def heads_unit(user, unit) -> bool:
    scope = scope_for(user)
    return scope.whole_regency or scope.heads(unit.path)


@transaction.atomic
def appointment_create(*, actor, unit, appointee, activity: str) -> Appointment:
    if not heads_unit(actor, unit):
        raise TransitionRefused(_("Penunjukan dilakukan oleh Kepala Perangkat Daerah unit itu."))
    if activity not in (ActivityType.COACHING, ActivityType.MENTORING):
        raise RuleRefusal(_("Pilih coach atau mentor."), code="activity_invalid", field="activity")
    if appointee.regency_id != unit.regency_id or not appointee.is_active:
        raise RuleRefusal(_("Pegawai tidak ditemukan."), code="appointee_not_found",
                          field="appointee")
    existing = Appointment.objects.filter(unit=unit, appointee=appointee, activity=activity,
                                          revoked_at__isnull=True).first()
    if existing:
        return existing
    appointment = Appointment.objects.create(regency=unit.regency, unit=unit,
                                             appointee=appointee, activity=activity,
                                             appointed_by=actor)
    audit_record(actor=actor, regency=unit.regency, action="appointment.create",
                 obj=appointment, changes={"unit": [None, unit], "appointee": [None, appointee],
                                           "activity": [None, activity]})
    notify(user_of(appointee), _("Anda ditunjuk sebagai %(role)s untuk %(unit)s.")
           % {"role": "coach" if activity == ActivityType.COACHING else "mentor", "unit": unit})
    return appointment


@transaction.atomic
def appointment_revoke(*, actor, appointment: Appointment, reason: str = "") -> None:
    """Ends the appointment for new programs; running programs keep their coach (SPEC
    §10.9: later changes do not cut a running program)."""
    if not heads_unit(actor, appointment.unit):
        raise TransitionRefused(_("Penunjukan dicabut oleh Kepala Perangkat Daerah unit itu."))
    if appointment.revoked_at:
        return
    appointment.revoked_at = timezone.now()
    appointment.save(update_fields=["revoked_at", "updated_at"])
    audit_record(actor=actor, regency=appointment.regency, action="appointment.revoke",
                 obj=appointment, reason=reason)
