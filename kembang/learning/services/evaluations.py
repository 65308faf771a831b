"""Evaluations as the profile's data says (docs/life-cycle.md#evaluations,
docs/life-cycle.md#evaluation-privacy):

- the coachee rates the coach on the profile's coaching form — under `nganjuk` after each
  session ("segera setelah Coaching selesai"), elsewhere at the end of the program;
- the mentor assesses the mentee at the end (Penilaian Penyelesaian Kegiatan);
- the self-study participant writes a closing resume the supervisor accepts or returns.

Only the real participant or mentor fills a form, once, and only after what it is about.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kembang.audit.services import audit_record
from kembang.learning.errors import RuleRefusal, TransitionRefused
from kembang.learning.models import (
    ActivityType,
    CoachEvaluation,
    MentorAssessment,
    Program,
    SelfStudyClosing,
    Session,
    SourceRating,
)
from kembang.learning.profiles import profile_on
from kembang.learning.services.notify import notify, resolve, user_of
from kembang.learning.services.programs import evaluation_notice_key, program_has_ended
from kembang.policy import profiles as P

COACHING_FORM = "coaching_evaluation"
MENTOR_FORM = "mentor_assessment"
SELF_STUDY_FORM = "self_study_resume"
# A coach sees aggregates over at least three evaluators (docs/life-cycle.md#evaluation-privacy).
MIN_EVALUATORS = 3
HAPPENED = {Session.Status.CONFIRMED, Session.Status.VALIDATED}


def form_for(program: Program, code: str):
    """The profile's form for this program, or None when the profile has none."""
    form = profile_on(program.regency, program.start_date).evaluation_form(code)
    return form if form is not None and form.activity == program.activity else None


def coach_evaluation_due(program: Program, session: Session | None):
    """The coaching form if the coachee may fill it now for (program, session), else None."""
    form = form_for(program, COACHING_FORM)
    if form is None:
        return None
    if form.timing == P.AFTER_EACH_SESSION:
        if session is None or session.program_id != program.pk or session.status not in HAPPENED:
            return None
    elif session is not None or not program_has_ended(program):
        return None
    return form


@transaction.atomic
def coach_evaluation_submit(*, actor, program: Program, answers: list[int],
                            suggestions: str = "", session: Session | None = None):
    """The coachee's evaluation of the coach: one answer per statement, each a point of
    the form's scale (Nganjuk: 1 tidak setuju, 2 netral, 3 setuju)."""
    if actor.employee_id != program.participant_id or program.activity != ActivityType.COACHING:
        raise TransitionRefused(_("Hanya coachee program ini yang mengisi evaluasi coach."))
    form = coach_evaluation_due(program, session)
    if form is None:
        raise TransitionRefused(_("Evaluasi ini belum dapat diisi: isi setelah sesinya diparaf "
                                  "atau setelah program selesai, sesuai profil."))
    allowed = {point.value for point in form.scale}
    if len(answers) != len(form.items) or any(a not in allowed for a in answers):
        raise RuleRefusal(_("Isi setiap pernyataan dengan nilai %(low)s–%(high)s.")
                          % {"low": min(allowed), "high": max(allowed)},
                          code="answers_invalid", field="answers")
    try:
        with transaction.atomic():
            evaluation = CoachEvaluation.objects.create(
                regency=program.regency, program=program, session=session,
                evaluator=program.participant, coach=program.guide, form_code=form.code,
                answers=list(answers), suggestions=suggestions.strip())
    except IntegrityError:
        raise TransitionRefused(_("Evaluasi ini sudah diisi.")) from None
    audit_record(actor=actor, regency=program.regency, action="evaluation.coach",
                 obj=evaluation, changes={"session": [None, session]})
    # "Program … selesai; isi evaluasinya." is answered.
    resolve(actor, key=evaluation_notice_key(program))
    return evaluation


@transaction.atomic
def mentor_assessment_submit(*, actor, program: Program, score: int,
                             explanation: str) -> MentorAssessment:
    """The mentor's closing assessment, once, after the program ends."""
    if actor.employee_id != program.guide_id or program.activity != ActivityType.MENTORING:
        raise TransitionRefused(_("Hanya mentor program ini yang mengisi penilaian."))
    form = form_for(program, MENTOR_FORM)
    if form is None or not program_has_ended(program):
        raise TransitionRefused(_("Penilaian diisi setelah program pendampingan selesai."))
    labels = {point.value: point.label for point in form.scale}
    if score not in labels:
        raise RuleRefusal(_("Pilih salah satu penilaian."), code="score_invalid", field="score")
    if form.comment_required and not explanation.strip():
        raise RuleRefusal(_("Tuliskan penjelasan penilaian."), code="explanation_required",
                          field="explanation")
    try:
        with transaction.atomic():
            assessment = MentorAssessment.objects.create(
                regency=program.regency, program=program, mentor=program.guide,
                form_code=form.code, score=score, label=labels[score],
                explanation=explanation.strip())
    except IntegrityError:
        raise TransitionRefused(_("Penilaian ini sudah diisi.")) from None
    audit_record(actor=actor, regency=program.regency, action="evaluation.mentor",
                 obj=assessment, changes={"label": [None, labels[score]]})
    notify(user_of(program.participant),
           gettext_lazy("Mentor Anda mengisi penilaian penyelesaian."), f"/program/{program.pk}/")
    return assessment


