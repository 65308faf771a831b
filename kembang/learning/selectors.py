"""Read models for the learning pages: each a constant number of queries."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import StartsWith

from kembang.learning.access import programs_visible_to
from kembang.learning.models import (
    ActivityType,
    ClassicalTraining,
    Evidence,
    Program,
    Session,
)
from kembang.learning.profiles import schedule_for
from kembang.organisation.access import scope_for
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Employee, Role, RoleAssignment
from kembang.policy.activities import OFFICIAL_STATUSES, PENDING_STATUSES
from kembang.policy.ledger import LedgerSession
from kembang.policy.outlook import (
    JpStatus,
    YearOutlook,
    countable_left_this_month,
    jp_status,
    outlook_from_totals,
    remaining_capacity_jp,
)

ZERO = Decimal("0")
PENDING = tuple(str(s) for s in PENDING_STATUSES)
VALIDATED = tuple(str(s) for s in OFFICIAL_STATUSES)


@dataclass
class ActivityStanding:
    activity: str
    label: str
    official: Decimal = ZERO
    provisional: Decimal = ZERO
    left_this_month: int | None = None


@dataclass
class JpStanding:
    """An employee's JP for one year: official and provisional against the target, by
    activity, with every session and classical activity behind the numbers."""

    year: int
    target: Decimal
    official: Decimal
    provisional: Decimal
    classical: Decimal
    activities: list[ActivityStanding]
    sessions: list[Session]
    trainings: list[ClassicalTraining]
    outlook: YearOutlook | None
    month_label_date: date
    corrections: list[Session] = field(default_factory=list)
    status: JpStatus = JpStatus.ON_PACE

    @property
    def percent(self) -> int:
        return min(100, int(self.official * 100 / self.target)) if self.target else 100

    @property
    def provisional_percent(self) -> int:
        return min(100, int(self.provisional * 100 / self.target)) if self.target else 100


def _ledger_input(session: Session) -> LedgerSession:
    return LedgerSession(key=session.pk, activity=session.activity, date=session.date,
                         scope=session.scope, minutes=session.minutes, status=session.status,
                         sequence=session.pk)


def booked_year(session: Session) -> int:
    """The year a session's JP count in: always its own date's — a late validation booked
    as a correction in a later month changes which report carries it, never its year
    (docs/locked-months.md#which-year-a-session-counts-in; PP 11/2017 Pasal 203(4))."""
    return session.date.year


def jp_standing(employee, *, year: int, today: date) -> JpStanding:
    """Official JP are the stored JP of validated sessions booked in `year` plus classical
    training; provisional adds what pending sessions would earn
    (docs/jp-rules.md#official-and-provisional-jp). A session of
    last December booked as a correction in this year counts here, and is listed."""
    schedule = schedule_for(employee.regency)
    sessions = list(
        Session.objects.filter(date__year=year, participant=employee)
        .exclude(status=Session.Status.CANCELLED)
        .select_related("program__guide").order_by("date", "id"))
    trainings = list(ClassicalTraining.objects.filter(
        employee=employee, start_date__year=year, cancelled_at__isnull=True))
    classical = sum((t.jp for t in trainings), ZERO)
    profile = schedule.at(date(year, 12, 31))
    activities = {a: ActivityStanding(a, ActivityType(a).label) for a in profile.activity_types}
    for session in sessions:
        if booked_year(session) != year:
            continue
        standing = activities.setdefault(
            session.activity, ActivityStanding(session.activity, session.get_activity_display()))
        if session.status in VALIDATED:
            standing.official += session.jp
        if session.status in VALIDATED or session.status in PENDING:
            standing.provisional += session.jp_provisional
    # Caps and pace are judged on the sessions dated in the year.
    ledger_input = [_ledger_input(s) for s in sessions if s.date.year == year]
    month = today if today.year == year else date(year, 12, 1)
    for standing in activities.values():
        standing.left_this_month = countable_left_this_month(
            schedule, ledger_input, activity=standing.activity, year=month.year,
            month=month.month)
    official = sum((a.official for a in activities.values()), ZERO) + classical
    provisional = sum((a.provisional for a in activities.values()), ZERO) + classical
    target = profile.target_for(employee.kind)
    outlook = None
    if today.year == year:
        # From the stored JP, as the staff lists and the recap compute it.
        outlook = outlook_from_totals(
            official=official, provisional=provisional, target=target, today=today,
            remaining=remaining_capacity_jp(schedule, ledger_input, today=today))
    status = jp_status(official=official, target=target, year=year, today=today,
                       cannot_reach=bool(outlook and outlook.cannot_reach_target))
    return JpStanding(
        year=year, target=target, status=status, official=official,
        provisional=provisional, classical=classical, activities=list(activities.values()),
        sessions=sessions, trainings=trainings, outlook=outlook, month_label_date=month,
        corrections=[s for s in sessions if s.correction_month])


@dataclass(frozen=True)
class SessionJp:
    """What a session's JP shows on every page (the `session_jp` tag): `official` the JP a
    validated session earned (0 when a cap left it nothing), `provisional` what a pending
    one would earn, `not_counted` a returned or cancelled one, `draft` one not yet
    submitted."""

    kind: str
    value: Decimal | None = None


NOT_COUNTED = (str(Session.Status.RETURNED), str(Session.Status.CANCELLED))


def session_jp(session: Session) -> SessionJp:
    if session.status in VALIDATED:
        return SessionJp("official", session.jp)
    if session.status in PENDING:
        return SessionJp("provisional", session.jp_provisional)
    if session.status in NOT_COUNTED:
        return SessionJp("not_counted")
    return SessionJp("draft")


def my_active_programs(user):
    """The running programs the user takes part in, to log a session from the home page."""
    if user.employee_id is None:
        return Program.objects.none()
    return (Program.objects.filter(participant_id=user.employee_id, regency_id=user.regency_id,
                                   status=Program.Status.ACTIVE)
            .select_related("guide").order_by("-start_date", "-id"))


def my_programs(user):
    """Programs where the user is the participant or the guide, with session counts."""
    return (programs_visible_to(user)
            .filter(Q(participant_id=user.employee_id) | Q(guide_id=user.employee_id))
            .select_related("participant", "guide")
            .annotate(session_count=Count("sessions", filter=~Q(
                sessions__status=Session.Status.CANCELLED)))
            .order_by("-start_date", "-id"))


# A running program with no session for this many days is an idle pair
# (docs/life-cycle.md#reminders): `kembang pengingat` reminds both parties of it, and the
# staff program list flags it. `idle_programs` is the one query both read.
INACTIVE_DAYS = 30


def _live_sessions():
    return Session.objects.filter(program=OuterRef("pk")).exclude(
        status=Session.Status.CANCELLED)


def with_last_session(programs):
    """`programs` with `last_session` (the date of the latest session not cancelled, None
    when there is none) and `session_count`: subqueries, so each stays one query whatever
    is filtered, sorted or counted around it."""
    latest = _live_sessions().order_by("-date").values("date")[:1]
    count = _live_sessions().values("program").annotate(n=Count("pk")).values("n")
    return programs.annotate(
        last_session=Subquery(latest),
        session_count=Coalesce(Subquery(count, output_field=IntegerField()), Value(0)))


def idle_q(today: date) -> Q:
    """On programs annotated by `with_last_session`: running, started before the last
    `INACTIVE_DAYS` days and not yet ended, with no session in those days."""
    quiet_since = today - timedelta(days=INACTIVE_DAYS)
    return (Q(status=Program.Status.ACTIVE, start_date__lt=quiet_since, end_date__gte=today)
            & (Q(last_session__isnull=True) | Q(last_session__lt=quiet_since)))


def idle_programs(programs, *, today: date):
    """The idle pairs among `programs` on `today`, with `last_session`."""
    return with_last_session(programs).filter(idle_q(today))


# The staff program list's orders: key (the `urut` parameter) → order_by fields.
STAFF_PROGRAM_SORTS = {
    "-mulai": ("-start_date", "-id"),
    "mulai": ("start_date", "id"),
    "peserta": ("participant__name", "id"),
    "-peserta": ("-participant__name", "-id"),
    # Longest without a session first: never any session, then the oldest last one.
    "sesi": (F("last_session").asc(nulls_first=True), "start_date", "id"),
    "-sesi": (F("last_session").desc(nulls_last=True), "-id"),
    "unit": ("participant__unit__name", "participant__name", "id"),
}


def staff_programs_in_scope(user):
    """The programs BKPSDM (the regency), an HR officer or a head of unit (their units
    with sub-units, by the participant's current unit) oversees; none for anyone else.
    A subset of `programs_visible_to`, so every row opens."""
    scope = scope_for(user)
    if not scope.administers_units:
        return Program.objects.none()
    return programs_visible_to(user).filter(scope.unit_q("participant__unit__"))


def staff_programs(user, *, today: date, activity: str = "", status: str = "",
                   unit=None, guide: str = "", idle: bool = False, sort: str = "-mulai"):
    """The staff program list: programs in the user's scope, filtered, each with its
    participant, guide, `last_session`, `session_count` and whether it is `idle`; one
    query for any page size. `unit` (an OrgUnit in scope) includes its sub-units; `guide`
    searches the guide's name or NIP."""
    programs = staff_programs_in_scope(user)
    if activity:
        programs = programs.filter(activity=activity)
    if status:
        programs = programs.filter(status=status)
    if unit is not None:
        programs = programs.filter(participant__unit__path__startswith=unit.path)
    if guide.strip():
        programs = programs.filter(guide__in=Employee.objects.filter(
            regency_id=user.regency_id).search(guide))
    programs = with_last_session(programs).annotate(
        idle=ExpressionWrapper(idle_q(today), output_field=BooleanField()))
    if idle:
        programs = programs.filter(idle=True)
    return (programs.select_related("participant__unit", "guide")
            .order_by(*STAFF_PROGRAM_SORTS.get(sort, STAFF_PROGRAM_SORTS["-mulai"])))


def programs_as_participant(user, employee) -> list[Program]:
    """The employee's programs as participant that `user` may open, newest first, with
    session counts (the employee page)."""
    return list(programs_visible_to(user).filter(participant=employee)
                .select_related("guide")
                .annotate(session_count=Count("sessions", filter=~Q(
                    sessions__status=Session.Status.CANCELLED)))
                .order_by("-start_date", "-id"))


def awaiting_initials(user):
    """Sessions submitted to the user as coach/mentor/supervisor."""
    return (Session.objects.filter(program__guide_id=user.employee_id,
                                   status=Session.Status.SUBMITTED)
            .select_related("participant", "program").order_by("date", "id"))


def awaiting_my_acknowledgement(user):
    return (Session.objects.filter(participant_id=user.employee_id,
                                   status=Session.Status.AWAITING_ACK)
            .select_related("program__guide").order_by("date", "id"))


def my_returned_sessions(user):
    return (Session.objects.filter(participant_id=user.employee_id,
                                   status=Session.Status.RETURNED)
            .select_related("program__guide").order_by("date", "id"))


def pending_requests(user):
    """Mentoring requests waiting for the user's answer; coaching proposals waiting for
    the user's agreement."""
    return (Program.objects.filter(
        Q(guide_id=user.employee_id, status=Program.Status.REQUESTED)
        | Q(participant_id=user.employee_id, status=Program.Status.PROPOSED))
        .select_related("participant", "guide"))


def validation_queue(user, *, unit_id=None, activity: str = "", international: bool = False,
                     barred_only: bool = False):
    """Confirmed sessions the user may validate: HR of the participant's current unit, or
    BKPSDM. Sessions the user took part in are left out (docs/separation-of-duties.md), and
    so are those
    barred for the user as the issuer of both parties' activation codes; such a session
    goes to the head of the unit when no other HR officer can take it
    (docs/separation-of-duties.md#one-officer-behind-both-accounts).
    `barred_only` keeps just the barred sessions (BKPSDM's list)."""
    scope = scope_for(user)
    if not scope.is_hr and not scope.head_paths:
        return Session.objects.none()
    if scope.whole_regency:
        allowed = Q()
    else:
        allowed = scope.hr_unit_q("participant__unit__") if scope.is_hr else Q(pk__in=[])
        if scope.head_paths:
            allowed |= (Q(validation_barred__isnull=False)
                        & scope.head_unit_q("participant__unit__")
                        & ~Exists(other_hr_officers(
                            regency_today(user.regency), regency_id=OuterRef("regency_id"),
                            unit_path=OuterRef("participant__unit__path"),
                            barred_id=OuterRef("validation_barred_id"),
                            participant_id=OuterRef("participant_id"),
                            guide_id=OuterRef("program__guide_id"))))
    # `allowed` lies within what the user sees (`sessions_visible_to`: their HR and head
    # units are units of their scope, the participant's unit is the program's), so the
    # queue filters on it alone — the visibility's OR over five joins made the database
    # scan every confirmed session of the regency.
    sessions = Session.objects.filter(regency_id=user.regency_id,
                                      status=Session.Status.CONFIRMED)
    sessions = sessions.filter(allowed).exclude(validation_barred_id=user.pk)
    if user.employee_id:
        sessions = sessions.exclude(participant_id=user.employee_id).exclude(
            program__guide_id=user.employee_id)
    if unit_id:
        sessions = sessions.filter(participant__unit_id=unit_id)
    if activity:
        sessions = sessions.filter(activity=activity)
    if international:
        sessions = sessions.filter(scope="internasional")
    if barred_only:
        sessions = sessions.filter(validation_barred__isnull=False)
    return sessions.select_related("participant__unit", "program__guide",
                                   "validation_barred__employee").order_by("date", "id")


def other_hr_officers(today: date, *, regency_id, unit_path, barred_id, participant_id,
                      guide_id):
    """HR-officer assignments in force on `today` over the unit at `unit_path` (its own or
    a unit above it), held by an active account other than the barred one and by nobody
    who took part: who can take a barred session before the head of the unit does
    (docs/separation-of-duties.md#one-officer-behind-both-accounts). The arguments are
    values for one session, or `OuterRef`s for the
    validation queue's subquery."""
    return (RoleAssignment.objects.in_force(today)
            .filter(regency_id=regency_id, role=Role.HR_OFFICER, user__is_active=True)
            .filter(StartsWith(unit_path, F("unit__path")))
            .exclude(user_id=barred_id)
            .exclude(user__employee_id=participant_id)
            .exclude(user__employee_id=guide_id))


def with_evidence_counts(sessions) -> list:
    """Attach `evidence_count` to a page of sessions in one query (counting in the page's
    query would group the whole queue before the paginator cuts it)."""
    sessions = list(sessions)
    counts = dict(Evidence.objects.filter(session__in=sessions).values_list("session")
                  .annotate(n=Count("id")).values_list("session", "n"))
    for session in sessions:
        session.evidence_count = counts.get(session.pk, 0)
    return sessions


@dataclass
class SubordinatePace:
    employee: object
    official: Decimal
    behind: bool
    target: Decimal = ZERO  # the profile's annual target the pace is measured against


def subordinates_behind_pace(supervisor, *, today: date) -> list[SubordinatePace]:
    """The supervisor's active direct subordinates below their pace to their own target
    (docs/jp-rules.md#standing-and-pace) — the figures of the recap and the employee's page
    (`kembang.recap.figures.year_recap`), in a constant number of queries."""
    from kembang.recap.figures import year_recap

    subordinates = supervisor.subordinates.filter(is_active=True)
    recap = year_recap(supervisor.regency, today.year, employees=subordinates)
    rows = [SubordinatePace(p.employee, p.official, True, p.target)
            for p in recap.people if p.behind_pace]
    return sorted(rows, key=lambda r: (r.employee.name, r.employee.nip))
