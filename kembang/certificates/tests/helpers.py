"""Programs and sessions written directly (the workflow has its own tests): a completed
program with validated sessions on chosen dates, and the regency's signatory."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from kembang.certificates.models import CertificateSettings
from kembang.learning.models import ActivityType, MentorAssessment, Program, Session


def signatory(regency, **extra):
    return CertificateSettings.objects.update_or_create(regency=regency, defaults={
        "signatory_name": "Dra. Siti Rahayu, M.Si.", "signatory_nip": "197001011995032001",
        "signatory_title": "Kepala BKPSDM", "place": "Nganjuk", **extra})[0]


def completed_mentoring(p, days: list[date], *, jp=Decimal("4"), participant=None,
                        assessed=True, closed=True) -> Program:
    participant = participant or p.participant
    program = Program.objects.create(
        regency=p.regency, activity=ActivityType.MENTORING, participant=participant,
        guide=p.coach, status=Program.Status.CLOSED if closed else Program.Status.ACTIVE,
        development_need="Penyusunan laporan kinerja", start_date=min(days),
        end_date=max(days), profile_id=p.regency.profile_id, started_by=p.participant_user,
        closed_at=timezone.now() if closed else None)
    Session.objects.bulk_create([Session(
        regency=p.regency, program=program, participant=participant,
        activity=ActivityType.MENTORING, unit=participant.unit, date=day, topic="Laporan",
        status=Session.Status.VALIDATED, logged_by=p.participant_user, jp=jp,
        jp_provisional=jp, counted=True) for day in days])
    if assessed:
        MentorAssessment.objects.create(regency=p.regency, program=program, mentor=p.coach,
                                        form_code="mentor_assessment", score=4,
                                        label="Sangat Mampu", explanation="Baik")
    return program


def certificate_for(p):
    """One issued certificate of `p.participant` (certificates switched on)."""
    from kembang.certificates import services
    from kembang.certificates.selectors import due_certificates
    from kembang.common.tests.clock import this_month

    signatory(p.regency, enabled=True, legal_basis="Peraturan daerah uji")
    program = completed_mentoring(p, [this_month(-2)])
    due = [d for d in due_certificates(p.regency, this_month(-2).year)
           if d.program.pk == program.pk]
    return services.issue(p.regency, due, actor=None)[0]


def batch_for(p, admin):
    from kembang.certificates import services
    from kembang.certificates.tasks import run_batch
    from kembang.common.tests.clock import this_month

    batch = services.batch_approve(p.regency, actor=admin, year=this_month(-2).year)
    return run_batch(batch.pk)


def due_program_for(p):
    """(year, program) of a completed program of `p.participant` due and not issued yet
    (certificates switched on, a signatory configured)."""
    from kembang.common.tests.clock import this_month

    signatory(p.regency, enabled=True, legal_basis="Peraturan daerah uji")
    day = this_month(-2)
    return day.year, completed_mentoring(p, [day])
