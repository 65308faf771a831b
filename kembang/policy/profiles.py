"""Regulation profiles as data: what one regency's rule says, value by value, with its clause.

A profile holds every rule the ledger and the app apply — JP per activity and scope,
monthly caps, minutes per JP, self-study rounding, daily cap and international uplift,
who may take part, who may coach and mentor, the evaluation forms, the reporting
deadline, the 20 JP target — and each value is a `Rule` that carries the clause it comes
from, so every JP can be traced to the words of a regulation
(docs/profiles.md#a-profile-is-data).

The built-in profiles are in `kembang.policy.builtin`; a regency's own copy is stored as
JSON through `kembang.policy.profile_data`. Everything here is frozen and hashable.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Generic, TypeVar

from kembang.policy.activities import ActivityType

T = TypeVar("T")

# How an activity earns JP.
PER_SESSION = "per_session"  # a fixed JP per session, by scope (coaching, mentoring)
DAILY_MINUTES = "daily_minutes"  # the day's minutes converted to JP (self-study)
COUNTING_MODES = (PER_SESSION, DAILY_MINUTES)

# Rounding of minutes to JP (DAILY_MINUTES): whole JP down, or half JP down.
FLOOR = "floor"
FLOOR_HALF = "floor_half"
ROUNDING_MODES = (FLOOR, FLOOR_HALF)

# Who may take part.
PNS_TALENT_POOL = "pns_talent_pool"
ALL_EMPLOYEES = "all_employees"
ALL_ASN = "all_asn"
ELIGIBILITY_RULES = (PNS_TALENT_POOL, ALL_EMPLOYEES, ALL_ASN)

# What "PNS bertalenta" means under PNS_TALENT_POOL: the Perbup Belitung Timur does not
# define it (Pasal 1 angka 15, 18), so the regency chooses — the formal talent pool
# (kelompok rencana suksesi, the `is_talent` flag) or every PNS
# (docs/jp-rules.md#eligibility).
FORMAL_TALENT_POOL = "formal_talent_pool"
EVERY_PNS = "every_pns"
TALENT_READINGS = (FORMAL_TALENT_POOL, EVERY_PNS)

# Where self-study counts in the 10:20:70 mix (docs/jp-rules.md#the-10-20-70-mix): with
# classical training in the "10" (the default) or with coaching and mentoring in the "20".
MIX_TEN = "10"
MIX_TWENTY = "20"
MIX_PARTS = (MIX_TEN, MIX_TWENTY)

# Who may coach, who may mentor.
DIRECT_SUPERVISOR = "direct_supervisor"
SUPERVISOR_OR_SENIOR = "supervisor_or_senior"
APPOINTED_BY_HEAD_OF_UNIT = "appointed_by_head_of_unit"
COACH_RULES = (DIRECT_SUPERVISOR, APPOINTED_BY_HEAD_OF_UNIT)
MENTOR_RULES = (SUPERVISOR_OR_SENIOR, DIRECT_SUPERVISOR, APPOINTED_BY_HEAD_OF_UNIT)

# How a session is recorded.
INITIALLED_TABLE = "initialled_table"  # No, date, topic, coach's initials
INITIALLED_TABLE_SIGNED = "initialled_table_signed"  # … signed by coach, participant, head
FORM_ABC = "form_abc"  # one form per session with sections A/B/C, signed by both
SESSION_RECORDS = (INITIALLED_TABLE, INITIALLED_TABLE_SIGNED, FORM_ABC)

# What a program must record when it starts.
PERFORMANCE_PROBLEM = "performance_problem"
DEVELOPMENT_AREA = "development_area"
LEADERSHIP_TASK = "leadership_task"  # coaching: the task the leadership gave (BT angka 13)
GUIDANCE_NEED = "guidance_need"  # mentoring: the need for guidance at work (BT angka 18)
PROGRAM_REQUIREMENTS = (PERFORMANCE_PROBLEM, DEVELOPMENT_AREA, LEADERSHIP_TASK, GUIDANCE_NEED)

# Evaluation forms: who fills them and when.
COACHEE = "coachee"
MENTOR = "mentor"
PARTICIPANT = "participant"
FORM_FILLERS = (COACHEE, MENTOR, PARTICIPANT)
SUPERVISOR = "supervisor"
AFTER_EACH_SESSION = "after_each_session"
END_OF_PROGRAM = "end_of_program"
FORM_TIMINGS = (AFTER_EACH_SESSION, END_OF_PROGRAM)

# Reporting deadlines.
ANNUAL_IN_MONTH = "annual_in_month"  # every year, by the end of a given month
AFTER_ACTIVITIES_END = "after_activities_end"  # n months after the activities end
REPORTING_KINDS = (ANNUAL_IN_MONTH, AFTER_ACTIVITIES_END)


# The `Rule` fields of an activity and of a profile, in display and storage order.
ACTIVITY_RULE_FIELDS = (
    "term",
    "monthly_cap",
    "jp_nasional",
    "jp_internasional",
    "daily_cap_jp",
    "rounding",
    "international_uplift",
)
# Rules added after profiles were first stored: a stored copy without them reads the
# default written on the field of `Profile`.
OPTIONAL_PROFILE_RULE_FIELDS = ("bkpsdm_may_appoint", "talent_reading", "annual_target_jp_pppk",
                                "self_study_mix")
PROFILE_RULE_FIELDS = (
    "minutes_per_jp",
    "annual_target_jp",
    "eligibility",
    "coach",
    "mentor",
    "session_record",
    "program_requires",
    "reporting",
)


def decimal_places(value: Decimal) -> int:
    """How many decimals `value` needs, trailing zeros ignored (``Decimal("1.20")`` → 1)."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


