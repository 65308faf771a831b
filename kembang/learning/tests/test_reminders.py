import datetime

from django.core.management import call_command
from django.utils import timezone

from kembang.common.tests.clock import TODAY, days_ago, on, this_month
from kembang.learning.models import Notification, Session
from kembang.learning.services import programs, sessions
from kembang.learning.services.reminders import reminders_send
from kembang.learning.tests.test_workflow import start_coaching


def test_coach_is_reminded_of_sessions_waiting_over_a_week(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    logged = sessions.session_log(actor=p.participant_user, program=program, submit=True,
                                  data={"date": on(-1, 5), "topic": "t"})
    Session.objects.filter(pk=logged.session.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=8))
    counts = reminders_send(regency=p.regency, today=TODAY)
    assert counts.waiting_sessions == 1
    assert Notification.objects.filter(user=p.coach_user, text__contains="menunggu paraf").exists()


def test_program_without_a_session_for_30_days_is_flagged(people_for):
    p = people_for("langsa")
    # Starts well over 30 days ago (the first of the month before last: the first of last
    # month can be only 28 days back), no session.
    program = programs.program_agree(actor=p.participant_user, program=programs.coaching_propose(
        actor=p.coach_user, participant=p.participant, start_date=this_month(-2),
        end_date=on(1, 31), development_need="Menyusun laporan kinerja"))
    counts = reminders_send(regency=p.regency, today=TODAY)
    assert counts.inactive_programs == 1
    assert Notification.objects.filter(user=p.participant_user,
                                       text__contains="Belum ada sesi").exists()
    sessions.session_log(actor=p.participant_user, program=program,
                         data={"date": days_ago(2), "topic": "t"})
    assert reminders_send(regency=p.regency,
                          today=TODAY).inactive_programs == 0


def test_the_daily_command_runs_for_every_regency(people_for, capsys):
    p = people_for("nganjuk")
    call_command("pengingat")
    assert str(p.regency) in capsys.readouterr().out
