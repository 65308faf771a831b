"""The daily job: remind coaches of sessions waiting for initials more than 7 days, flag
running programs with no session in 30 days (inactive pairs, docs/life-cycle.md#reminders),
and remind both parties the day before a date they agreed to meet (Nganjuk Lampiran huruf C
angka 2)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from kembang.learning.models import ActivityType, PlannedMeeting, Program, Session
from kembang.learning.selectors import INACTIVE_DAYS, idle_programs
from kembang.learning.services.notify import notify, user_of
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Regency

WAITING_DAYS = 7
# The guide's one reminder of sessions waiting too long for initials: refreshed daily while
# unread, marked read once none of their sessions waits (services/sessions.py).
OVERDUE_INITIALS_KEY = "initials-overdue"


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
        notify(user_of(guide),
               gettext_lazy("%(n)s sesi menunggu paraf Anda lebih dari %(d)s hari."), "/",
               params={"n": len(sessions), "d": WAITING_DAYS}, key=OVERDUE_INITIALS_KEY)
        counts.waiting_sessions += len(sessions)
    # The idle pairs, as the staff program list shows them (selectors.idle_programs).
    inactive = (idle_programs(Program.objects.filter(regency=regency), today=today)
                .select_related("participant__user", "guide__user"))
    for program in inactive:
        # Lazy: each party reads it in their own language.
        text = gettext_lazy("Belum ada sesi %(activity)s selama %(d)s hari: %(program)s")
        params = {"activity": ActivityType(program.activity).label, "d": INACTIVE_DAYS,
                  "program": program}
        notify(user_of(program.guide), text, f"/program/{program.pk}/", params=params)
        notify(user_of(program.participant), text, f"/program/{program.pk}/", params=params)
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
        text = gettext_lazy("Besok (%(day)s) jadwal pertemuan %(activity)s: %(program)s")
        params = {"day": tomorrow.strftime("%d/%m/%Y"),
                  "activity": ActivityType(program.activity).label, "program": program,
                  "note": meeting.note}
        if meeting.note:
            # The note is a placeholder too, so a "%" in it is never read as one.
            text = format_lazy("{} — %(note)s", text)
        notify(user_of(program.guide), text, f"/program/{program.pk}/", params=params)
        notify(user_of(program.participant), text, f"/program/{program.pk}/", params=params)
        count += 1
    return count