@dataclass(frozen=True)
class Rule(Generic[T]):
    """A value and where it comes from.

    `clause` is the reference (instrument part, article, table); `text` quotes the
    source's words when there are any. A value Kembang decided where the regulation is
    silent says so in words — e.g. "Ketentuan Kembang (tidak diatur dalam peraturan)" —
    and docs/jp-rules.md gives the reason; a clause never cites this project's documents.
    """

    value: T
    clause: str
    text: str = ""


@dataclass(frozen=True)
class ActivityRules:
    """How one activity earns JP under a profile.

    PER_SESSION: `jp_nasional`/`jp_internasional` per session, at most `monthly_cap`
    sessions counted per participant per calendar month (None: no cap).
    DAILY_MINUTES: the day's minutes ÷ the profile's minutes per JP, rounded by
    `rounding`, at most `daily_cap_jp` base JP a day (None: no cap); an international
    row's share × `international_uplift`, applied after the daily cap.
    """

    activity: str  # ActivityType value
    term: Rule[str]  # the regulation's own name for it, e.g. "Pembimbingan"
    counting: str  # PER_SESSION | DAILY_MINUTES
    monthly_cap: Rule[int | None]
    jp_nasional: Rule[Decimal] | None = None
    jp_internasional: Rule[Decimal] | None = None
    daily_cap_jp: Rule[int | None] | None = None
    rounding: Rule[str] | None = None
    international_uplift: Rule[Decimal] | None = None

    @property
    def scope_changes_jp(self) -> bool:
        """True when an international session earns more than a national one."""
        if self.counting == DAILY_MINUTES:
            return self.international_uplift is not None and self.international_uplift.value != 1
        return (
            self.jp_nasional is not None
            and self.jp_internasional is not None
            and self.jp_nasional.value != self.jp_internasional.value
        )


@dataclass(frozen=True)
class ScalePoint:
    value: int
    label: str


@dataclass(frozen=True)
class EvaluationForm:
    """An evaluation form as data (docs/life-cycle.md#evaluations): its statements, scale,
    who fills it, when.

    `code` is stable: ``coaching_evaluation`` (coachee → coach), ``mentor_assessment``
    (mentor → mentee), ``self_study_resume`` (the participant's closing resume, accepted
    by `accepted_by`).
    """

    code: str
    title: str
    activity: str
    filled_by: str  # FORM_FILLERS
    timing: str  # FORM_TIMINGS
    clause: str
    items: tuple[str, ...] = ()
    scale: tuple[ScalePoint, ...] = ()
    comment_label: str = ""
    comment_required: bool = False
    accepted_by: str = ""
    text: str = ""


