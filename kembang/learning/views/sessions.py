from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kembang.common.downloads import attachment_disposition
from kembang.common.errors import DomainError
from kembang.common.params import text_param
from kembang.learning.access import access_program, access_session
from kembang.learning.forms import ReasonForm, SessionAcknowledgeForm, SessionForm
from kembang.learning.lifecycle import SESSION_STEPS
from kembang.learning.models import ActivityType, Evidence, Session
from kembang.learning.profiles import profile_on
from kembang.learning.services import preview
from kembang.learning.services import sessions as services
from kembang.learning.services.evidence import download_name, evidence_attach
from kembang.learning.services.papers import session_papers
from kembang.learning.views.common import flash_error, form_error
from kembang.policy import profiles as P

S = Session.Status


def _sections(session: Session) -> list[tuple[str, str]]:
    """The titled sections of the session's form under its profile (Nganjuk: A/B/C), as
    (title, text); the titles are the model's labels."""
    fields = profile_on(session.regency, session.date).session_fields
    return [(Session._meta.get_field(name).verbose_name, getattr(session, name))
            for name in fields.sections]


def session_detail(request, session_id: int):
    session = access_session(request.user, session_id)
    can = services.session_permissions(request.user, session)
    names = services.acknowledgement_fields(session) if can.acknowledge else ()
    return render(request, "learning/session_detail.html", {
        "session": session,
        "program": session.program,
        "sections": _sections(session),
        "transitions": session.transitions.select_related("actor"),
        "evidence": session.evidence.all(),
        "reason_form": ReasonForm(),
        "acknowledge_form": SessionAcknowledgeForm(
            names=names, initial={name: getattr(session, name) for name in names})
        if names else None,
        "can": can,
        "steps": SESSION_STEPS,
        "papers": session_papers(request.user, session),
    })


def session_edit(request, session_id: int):
    session = access_session(request.user, session_id)
    if not services.may_edit(request.user, session):
        raise Http404
    profile = profile_on(session.regency, session.date)
    form = SessionForm(request.POST or None, initial={
        f: getattr(session, f) for f in services.SESSION_FIELDS},
        self_study=session.activity == ActivityType.SELF_STUDY,
        abc_form=profile.session_record.value == P.FORM_ABC,
        session_fields=profile.session_fields)
    del form.fields["evidence"]
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("submission_key", None)
        try:
            warnings = services.session_update(actor=request.user, session=session, data=data)
        except DomainError as error:
            form_error(form, error)
        else:
            for warning in warnings:
                messages.warning(request, warning)
            messages.success(request, _("Perubahan disimpan."))
            return redirect("learning:session_detail", session.pk)
    return render(request, "learning/session_form.html", session_form_context(
        form, program=session.program, session=session,
        preview_url=reverse("learning:session_edit_jp_preview", args=[session.pk])))


def session_form_context(form: SessionForm, *, program, session=None, preview_url: str) -> dict:
    """The session form page's context: the form, asking for the JP preview when its date,
    scope or minutes change, and the preview of what it holds now."""
    form.ask_for_the_file_again()
    form.preview_on_change(preview_url)
    return {"form": form, "program": program, "session": session,
            "preview": preview.session_jp_preview(program=program, session=session,
                                                  data=form.preview_values())}


def _jp_preview(request, program, session=None):
    form = SessionForm(request.POST, self_study=program.activity == ActivityType.SELF_STUDY,
                       abc_form=False)
    return render(request, "learning/_jp_preview.html", {
        "preview": preview.session_jp_preview(program=program, session=session,
                                              data=form.preview_values())})


@require_POST
def session_jp_preview(request, program_id: int):
    """What the session being logged would earn (htmx, the session form's date, scope and
    minutes): only for those who may log a session on the program."""
    program = access_program(request.user, program_id)
    if request.user.employee_id not in (program.participant_id, program.guide_id):
        raise Http404
    return _jp_preview(request, program)


@require_POST
def session_edit_jp_preview(request, session_id: int):
    """What the session being corrected would earn: only for who may edit it."""
    session = access_session(request.user, session_id)
    if not services.may_edit(request.user, session):
        raise Http404
    return _jp_preview(request, session.program, session)


def _acknowledge(request, session: Session) -> Session:
    """The participant's acknowledgement; under `nganjuk` it carries their sections A/B/C
    (`sessions.acknowledgement_fields`), which the service requires."""
    names = services.acknowledgement_fields(session)
    if not names:
        return services.session_acknowledge(actor=request.user, session=session)
    form = SessionAcknowledgeForm(request.POST, names=names)
    form.is_valid()
    # A section left empty reaches the service as empty, which refuses it by name.
    written = {name: form.cleaned_data.get(name, "") for name in names}
    return services.session_acknowledge(actor=request.user, session=session, written=written)


# The URL word of each step the session page offers, and what it runs. The message
# after it comes from the life-cycle table, translated when shown (not at import).
ACTIONS = {
    "ajukan": ("submit", lambda r, s, reason: services.session_submit(actor=r.user, session=s)),
    "setujui": ("acknowledge", lambda r, s, reason: _acknowledge(r, s)),
    "paraf": ("confirm", lambda r, s, reason: services.session_confirm(actor=r.user, session=s)),
    "validasi": ("validate",
                 lambda r, s, reason: services.session_validate(actor=r.user, session=s)),
    "kembalikan": ("return", lambda r, s, reason: services.session_return(
        actor=r.user, session=s, reason=reason)),
    "batalkan": ("cancel", lambda r, s, reason: services.session_cancel(
        actor=r.user, session=s, reason=reason)),
}


@require_POST
def session_action(request, session_id: int, action: str):
    session = access_session(request.user, session_id)
    if action not in ACTIONS:
        raise Http404
    step, run = ACTIONS[action]
    try:
        run(request, session, text_param(request.POST, "reason"))
        messages.success(request, SESSION_STEPS[step].done)
    except DomainError as error:
        flash_error(request, error)
    next_url = request.POST.get("next", "")
    # Only a path on this site: `redirect()` would take anything else for a view name.
    if not next_url.startswith("/") or "\x00" in next_url or not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}):
        next_url = f"/sesi/{session.pk}/"
    return redirect(next_url)


@require_POST
def session_attach(request, session_id: int):
    session = access_session(request.user, session_id)
    upload = request.FILES.get("evidence")
    if upload is None:
        messages.error(request, _("Pilih berkas bukti terlebih dahulu."))
    else:
        try:
            evidence_attach(actor=request.user, session=session, upload=upload)
            messages.success(request, _("Bukti ditambahkan."))
        except DomainError as error:
            flash_error(request, error)
    return redirect("learning:session_detail", session.pk)


def evidence_download(request, session_id: int, evidence_id: int):
    """Served only to those who may see the session; never from the web root."""
    session = access_session(request.user, session_id)
    evidence = Evidence.objects.filter(session=session, pk=evidence_id).first()
    if evidence is None:
        raise Http404
    response = FileResponse(evidence.file.open("rb"), content_type=evidence.content_type)
    # Saved under the name it was uploaded with, never opened in the page (attachment).
    response["Content-Disposition"] = attachment_disposition(download_name(evidence))
    response["X-Content-Type-Options"] = "nosniff"
    return response
