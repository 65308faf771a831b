"""Notices clear when their recipient acts on what they point to, and are refreshed, not
repeated (kembang/learning/services/notify.py)."""

import datetime

from django.core import mail
from django.utils import timezone

from kembang.common.tests.clock import TODAY, on
from kembang.learning.models import Notification, Session
from kembang.learning.services import evaluations, programs, sessions
from kembang.learning.services.notify import notify, resolve
from kembang.learning.services.reminders import WAITING_DAYS, reminders_send
from kembang.learning.tests.conftest import OCT
from kembang.learning.tests.test_workflow import start_coaching

S = Session.Status
NINE_AGREE = [3] * 9


def unread(user):
    return list(Notification.objects.filter(user=user, read_at__isnull=True)
                .values_list("text", flat=True))


def propose(p):
    return programs.coaching_propose(
        actor=p.coach_user, participant=p.participant, start_date=OCT, end_date=on(1, 31),
        development_need="Menyusun laporan kinerja")


def submit(p, program, day):
    return sessions.session_log(actor=p.participant_user, program=program, submit=True,
                                data={"date": on(-1, day), "topic": f"Materi {day}"}).session


# --- marked read when acted on ----------------------------------------------------------


def test_the_invitation_clears_when_the_coachee_agrees(people_for):
    p = people_for("langsa")
    program = propose(p)
    assert unread(p.participant_user) == [
        f"{p.coach} mengajak Anda memulai pembimbingan (coaching)."]
    programs.program_agree(actor=p.participant_user, program=program)
    assert unread(p.participant_user) == []
    invitation = Notification.objects.get(user=p.participant_user)
    assert invitation.read_at is not None  # kept, read: the list still shows it
    assert unread(p.coach_user) == [f"{p.participant} menyetujui pembimbingan."]


def test_the_invitation_clears_when_declined_or_withdrawn(people_for):
    p = people_for("langsa")
    programs.program_decline(actor=p.participant_user, program=propose(p), reason="Cuti")
    assert unread(p.participant_user) == []
    programs.program_withdraw(actor=p.coach_user, program=propose(p))
    assert unread(p.participant_user) == []
    assert Notification.objects.filter(user=p.participant_user).count() == 2


def test_a_mentoring_request_clears_when_the_mentor_answers(people_for):
    p = people_for("langsa")
    program = programs.mentoring_request(actor=p.participant_user, mentor=p.outsider,
                                         start_date=OCT, end_date=on(4, 31),
                                         development_need="Karier")
    assert unread(p.outsider_user) == [f"{p.participant} meminta Anda menjadi mentor."]
    programs.mentoring_answer(actor=p.outsider_user, program=program, accept=True)
    assert unread(p.outsider_user) == []
    assert len(unread(p.participant_user)) == 1  # the answer