@dataclass(frozen=True)
class SessionFields:
    """Which fields a session must carry under one way of recording sessions.

    `required`: the session fields that must be filled whenever a session is logged,
    corrected, submitted or acknowledged. `participant_writes`: those fields are the
    participant's own writing, checked when the participant hands the session on —
    submits it, or acknowledges one the coach logged (the acknowledgement is then their
    writing step); a draft and the coach's log may leave them empty. `sections`: the
    titled sections of the session's form, in order, shown on the session page.
    `topic_from`: when the topic (*Materi*) is not required, the field whose first line
    becomes the stored topic.
    """

    required: tuple[str, ...]
    clause: str
    participant_writes: bool = False
    sections: tuple[str, ...] = ()
    topic_from: str = ""


# Keyed by `Profile.session_record`: the way a regulation records a session decides which
# fields its form has. Nganjuk's forms (Formulir Pelaksanaan Coaching, Formulir Mentoring)
# have A/B/C and no *Materi*; C, *Kegiatan Pengembangan*, is the resume of C.3.
SESSION_FIELDS = {
    INITIALLED_TABLE: SessionFields(required=("topic",), clause="tabel sesi: Materi"),
    INITIALLED_TABLE_SIGNED: SessionFields(required=("topic",), clause="tabel sesi: Materi"),
    FORM_ABC: SessionFields(
        required=("form_a", "form_b", "form_c"),
        participant_writes=True,
        sections=("form_a", "form_b", "form_c"),
        topic_from="form_c",
        clause="Kepbup Nganjuk 2025, Lampiran huruf C angka 3–4; huruf D (Coaching) angka 4 "
        "huruf d; huruf D (Mentoring) angka 4 huruf d",
    ),
}


@dataclass(frozen=True)
class Reporting:
    """When units (each Perangkat Daerah, with its sub-units) report to BKPSDM
    (docs/reports.md).

    ``annual_in_month``: one report a year, sendable from day `opens_day` of `month` and
    due on its day `due_day` (None: the month's last day); it covers 1 January to its
    sending date, and what is held or validated after it goes into one follow-up report
    (*laporan susulan*) due on day `follow_up_day` (None: last) of `follow_up_month` of
    the next year, a date BKPSDM sets. ``after_activities_end``: one report per month
    with sessions, due on day `due_day` (None: the last day) of the month `months_after`
    months later.
    """

    kind: str  # REPORTING_KINDS
    month: int | None = None
    months_after: int | None = None
    due_day: int | None = None
    opens_day: int | None = None
    follow_up_month: int | None = None
    follow_up_day: int | None = None


# The kinds of unit report (`kembang.reports.models.UnitReport.kind`).
REPORT_MONTHLY = "monthly"
REPORT_ANNUAL = "annual"
REPORT_FOLLOW_UP = "follow_up"
REPORT_KINDS = (REPORT_MONTHLY, REPORT_ANNUAL, REPORT_FOLLOW_UP)


@dataclass(frozen=True)
class ReportPeriod:
    """One report a unit owes: what it covers (`start`..`end`), the first day it may be
    sent (`opens`) and the day it is due (`due`)."""

    kind: str  # REPORT_KINDS
    start: date
    end: date
    opens: date
    due: date


