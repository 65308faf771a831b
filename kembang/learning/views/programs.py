import uuid

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kembang.common.errors import DomainError
from kembang.common.params import text_param
from kembang.competency import plans as competency_plans
from kembang.documents import seed_forms
from kembang.learning import selectors
from kembang.learning.access import access_program
from kembang.learning.forms import (
    AgreeForm,
    CoachingProposeForm,
    CoachingRequestForm,
    MentoringRequestForm,
    PlannedMeetingForm,
    ReasonForm,
    SelfStudyForm,
    SessionForm,
    mark_profile_requirements,
)
from kembang.learning.models import (
    ActivityType,
    Appointment,
    CoachEvaluation,
    PlannedMeeting,
    Program,
    SelfStudyClosing,
    Session,
)
from kembang.learning.profiles import profile_on
from kembang.learning.services import evaluations as evaluation_services
from kembang.learning.services import programs as program_services
from kembang.learning.services import sessions as session_services
from kembang.learning.views.common import flash_error, form_error
from kembang.learning.views.sessions import session_form_context
from kembang.organisation.access import scope_for
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Employee
from kembang.policy import profiles as P


def _employee_or_404(request):
    if request.user.employee_id is None:
        raise Http404
    return request.user.employee


def program_list(request):
    if request.user.employee_id is None and scope_for(request.user).administers_units:
        # An administrator without an employee record has no programs of their own: the
        # programs they oversee are theirs to see.
        return redirect("learning:staff_program_list")
    employee = _employee_or_404(request)
    profile = profile_on(request.user.regency, regency_today(request.user.regency))
    return render(request, "learning/program_list.html", {
        "programs": selectors.my_programs(request.user),
        "requests": selectors.pending_requests(request.user),
        "profile": profile,
        "has_subordinates": employee.subordinates.filter(is_active=True).exists(),
        "is_appointed": Appointment.objects.filter(appointee=employee,
                                                   revoked_at__isnull=True).exists(),
        "can_request_coaching": program_services.may_request_coaching(profile),
        # Where the employee would ask for themself: why the profile does not let them.
        "refusals": {activity.value: program_services.participation_refusal(
            profile, employee, activity)
            for activity in (ActivityType.MENTORING, ActivityType.COACHING)
            if profile.regulates(activity)},
    })


def _coachable(employee, profile):
    """Whom this employee may propose coaching to under the profile."""
    employees = Employee.objects.filter(regency_id=employee.regency_id, is_active=True)
    if profile.coach.value == P.APPOINTED_BY_HEAD_OF_UNIT:
        units = Appointment.objects.filter(
            appointee=employee, activity=ActivityType.COACHING, revoked_at__isnull=True
        ).values_list("unit__path", flat=True)
        query = Q(pk__in=[])
        for path in units:
            query |= Q(unit__path__startswith=path)
        return employees.filter(query).exclude(pk=employee.pk)
    return employees.filter(supervisor=employee)


def _mentors(employee, profile):
    employees = Employee.objects.filter(regency_id=employee.regency_id, is_active=True)
    if profile.mentor.value == P.APPOINTED_BY_HEAD_OF_UNIT:
        paths = [p for p in employee.unit.path.strip("/").split("/") if p]
        return employees.filter(appointments__unit_id__in=paths,
                                appointments__activity=ActivityType.MENTORING,
                                appointments__revoked_at__isnull=True).distinct()
    # The service checks seniority; the list offers the supervisor and the agency's staff.
    agency = "/" + employee.unit.path.strip("/").split("/")[0] + "/"
    return employees.filter(Q(pk=employee.supervisor_id) | Q(unit__path__startswith=agency)
                            ).exclude(pk=employee.pk).select_related("position")


def _appointed_coaches(employee):
    """Coaches appointed for the employee's unit or a unit above it (Diktum KEEMPAT)."""
    paths = [p for p in employee.unit.path.strip("/").split("/") if p]
    return (Employee.objects.filter(regency_id=employee.regency_id, is_active=True,
                                    appointments__unit_id__in=paths,
                                    appointments__activity=ActivityType.COACHING,
                                    appointments__revoked_at__isnull=True)
            .exclude(pk=employee.pk).distinct())