@transaction.atomic
def self_study_closing_submit(*, actor, program: Program, resume: str) -> SelfStudyClosing:
    """The participant's closing resume after the self-study program ends; a returned one
    is corrected and submitted again."""
    if actor.employee_id != program.participant_id or program.activity != ActivityType.SELF_STUDY:
        raise TransitionRefused(_("Hanya peserta belajar mandiri ini yang menulis resume."))
    if not program_has_ended(program):
        raise TransitionRefused(_("Resume penutup ditulis setelah program selesai."))
    if not resume.strip():
        raise RuleRefusal(_("Tuliskan resume penutup."), code="resume_required", field="resume")
    closing = SelfStudyClosing.objects.select_for_update().filter(program=program).first()
    if closing is not None and closing.status != SelfStudyClosing.Status.RETURNED:
        raise TransitionRefused(_("Resume penutup sudah diajukan."))
    if closing is None:
        closing = SelfStudyClosing(regency=program.regency, program=program)
    old = closing.status if closing.pk else None
    closing.resume = resume.strip()
    closing.status = SelfStudyClosing.Status.SUBMITTED
    closing.save()
    audit_record(actor=actor, regency=program.regency, action="evaluation.resume",
                 obj=closing, changes={"status": [old, closing.status]})
    # The closing notice and a returned resume's notice are answered.
    resolve(actor, f"/program/{program.pk}/", key=evaluation_notice_key(program))
    notify(user_of(program.guide),
           gettext_lazy("%(name)s mengajukan resume penutup belajar mandiri."),
           f"/program/{program.pk}/", params={"name": program.participant})
    return closing


def learning_source_list(program: Program) -> list[str]:
    """The learning sources the supervisor named, one per non-empty line of
    `program.learning_sources` (stripped, in order): what is rated at acceptance."""
    return [line.strip() for line in program.learning_sources.splitlines() if line.strip()]


RATING_NOTE_MAX = 500


def _source_ratings(program: Program, ratings) -> list[dict]:
    """`ratings`, one (rating, note) per learning source in `learning_source_list` order,
    as the stored list ``[{"source", "rating", "note"}]``. A rating is a `SourceRating`
    value or "" (not rated: rating is the supervisor's judgement and the guide does not
    make it a condition of acceptance); a note (at most 500 characters) needs a rating.
    Raises `RuleRefusal` on the `source_ratings` field."""
    sources = learning_source_list(program)
    ratings = list(ratings or [])
    if ratings and len(ratings) != len(sources):
        raise RuleRefusal(_("Penilaian sumber pembelajaran tidak sesuai dengan daftar sumber "
                            "program ini; muat ulang halaman."), code="source_ratings_invalid",
                          field="source_ratings")
    stored = []
    for source, (rating, note) in zip(sources, ratings, strict=False):
        rating, note = (rating or "").strip(), (note or "").strip()
        if rating and rating not in SourceRating.values:
            raise RuleRefusal(_("Pilih Efektif, Cukup efektif atau Kurang efektif."),
                              code="source_rating_invalid", field="source_ratings")
        if note and not rating:
            raise RuleRefusal(_("Pilih penilaian untuk sumber %(source)s yang diberi catatan.")
                              % {"source": source}, code="source_rating_required",
                              field="source_ratings")
        if len(note) > RATING_NOTE_MAX:
            raise RuleRefusal(_("Catatan penilaian sumber paling panjang %(n)s karakter.")
                              % {"n": RATING_NOTE_MAX}, code="source_rating_note_too_long",
                              field="source_ratings")
        if rating:
            stored.append({"source": source, "rating": rating, "note": note})
    return stored