@dataclass(frozen=True)
class Profile:
    """One regulation's rules. See the module docstring; built-ins in `kembang.policy.builtin`."""

    id: str
    name: str
    instrument: str
    activities: tuple[ActivityRules, ...]
    minutes_per_jp: Rule[int]
    annual_target_jp: Rule[Decimal]
    eligibility: Rule[str]
    coach: Rule[str]
    mentor: Rule[str]
    session_record: Rule[str]
    program_requires: Rule[tuple[str, ...]]
    reporting: Rule[Reporting | None]
    evaluation_forms: tuple[EvaluationForm, ...] = ()
    # Under a profile whose coaches and mentors are appointed by the head of unit: may
    # BKPSDM (the regency-wide administrator) appoint too? The Nganjuk decree names only
    # the Kepala Perangkat Daerah, so the built-in answer is no; a regency's own profile
    # may add it, and the appointment page then says it is this regency's addition.
    bkpsdm_may_appoint: Rule[bool] = Rule(
        False,
        "Kepbup Nganjuk Diktum KEEMPAT (ditunjuk oleh Kepala Perangkat Daerah; BKPSDM "
        "tidak disebut)",
    )
    # What "PNS bertalenta" means, read only under PNS_TALENT_POOL (`participant_eligible`):
    # FORMAL_TALENT_POOL or EVERY_PNS. The default keeps the formal talent pool.
    talent_reading: Rule[str] = Rule(
        FORMAL_TALENT_POOL,
        "Perbup Belitung Timur tidak mendefinisikan “PNS bertalenta”; dibaca sebagai "
        "anggota manajemen talenta",
    )

    # The PPPK's yearly target (docs/jp-rules.md#annual-target): PP 11/2017 Pasal 203(4)
    # gives PNS 20 JP; for PPPK, PP 49/2018 Pasal 40(1) speaks of at most 24 JP in a
    # contract year (to verify), and the seeds that include PPPK imply the same 20 JP.
    # A regency's own version may set its own.
    annual_target_jp_pppk: Rule[Decimal] = Rule(
        Decimal("20"),
        "PP 49/2018 Pasal 40 ayat (1) (untuk diverifikasi); bawaan sama dengan PNS",
    )

    # Where self-study counts in the 10:20:70 mix of the dashboard (MIX_PARTS).
    self_study_mix: Rule[str] = Rule(
        MIX_TEN,
        "Ketentuan Kembang (tidak diatur dalam peraturan): belajar mandiri dihitung pada "
        "bagian 10",
    )

    def target_for(self, kind: str) -> Decimal:
        """The yearly target of an employee of `kind` (`pns` or `pppk`, `nip.KIND_*`)."""
        if kind == "pppk":
            return self.annual_target_jp_pppk.value
        return self.annual_target_jp.value

    def activity(self, activity: str) -> ActivityRules | None:
        """The rules for an activity code, or None when this profile does not regulate it."""
        for rules in self.activities:
            if rules.activity == activity:
                return rules
        return None

    def regulates(self, activity: str) -> bool:
        return self.activity(activity) is not None

    @property
    def activity_types(self) -> tuple[str, ...]:
        return tuple(rules.activity for rules in self.activities)

    @property
    def session_fields(self) -> SessionFields:
        """What the participant writes on a session under this profile (`SESSION_FIELDS`)."""
        return SESSION_FIELDS[self.session_record.value]

    def evaluation_form(self, code: str) -> EvaluationForm | None:
        for form in self.evaluation_forms:
            if form.code == code:
                return form
        return None


def participant_eligible(profile: Profile, *, kind: str, is_talent: bool) -> bool:
    """May an employee of this `kind` (``"pns"``/``"pppk"``) take part under `profile`?

    ``pns_talent_pool``: PNS bertalenta only (Belitung Timur Pasal 1 angka 15, 18) — the
    formal talent pool (`is_talent`) or, when the profile's `talent_reading` is
    ``every_pns``, every PNS; ``all_asn``: PNS and PPPK (Nganjuk); ``all_employees``:
    everyone (Langsa, docs/jp-rules.md#eligibility).
    Checked when a program starts; later changes do not cut a running program.
    """
    rule = profile.eligibility.value
    if rule == PNS_TALENT_POOL:
        return kind == "pns" and (is_talent or profile.talent_reading.value == EVERY_PNS)
    if rule == ALL_ASN:
        return kind in ("pns", "pppk")
    return rule == ALL_EMPLOYEES