def program_start(request, activity: str):
    employee = _employee_or_404(request)
    regency = request.user.regency
    today = regency_today(regency)
    profile = profile_on(regency, today)
    if activity not in ActivityType.values or not profile.regulates(activity):
        raise Http404
    can_request = (activity == ActivityType.COACHING
                   and program_services.may_request_coaching(profile))
    # The pickers offer only whom the submit would accept (the same service checks).
    candidates, coachable = [], []
    if activity == ActivityType.COACHING:
        candidates = _candidates(_coachable(employee, profile))
        coachable = program_services.eligible_participants(profile, activity, guide=employee,
                                                           candidates=candidates)
    # The employee's request is its own form (`?minta=1`); it is the page's form for an
    # employee who has no one to propose coaching to.
    asks = can_request and (request.GET.get("minta") == "1" or not coachable)
    # Where the employee asks for themself, a profile that does not let them take part
    # says why instead of a form the submit would refuse.
    refusal = program_services.participation_refusal(profile, employee, activity) if (
        asks or activity == ActivityType.MENTORING) else ""
    # Started from an item of an agreed development plan (docs/competency.md#plan): the
    # form is filled from it and the program linked to it. An item the user may not use
    # is ignored.
    item = competency_plans.startable_item(
        request.user, request.GET.get("rencana"), activity,
        for_self=asks or activity == ActivityType.MENTORING,
        participants=[person.pk for person in coachable]
    ) if request.GET.get("rencana") else None
    initial, suggestions = (competency_plans.start_prefill(
        item, profile=profile, mentor_raw=request.GET.get("mentor")) if item else ({}, []))
    left_out = 0
    if asks:
        form = CoachingRequestForm(request.POST or None, initial=initial, coaches=_picker(
            program_services.eligible_guides(profile, activity, participant=employee,
                                             candidates=_candidates(
                                                 _appointed_coaches(employee)))))
    elif activity == ActivityType.COACHING:
        form = CoachingProposeForm(request.POST or None, initial=initial,
                                   participants=_picker(coachable))
        left_out = len(candidates) - len(coachable)
    elif activity == ActivityType.MENTORING:
        form = MentoringRequestForm(request.POST or None, initial=initial, mentors=_picker(
            program_services.eligible_guides(profile, activity, participant=employee,
                                             candidates=_candidates(
                                                 _mentors(employee, profile)))))
    else:
        candidates = _candidates(employee.subordinates.filter(is_active=True))
        eligible = program_services.eligible_participants(profile, activity, guide=employee,
                                                          candidates=candidates)
        form = SelfStudyForm(request.POST or None, participants=_picker(eligible))
        left_out = len(candidates) - len(eligible)
    mark_profile_requirements(form, profile)
    if request.method == "POST" and not refusal and form.is_valid():
        data = dict(form.cleaned_data)
        if asks:
            start = program_services.coaching_request
        elif activity == ActivityType.COACHING:
            start = program_services.coaching_propose
        elif activity == ActivityType.MENTORING:
            start = program_services.mentoring_request
        else:
            start = program_services.self_study_instruct
        try:
            if item is not None:
                program = competency_plans.start_program_from_item(
                    actor=request.user, item=item, start=start, **data)
            else:
                program = start(actor=request.user, **data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Program dibuat."))
            return redirect("learning:program_detail", program.pk)
    return render(request, "learning/program_start.html", {
        "form": form, "activity": ActivityType(activity), "profile": profile,
        "asks": asks, "can_request": can_request, "refusal": refusal, "left_out": left_out,
        "can_propose": bool(coachable), "item": item, "suggestions": suggestions})


def _candidates(employees) -> list:
    """The people a picker starts from, with what the service checks read."""
    return list(employees.select_related("unit", "position"))


def _picker(eligible: list):
    """The eligible people as the picker's choices (the form validates against them)."""
    return Employee.objects.filter(pk__in=[person.pk for person in eligible])


def program_detail(request, program_id: int):
    program = access_program(request.user, program_id)
    me = request.user.employee_id
    program_sessions = list(program.sessions.exclude(status=Session.Status.CANCELLED)
                            .order_by("date", "id"))
    today = regency_today(program.regency)
    ended = program_services.program_has_ended(program, today)
    return render(request, "learning/program_detail.html", {
        "evaluation": _evaluation_state(program, program_sessions, me),
        "program": program,
        "sessions": program_sessions,
        "is_participant": me == program.participant_id,
        "is_guide": me == program.guide_id,
        "can_withdraw": program.status in {Program.Status.PROPOSED, Program.Status.REQUESTED}
        and request.user.pk == program.started_by_id,
        "is_hr": me != program.participant_id and program_services.hr_covers(
            request.user, program.participant),
        "can_log": program.status == Program.Status.ACTIVE and me in (
            program.participant_id, program.guide_id),
        "planned": list(program.planned_meetings.all()),
        "planned_form": PlannedMeetingForm(),
        "agree_form": AgreeForm(initial={"development_need": program.development_need}),
        "reason_form": ReasonForm(),
        "profile": profile_on(program.regency, program.start_date),
        # The seed's column labels for the session table (docs/paper-forms.md).
        "paper_columns": seed_forms.screen_columns(program.regency.profile_id,
                                                   program.activity),
        "ended": ended,
        "today": today,
    })


def _evaluation_state(program, program_sessions, me) -> dict:
    """Which evaluation forms this person may fill on this program now."""
    state = {}
    if me == program.participant_id and program.activity == ActivityType.COACHING:
        evaluated = set(CoachEvaluation.objects.filter(program=program).values_list(
            "session_id", flat=True))
        if evaluation_services.coach_evaluation_due(program, None) and None not in evaluated:
            state["coach_end"] = True
        state["coach_sessions"] = [
            s for s in program_sessions
            if s.pk not in evaluated and evaluation_services.coach_evaluation_due(program, s)]
        # What the coachee filled, to read again (read-only): the program's end first.
        state["coach_end_filled"] = None in evaluated
        state["coach_sessions_filled"] = [s for s in program_sessions if s.pk in evaluated]
    if program.activity == ActivityType.MENTORING:
        assessment = getattr(program, "mentor_assessment", None)
        state["assessment"] = assessment
        state["assessment_due"] = (me == program.guide_id and assessment is None
                                   and evaluation_services.form_for(
                                       program, evaluation_services.MENTOR_FORM) is not None
                                   and program_services.program_has_ended(program))
    if program.activity == ActivityType.SELF_STUDY:
        closing = SelfStudyClosing.objects.filter(program=program).first()
        state["closing"] = closing
        state["closing_due"] = (me == program.participant_id
                                and program_services.program_has_ended(program)
                                and (closing is None or closing.status == "returned"))
        state["closing_decide"] = (me == program.guide_id and closing is not None
                                   and closing.status == "submitted")
    return state


def _program_action(request, program_id: int, run, done: str):
    """A POST on a program: run the service, say what happened or why it was refused, and
    go back to the program page."""
    program = access_program(request.user, program_id)
    try:
        run(program)
        messages.success(request, done)
    except DomainError as error:
        flash_error(request, error)
    return redirect("learning:program_detail", program.pk)


@require_POST
def program_agree(request, program_id: int):
    form = AgreeForm(request.POST)
    form.is_valid()
    return _program_action(request, program_id, lambda program: program_services.program_agree(
        actor=request.user, program=program,
        development_need=form.cleaned_data.get("development_need", "")),
        _("Kesepakatan tercatat; pembimbingan dimulai."))


@require_POST
def program_decline(request, program_id: int):
    return _program_action(request, program_id, lambda program: program_services.program_decline(
        actor=request.user, program=program, reason=text_param(request.POST, "reason")),
        _("Penolakan tercatat."))


@require_POST
def program_withdraw(request, program_id: int):
    return _program_action(request, program_id, lambda program: program_services.program_withdraw(
        actor=request.user, program=program), _("Permohonan ditarik."))


@require_POST
def program_answer(request, program_id: int):
    return _program_action(request, program_id, lambda program: program_services.mentoring_answer(
        actor=request.user, program=program, accept=request.POST.get("accept") == "1",
        reason=text_param(request.POST, "reason")), _("Jawaban tercatat."))


@require_POST
def program_close(request, program_id: int):
    return _program_action(request, program_id, lambda program: program_services.program_close(
        actor=request.user, program=program, reason=text_param(request.POST, "reason")),
        _("Program ditutup."))


@require_POST
def planned_meeting_add(request, program_id: int):
    form = PlannedMeetingForm(request.POST)
    program = access_program(request.user, program_id)
    if not form.is_valid():
        messages.error(request, _("Isi tanggal rencana yang benar."))
        return redirect("learning:program_detail", program.pk)
    return _program_action(request, program_id, lambda program: (
        program_services.planned_meeting_add(actor=request.user, program=program,
                                             day=form.cleaned_data["day"],
                                             note=form.cleaned_data["note"])),
        _("Jadwal pertemuan ditambahkan."))


@require_POST
def planned_meeting_remove(request, program_id: int):
    program = access_program(request.user, program_id)
    meeting_id = request.POST.get("meeting", "")
    meeting = (PlannedMeeting.objects.filter(program=program, pk=int(meeting_id)).first()
               if meeting_id.isdigit() and len(meeting_id) < 12 else None)
    if meeting is None:
        messages.error(request, _("Jadwal pertemuan tidak ditemukan."))
        return redirect("learning:program_detail", program.pk)
    return _program_action(request, program_id, lambda program: (
        program_services.planned_meeting_remove(actor=request.user, meeting=meeting)),
        _("Jadwal pertemuan dihapus."))


def session_create(request, program_id: int):
    program = access_program(request.user, program_id)
    if request.user.employee_id not in (program.participant_id, program.guide_id):
        raise Http404
    profile = profile_on(program.regency, regency_today(program.regency))
    abc = profile.session_record.value == P.FORM_ABC
    initial = {"date": regency_today(program.regency), "mode": program.mode,
               "submission_key": uuid.uuid4().hex}
    if abc:
        initial |= {"form_a": program.development_need, "form_b": program.job_link,
                    "form_c": program.planned_activities}
    form = SessionForm(request.POST or None, request.FILES or None, initial=initial,
                       self_study=program.activity == ActivityType.SELF_STUDY, abc_form=abc)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("evidence", None)
        key = data.pop("submission_key") or None
        submit = "submit" in request.POST
        try:
            logged = session_services.session_log(
                actor=request.user, program=program, data=data, submit=submit,
                submission_key=key, evidence=upload)
        except DomainError as error:
            form_error(form, error)
        else:
            for warning in logged.warnings:
                messages.warning(request, warning)
            messages.success(request, _("Sesi tersimpan."))
            return redirect("learning:session_detail", logged.session.pk)
    return render(request, "learning/session_form.html", session_form_context(
        form, program=program,
        preview_url=reverse("learning:session_jp_preview", args=[program.pk])))
