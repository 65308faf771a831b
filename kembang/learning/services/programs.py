"""Starting, answering and closing programs, following the regency's profile
(docs/life-cycle.md#programs).

- coaching: the coach proposes (the direct supervisor, or under `nganjuk` an ASN the head
  of unit appointed); the coachee agrees — the consensus — and under `nganjuk` names the
  development area first (Lampiran huruf C angka 1);
  — or, under a profile where the head of unit appoints coaches (`nganjuk`), the
  employee asks a coach appointed for their unit, who accepts or declines
  (`coaching_request`, answered like a mentoring request);
- mentoring: the employee asks a mentor, who accepts or declines with a reason;
- self-study: the direct supervisor instructs it and names the learning sources.
"""

import calendar
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kembang.audit.services import audit_record
from kembang.learning.errors import RuleRefusal, TransitionRefused
from kembang.learning.lifecycle import PROGRAM_STEPS
from kembang.learning.models import ActivityType, Appointment, PlannedMeeting, Program
from kembang.learning.profiles import profile_on
from kembang.learning.services.notify import notify, resolve, user_of
from kembang.organisation.access import scope_for
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Employee
from kembang.policy import profiles as P
from kembang.policy.seniority import is_senior


def _clause(rule) -> str:
    return rule.clause if rule is not None else ""


def _refuse(message: str, rule=None, *, code: str, profile=None) -> RuleRefusal:
    """A refusal that names the rule's clause and the instrument it is in."""
    clause = _clause(rule)
    if clause:
        source = f"{profile.name}, {clause}" if profile is not None else clause
        message = _("%(message)s (%(source)s)") % {"message": message, "source": source}
    return RuleRefusal(message, code=code)


# A program's dates are typed by hand: bounds keep a slip of the year (0001, 9999) out of
# the ledger and the reports.
EARLIEST_START = date(2000, 1, 1)
MAX_MONTHS = 24


