"""The demo's certificates (`kembang demo`): BKPSDM's signatory and one completed
mentoring program — two validated sessions last-but-one month, closed by the mentor, the
mentor's closing assessment — so `kembang sertifikat` has something due."""

from datetime import date, timedelta

from django.db import transaction

from kembang.certificates.models import Capacity, CertificateSettings
from kembang.common.errors import DomainError
from kembang.learning.models import ActivityType
from kembang.learning.profiles import profile_on
from kembang.learning.services import evaluations, programs, sessions
from kembang.organisation.dates import regency_today


def certificates_demo(*, regency, coach_user, participant_user, hr_user, start: date) -> bool:
    CertificateSettings.objects.get_or_create(regency=regency, defaults={
        "place": regency.name, "signatory_name": "Dra. Siti Rahayu, M.Si.",
        "signatory_nip": "197001011995032001",
        "signatory_title": f"Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia "
                           f"{regency}", "signatory_capacity": Capacity.HEAD})
    today = regency_today(regency)
    profile = profile_on(regency, start)
    if not profile.regulates(ActivityType.MENTORING):
        return False
    try:
        with transaction.atomic():
            mentoring = programs.mentoring_request(
                actor=participant_user, mentor=coach_user.employee, start_date=start,
                end_date=start + timedelta(days=27),
                development_need="Penyusunan laporan kinerja triwulan",
                job_link="Laporan kinerja unit", planned_activities="Diskusi dan praktik",
                goal="Laporan kinerja tepat waktu",
                guidance_need="Bimbingan menyusun laporan kinerja")
            programs.mentoring_answer(actor=coach_user, program=mentoring, accept=True)
            for day, topic in ((9, "Kerangka laporan kinerja"), (16, "Indikator dan capaian")):
                logged = sessions.session_log(
                    actor=participant_user, program=mentoring, submit=True,
                    data={"date": start.replace(day=day), "topic": topic, "mode": "luring",
                          "scope": "nasional", "form_a": "Laporan kinerja",
                          "form_b": "Tugas pokok unit", "form_c": topic}).session
                sessions.session_validate(actor=hr_user, session=sessions.session_confirm(
                    actor=coach_user, session=logged))
            programs.program_close(actor=coach_user, program=mentoring)
            form = evaluations.form_for(mentoring, evaluations.MENTOR_FORM)
            if form is not None:
                mentoring.refresh_from_db()
                evaluations.mentor_assessment_submit(
                    actor=coach_user, program=mentoring, score=form.scale[0].value,
                    explanation="Menyelesaikan seluruh kegiatan pendampingan dengan baik.")
    except DomainError:
        return False
    return today.year >= start.year
