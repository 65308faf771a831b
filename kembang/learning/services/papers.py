"""Which of the seeds' paper a session's page offers (docs/paper-forms.md): under a
profile with a form per session (`nganjuk`: Formulir Pelaksanaan Coaching / Formulir
Mentoring), that session's form — the final copy once validated, the copy for wet-ink
signing once initialled (Lampiran huruf C angka 4–5) — and, to the coachee only, the
session's Formulir Evaluasi Coaching. Each offered exactly when its PDF is reachable:
the PDFs are scoped like the program page, the evaluation to the coachee
(docs/life-cycle.md#evaluation-privacy)."""

from dataclasses import dataclass

from kembang.documents import seed_forms
from kembang.learning.access import programs_visible_to
from kembang.learning.models import ActivityType, Session
from kembang.learning.services import evaluations
from kembang.policy import profiles as P


@dataclass(frozen=True)
class SessionPapers:
    record_title: str = ""  # the session's form, e.g. "Formulir Pelaksanaan Coaching"
    record_draft: bool = False  # initialled, not yet validated: the copy for signing
    coach_evaluation_title: str = ""  # the coachee's evaluation of this session

    @property
    def any(self) -> bool:
        return bool(self.record_title or self.coach_evaluation_title)


def _title(text: str) -> str:
    """The seed's title in capitals as words: "FORMULIR MENTORING" → "Formulir Mentoring"."""
    return " ".join(word.capitalize() for word in text.split())


def session_papers(user, session: Session) -> SessionPapers:
    program = session.program
    # The session may be visible by its own unit to someone the program is not: the
    # PDFs follow the program page.
    if not programs_visible_to(user).filter(pk=program.pk).exists():
        return SessionPapers()
    record_title, draft = "", False
    form = seed_forms.abc_form(session.regency.profile_id, session.activity)
    if form is not None and session.status in (Session.Status.VALIDATED,
                                               Session.Status.CONFIRMED):
        record_title = _title(form.title)
        draft = session.status == Session.Status.CONFIRMED
    evaluation_title = ""
    if (session.activity == ActivityType.COACHING
            and user.employee_id is not None and user.employee_id == program.participant_id
            and session.status in evaluations.HAPPENED):
        evaluation = evaluations.form_for(program, evaluations.COACHING_FORM)
        if evaluation is not None and evaluation.timing == P.AFTER_EACH_SESSION:
            evaluation_title = _title(seed_forms.COACHING_EVALUATION.title)
    return SessionPapers(record_title=record_title, record_draft=draft,
                         coach_evaluation_title=evaluation_title)