def _months_later(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day (31 January → 28/29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def check_program_dates(*, regency, start: date, end: date) -> None:
    """A program starts on or after 1 January 2000, ends on or after its start, by 31
    December of the year after the regency's today (its own zone,
    docs/conventions.md#time-zone), and at most 24 months after its start (the same day, or
    the month's last day). Raises `RuleRefusal` on the form field at fault."""
    if start < EARLIEST_START:
        raise RuleRefusal(_("Tanggal mulai program paling awal %(day)s.")
                          % {"day": EARLIEST_START.strftime("%d/%m/%Y")},
                          code="program_start_too_early", field="start_date")
    if end < start:
        raise RuleRefusal(_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
                          code="program_dates", field="end_date")
    last = date(regency_today(regency).year + 1, 12, 31)
    if end > last:
        raise RuleRefusal(_("Tanggal selesai program paling lambat %(day)s (akhir tahun "
                            "depan).") % {"day": last.strftime("%d/%m/%Y")},
                          code="program_end_too_late", field="end_date")
    longest = _months_later(start, MAX_MONTHS)
    if end > longest:
        raise RuleRefusal(_("Program paling lama %(months)s bulan: selesai paling lambat "
                            "%(day)s.") % {"months": MAX_MONTHS,
                                           "day": longest.strftime("%d/%m/%Y")},
                          code="program_too_long", field="end_date")


def check_participant(profile, participant, activity: str) -> None:
    """The profile regulates the activity and lets this employee take part
    (`P.participant_eligible`; under Belitung Timur "PNS bertalenta" is the formal talent
    pool or every PNS, as the profile's `talent_reading` says —
    docs/jp-rules.md#eligibility)."""
    rules = profile.activity(activity)
    if rules is None:
        raise _refuse(_("Profil %(profile)s tidak mengatur kegiatan %(activity)s.")
                      % {"profile": profile.name, "activity": ActivityType(activity).label},
                      code="activity_not_regulated")
    if not P.participant_eligible(profile, kind=participant.kind,
                                  is_talent=participant.is_talent):
        if (profile.eligibility.value == P.PNS_TALENT_POOL
                and profile.talent_reading.value == P.EVERY_PNS):
            # This regency reads "PNS bertalenta" as every PNS: only the kind can fail.
            message = _("Hanya PNS yang dapat menjadi peserta menurut profil ini; %(name)s "
                        "bukan PNS.")
        elif profile.eligibility.value == P.PNS_TALENT_POOL:
            message = _("Hanya PNS bertalenta yang dapat menjadi peserta; %(name)s bukan "
                        "PNS dalam kelompok rencana suksesi (talent pool).")
        else:
            message = _("%(name)s tidak memenuhi syarat peserta menurut profil ini.")
        raise _refuse(message % {"name": participant}, profile.eligibility,
                      code="participant_not_eligible", profile=profile)


def _unit_ids(employee) -> list[int]:
    return [int(i) for i in employee.unit.path.strip("/").split("/") if i]


def _is_appointed(guide, participant, activity: str, appointments=None) -> bool:
    """Appointed by the head of the participant's unit, or of a unit above it.
    `appointments`: the (appointee id, unit id) pairs of the activity's standing
    appointments, when the caller loaded them for many checks (`appointment_pairs`)."""
    unit_ids = _unit_ids(participant)
    if appointments is not None:
        return any((guide.pk, unit_id) in appointments for unit_id in unit_ids)
    return Appointment.objects.filter(
        appointee=guide, activity=activity, unit_id__in=unit_ids, revoked_at__isnull=True
    ).exists()


def appointment_pairs(activity: str, *, appointee=None, unit_ids=None) -> frozenset:
    """The (appointee id, unit id) pairs of the standing appointments for `activity`, of
    one appointee or for some units: what `check_guide` reads, in one query."""
    rows = Appointment.objects.filter(activity=activity, revoked_at__isnull=True)
    if appointee is not None:
        rows = rows.filter(appointee=appointee)
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=unit_ids)
    return frozenset(rows.values_list("appointee_id", "unit_id"))


def check_guide(profile, *, activity: str, guide, participant, appointments=None) -> None:
    """The coach or mentor is who the profile says may coach or mentor this participant.
    `appointments`: see `_is_appointed` (the pickers check many people at once)."""
    if guide.pk == participant.pk:
        raise RuleRefusal(_("Peserta tidak dapat membimbing dirinya sendiri."),
                          code="guide_is_participant")
    if guide.regency_id != participant.regency_id or not guide.is_active:
        raise RuleRefusal(_("Pembimbing tidak ditemukan."), code="guide_not_found")
    if activity == ActivityType.SELF_STUDY:
        if participant.supervisor_id != guide.pk:
            raise RuleRefusal(_("Belajar mandiri diinstruksikan oleh atasan langsung "
                                "peserta."), code="not_direct_supervisor")
        return
    rule = profile.coach if activity == ActivityType.COACHING else profile.mentor
    value = rule.value
    if value == P.DIRECT_SUPERVISOR and participant.supervisor_id != guide.pk:
        raise _refuse(_("%(guide)s bukan atasan langsung %(name)s; menurut profil ini coach "
                        "adalah atasan langsung.") % {"guide": guide, "name": participant},
                      rule, code="not_direct_supervisor")
    if value == P.APPOINTED_BY_HEAD_OF_UNIT and not _is_appointed(guide, participant, activity,
                                                                  appointments):
        raise _refuse(_("%(guide)s belum ditunjuk oleh Kepala Perangkat Daerah sebagai "
                        "%(role)s untuk unit %(unit)s.")
                      % {"guide": guide, "unit": participant.unit,
                         "role": "coach" if activity == ActivityType.COACHING else "mentor"},
                      rule, code="not_appointed")
    if value == P.SUPERVISOR_OR_SENIOR and participant.supervisor_id != guide.pk:
        senior = is_senior(
            mentor_kind=guide.kind,
            mentor_position_kind=guide.position.kind if guide.position_id else None,
            mentor_rank=guide.rank, mentee_kind=participant.kind,
            mentee_position_kind=participant.position.kind if participant.position_id else None,
            mentee_rank=participant.rank)
        if not senior:
            raise _refuse(_("%(guide)s bukan atasan langsung dan tidak lebih senior dari "
                            "%(name)s (jenjang jabatan lebih tinggi, atau pangkat lebih tinggi "
                            "pada jenjang yang sama).") % {"guide": guide, "name": participant},
                          rule, code="mentor_not_senior")


def participation_refusal(profile, employee, activity: str) -> str:
    """Why `employee` may not take part in `activity` under `profile`, in the words the
    submit refuses with (`check_participant`); "" when they may. Shown where the button
    to ask would be, so nobody fills a form that will be refused."""
    try:
        check_participant(profile, employee, activity)
    except RuleRefusal as refusal:
        return refusal.message
    return ""


def _appointments_for(profile, activity: str, **which):
    rule = profile.coach if activity == ActivityType.COACHING else profile.mentor
    if activity == ActivityType.SELF_STUDY or rule.value != P.APPOINTED_BY_HEAD_OF_UNIT:
        return None
    return appointment_pairs(activity, **which)


def eligible_participants(profile, activity: str, *, guide, candidates) -> list:
    """Those of `candidates` whom `guide` may take into `activity` under `profile`: the
    checks the submit makes (`check_participant`, `check_guide`), with the appointments
    read once. Candidates need their unit and position loaded."""
    appointments = _appointments_for(profile, activity, appointee=guide)
    eligible = []
    for person in candidates:
        try:
            check_participant(profile, person, activity)
            check_guide(profile, activity=activity, guide=guide, participant=person,
                        appointments=appointments)
        except RuleRefusal:
            continue
        eligible.append(person)
    return eligible


def eligible_guides(profile, activity: str, *, participant, candidates) -> list:
    """Those of `candidates` who may guide `participant` in `activity` under `profile`
    (`check_guide`, as the submit checks), with the appointments read once."""
    appointments = _appointments_for(profile, activity, unit_ids=_unit_ids(participant))
    eligible = []
    for person in candidates:
        try:
            check_guide(profile, activity=activity, guide=person, participant=participant,
                        appointments=appointments)
        except RuleRefusal:
            continue
        eligible.append(person)
    return eligible


def _check_requirements(profile, *, performance_problem: str, development_need: str,
                        leadership_task: str | None = None,
                        guidance_need: str | None = None) -> None:
    """What the profile says a program records when it starts (`program_requires`).

    `leadership_task` (coaching) and `guidance_need` (mentoring) are None for the other
    activities: Belitung Timur's coaching is about the task the leadership gave (Pasal 1
    angka 13, Pasal 2 ayat (2) huruf a), its mentoring about a need for guidance in
    completing work (angka 18); a profile that lists their codes makes them required."""
    needs = profile.program_requires.value
    if P.PERFORMANCE_PROBLEM in needs and not performance_problem.strip():
        raise _refuse(_("Tuliskan permasalahan kinerja yang menjadi alasan pembimbingan."),
                      profile.program_requires, code="performance_problem_required", profile=profile)
    if (P.LEADERSHIP_TASK in needs and leadership_task is not None
            and not leadership_task.strip()):
        raise _refuse(_("Tuliskan tugas yang diberikan pimpinan yang menjadi tujuan "
                        "pembimbingan."), profile.program_requires,
                      code="leadership_task_required", profile=profile)
    if P.GUIDANCE_NEED in needs and guidance_need is not None and not guidance_need.strip():
        raise _refuse(_("Tuliskan bimbingan dan arahan yang Anda butuhkan dalam "
                        "penyelesaian pekerjaan."), profile.program_requires,
                      code="guidance_need_required", profile=profile)
    if not development_need.strip():
        raise RuleRefusal(_("Tuliskan kebutuhan/area pengembangan (bagian A)."),
                          code="development_need_required", field="development_need")


def require_development_area(program: Program) -> None:
    """Under a profile that requires it (`nganjuk`: *Sebelum melaksanakan Coaching dan
    Mentoring, ASN menentukan area pengembangan*, Lampiran huruf C angka 1), a program has
    no first session until the participant has recorded the development area (section A,
    `development_need`). Whoever proposed the program, the area is the participant's:
    they write it when requesting (mentoring, coaching request) or when agreeing to a
    coach's proposal. The profile is the one in force on the program's start date.
    Raises `RuleRefusal` (`development_area_required`) naming the clause; returns None
    when the area is recorded or the profile does not ask for it."""
    profile = profile_on(program.regency, program.start_date)
    if P.DEVELOPMENT_AREA not in profile.program_requires.value:
        return
    if not (program.development_need or "").strip():
        raise _refuse(_("Peserta belum menentukan area pengembangan (bagian A); sesi "
                        "pertama dapat dicatat setelah peserta menuliskannya."),
                      profile.program_requires, code="development_area_required",
                      profile=profile)


def _move(program: Program, *, actor, action: str, refused: str, reason: str = "") -> None:
    """Take the life-cycle step `action` (kembang/learning/lifecycle.py) on a locked
    program, refusing it from a state the table does not allow; save and audit it."""
    step = PROGRAM_STEPS[action]
    old = program.status
    if not step.allows(old):
        raise TransitionRefused(refused)
    program.status = step.target
    program.save()
    audit_record(actor=actor, regency=program.regency, action=f"program.{action}", obj=program,
                 changes={"status": [old, step.target]}, reason=reason)


# Programs that a replay of the form that started them would repeat.
_OPEN = (Program.Status.PROPOSED, Program.Status.REQUESTED, Program.Status.ACTIVE)


def _create(*, actor, activity, participant, guide, status, profile, start_date, end_date,
            **fields) -> tuple[Program, bool]:
    """The new program and True; or, when the same form was sent twice, the program the
    first one started and False.

    The participant's row is locked first (FOR NO KEY UPDATE, as for classical training:
    it does not block rows that merely reference the employee), so two such requests at
    once are judged one after the other. Repeated means an open program (proposed,
    requested or running) that `actor` started with the same activity, participant,
    guide, dates and text."""
    Employee.objects.select_for_update(no_key=True).filter(pk=participant.pk).first()
    same = Program.objects.filter(
        participant=participant, guide=guide, activity=activity, started_by=actor,
        start_date=start_date, end_date=end_date, status__in=_OPEN, **fields,
    ).order_by("pk").first()
    if same is not None:
        return same, False
    program = Program.objects.create(
        regency=participant.regency, activity=activity, participant=participant, guide=guide,
        status=status, profile_id=profile.id, started_by=actor, start_date=start_date,
        end_date=end_date, **fields)
    audit_record(actor=actor, regency=participant.regency, action=f"program.{status}",
                 obj=program, changes={"status": [None, status], "activity": [None, activity]})
    return program, True


@transaction.atomic
def coaching_propose(*, actor, participant, start_date: date, end_date: date,
                     development_need: str = "", job_link: str = "",
                     planned_activities: str = "", goal: str = "",
                     performance_problem: str = "", leadership_task: str = "",
                     target_competencies: str = "", mode: str = "luring") -> Program:
    """The coach (`actor.employee`) proposes coaching on one specific activity; it starts
    when the coachee agrees (`program_agree`). `leadership_task`: the task the leadership
    gave that the coaching is for (Belitung Timur Pasal 1 angka 13, Pasal 2 ayat (2)
    huruf a). The same proposal sent twice is made once: the second gets the first (see
    `_create`)."""
    coach = actor.employee
    if coach is None:
        raise RuleRefusal(_("Hanya pegawai yang dapat menjadi coach."), code="guide_not_found")
    check_program_dates(regency=participant.regency, start=start_date, end=end_date)
    profile = profile_on(participant.regency, start_date)
    check_participant(profile, participant, ActivityType.COACHING)
    check_guide(profile, activity=ActivityType.COACHING, guide=coach, participant=participant)
    # Under a profile where the employee names the development area first (`nganjuk`),
    # the coachee writes it when agreeing; elsewhere the coach's proposal carries it.
    coachee_names_area = P.DEVELOPMENT_AREA in profile.program_requires.value
    _check_requirements(profile, performance_problem=performance_problem,
                        development_need=development_need or ("-" if coachee_names_area else ""),
                        leadership_task=leadership_task)
    program, created = _create(
        actor=actor, activity=ActivityType.COACHING, participant=participant, guide=coach,
        status=Program.Status.PROPOSED, profile=profile, start_date=start_date,
        end_date=end_date, development_need=development_need, job_link=job_link,
        planned_activities=planned_activities, goal=goal,
        performance_problem=performance_problem, leadership_task=leadership_task.strip(),
        target_competencies=target_competencies.strip(), mode=mode)
    if not created:
        return program
    notify(user_of(participant),
           gettext_lazy("%(coach)s mengajak Anda memulai pembimbingan (coaching)."),
           f"/program/{program.pk}/", params={"coach": coach})
    return program


@transaction.atomic
def program_agree(*, actor, program: Program, development_need: str = "") -> Program:
    """The coachee's consensus. Under `nganjuk` the coachee names the development area."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    if program.status != Program.Status.PROPOSED or actor.employee_id != program.participant_id:
        raise TransitionRefused(_("Program ini tidak menunggu persetujuan Anda."))
    # A proposal stored before the date rules must not start.
    check_program_dates(regency=program.regency, start=program.start_date,
                        end=program.end_date)
    profile = profile_on(program.regency, program.start_date)
    if development_need.strip():
        program.development_need = development_need.strip()
    _check_requirements(profile, performance_problem=program.performance_problem,
                        development_need=program.development_need)
    program.agreed_at = timezone.now()
    _move(program, actor=actor, action="agree",
          refused=_("Program ini tidak menunggu persetujuan Anda."))
    # The invitation is answered: it no longer waits among the coachee's notices.
    resolve(actor, f"/program/{program.pk}/")
    notify(user_of(program.guide), gettext_lazy("%(name)s menyetujui pembimbingan."),
           f"/program/{program.pk}/", params={"name": program.participant})
    return program


@transaction.atomic
def program_decline(*, actor, program: Program, reason: str) -> Program:
    """The coachee says no to a coaching proposal: coaching rests on consensus
    (docs/life-cycle.md#programs)."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    if program.status != Program.Status.PROPOSED or actor.employee_id != program.participant_id:
        raise TransitionRefused(_("Program ini tidak menunggu persetujuan Anda."))
    if not reason.strip():
        raise RuleRefusal(_("Tuliskan alasan menolak."), code="reason_required", field="reason")
    program.answered_reason = reason.strip()
    _move(program, actor=actor, action="decline", reason=reason,
          refused=_("Program ini tidak menunggu persetujuan Anda."))
    resolve(actor, f"/program/{program.pk}/")
    notify(user_of(program.guide),
           gettext_lazy("%(name)s menolak ajakan pembimbingan: %(reason)s"),
           f"/program/{program.pk}/",
           params={"name": program.participant, "reason": reason.strip()})
    return program


@transaction.atomic
def program_withdraw(*, actor, program: Program, reason: str = "") -> Program:
    """Whoever proposed coaching or requested mentoring withdraws it before the answer."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    refused = _("Hanya permohonan yang belum dijawab yang dapat ditarik.")
    if actor.pk != program.started_by_id:
        raise TransitionRefused(refused)
    _move(program, actor=actor, action="withdraw", reason=reason, refused=refused)
    # The other party's invitation or request has nothing left to answer.
    resolve(user_of(_other_party(actor, program)), f"/program/{program.pk}/")
    return program


@transaction.atomic
def mentoring_request(*, actor, mentor, start_date: date, end_date: date,
                      development_need: str, job_link: str = "", planned_activities: str = "",
                      goal: str = "", guidance_need: str = "",
                      target_competencies: str = "", mode: str = "luring") -> Program:
    """The employee (`actor.employee`) asks `mentor`; voluntary on both sides.
    `guidance_need`: the guidance and direction the employee needs in completing their
    work (Belitung Timur Pasal 1 angka 18; required where the profile lists
    ``guidance_need``) — a mentee is not asked for a performance problem, which is
    coaching's (angka 15). The same request sent twice is made once: the second gets the
    first (see `_create`)."""
    participant = actor.employee
    if participant is None:
        raise RuleRefusal(_("Hanya pegawai yang dapat mengajukan pendampingan."),
                          code="participant_not_eligible")
    check_program_dates(regency=participant.regency, start=start_date, end=end_date)
    profile = profile_on(participant.regency, start_date)
    check_participant(profile, participant, ActivityType.MENTORING)
    check_guide(profile, activity=ActivityType.MENTORING, guide=mentor, participant=participant)
    # "-": the performance problem is coaching's requirement, never a mentee's.
    _check_requirements(profile, performance_problem="-", development_need=development_need,
                        guidance_need=guidance_need)
    program, created = _create(
        actor=actor, activity=ActivityType.MENTORING, participant=participant, guide=mentor,
        status=Program.Status.REQUESTED, profile=profile, start_date=start_date,
        end_date=end_date, development_need=development_need, job_link=job_link,
        planned_activities=planned_activities, goal=goal,
        guidance_need=guidance_need.strip(),
        target_competencies=target_competencies.strip(), mode=mode)
    if not created:
        return program
    notify(user_of(mentor), gettext_lazy("%(name)s meminta Anda menjadi mentor."),
           f"/program/{program.pk}/", params={"name": participant})
    return program


def may_request_coaching(profile) -> bool:
    """May an employee ask for coaching under `profile`? Only where the head of unit
    appoints the coaches (`nganjuk`, Diktum KEEMPAT): there the employee asks a coach
    appointed for their unit, and coaching starts on both parties' recorded agreement
    (Lampiran huruf D (Coaching) angka 4 huruf a, *kesepakatan (konsensus)*). Where the
    coach is the direct supervisor (Langsa, Belitung Timur) coaching stays the
    supervisor's initiative (docs/life-cycle.md#programs)."""
    rules = profile.activity(ActivityType.COACHING)
    return rules is not None and profile.coach.value == P.APPOINTED_BY_HEAD_OF_UNIT


@transaction.atomic
def coaching_request(*, actor, coach, start_date: date, end_date: date,
                     development_need: str, job_link: str = "", planned_activities: str = "",
                     goal: str = "", target_competencies: str = "",
                     mode: str = "luring") -> Program:
    """The employee (`actor.employee`) asks `coach`, appointed for their unit, for
    coaching on one specific activity and names the development area (Lampiran huruf C
    angka 1); the coach accepts or declines with a reason (`mentoring_answer`). Only
    where `may_request_coaching`; the same request sent twice is made once (`_create`)."""
    participant = actor.employee
    if participant is None:
        raise RuleRefusal(_("Hanya pegawai yang dapat meminta pembimbingan."),
                          code="participant_not_eligible")
    check_program_dates(regency=participant.regency, start=start_date, end=end_date)
    profile = profile_on(participant.regency, start_date)
    if not may_request_coaching(profile):
        raise _refuse(_("Menurut profil ini pembimbingan (coaching) dimulai oleh coach; "
                        "pegawai tidak dapat memintanya."), profile.coach,
                      code="coaching_request_not_offered", profile=profile)
    check_participant(profile, participant, ActivityType.COACHING)
    check_guide(profile, activity=ActivityType.COACHING, guide=coach, participant=participant)
    _check_requirements(profile, performance_problem="-", development_need=development_need)
    program, created = _create(
        actor=actor, activity=ActivityType.COACHING, participant=participant, guide=coach,
        status=Program.Status.REQUESTED, profile=profile, start_date=start_date,
        end_date=end_date, development_need=development_need.strip(), job_link=job_link,
        planned_activities=planned_activities, goal=goal,
        target_competencies=target_competencies.strip(), mode=mode)
    if not created:
        return program
    notify(user_of(coach), gettext_lazy("%(name)s meminta Anda menjadi coach."),
           f"/program/{program.pk}/", params={"name": participant})
    return program


@transaction.atomic
def mentoring_answer(*, actor, program: Program, accept: bool, reason: str = "") -> Program:
    """The mentor — or the coach an employee asked (`coaching_request`) — accepts, or
    declines with a reason. Accepting records the guide's side of the agreement."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    if program.status != Program.Status.REQUESTED or actor.employee_id != program.guide_id:
        raise TransitionRefused(_("Permohonan ini tidak menunggu jawaban Anda."))
    if not accept and not reason.strip():
        raise RuleRefusal(_("Tuliskan alasan menolak."), code="reason_required", field="reason")
    if accept:
        check_program_dates(regency=program.regency, start=program.start_date,
                            end=program.end_date)
    program.answered_reason = reason.strip()
    program.agreed_at = timezone.now() if accept else None
    _move(program, actor=actor, action="accept" if accept else "decline", reason=reason,
          refused=_("Permohonan ini tidak menunggu jawaban Anda."))
    # The request is answered: it no longer waits among the guide's notices.
    resolve(actor, f"/program/{program.pk}/")
    if program.activity == ActivityType.COACHING:
        text = (gettext_lazy("%(mentor)s menerima permohonan pembimbingan (coaching) Anda.")
                if accept else
                gettext_lazy("%(mentor)s menolak permohonan pembimbingan (coaching) Anda."))
    else:
        text = (gettext_lazy("%(mentor)s menerima permohonan pendampingan Anda.") if accept
                else gettext_lazy("%(mentor)s menolak permohonan pendampingan Anda."))
    notify(user_of(program.participant), text, f"/program/{program.pk}/",
           params={"mentor": program.guide})
    return program


@transaction.atomic
def self_study_instruct(*, actor, participant, start_date: date, end_date: date,
                        development_need: str, learning_sources: str,
                        target_competencies: str = "", planned_activities: str = "",
                        job_link: str = "") -> Program:
    """The direct supervisor instructs self-study, naming the gap and learning sources.
    The same instruction sent twice is given once: the second gets the first (see
    `_create`)."""
    supervisor = actor.employee
    if supervisor is None:
        raise RuleRefusal(_("Hanya atasan langsung yang dapat menginstruksikan belajar "
                            "mandiri."), code="not_direct_supervisor")
    check_program_dates(regency=participant.regency, start=start_date, end=end_date)
    profile = profile_on(participant.regency, start_date)
    check_participant(profile, participant, ActivityType.SELF_STUDY)
    check_guide(profile, activity=ActivityType.SELF_STUDY, guide=supervisor,
                participant=participant)
    if not learning_sources.strip():
        raise RuleRefusal(_("Tentukan sumber pembelajaran."), code="learning_sources_required",
                          field="learning_sources")
    _check_requirements(profile, performance_problem="-", development_need=development_need)
    program, created = _create(
        actor=actor, activity=ActivityType.SELF_STUDY, participant=participant,
        guide=supervisor, status=Program.Status.ACTIVE, profile=profile,
        start_date=start_date, end_date=end_date, development_need=development_need,
        learning_sources=learning_sources, target_competencies=target_competencies,
        planned_activities=planned_activities, job_link=job_link)
    if not created:
        return program
    program.agreed_at = timezone.now()
    program.save(update_fields=["agreed_at"])
    notify(user_of(participant), gettext_lazy("%(name)s menginstruksikan belajar mandiri."),
           f"/program/{program.pk}/", params={"name": supervisor})
    return program


def hr_covers(user, employee) -> bool:
    """HR of the employee's current unit (with its sub-units), or BKPSDM."""
    scope = scope_for(user)
    return scope.regency_id == employee.regency_id and scope.hr_covers(employee.unit.path)


@transaction.atomic
def program_close(*, actor, program: Program, reason: str = "") -> Program:
    """The coach/mentor/supervisor, or HR of the participant's unit, closes a running
    program; evaluations open. A participant never closes their own as HR."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    if program.status != Program.Status.ACTIVE:
        raise TransitionRefused(_("Hanya program yang berjalan yang dapat ditutup."))
    is_hr = actor.employee_id != program.participant_id and hr_covers(actor, program.participant)
    if not is_hr and actor.employee_id != program.guide_id:
        raise TransitionRefused(_("Program ditutup oleh pembimbingnya atau pengelola SDM."))
    program.closed_at = timezone.now()
    program.closed_by = actor
    _move(program, actor=actor, action="close", reason=reason,
          refused=_("Hanya program yang berjalan yang dapat ditutup."))
    notify(user_of(program.participant),
           gettext_lazy("Program %(program)s selesai; isi evaluasinya."),
           f"/program/{program.pk}/",
           params={"program": ActivityType(program.activity).label},
           key=evaluation_notice_key(program))
    return program


def evaluation_notice_key(program: Program) -> str:
    """The notice asking the participant to evaluate a closed program; an evaluation
    submitted for the program marks it read (kembang/learning/services/evaluations.py)."""
    return f"evaluation:{program.pk}"


def program_has_ended(program: Program, today: date | None = None) -> bool:
    """A program ends when closed, or on its end date (docs/life-cycle.md#program-end)."""
    today = today or regency_today(program.regency)
    return program.status == Program.Status.CLOSED or (
        program.status == Program.Status.ACTIVE and program.end_date < today)


# --- the agreed schedule (Nganjuk Lampiran huruf C angka 2) -------------------------------


def _check_party(actor, program: Program) -> None:
    if actor.employee_id not in (program.participant_id, program.guide_id):
        raise TransitionRefused(_("Jadwal diatur oleh peserta dan pembimbingnya."))
    if program.status != Program.Status.ACTIVE:
        raise TransitionRefused(_("Jadwal hanya dapat diubah selama program berjalan."))


def _other_party(actor, program: Program):
    return program.guide if actor.employee_id == program.participant_id else program.participant


@transaction.atomic
def planned_meeting_add(*, actor, program: Program, day: date, note: str = "") -> PlannedMeeting:
    """Either party of a running program adds a date they agreed to meet (*sesuai jadwal
    yang telah disepakati*, Nganjuk Lampiran huruf C angka 2); offered under every
    profile, required under none. The date lies from the regency's today to the program's
    end date (inclusive); one planned date per day per program (the same date again
    returns the existing one). Audited; the other party is told."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    _check_party(actor, program)
    today = regency_today(program.regency)
    first = max(today, program.start_date)
    if day < first or day > program.end_date:
        raise RuleRefusal(_("Tanggal rencana antara %(first)s dan %(last)s.")
                          % {"first": first.strftime("%d/%m/%Y"),
                             "last": program.end_date.strftime("%d/%m/%Y")},
                          code="planned_date_out_of_range", field="day")
    existing = PlannedMeeting.objects.filter(program=program, date=day).first()
    if existing is not None:
        return existing
    meeting = PlannedMeeting.objects.create(regency=program.regency, program=program, date=day,
                                            note=note.strip()[:255], added_by=actor)
    audit_record(actor=actor, regency=program.regency, action="planned_meeting.add",
                 obj=meeting, changes={"date": [None, day.isoformat()],
                                       "note": [None, meeting.note]})
    notify(user_of(_other_party(actor, program)),
           gettext_lazy("%(name)s menambahkan jadwal pertemuan %(day)s."),
           f"/program/{program.pk}/",
           params={"name": actor.employee, "day": day.strftime("%d/%m/%Y")})
    return meeting


@transaction.atomic
def planned_meeting_remove(*, actor, meeting: PlannedMeeting, reason: str = "") -> None:
    """Either party of the running program removes a planned date. The row goes; the
    audit event keeps its date and note."""
    program = Program.objects.select_for_update().get(pk=meeting.program_id)
    _check_party(actor, program)
    audit_record(actor=actor, regency=program.regency, action="planned_meeting.remove",
                 obj=meeting, changes={"date": [meeting.date.isoformat(), None],
                                       "note": [meeting.note, None]}, reason=reason)
    meeting.delete()
    notify(user_of(_other_party(actor, program)),
           gettext_lazy("%(name)s menghapus jadwal pertemuan %(day)s."),
           f"/program/{program.pk}/",
           params={"name": actor.employee, "day": meeting.date.strftime("%d/%m/%Y")})
