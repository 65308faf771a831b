"""The daily job: remind coaches of sessions waiting for initials more than 7 days, flag
running programs with no session in 30 days (inactive pairs, SPEC §8), and remind both
parties the day before a date they agreed to meet (Nganjuk Lampiran huruf C angka 2)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max, Q
from django.utils.translation import gettext as _

from kembang.learning.models import PlannedMeeting, Program, Session
from kembang.learning.services.notify import notify, user_of
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Regency

WAITING_DAYS = 7
INACTIVE_DAYS = 30


@dataclass
class ReminderCounts:
    waiting_sessions: int = 0
    inactive_programs: int = 0
    planned_meetings: int = 0


def reminders_send(*, regency: Regency, today: date | None = None) -> ReminderCounts:
    today = today or regency_today(regency)
    counts = ReminderCounts()
    waiting = (Session.objects.filter(regency=regency, status=Session.Status.SUBMITTED,
                                      submitted_at__date__lt=today - timedelta(days=WAITING_DAYS))
               .select_related("program__guide__user", "participant"))
    by_guide: dict[int, list[Session]] = {}
    for session in waiting:
        by_guide.setdefault(session.program.guide_id, []).append(session)
    for sessions in by_guide.values():
        guide = sessions[0].program.guide
        notify(user_of(guide), _("%(n)s sesi menunggu paraf Anda lebih dari %(d)s hari.")
               % {"n": len(sessions), "d": WAITING_DAYS}, "/")
        counts.waiting_sessions += len(sessions)
    quiet_since = today - timedelta(days=INACTIVE_DAYS)
    inactive = (Program.objects.filter(regency=regency, status=Program.Status.ACTIVE,
                                       start_date__lt=quiet_since, end_date__gte=today)
                .annotate(last=Max("sessions__date", filter=~Q(
                    sessions__status=Session.Status.CANCELLED)))
                .filter(Q(last__isnull=True) | Q(last__lt=quiet_since))
                .select_related("participant__user", "guide__user"))
    for program in inactive:
        text = _("Belum ada sesi %(activity)s selama %(d)s hari: %(program)s") % {
            "activity": program.get_activity_display(), "d": INACTIVE_DAYS, "program": program}
        notify(user_of(program.guide), text, f"/program/{program.pk}/")
        notify(user_of(program.participant), text, f"/program/{program.pk}/")
        counts.inactive_programs += 1
    counts.planned_meetings = _remind_planned_meetings(regency, today)
    return counts


def _remind_planned_meetings(regency: Regency, today: date) -> int:
    """Both parties of each running program with a planned date tomorrow (the regency's
    today + 1 day) get one in-app notice. Returns how many planned dates were reminded."""
    tomorrow = today + timedelta(days=1)
    meetings = (PlannedMeeting.objects.filter(regency=regency, date=tomorrow,
                                              program__status=Program.Status.ACTIVE)
                .select_related("program__participant__user", "program__guide__user"))
    count = 0
    for meeting in meetings:
        program = meeting.program
        text = _("Besok (%(day)s) jadwal pertemuan %(activity)s: %(program)s") % {
            "day": tomorrow.strftime("%d/%m/%Y"), "activity": program.get_activity_display(),
            "program": program}
        if meeting.note:
            text = f"{text} — {meeting.note}"
        notify(user_of(program.guide), text, f"/program/{program.pk}/")
        notify(user_of(program.participant), text, f"/program/{program.pk}/")
        count += 1
    return count