def _add_months(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _day_of(year: int, month: int, day: int | None) -> date:
    """Day `day` of the month, clamped to its last day; None: the last day."""
    last = calendar.monthrange(year, month)[1]
    return date(year, month, last if day is None else min(day, last))


def reporting_deadline(
    profile: Profile, *, year: int | None = None, activities_end: date | None = None
) -> date | None:
    """The day a unit's report is due, or None when the profile sets no deadline.

    ``annual_in_month``: day `due_day` (None: the last day) of that month of `year`
    (Belitung Timur: 31 December, Lampiran huruf J). ``after_activities_end``: the report
    of the month of `activities_end` is due on day `due_day` (None: the last day) of the
    month `months_after` later (Nganjuk: 1 month, Lampiran huruf E angka 2 huruf a;
    January → 28/29 February). Returns None when the needed argument is None.
    """
    reporting = profile.reporting.value
    if reporting is None:
        return None
    if reporting.kind == ANNUAL_IN_MONTH and year is not None and reporting.month:
        return _day_of(year, reporting.month, reporting.due_day)
    if reporting.kind == AFTER_ACTIVITIES_END and activities_end is not None:
        due_month = _add_months(activities_end.replace(day=1), reporting.months_after or 0)
        return _day_of(due_month.year, due_month.month, reporting.due_day)
    return None


def monthly_report_period(profile: Profile, year: int, month: int) -> ReportPeriod | None:
    """The report of one month under ``after_activities_end`` (Nganjuk), or None."""
    reporting = profile.reporting.value
    if reporting is None or reporting.kind != AFTER_ACTIVITIES_END:
        return None
    start = date(year, month, 1)
    end = _day_of(year, month, None)
    due = reporting_deadline(profile, activities_end=start)
    return ReportPeriod(REPORT_MONTHLY, start, end, end + timedelta(days=1), due)


def annual_report_period(profile: Profile, year: int) -> ReportPeriod | None:
    """The yearly report under ``annual_in_month`` (Belitung Timur), or None. It covers
    1 January to its sending date; `end` is the due day, the latest it can cover."""
    reporting = profile.reporting.value
    if reporting is None or reporting.kind != ANNUAL_IN_MONTH or not reporting.month:
        return None
    due = reporting_deadline(profile, year=year)
    opens = min(_day_of(year, reporting.month, reporting.opens_day or 1), due)
    return ReportPeriod(REPORT_ANNUAL, date(year, 1, 1), due, opens, due)


def follow_up_report_period(profile: Profile, year: int, *, sent_on: date) -> ReportPeriod | None:
    """The *laporan susulan* of `year` under ``annual_in_month``: what was held or
    validated after the yearly report sent on `sent_on`, due on the day BKPSDM sets in
    `follow_up_month` of the next year (default January, its last day)."""
    reporting = profile.reporting.value
    if reporting is None or reporting.kind != ANNUAL_IN_MONTH:
        return None
    due = _day_of(year + 1, reporting.follow_up_month or 1, reporting.follow_up_day)
    return ReportPeriod(REPORT_FOLLOW_UP, sent_on + timedelta(days=1), date(year, 12, 31),
                        sent_on + timedelta(days=1), due)


def report_periods(profile: Profile, year: int) -> tuple[ReportPeriod, ...]:
    """The reports a unit may owe for `year` (before any is sent): twelve monthly ones
    (Nganjuk), one yearly one (Belitung Timur), none (Langsa). A follow-up report follows
    from a sent yearly one (`follow_up_report_period`)."""
    reporting = profile.reporting.value
    if reporting is None:
        return ()
    if reporting.kind == AFTER_ACTIVITIES_END:
        return tuple(monthly_report_period(profile, year, m) for m in range(1, 13))
    annual = annual_report_period(profile, year)
    return (annual,) if annual else ()


__all__ = [
    "ActivityRules",
    "ActivityType",
    "EvaluationForm",
    "Profile",
    "ReportPeriod",
    "Reporting",
    "Rule",
    "ScalePoint",
    "SessionFields",
    "annual_report_period",
    "follow_up_report_period",
    "monthly_report_period",
    "participant_eligible",
    "report_periods",
    "reporting_deadline",
]
