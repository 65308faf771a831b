from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kembang.common.errors import DomainError
from kembang.common.forms import StyledFormMixin
from kembang.common.params import text_param
from kembang.learning.access import access_program
from kembang.learning.models import (
    CoachEvaluation,
    MentorAssessment,
    SelfStudyClosing,
    Session,
)
from kembang.learning.profiles import profile_on
from kembang.learning.services import evaluations as services
from kembang.learning.views.common import flash_error, form_error
from kembang.organisation.dates import regency_today


def coach_evaluation_form_class(form):
    """A Django form built from the profile's evaluation form data."""
    fields = {}
    choices = [(str(p.value), f"{p.value} – {p.label}") for p in form.scale]
    for index, statement in enumerate(form.items):
        fields[f"item_{index}"] = forms.ChoiceField(label=statement, choices=choices,
                                                    widget=forms.RadioSelect)
    fields["suggestions"] = forms.CharField(label=form.comment_label or _("Saran/masukan"),
                                            required=form.comment_required,
                                            widget=forms.Textarea(attrs={"rows": 3}))
    return type("CoachEvaluationForm", (StyledFormMixin, forms.Form), fields)


def _filled(request, program, filled, *, title: str, refused: str, session=None):
    """The read-only page of a form already filled. A POST to it changes nothing: the
    answers kept are the first ones, and `refused` says so."""
    if request.method == "POST":
        messages.warning(request, refused)
        return redirect(request.get_full_path())
    return render(request, "learning/evaluation_form.html", {
        "filled": filled, "program": program, "session": session, "title": title,
        "today": regency_today(program.regency)})


def coach_evaluation(request, program_id: int):
    # The coachee only: the coach never sees one coachee's answers (aggregates over at
    # least three coachees, `my_evaluation_summary`).
    program = access_program(request.user, program_id)
    if request.user.employee_id != program.participant_id:
        raise Http404
    session = None
    if request.GET.get("sesi", "").isdecimal() and len(request.GET["sesi"]) < 12:
        session = Session.objects.filter(program=program, pk=int(request.GET["sesi"])).first()
        if session is None:
            raise Http404
    filled = _coach_evaluation_filled(request, program, session)
    if filled is not None:
        return filled
    form_data = services.coach_evaluation_due(program, session)
    if form_data is None:
        messages.error(request, _("Evaluasi ini belum dapat diisi."))
        return redirect("learning:program_detail", program.pk)
    form = coach_evaluation_form_class(form_data)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answers = [int(form.cleaned_data[f"item_{i}"]) for i in range(len(form_data.items))]
        try:
            services.coach_evaluation_submit(
                actor=request.user, program=program, session=session, answers=answers,
                suggestions=form.cleaned_data["suggestions"])
        except DomainError as error:
            # Sent from another tab meanwhile: show what was kept.
            filled = _coach_evaluation_filled(request, program, session)
            if filled is not None:
                return filled
            form_error(form, error)
        else:
            messages.success(request, _("Terima kasih, evaluasi tersimpan."))
            return redirect("learning:program_detail", program.pk)
    return render(request, "learning/evaluation_form.html", {
        "form": form, "program": program, "session": session, "title": form_data.title,
        "today": regency_today(program.regency)})


def _coach_evaluation_filled(request, program, session):
    evaluation = services.coach_evaluation_of(program, session)
    if evaluation is None:
        return None
    form_data = services.form_for(program, services.COACHING_FORM)
    return _filled(request, program, services.coach_evaluation_filled(evaluation, form_data),
                   title=form_data.title if form_data else _("Evaluasi"), session=session,
                   refused=_("Evaluasi ini sudah Anda kirim sebelumnya. Kiriman kedua tidak "
                             "mengubah jawaban yang tersimpan."))


class MentorAssessmentForm(StyledFormMixin, forms.Form):
    score = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect)
    explanation = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}))


