"""What the guide writes beside the participant's own record.

- the supervisor's feedback on a self-study session (Langsa huruf I, Tugas Atasan
  Langsung: "Memberikan umpan balik dan masukan selama berlangsungnya Belajar Mandiri");
- the career development plan the mentor helps draw up (Belitung Timur Lampiran huruf H
  angka 1 huruf f, Langsa huruf H Tugas Mentor butir 6, Nganjuk Lampiran huruf D
  (Mentoring) angka 1 huruf f: "membimbing dan memberi dukungan … untuk menyusun rencana
  pengembangan karier").

Neither changes a session's status or its JP, so neither is barred by a locked month:
they are the guide's words about the learning, not the record HR validated.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kembang.audit.services import audit_record
from kembang.learning.errors import RuleRefusal, TransitionRefused
from kembang.learning.models import ActivityType, Program, Session
from kembang.learning.services.notify import notify, user_of

FEEDBACK_MAX = 2000
CAREER_PLAN_MAX = 4000

# A draft is the participant's own until submitted; a cancelled session is not learning.
_NO_FEEDBACK = {Session.Status.DRAFT, Session.Status.CANCELLED}


def may_give_feedback(user, session: Session) -> bool:
    """The supervisor who instructed the self-study (the program's guide) may write
    feedback on any of its sessions that was submitted, whatever happened next."""
    return (session.activity == ActivityType.SELF_STUDY
            and user.employee_id is not None
            and user.employee_id == session.program.guide_id
            and session.status not in _NO_FEEDBACK)


@transaction.atomic
def session_feedback_give(*, actor, session: Session, feedback: str) -> Session:
    """The supervisor's feedback on one self-study session (Langsa huruf I): at most
    2,000 characters, stripped; written again, it replaces the earlier text and the audit
    keeps both. Refused (`TransitionRefused`) for anyone but the program's guide, for
    other activities, drafts and cancelled sessions; `RuleRefusal` on the `feedback`
    field when empty or too long. The participant is notified."""
    session = Session.objects.select_for_update().select_related("program").get(pk=session.pk)
    if not may_give_feedback(actor, session):
        raise TransitionRefused(_("Umpan balik ditulis oleh atasan yang menginstruksikan "
                                  "belajar mandiri, pada sesi yang sudah diajukan."))
    text = feedback.strip()
    if not text:
        raise RuleRefusal(_("Tuliskan umpan balik."), code="feedback_required",
                          field="feedback")
    if len(text) > FEEDBACK_MAX:
        raise RuleRefusal(_("Umpan balik paling panjang %(n)s karakter.") % {"n": FEEDBACK_MAX},
                          code="feedback_too_long", field="feedback")
    old = session.guide_feedback
    if old == text:
        return session
    session.guide_feedback = text
    session.save(update_fields=["guide_feedback", "updated_at"])
    audit_record(actor=actor, regency=session.regency, action="session.feedback", obj=session,
                 changes={"guide_feedback": [old, text]})
    notify(user_of(session.participant),
           gettext_lazy("%(name)s memberi umpan balik pada sesi belajar mandiri %(day)s."),
           f"/sesi/{session.pk}/",
           params={"name": session.program.guide, "day": session.date.strftime("%d/%m/%Y")})
    return session


def may_edit_career_plan(user, program: Program) -> bool:
    """The mentor of a running mentoring program writes its career development plan."""
    return (program.activity == ActivityType.MENTORING
            and user.employee_id is not None
            and user.employee_id == program.guide_id
            and program.status == Program.Status.ACTIVE)


@transaction.atomic
def program_career_plan_set(*, actor, program: Program, career_plan: str) -> Program:
    """The mentor records the career development plan drawn up with the mentee
    (optional under every profile; see the module docstring for the clauses). At most
    4,000 characters, stripped; an empty text clears it. Only the program's mentor, while
    the program runs (`TransitionRefused`); the audit keeps old and new text."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    if not may_edit_career_plan(actor, program):
        raise TransitionRefused(_("Rencana pengembangan karier ditulis oleh mentor selama "
                                  "program pendampingan berjalan."))
    text = career_plan.strip()
    if len(text) > CAREER_PLAN_MAX:
        raise RuleRefusal(_("Rencana pengembangan karier paling panjang %(n)s karakter.")
                          % {"n": CAREER_PLAN_MAX}, code="career_plan_too_long",
                          field="career_plan")
    old = program.career_plan
    if old == text:
        return program
    program.career_plan = text
    program.save(update_fields=["career_plan", "updated_at"])
    audit_record(actor=actor, regency=program.regency, action="program.career_plan",
                 obj=program, changes={"career_plan": [old, text]})
    notify(user_of(program.participant),
           gettext_lazy("%(mentor)s memperbarui rencana pengembangan karier Anda."),
           f"/program/{program.pk}/", params={"mentor": program.guide})
    return program