@transaction.atomic
def self_study_closing_decide(*, actor, closing: SelfStudyClosing, accept: bool,
                              comments: str = "", source_ratings=None) -> SelfStudyClosing:
    """The supervisor accepts the closing resume, or returns it with comments.

    Accepting, the supervisor may rate each learning source (Langsa huruf I, Tugas Atasan
    Langsung: "Menilai sumber pembelajaran yang paling efektif untuk mengisi
    kesenjangan"): `source_ratings` holds one (rating, note) per source, see
    `_source_ratings`. Returning keeps no ratings: the resume comes back to be judged
    again."""
    closing = SelfStudyClosing.objects.select_for_update().select_related("program").get(
        pk=closing.pk)
    if actor.employee_id != closing.program.guide_id:
        raise TransitionRefused(_("Hanya atasan yang menginstruksikan yang memutuskan."))
    if closing.status != SelfStudyClosing.Status.SUBMITTED:
        raise TransitionRefused(_("Resume ini tidak menunggu keputusan."))
    if not accept and not comments.strip():
        raise RuleRefusal(_("Tuliskan catatan pengembalian."), code="comments_required",
                          field="comments")
    ratings = _source_ratings(closing.program, source_ratings) if accept else []
    new = SelfStudyClosing.Status.ACCEPTED if accept else SelfStudyClosing.Status.RETURNED
    audit_record(actor=actor, regency=closing.regency, action="evaluation.resume_decide",
                 obj=closing, changes={"status": [closing.status, new],
                                       "source_ratings": [closing.source_ratings, ratings]},
                 reason=comments)
    closing.status = new
    closing.comments = comments.strip()
    closing.source_ratings = ratings
    closing.decided_by = actor
    closing.decided_at = timezone.now()
    closing.save()
    # The guide's "… mengajukan resume penutup" is answered.
    resolve(actor, f"/program/{closing.program_id}/")
    notify(user_of(closing.program.participant),
           gettext_lazy("Resume penutup Anda diterima.") if accept
           else gettext_lazy("Resume penutup Anda dikembalikan: %(c)s"),
           f"/program/{closing.program_id}/", params={"c": comments.strip()})
    return closing


# --- what was filled, shown read-only ---------------------------------------------------------


@dataclass(frozen=True)
class FilledAnswer:
    """One question of a filled form and the answer given, in words; `number` is the
    statement's number on the form (None for a free-text field)."""

    question: str
    answer: str
    number: int | None = None


@dataclass(frozen=True)
class FilledForm:
    """A form already filled: its answers and when they were sent. A filled form is shown
    read-only and never taken again (docs/life-cycle.md#evaluations: once)."""

    answers: list[FilledAnswer]
    submitted_at: datetime


def _label(model, field: str) -> str:
    return capfirst(model._meta.get_field(field).verbose_name)


def coach_evaluation_of(program: Program, session: Session | None) -> CoachEvaluation | None:
    """The coachee's evaluation of (program, session) if it was filled — for the program's
    end when `session` is None. Shown to the coachee only: the coach sees aggregates over
    at least three coachees (`coach_evaluation_summary`)."""
    found = CoachEvaluation.objects.filter(program=program, evaluator_id=program.participant_id)
    found = found.filter(session=session) if session is not None else found.filter(
        session__isnull=True)
    return found.first()


def coach_evaluation_filled(evaluation: CoachEvaluation, form) -> FilledForm:
    """The stored answers as the form shows its choices ("3 – Setuju"); a value the form's
    scale no longer holds is shown as the number stored."""
    labels = {point.value: f"{point.value} – {point.label}" for point in form.scale} if form         else {}
    items = list(form.items) if form else []
    answers = [FilledAnswer(items[i] if i < len(items) else str(i + 1),
                            labels.get(value, str(value)), number=i + 1)
               for i, value in enumerate(evaluation.answers or [])]
    answers.append(FilledAnswer((form.comment_label if form else "") or _("Saran/masukan"),
                                evaluation.suggestions or "—"))
    return FilledForm(answers, evaluation.created_at)


def mentor_assessment_filled(assessment: MentorAssessment, form) -> FilledForm:
    question = (form.items[0] if form and form.items else "") or (form.title if form else "")
    return FilledForm([
        FilledAnswer(question or _label(MentorAssessment, "label"), assessment.label, number=1),
        FilledAnswer((form.comment_label if form else "") or _("Penjelasan"),
                     assessment.explanation),
    ], assessment.created_at)


def self_study_closing_is_filled(closing: SelfStudyClosing | None) -> bool:
    """A closing resume is fixed once submitted; only a returned one is written again."""
    return closing is not None and closing.status != SelfStudyClosing.Status.RETURNED


def self_study_closing_filled(closing: SelfStudyClosing) -> FilledForm:
    answers = [FilledAnswer(_("Resume penutup: apa yang Anda pelajari dan terapkan"),
                            closing.resume),
               FilledAnswer(_("Status"), closing.get_status_display())]
    if closing.comments:
        answers.append(FilledAnswer(_label(SelfStudyClosing, "comments"), closing.comments))
    return FilledForm(answers, closing.updated_at)