def mentor_assessment(request, program_id: int):
    program = access_program(request.user, program_id)
    if request.user.employee_id != program.guide_id:
        raise Http404
    form_data = services.form_for(program, services.MENTOR_FORM)
    filled = _mentor_assessment_filled(request, program, form_data)
    if filled is not None:
        return filled
    if form_data is None:
        raise Http404
    form = MentorAssessmentForm(request.POST or None)
    form.fields["score"].choices = [(p.value, p.label) for p in form_data.scale]
    form.fields["score"].label = form_data.items[0] if form_data.items else form_data.title
    form.fields["explanation"].label = form_data.comment_label or _("Penjelasan")
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_assessment_submit(
                actor=request.user, program=program, score=form.cleaned_data["score"],
                explanation=form.cleaned_data["explanation"])
        except DomainError as error:
            filled = _mentor_assessment_filled(request, program, form_data)
            if filled is not None:
                return filled
            form_error(form, error)
        else:
            messages.success(request, _("Penilaian tersimpan."))
            return redirect("learning:program_detail", program.pk)
    return render(request, "learning/evaluation_form.html", {
        "form": form, "program": program, "title": form_data.title,
        "today": regency_today(program.regency)})


def _mentor_assessment_filled(request, program, form_data):
    assessment = MentorAssessment.objects.filter(program=program).first()
    if assessment is None:
        return None
    return _filled(request, program, services.mentor_assessment_filled(assessment, form_data),
                   title=form_data.title if form_data else _("Penilaian mentor"),
                   refused=_("Penilaian ini sudah Anda kirim sebelumnya. Kiriman kedua tidak "
                             "mengubah penilaian yang tersimpan."))


class ClosingForm(StyledFormMixin, forms.Form):
    resume = forms.CharField(label=_("Resume penutup: apa yang Anda pelajari dan terapkan"),
                             widget=forms.Textarea(attrs={"rows": 6}))


def self_study_closing(request, program_id: int):
    program = access_program(request.user, program_id)
    if request.user.employee_id != program.participant_id:
        raise Http404
    existing = SelfStudyClosing.objects.filter(program=program).first()
    title = _("Resume penutup belajar mandiri")
    if services.self_study_closing_is_filled(existing):
        return _closing_filled(request, program, existing, title)
    form = ClosingForm(request.POST or None,
                       initial={"resume": existing.resume if existing else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.self_study_closing_submit(actor=request.user, program=program,
                                               resume=form.cleaned_data["resume"])
        except DomainError as error:
            existing = SelfStudyClosing.objects.filter(program=program).first()
            if services.self_study_closing_is_filled(existing):
                return _closing_filled(request, program, existing, title)
            form_error(form, error)
        else:
            messages.success(request, _("Resume penutup diajukan."))
            return redirect("learning:program_detail", program.pk)
    return render(request, "learning/evaluation_form.html", {
        "form": form, "program": program, "title": title,
        "closing": existing, "today": regency_today(program.regency)})


def _closing_filled(request, program, closing, title):
    return _filled(request, program, services.self_study_closing_filled(closing), title=title,
                   refused=_("Resume penutup ini sudah Anda ajukan. Kiriman kedua tidak "
                             "mengubah resume yang tersimpan."))


@require_POST
def self_study_closing_decide(request, program_id: int):
    program = access_program(request.user, program_id)
    closing = SelfStudyClosing.objects.filter(program=program).first()
    if closing is None:
        raise Http404
    try:
        # One rating_<i>/note_<i> pair per learning source (learning/_source_rating_fields.html).
        sources = services.learning_source_list(program)
        ratings = [(text_param(request.POST, f"rating_{i}", max_length=40),
                    text_param(request.POST, f"note_{i}", max_length=services.RATING_NOTE_MAX))
                   for i in range(len(sources))]
        services.self_study_closing_decide(
            actor=request.user, closing=closing, accept=request.POST.get("accept") == "1",
            comments=text_param(request.POST, "comments"), source_ratings=ratings)
        messages.success(request, _("Keputusan tersimpan."))
    except DomainError as error:
        flash_error(request, error)
    return redirect("learning:program_detail", program.pk)


def my_evaluation_summary(request):
    """A coach's evaluation results: aggregates only, over at least three coachees."""
    coach = request.user.employee
    if coach is None:
        raise Http404
    form_data = profile_on(request.user.regency, regency_today(request.user.regency)
                           ).evaluation_form(services.COACHING_FORM)
    summary = services.coach_evaluation_summary(coach, form=form_data) if form_data else None
    count = CoachEvaluation.objects.filter(coach=coach).values("evaluator").distinct().count()
    return render(request, "learning/evaluation_summary.html", {
        "summary": summary, "form_data": form_data, "evaluators": count,
        "minimum": services.MIN_EVALUATORS,
        # The profile's scale, as its form prints it (Nganjuk: 1–3).
        "scale_low": form_data.scale[0].value if form_data and form_data.scale else "",
        "scale_high": form_data.scale[-1].value if form_data and form_data.scale else ""})
