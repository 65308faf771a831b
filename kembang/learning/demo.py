"""Demo activity for `kembang demo`: a few programs and sessions through the real services,
so the demo regency opens on filled queues (to initial, to validate, my JP with a capped
session). Idempotent: nothing happens when the demo participant already has a program."""

from datetime import date, timedelta

from kembang.learning.models import ActivityType, Program
from kembang.learning.profiles import profile_on
from kembang.learning.services import appointments, programs, sessions
from kembang.organisation.dates import regency_today
from kembang.policy import profiles as P


def _month_start(day: date, back: int) -> date:
    year, month = day.year, day.month - back
    while month < 1:
        year, month = year - 1, month + 12
    return date(year, month, 1)


def learning_demo(*, regency, head_user, coach_user, participant_user, hr_user) -> bool:
    """Returns True when activity was created."""
    participant = participant_user.employee
    if Program.objects.filter(participant=participant).exists():
        return False
    today = regency_today(regency)
    profile = profile_on(regency, today)
    start = _month_start(today, 2)
    last_month = _month_start(today, 1)
    if profile.coach.value == P.APPOINTED_BY_HEAD_OF_UNIT:
        for activity in (ActivityType.COACHING, ActivityType.MENTORING):
            appointments.appointment_create(
                actor=head_user, unit=participant.unit, appointee=coach_user.employee,
                activity=activity, letter_number=f"800/{activity[:1].upper()}1/411.013/{today.year}",
                letter_date=last_month)
    coaching = programs.coaching_propose(
        actor=coach_user, participant=participant, start_date=start,
        end_date=today + timedelta(days=60),
        development_need="Menyusun telaahan staf yang ringkas dan berbasis data",
        job_link="Telaahan staf untuk pimpinan setiap bulan",
        planned_activities="Diskusi draf, umpan balik, perbaikan bersama",
        goal="Telaahan staf selesai tepat waktu", mode="luring",
        performance_problem="Telaahan staf sering terlambat dan perlu banyak revisi")
    programs.program_agree(actor=participant_user, program=coaching)

    def log(day: int, topic: str):
        return sessions.session_log(
            actor=participant_user, program=coaching, submit=True,
            data={"date": last_month.replace(day=day), "topic": topic, "mode": "luring",
                  "scope": "nasional"}).session

    first = sessions.session_confirm(actor=coach_user, session=log(6, "Struktur telaahan staf"))
    second = sessions.session_confirm(actor=coach_user, session=log(13, "Analisis data pendukung"))
    third = sessions.session_confirm(actor=coach_user, session=log(20, "Rekomendasi dan risiko"))
    for session in (first, second, third):
        sessions.session_validate(actor=hr_user, session=session)
    if today.day > 2:
        # One session waits for HR's validation, one for the coach's initials.
        waiting = sessions.session_log(
            actor=participant_user, program=coaching, submit=True,
            data={"date": today.replace(day=1), "topic": "Rencana telaahan bulan ini",
                  "mode": "luring", "scope": "nasional"}).session
        sessions.session_confirm(actor=coach_user, session=waiting)
        sessions.session_log(
            actor=participant_user, program=coaching, submit=True,
            data={"date": today.replace(day=2), "topic": "Review draf bulan ini",
                  "mode": "daring", "scope": "nasional"})
    supervisor_user = getattr(participant.supervisor, "user", None)
    if profile.regulates(ActivityType.SELF_STUDY) and supervisor_user is not None:
        study = programs.self_study_instruct(
            actor=supervisor_user, participant=participant, start_date=start,
            end_date=today + timedelta(days=60),
            development_need="Analisis data dengan lembar kerja",
            learning_sources="Kursus daring analisis data (LMS ASN); modul Pusdiklat")
        logged = sessions.session_log(
            actor=participant_user, program=study, submit=True,
            data={"date": last_month.replace(day=8), "topic": "Tabel pivot", "minutes": 150,
                  "learning_source": "LMS ASN modul 3",
                  "resume": "Membuat tabel pivot untuk rekap kehadiran."}).session
        sessions.session_confirm(actor=supervisor_user, session=logged)
    from kembang.certificates.demo import certificates_demo

    certificates_demo(regency=regency, coach_user=coach_user, participant_user=participant_user,
                      hr_user=hr_user, start=start)
    return True
