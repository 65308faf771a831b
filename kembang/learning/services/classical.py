"""Classical training HR records so the 20 JP picture is complete (issue 4 §7)."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kembang.audit.services import audit_record
from kembang.learning.errors import RuleRefusal, TransitionRefused
from kembang.learning.models import ClassicalTraining
from kembang.organisation.dates import regency_today
from kembang.policy.routes import ROUTES_BY_CODE, suggested_jp


@transaction.atomic
def classical_record(*, actor, employee, route: str, title: str, start_date: date,
                     end_date: date, jp: Decimal | None, scope: str = "nasional",
                     organiser: str = "", certificate_number: str = "") -> ClassicalTraining:
    """Record one classical activity. Without JP, a per-day route (seminar, workshop,
    sosialisasi) gets its conversion by the days it lasted; other routes need the JP from
    the certificate."""
    if route not in ROUTES_BY_CODE:
        raise RuleRefusal(_("Jalur tidak dikenal."), code="route_unknown", field="route")
    if end_date < start_date:
        raise RuleRefusal(_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
                          code="dates", field="end_date")
    if start_date > regency_today(employee.regency):
        raise RuleRefusal(_("Kegiatan yang belum terjadi tidak dapat dicatat."),
                          code="date_future", field="start_date")
    if jp is None:
        jp = suggested_jp(route, days=(end_date - start_date).days + 1,
                          international=scope == "internasional")
        if jp is None:
            raise RuleRefusal(_("Isi JP sesuai sertifikat atau jadwal (1 JP = 45 menit)."),
                              code="jp_required", field="jp")
    if jp < 0:
        raise RuleRefusal(_("JP tidak boleh negatif."), code="jp_negative", field="jp")
    number = certificate_number.strip()
    if number and ClassicalTraining.objects.filter(
            regency=employee.regency, certificate_number=number,
            cancelled_at__isnull=True).exists():
        raise RuleRefusal(_("Nomor sertifikat %(n)s sudah tercatat.") % {"n": number},
                          code="certificate_duplicate", field="certificate_number")
    training = ClassicalTraining.objects.create(
        regency=employee.regency, employee=employee, route=route, title=title.strip(),
        organiser=organiser.strip(), start_date=start_date, end_date=end_date, scope=scope,
        jp=jp, certificate_number=number, recorded_by=actor)
    audit_record(actor=actor, regency=employee.regency, action="classical.record",
                 obj=training, changes={"jp": [None, jp], "route": [None, route],
                                        "certificate_number": [None, number]})
    return training


@transaction.atomic
def classical_cancel(*, actor, training: ClassicalTraining, reason: str) -> None:
    if training.cancelled_at:
        raise TransitionRefused(_("Sudah dibatalkan."))
    if not reason.strip():
        raise RuleRefusal(_("Tuliskan alasan pembatalan."), code="reason_required",
                          field="reason")
    training.cancelled_at = timezone.now()
    training.cancel_reason = reason.strip()
    training.save()
    audit_record(actor=actor, regency=training.regency, action="classical.cancel",
                 obj=training, reason=reason)
