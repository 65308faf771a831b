"""The guide's words beside the record: feedback on a self-study session, and the career
development plan of a mentoring program (services/feedback.py). Both are forms on the
session and program pages that post here and go back there."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kembang.common.errors import DomainError
from kembang.learning.access import access_program, access_session
from kembang.learning.forms import CareerPlanForm, SessionFeedbackForm
from kembang.learning.services import feedback as services
from kembang.learning.views.common import flash_error


def _first_error(form) -> str:
    return next(iter(e for errors in form.errors.values() for e in errors))


@require_POST
def session_feedback(request, session_id: int):
    session = access_session(request.user, session_id)
    form = SessionFeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
    else:
        try:
            services.session_feedback_give(actor=request.user, session=session,
                                           feedback=form.cleaned_data["feedback"])
        except DomainError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("Umpan balik tersimpan."))
    return redirect("learning:session_detail", session.pk)


@require_POST
def program_career_plan(request, program_id: int):
    program = access_program(request.user, program_id)
    form = CareerPlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
    else:
        try:
            services.program_career_plan_set(actor=request.user, program=program,
                                             career_plan=form.cleaned_data["career_plan"])
        except DomainError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("Rencana pengembangan karier tersimpan."))
    return redirect("learning:program_detail", program.pk)