# --- what is still to fill (the home page) ---------------------------------------------------


@dataclass(frozen=True)
class EvaluationToFill:
    """A form the user may fill now: `code` is one of COACHING_FORM, MENTOR_FORM,
    SELF_STUDY_FORM; `session` is set for a per-session coaching evaluation."""

    code: str
    program: Program
    session: Session | None = None


def evaluations_to_fill(user, *, today: date) -> list[EvaluationToFill]:
    """Every evaluation form `user` may fill now, by the same rules the forms apply: the
    coaching evaluations of their coaching programs (after each initialled session or at
    the program's end, as the profile says), the closing resume of their ended self-study
    programs, the closing assessment of the mentoring programs they guide. At most three
    queries whatever the number of programs and sessions."""
    me = user.employee_id
    if me is None:
        return []
    regency = user.employee.regency  # its profile schedule is loaded once per request
    found = list(
        Program.objects.filter(
            Q(participant_id=me, activity__in=[ActivityType.COACHING, ActivityType.SELF_STUDY])
            | Q(guide_id=me, activity=ActivityType.MENTORING),
            regency_id=regency.pk, status__in=[Program.Status.ACTIVE, Program.Status.CLOSED])
        .select_related("participant", "guide", "mentor_assessment", "self_study_closing")
        .order_by("end_date", "id"))
    for program in found:
        program.regency = regency
    coaching = [p for p in found if p.activity == ActivityType.COACHING
                and form_for(p, COACHING_FORM) is not None]
    evaluated = set(CoachEvaluation.objects.filter(
        program__in=coaching, evaluator_id=me).values_list("program_id", "session_id"))         if coaching else set()
    per_session = {p.pk: p for p in coaching
                   if form_for(p, COACHING_FORM).timing == P.AFTER_EACH_SESSION}
    due: list[EvaluationToFill] = []
    for program in found:
        if program.activity == ActivityType.COACHING and program.pk not in per_session:
            if (program.pk, None) not in evaluated and coach_evaluation_due(program, None):
                due.append(EvaluationToFill(COACHING_FORM, program))
        elif program.activity == ActivityType.MENTORING:
            if (getattr(program, "mentor_assessment", None) is None
                    and form_for(program, MENTOR_FORM) is not None
                    and program_has_ended(program, today)):
                due.append(EvaluationToFill(MENTOR_FORM, program))
        elif program.activity == ActivityType.SELF_STUDY:
            if (program_has_ended(program, today) and not self_study_closing_is_filled(
                    getattr(program, "self_study_closing", None))):
                due.append(EvaluationToFill(SELF_STUDY_FORM, program))
    if per_session:
        for session in Session.objects.filter(program_id__in=list(per_session),
                                              status__in=list(HAPPENED)).order_by("date", "id"):
            program = per_session[session.program_id]
            session.program = program
            if (program.pk, session.pk) not in evaluated and coach_evaluation_due(program,
                                                                                  session):
                due.append(EvaluationToFill(COACHING_FORM, program, session))
    return due


@dataclass(frozen=True)
class EvaluationSummary:
    evaluators: int
    responses: int
    item_means: list[tuple[str, Decimal]]
    suggestions: list[str]


def coach_evaluation_summary(coach, *, form) -> EvaluationSummary | None:
    """Mean score per statement over the coach's evaluations, or None while fewer than
    three distinct coachees have evaluated (anonymity, docs/life-cycle.md#evaluation-privacy).

    Evaluations are released in batches that each hold at least three distinct coachees,
    in the order they came in: comparing the page before and after one more evaluation
    never reveals a single coachee's answers (the newest ones wait for two more)."""
    released, batch, batch_evaluators = [], [], set()
    for evaluator, answers, suggestion in (
            CoachEvaluation.objects.filter(coach=coach, form_code=form.code)
            .order_by("created_at", "id").values_list("evaluator_id", "answers", "suggestions")):
        batch.append((evaluator, answers, suggestion))
        batch_evaluators.add(evaluator)
        if len(batch_evaluators) >= MIN_EVALUATORS:
            released += batch
            batch, batch_evaluators = [], set()
    if not released:
        return None
    evaluators = len({evaluator for evaluator, _a, _s in released})
    means = []
    for index, item in enumerate(form.items):
        scores = [answers[index] for _e, answers, _s in released if len(answers) > index]
        mean = Decimal(sum(scores)) / len(scores) if scores else Decimal(0)
        means.append((item, mean.quantize(Decimal("0.01"), ROUND_HALF_UP)))
    suggestions = sorted(s for _e, _a, s in released if s)  # sorted: no order that reveals who
    return EvaluationSummary(evaluators, len(released), means, suggestions)
