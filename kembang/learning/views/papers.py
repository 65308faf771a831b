"""The seeds' paper as PDF downloads (docs/paper-forms.md). Each is scoped like its page:
the program record like the program page, the coaching evaluation like the coachee's own
evaluation page (the coach gets 404), the mentor's assessment like the program page,
where it is shown. Rendered in Indonesian: official forms, whatever the reader's language
(docs/documents.md#text-numbers-and-dates)."""

from django.http import Http404, HttpResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from kembang.common.downloads import attachment_disposition
from kembang.documents import learning_papers
from kembang.learning.access import access_program
from kembang.learning.models import CoachEvaluation, SelfStudyClosing, Session
from kembang.learning.services import evaluations as evaluation_services
from kembang.organisation.dates import regency_today

FINAL = (Session.Status.VALIDATED,)
# A copy for wet-ink signing before validation (Nganjuk huruf C angka 4–5).
DRAFT = (Session.Status.CONFIRMED, Session.Status.VALIDATED)


def _pdf(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = attachment_disposition(name)
    return response


def _session_param(request, program):
    raw = request.GET.get("sesi", "")
    if not raw:
        return None
    if not raw.isdecimal() or len(raw) > 11:
        raise Http404
    session = Session.objects.filter(program=program, pk=int(raw)).first()
    if session is None:
        raise Http404
    return session


@require_GET
def program_record_pdf(request, program_id: int):
    """The program's sessions on the seed's paper; `?draf=1` the copy with initialled
    sessions too, watermarked; `?sesi=<id>` one session (Nganjuk's form per session)."""
    program = access_program(request.user, program_id)
    draft = request.GET.get("draf") == "1"
    sessions = (program.sessions.filter(status__in=DRAFT if draft else FINAL)
                .select_related("unit", "validated_by__employee").order_by("date", "id"))
    one = _session_param(request, program)
    if one is not None:
        sessions = sessions.filter(pk=one.pk)
    closing = SelfStudyClosing.objects.filter(program=program).first()
    with translation.override("id"):
        body = learning_papers.program_record_pdf(
            program=program, profile_id=program.regency.profile_id, sessions=sessions,
            closing=closing, printed_on=regency_today(program.regency), draft=draft)
    suffix = "-draf" if draft else ""
    return _pdf(body, f"catatan-{program.activity}-{program.participant.nip}{suffix}.pdf")


@require_GET
def coach_evaluation_pdf(request, program_id: int):
    """Formulir Evaluasi Coaching: the coachee only, like the evaluation page; filled
    when it was sent, blank otherwise. `?sesi=<id>` the evaluation of one session."""
    program = access_program(request.user, program_id)
    if request.user.employee_id != program.participant_id:
        raise Http404
    form = evaluation_services.form_for(program, evaluation_services.COACHING_FORM)
    if form is None:
        raise Http404
    session = _session_param(request, program)
    evaluation = (CoachEvaluation.objects.filter(
        program=program, evaluator_id=program.participant_id, session=session).first()
        if session is not None else evaluation_services.coach_evaluation_of(program, None))
    with translation.override("id"):
        body = learning_papers.coach_evaluation_pdf(
            program=program, form=form, session=session, evaluation=evaluation,
            printed_on=regency_today(program.regency))
    return _pdf(body, f"evaluasi-coaching-{program.participant.nip}.pdf")


@require_GET
def mentor_assessment_pdf(request, program_id: int):
    """Penilaian Penyelesaian Kegiatan dari Mentor, for whoever sees the program page
    (which shows the assessment); blank until the mentor has filled it."""
    program = access_program(request.user, program_id)
    form = evaluation_services.form_for(program, evaluation_services.MENTOR_FORM)
    if form is None:
        raise Http404
    assessment = getattr(program, "mentor_assessment", None)
    with translation.override("id"):
        body = learning_papers.mentor_assessment_pdf(
            program=program, form=form, assessment=assessment,
            printed_on=regency_today(program.regency))
    return _pdf(body, f"penilaian-mentor-{program.participant.nip}.pdf")