def test_a_session_s_notices_clear_as_each_party_acts(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    Notification.objects.update(read_at=timezone.now())
    session = submit(p, program, 5)
    assert unread(p.coach_user) == [f"{p.participant} mengajukan sesi untuk diparaf."]
    # The coach returns it: the request for initials clears, the participant is told.
    sessions.session_return(actor=p.coach_user, session=session, reason="Lengkapi materi")
    assert unread(p.coach_user) == []
    assert unread(p.participant_user) == [
        f"Sesi {on(-1, 5):%d/%m/%Y} dikembalikan: Lengkapi materi"]
    # The participant submits it again: their notice clears, the coach's comes back.
    sessions.session_submit(actor=p.participant_user, session=session)
    assert unread(p.participant_user) == []
    assert len(unread(p.coach_user)) == 1
    sessions.session_confirm(actor=p.coach_user, session=session)
    assert unread(p.coach_user) == []
    sessions.session_validate(actor=p.hr_user, session=session)
    assert unread(p.coach_user) == unread(p.participant_user) == unread(p.hr_user) == []


def test_a_session_logged_on_the_participant_s_behalf_clears_when_acknowledged(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    Notification.objects.update(read_at=timezone.now())
    logged = sessions.session_log(actor=p.coach_user, program=program,
                                  data={"date": on(-1, 5), "topic": "Materi"})
    assert len(unread(p.participant_user)) == 1
    sessions.session_acknowledge(actor=p.participant_user, session=logged.session)
    assert unread(p.participant_user) == []


def test_the_evaluation_notice_clears_when_the_evaluation_is_submitted(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    Notification.objects.update(read_at=timezone.now())
    programs.program_close(actor=p.coach_user, program=program)
    [closing] = unread(p.participant_user)
    assert "selesai; isi evaluasinya" in closing
    program.refresh_from_db()
    evaluations.coach_evaluation_submit(actor=p.participant_user, program=program,
                                        answers=NINE_AGREE)
    assert unread(p.participant_user) == []


def test_only_the_recipient_s_notices_for_that_thing_are_resolved(people_for):
    p = people_for("langsa")
    notify(p.participant_user, "Lain", "/program/999/")
    notify(p.coach_user, "Sama", "/program/1/")
    assert resolve(p.participant_user, "/program/1/") == 0
    assert resolve(None, "/program/1/") == 0 and resolve(p.coach_user) == 0
    assert unread(p.participant_user) == ["Lain"] and unread(p.coach_user) == ["Sama"]


# --- refreshed, not repeated ------------------------------------------------------------


def test_six_submitted_sessions_make_one_notice_for_the_coach(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    Notification.objects.update(read_at=timezone.now())
    submitted = [submit(p, program, day) for day in (2, 5, 9, 12, 16, 19)]
    notices = Notification.objects.filter(user=p.coach_user, read_at__isnull=True)
    [notice] = notices
    assert notice.text == f"{p.participant} mengajukan 6 sesi untuk diparaf."
    assert notice.url == f"/program/{program.pk}/"
    for session in submitted[:4]:
        sessions.session_confirm(actor=p.coach_user, session=session)
    notice.refresh_from_db()
    assert (notice.read_at, notice.text) == (None, f"{p.participant} mengajukan 2 sesi untuk "
                                                   "diparaf.")
    # The participant cancels one: one waits, and the notice points to it.
    sessions.session_cancel(actor=p.participant_user, session=submitted[4])
    notice.refresh_from_db()
    assert notice.text == f"{p.participant} mengajukan sesi untuk diparaf."
    assert notice.url == f"/sesi/{submitted[5].pk}/"
    sessions.session_confirm(actor=p.coach_user, session=submitted[5])
    assert unread(p.coach_user) == []
    assert Notification.objects.filter(user=p.coach_user).count() == 2  # the agreement, this


def test_a_session_submitted_after_the_coach_read_the_notice_makes_a_new_one(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    submit(p, program, 5)
    Notification.objects.filter(user=p.coach_user).update(read_at=timezone.now())
    submit(p, program, 12)
    assert unread(p.coach_user) == [f"{p.participant} mengajukan 2 sesi untuk diparaf."]


def test_an_identical_unread_notice_is_refreshed_and_mailed_once(
        people_for, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_CONFIGURED = True
    p = people_for("langsa")
    user = p.participant_user
    user.email = "peserta@uji.go.id"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        first = notify(user, "Besok jadwal pertemuan.", "/program/1/")
        Notification.objects.filter(pk=first.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=1))
        again = notify(user, "Besok jadwal pertemuan.", "/program/1/")
        other = notify(user, "Besok jadwal pertemuan.", "/program/2/")
    assert again.pk == first.pk and other.pk != first.pk
    again.refresh_from_db()
    assert timezone.now() - again.created_at < datetime.timedelta(minutes=1)  # at the top
    assert Notification.objects.filter(user=user).count() == 2
    assert len(mail.outbox) == 2  # the first and the other, not the refresh
    # Once read, the same news is a new notice again.
    resolve(user, "/program/1/")
    assert notify(user, "Besok jadwal pertemuan.", "/program/1/").pk != first.pk


def test_a_pile_of_identical_notices_from_before_collapses_into_one(people_for):
    p = people_for("langsa")
    user = p.coach_user
    Notification.objects.bulk_create(
        [Notification(user=user, text="Budi mengajukan sesi untuk diparaf.", url="/sesi/1/")
         for _ in range(6)])
    notify(user, "Budi mengajukan sesi untuk diparaf.", "/sesi/1/")
    assert unread(user) == ["Budi mengajukan sesi untuk diparaf."]


def test_each_party_reads_a_notice_in_their_own_language(people_for):
    p = people_for("langsa")
    p.participant_user.language = "en"
    p.participant_user.save()
    program = propose(p)  # the coach works in Indonesian
    assert unread(p.participant_user) == [f"{p.coach} has invited you to start coaching."]
    programs.program_agree(actor=p.participant_user, program=program)
    assert unread(p.coach_user) == [f"{p.participant} menyetujui pembimbingan."]
    assert unread(p.participant_user) == []


def test_the_collapsed_notice_counts_what_waits(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    for day in (5, 12, 19):
        submit(p, program, day)
    assert f"{p.participant} mengajukan 3 sesi untuk diparaf." in unread(p.coach_user)


def test_the_daily_reminder_is_one_notice_and_clears_once_nothing_waits(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    first, second = submit(p, program, 5), submit(p, program, 12)
    Session.objects.update(submitted_at=timezone.now() - datetime.timedelta(days=8))
    reminders_send(regency=p.regency, today=TODAY)
    reminders_send(regency=p.regency, today=TODAY)  # the next day, still unread
    reminder = f"2 sesi menunggu paraf Anda lebih dari {WAITING_DAYS} hari."
    assert unread(p.coach_user).count(reminder) == 1
    sessions.session_confirm(actor=p.coach_user, session=first)
    assert reminder in unread(p.coach_user)  # one still waits
    sessions.session_return(actor=p.coach_user, session=second, reason="Lengkapi")
    assert not [text for text in unread(p.coach_user) if "paraf" in text]
