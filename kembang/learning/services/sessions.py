"""A session's life cycle (docs/life-cycle.md#sessions, docs/separation-of-duties.md):

    draft → submitted → confirmed (paraf) → validated (HR)
    returned (with a reason, back to the participant) from any check; cancelled.

A session the coach logs on the participant's behalf waits for the participant's
acknowledgement and is then confirmed. Every transition is recorded (SessionTransition
and the audit record) and recomputes the participant's JP for that year.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import CharField, Value
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from kembang.audit.services import audit_record, diff_fields
from kembang.learning.errors import RuleRefusal, TransitionRefused
from kembang.learning.ledger import participant_recompute
from kembang.learning.lifecycle import SESSION_STEPS
from kembang.learning.models import ActivityType, Program, Scope, Session, SessionTransition
from kembang.learning.profiles import profile_on
from kembang.learning.services.evidence import evidence_attach
from kembang.learning.services.notify import notify, resolve, user_of
from kembang.learning.services.programs import require_development_area
from kembang.learning.services.reminders import OVERDUE_INITIALS_KEY
from kembang.organisation.access import scope_for
from kembang.organisation.dates import regency_today
from kembang.organisation.selectors import unit_on
from kembang.policy import profiles as P
from kembang.policy.nip import KIND_PNS, nip_kind, service_start

S = Session.Status
EDITABLE = {S.DRAFT, S.RETURNED}
SESSION_FIELDS = ("date", "topic", "mode", "scope", "minutes", "notes", "resume",
                  "learning_source", "form_a", "form_b", "form_c")


@dataclass(frozen=True)
class Logged:
    session: Session
    warnings: tuple[str, ...]
    created: bool


def _url(session: Session) -> str:
    return f"/sesi/{session.pk}/"


def _transition(session: Session, *, actor, action: str, reason: str = "",
                changes: dict | None = None) -> None:
    """Take the life-cycle step `action` (kembang/learning/lifecycle.py), refusing it from
    a state the table does not allow; record it and recompute the participant's JP."""
    step = SESSION_STEPS[action]
    old = session.status
    if not step.allows(old):
        raise TransitionRefused(_("Sesi ini tidak dapat diproses dari statusnya sekarang."))
    to = step.target
    session.status = to
    session.status_reason = reason if to in {S.RETURNED, S.CANCELLED} else session.status_reason
    session.save()
    SessionTransition.objects.create(session=session, from_status=old, to_status=to,
                                     actor=actor, reason=reason)
    audit_record(actor=actor, regency=session.regency, action=f"session.{action}", obj=session,
                 changes=(changes or {}) | {"status": [old, to]}, reason=reason)
    participant_recompute(participant=session.participant, year=session.date.year)
    # The actor has acted on this session: their notices pointing at it are done.
    resolve(actor, _url(session))
    if old == S.SUBMITTED:
        _tell_guide_of_initials(session.program, update_only=True)


def _tell_guide_of_initials(program: Program, *, update_only: bool = False) -> None:
    """The guide's one notice of the sessions of `program` waiting for their initials,
    however many were submitted: "… mengajukan sesi untuk diparaf." linking to the
    session while one waits, "… mengajukan N sesi untuk diparaf." linking to the program
    while more do (notices grouped under "initials:<program id>"). A submission brings it
    up, mailed if it is new; initials, a return or a cancellation only bring it up to date
    (`update_only`), and it is marked read once none waits."""
    guide_user = user_of(program.guide)
    if guide_user is None:
        return
    key = f"initials:{program.pk}"
    waiting = list(Session.objects.filter(program_id=program.pk, status=S.SUBMITTED)
                   .order_by("pk").values_list("pk", flat=True))
    if not waiting:
        resolve(guide_user, key=key)
        if not Session.objects.filter(program__guide_id=program.guide_id,
                                      status=S.SUBMITTED).exists():
            resolve(guide_user, key=OVERDUE_INITIALS_KEY)  # the daily reminder, too
        return
    if len(waiting) == 1:
        text, url = gettext_lazy("%(name)s mengajukan sesi untuk diparaf."), f"/sesi/{waiting[0]}/"
    else:
        text = ngettext_lazy("%(name)s mengajukan %(n)s sesi untuk diparaf.",
                             "%(name)s mengajukan %(n)s sesi untuk diparaf.", "n")
        url = f"/program/{program.pk}/"
    notify(guide_user, text, url, params={"name": program.participant, "n": len(waiting)},
           key=key, update_only=update_only)


def _lock(session: Session) -> Session:
    # Lock the session and its participant (not the regency or unit rows joined for
    # reading): two validations of one participant's sessions then run one after the
    # other, so the monthly cap holds (docs/jp-rules.md#monthly-cap).
    return Session.objects.select_for_update(of=("self", "participant")).select_related(
        "program", "participant__unit", "regency").get(pk=session.pk)


def check_session_date(*, program: Program, day: date | None, participant=None,
                       regency=None) -> None:
    """A session's date lies within its program, not after the regency's today (its own
    zone, docs/conventions.md#time-zone), and not before the participant was appointed: the
    first of the TMT CPNS month of a PNS NIP, 1 January of a PPPK NIP's appointment year
    (`kembang.policy.nip.service_start`; an unreadable stored NIP is not checked). Checked
    when a session is logged or corrected and again at every hand-off (submit,
    acknowledgement, initials, validation), so a session stored before a rule existed is not
    carried through. `participant` and `regency` are the program's, passed when the caller
    has them loaded already."""
    participant = participant or program.participant
    regency = regency or program.regency
    if day is None:
        raise RuleRefusal(_("Tanggal wajib diisi."), code="date_required", field="date")
    if day > regency_today(regency):
        raise RuleRefusal(_("Tanggal sesi tidak boleh di masa depan."), code="date_future",
                          field="date")
    if not (program.start_date <= day <= program.end_date):
        raise RuleRefusal(
            _("Tanggal sesi harus dalam masa program (%(start)s–%(end)s).")
            % {"start": program.start_date.strftime("%d/%m/%Y"),
               "end": program.end_date.strftime("%d/%m/%Y")},
            code="date_outside_program", field="date")
    appointed = service_start(participant.nip)
    if appointed is not None and day < appointed:
        shown = (appointed.strftime("%m/%Y") if nip_kind(participant.nip) == KIND_PNS
                 else str(appointed.year))
        raise RuleRefusal(
            _("Tanggal sesi tidak boleh sebelum peserta diangkat (TMT %(tmt)s).")
            % {"tmt": shown}, code="date_before_appointment", field="date")


def derived_topic(fields: P.SessionFields, values: dict) -> str:
    """The topic stored when the profile asks for none (`SessionFields.topic_from`, Nganjuk):
    the first non-empty line of that field, cut to the column's 255 characters with an
    ellipsis; empty when the field is."""
    text = (values.get(fields.topic_from) or "") if fields.topic_from else ""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    limit = Session._meta.get_field("topic").max_length
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def check_written(*, fields: P.SessionFields, values: dict) -> None:
    """Every field the profile requires (`SessionFields.required`) is filled: under
    `nganjuk` the sections A/B/C of the participant's form, C being the *resume kegiatan*
    (Lampiran huruf C angka 3–4); elsewhere the topic (*Materi*)."""
    for name in fields.required:
        if (values.get(name) or "").strip():
            continue
        if name == "topic":
            raise RuleRefusal(_("Materi wajib diisi."), code="topic_required", field="topic")
        raise RuleRefusal(_("Wajib diisi oleh peserta: %(section)s.")
                          % {"section": Session._meta.get_field(name).verbose_name},
                          code="section_required", field=name)


def _clean(*, program: Program, data: dict, hand_on: bool = False,
           previous: Session | None = None) -> dict:
    """Validate a session's fields against its program and profile; return cleaned data.

    The profile's required fields are checked; when they are the participant's writing
    (`SessionFields.participant_writes`), only if the participant hands the session on
    now (`hand_on`: logged and submitted at once) — submit and acknowledge check the
    rest. A topic derived from another field (`topic_from`) follows that field when it
    changes."""
    day = data.get("date")
    check_session_date(program=program, day=day)
    profile = profile_on(program.regency, day)
    fields = profile.session_fields
    if "topic" in fields.required and not (data.get("topic") or "").strip():
        raise RuleRefusal(_("Materi wajib diisi."), code="topic_required", field="topic")
    if data.get("scope", Scope.NASIONAL) not in Scope.values:
        raise RuleRefusal(_("Cakupan tidak dikenal."), code="scope_invalid", field="scope")
    if not profile.regulates(program.activity):
        raise RuleRefusal(_("Profil yang berlaku pada tanggal itu tidak mengatur kegiatan ini."),
                          code="activity_not_regulated", field="date")
    if program.activity == ActivityType.SELF_STUDY:
        minutes = data.get("minutes")
        if not isinstance(minutes, int) or minutes <= 0:
            raise RuleRefusal(_("Durasi belajar mandiri wajib diisi dalam menit (bilangan "
                                "bulat positif)."), code="minutes_required", field="minutes")
        if minutes > 24 * 60:
            raise RuleRefusal(_("Durasi satu hari tidak boleh lebih dari 1.440 menit."),
                              code="minutes_too_long", field="minutes")
        if not (data.get("resume") or "").strip():
            raise RuleRefusal(_("Tuliskan resume singkat apa yang dipelajari."),
                              code="resume_required", field="resume")
        if not (data.get("learning_source") or "").strip():
            raise RuleRefusal(_("Sebutkan sumber belajarnya."), code="source_required",
                              field="learning_source")
    else:
        data["minutes"] = data.get("minutes") or None
    if profile.session_record.value == P.FORM_ABC:
        # Nganjuk: each session has its own form, pre-filled from the program.
        data["form_a"] = data.get("form_a") or program.development_need
        data["form_b"] = data.get("form_b") or program.job_link
        data["form_c"] = data.get("form_c") or program.planned_activities
    if fields.topic_from:
        topic = (data.get("topic") or "").strip()
        was_derived = previous is not None and previous.topic == derived_topic(
            fields, {fields.topic_from: getattr(previous, fields.topic_from)})
        if not topic or (was_derived and topic == previous.topic):
            data["topic"] = derived_topic(fields, data)
    if hand_on or not fields.participant_writes:
        check_written(fields=fields, values=data)
    return {k: v for k, v in data.items() if k in SESSION_FIELDS}


def duplicate_warnings(*, program: Program, day, exclude_pk=None) -> tuple[str, ...]:
    """Two sessions of one participant, activity and date are allowed, with a warning
    (docs/life-cycle.md#duplicates)."""
    others = Session.objects.filter(participant_id=program.participant_id,
                                    activity=program.activity, date=day).exclude(
        status=S.CANCELLED)
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        return (_("Sudah ada sesi %(activity)s pada tanggal ini. Pastikan ini bukan sesi "
                  "yang sama.") % {"activity": program.get_activity_display()},)
    return ()


@transaction.atomic
def session_log(*, actor, program: Program, data: dict, submit: bool = False,
                submission_key: str | None = None, evidence=None) -> Logged:
    """Log a session of `program`: by the participant (draft, or submitted at once), or by
    the coach/mentor on the participant's behalf (waits for the participant's
    acknowledgement), with an optional evidence file. The same `submission_key` twice
    creates one session."""
    if submission_key:
        existing = Session.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            if existing.program_id != program.pk:
                raise TransitionRefused(_("Formulir ini sudah dipakai."))
            return Logged(existing, (), False)
    program = Program.objects.select_related("participant__unit", "regency").get(pk=program.pk)
    if program.status != Program.Status.ACTIVE:
        raise TransitionRefused(_("Sesi hanya dapat dicatat pada program yang berjalan."))
    # Nganjuk C.1: no session before the participant has named the development area.
    require_development_area(program)
    by_participant = actor.employee_id == program.participant_id
    by_guide = actor.employee_id == program.guide_id
    if not (by_participant or by_guide):
        raise TransitionRefused(_("Hanya peserta atau pembimbingnya yang dapat mencatat sesi."))
    cleaned = _clean(program=program, data=dict(data), hand_on=by_participant and submit)
    warnings = duplicate_warnings(program=program, day=cleaned["date"])
    status = S.AWAITING_ACK if by_guide else (S.SUBMITTED if submit else S.DRAFT)
    if status != S.DRAFT:
        _require_evidence_if_international(cleaned.get("scope"),
                                           has_evidence=evidence is not None)
    try:
        with transaction.atomic():
            session = Session.objects.create(
                regency=program.regency, program=program, participant=program.participant,
                activity=program.activity, status=status,
                unit=unit_on(program.participant, cleaned["date"]),
                logged_by=actor, on_behalf=by_guide, submission_key=submission_key,
                submitted_at=timezone.now() if status != S.DRAFT else None, **cleaned)
    except IntegrityError:
        # The same submission raced in from a second request: return the first one.
        return Logged(Session.objects.get(submission_key=submission_key), (), False)
    SessionTransition.objects.create(session=session, from_status="", to_status=status,
                                     actor=actor)
    if evidence is not None:
        evidence_attach(actor=actor, session=session, upload=evidence)
    audit_record(actor=actor, regency=program.regency, action="session.log", obj=session,
                 changes={field: [None, value] for field, value in cleaned.items()}
                 | {"status": [None, status], "on_behalf": [None, by_guide]})
    participant_recompute(participant=program.participant, year=session.date.year)
    if by_guide:
        notify(user_of(program.participant),
               gettext_lazy("%(guide)s mencatat sesi atas nama Anda; mohon periksa dan "
                            "setujui."), _url(session), params={"guide": program.guide})
    elif status == S.SUBMITTED:
        _tell_guide_of_initials(program)
    return Logged(session, warnings, True)


def _require_evidence_if_international(scope: str | None, *, has_evidence: bool) -> None:
    """An international session needs evidence attached
    (docs/life-cycle.md#international-evidence)."""
    if scope == Scope.INTERNASIONAL and not has_evidence:
        raise RuleRefusal(_("Sesi internasional wajib dilampiri bukti (PDF/JPG/PNG)."),
                          code="evidence_required", field="scope")


def may_edit(user, session: Session) -> bool:
    """Its logger edits a draft; a returned session is corrected by the participant,
    whoever logged it (docs/life-cycle.md#edits-after-initials)."""
    if session.status == S.RETURNED and user.employee_id == session.participant_id:
        return True
    return session.status in EDITABLE and user.pk == session.logged_by_id


@transaction.atomic
def session_update(*, actor, session: Session, data: dict) -> tuple[str, ...]:
    """Correct a draft or returned session (its logger only). A confirmed session cannot be
    edited: it is returned first, then goes back through initials
    (docs/life-cycle.md#edits-after-initials)."""
    session = _lock(session)
    if session.status not in EDITABLE or not may_edit(actor, session):
        raise TransitionRefused(_("Sesi ini tidak dapat diubah sekarang."))
    cleaned = _clean(program=session.program, data=dict(data), previous=session)
    changes = diff_fields(session, cleaned)
    if changes:
        for field, value in cleaned.items():
            setattr(session, field, value)
        if "date" in changes:
            session.unit = unit_on(session.participant, session.date)
        session.save()
        audit_record(actor=actor, regency=session.regency, action="session.update",
                     obj=session, changes=changes)
        participant_recompute(participant=session.participant, year=session.date.year)
    return duplicate_warnings(program=session.program, day=session.date, exclude_pk=session.pk)


@transaction.atomic
def session_submit(*, actor, session: Session) -> Session:
    session = _lock(session)
    if not may_submit(actor, session):
        raise TransitionRefused(_("Sesi ini tidak dapat diajukan sekarang."))
    check_session_date(program=session.program, day=session.date,
                       participant=session.participant, regency=session.regency)
    _require_evidence_if_international(session.scope, has_evidence=session.evidence.exists())
    check_written(fields=profile_on(session.regency, session.date).session_fields,
                  values={name: getattr(session, name) for name in SESSION_FIELDS})
    session.submitted_at = timezone.now()
    _transition(session, actor=actor, action="submit")
    _tell_guide_of_initials(session.program)
    return session


def acknowledgement_fields(session: Session) -> tuple[str, ...]:
    """The fields the participant writes when acknowledging `session`: under a profile
    whose required fields are the participant's writing (`nganjuk`: sections A/B/C,
    Lampiran huruf C angka 4), those; elsewhere none — the participant only agrees."""
    fields = profile_on(session.regency, session.date).session_fields
    return fields.required if fields.participant_writes else ()


@transaction.atomic
def session_acknowledge(*, actor, session: Session, written: dict | None = None) -> Session:
    """The participant agrees with a session the coach logged for them; it is then
    confirmed, the coach having written it.

    Under a profile where the participant writes the session's form (`nganjuk`, Lampiran
    huruf C angka 3–4) this is the participant's writing step: `written` carries their
    sections A/B/C (a field left out keeps what the coach wrote), each of which must then
    be filled; the changed text is audited with the acknowledgement. Other fields in
    `written` are ignored."""
    session = _lock(session)
    if not may_acknowledge(actor, session):
        raise TransitionRefused(_("Sesi ini tidak menunggu persetujuan Anda."))
    check_session_date(program=session.program, day=session.date,
                       participant=session.participant, regency=session.regency)
    changes = {}
    names = acknowledgement_fields(session)
    if names:
        fields = profile_on(session.regency, session.date).session_fields
        values = {name: getattr(session, name) for name in SESSION_FIELDS}
        values |= {name: (written[name] or "").strip() for name in names
                   if written and name in written}
        if fields.topic_from and session.topic == derived_topic(fields, {
                fields.topic_from: getattr(session, fields.topic_from)}):
            values["topic"] = derived_topic(fields, values)
        check_written(fields=fields, values=values)
        changes = diff_fields(session, {name: values[name] for name in (*names, "topic")})
        for name in changes:
            setattr(session, name, values[name])
    session.confirmed_at = timezone.now()
    session.confirmed_by = session.logged_by
    session.validation_barred_id = code_issuer_of_both(session)
    _transition(session, actor=actor, action="acknowledge", changes=changes)
    return session


@transaction.atomic
def session_confirm(*, actor, session: Session) -> Session:
    """The coach/mentor/supervisor initials (paraf) a submitted session. The participant
    never initials their own (docs/separation-of-duties.md)."""
    session = _lock(session)
    if actor.employee_id == session.participant_id:
        raise TransitionRefused(_("Peserta tidak dapat memaraf sesinya sendiri."))
    if not may_confirm(actor, session):
        raise TransitionRefused(_("Sesi ini tidak menunggu paraf Anda."))
    check_session_date(program=session.program, day=session.date,
                       participant=session.participant, regency=session.regency)
    _require_evidence_if_international(session.scope, has_evidence=session.evidence.exists())
    session.confirmed_at = timezone.now()
    session.confirmed_by = actor
    session.validation_barred_id = code_issuer_of_both(session)
    _transition(session, actor=actor, action="confirm")
    return session


def may_validate(user, session: Session) -> bool:
    """HR of the participant's current unit who took no part in the session; BKPSDM
    validates where the unit's HR officer did (docs/separation-of-duties.md,
    docs/locked-months.md#unit-of-a-session). A session barred for the officer who issued
    both parties' activation codes goes to another HR officer of the unit, else to the head
    of the unit, else to BKPSDM (docs/separation-of-duties.md#one-officer-behind-both-accounts)."""
    if session.validation_barred_id is not None and session.validation_barred_id == user.pk:
        return False
    took_part = user.employee_id in {session.participant_id, session.program.guide_id,
                                     session.confirmed_by and session.confirmed_by.employee_id}
    if took_part and user.employee_id is not None:
        return False
    scope = scope_for(user)
    path = session.participant.unit.path
    if scope.hr_covers(path):
        return True
    return (session.validation_barred_id is not None and scope.heads(path)
            and not other_hr_officer_exists(session))


# The window after the later of the two activations in which the officer who issued both
# codes may not validate alone (docs/separation-of-duties.md#one-officer-behind-both-accounts).
CODE_ISSUER_WINDOW = timedelta(days=90)


def code_issuer_of_both(session: Session) -> int | None:
    """The user id of the HR officer whose codes activated both the participant's and the
    guide's accounts, when the later activation is under 90 days old; else None.

    One officer could otherwise issue both codes, activate both accounts and sign all
    three steps (proposal, initials, validation) herself."""
    participant_user = user_of(session.participant)
    guide_user = user_of(session.program.guide)
    if participant_user is None or guide_user is None:
        return None
    issuer = participant_user.activated_by_code_of_id
    if issuer is None or issuer != guide_user.activated_by_code_of_id:
        return None
    activations = [u.activated_at for u in (participant_user, guide_user) if u.activated_at]
    if not activations or timezone.now() > max(activations) + CODE_ISSUER_WINDOW:
        return None
    return issuer


def other_hr_officer_exists(session: Session) -> bool:
    from kembang.learning.selectors import other_hr_officers

    return other_hr_officers(
        regency_today(session.regency), regency_id=session.regency_id,
        unit_path=Value(session.participant.unit.path, output_field=CharField()),
        barred_id=session.validation_barred_id, participant_id=session.participant_id,
        guide_id=session.program.guide_id).exists()


# --- who may do what: one set of rules for the services and the pages -------------------


def _is(user, employee_id) -> bool:
    return user.employee_id is not None and user.employee_id == employee_id


def may_submit(user, session: Session) -> bool:
    return session.status in EDITABLE and _is(user, session.participant_id)


def may_acknowledge(user, session: Session) -> bool:
    return session.status == S.AWAITING_ACK and _is(user, session.participant_id)


def may_confirm(user, session: Session) -> bool:
    """The coach/mentor/supervisor initials; the participant never does
    (docs/separation-of-duties.md)."""
    return (session.status == S.SUBMITTED and _is(user, session.program.guide_id)
            and not _is(user, session.participant_id))


def may_return(user, session: Session) -> bool:
    """Before validation the coach or HR returns a session (docs/life-cycle.md#return);
    the participant returns one the coach logged for them."""
    if session.status in {S.SUBMITTED, S.CONFIRMED}:
        return _is(user, session.program.guide_id) or may_validate(user, session)
    return session.status == S.AWAITING_ACK and _is(user, session.participant_id)


def may_cancel(user, session: Session) -> bool:
    """The participant cancels their own draft or submitted session; HR any session not yet
    validated; only BKPSDM a validated one (docs/life-cycle.md#cancel)."""
    if session.status == S.CANCELLED:
        return False
    whole_regency = scope_for(user).whole_regency
    if session.status == S.VALIDATED:
        return whole_regency
    return ((_is(user, session.participant_id)
             and session.status in {S.DRAFT, S.SUBMITTED, S.RETURNED})
            or may_validate(user, session) or whole_regency
            or (session.status == S.AWAITING_ACK and user.pk == session.logged_by_id))


def may_attach(user, session: Session) -> bool:
    """Evidence is added before the initials, by whoever logged the session or the
    participant."""
    return (session.status in {S.DRAFT, S.RETURNED, S.SUBMITTED, S.AWAITING_ACK}
            and (user.pk == session.logged_by_id or _is(user, session.participant_id)))


@dataclass(frozen=True)
class SessionPermissions:
    edit: bool
    submit: bool
    acknowledge: bool
    confirm: bool
    validate: bool
    return_: bool
    cancel: bool
    attach: bool


def session_permissions(user, session: Session) -> SessionPermissions:
    """What `user` may do to `session` now: the same predicates the services enforce."""
    return SessionPermissions(
        edit=may_edit(user, session), submit=may_submit(user, session),
        acknowledge=may_acknowledge(user, session), confirm=may_confirm(user, session),
        validate=session.status == S.CONFIRMED and may_validate(user, session),
        return_=may_return(user, session), cancel=may_cancel(user, session),
        attach=may_attach(user, session))


@transaction.atomic
def session_validate(*, actor, session: Session) -> Session:
    """HR validates a confirmed session; it earns official JP at once. The row lock makes
    two officers validating the same session at once end with one validation."""
    session = _lock(session)
    if session.status != S.CONFIRMED:
        raise TransitionRefused(_("Hanya sesi yang sudah diparaf yang dapat divalidasi."))
    if not may_validate(actor, session):
        raise TransitionRefused(_("Anda tidak dapat memvalidasi sesi ini (bukan pengelola SDM "
                                  "unit peserta, atau ikut dalam sesi ini)."))
    check_session_date(program=session.program, day=session.date,
                       participant=session.participant, regency=session.regency)
    session.validated_at = timezone.now()
    session.validated_by = actor
    _transition(session, actor=actor, action="validate")
    return session


@transaction.atomic
def session_return(*, actor, session: Session, reason: str) -> Session:
    """Send a session back to the participant with a reason: by the coach or HR before
    validation (a confirmed session is corrected this way,
    docs/life-cycle.md#edits-after-initials), or by the participant refusing a session
    logged for them."""
    session = _lock(session)
    if not reason.strip():
        raise RuleRefusal(_("Tuliskan alasan pengembalian."), code="reason_required",
                          field="reason")
    is_participant = _is(actor, session.participant_id)
    if not may_return(actor, session):
        raise TransitionRefused(_("Anda tidak dapat mengembalikan sesi ini sekarang."))
    _transition(session, actor=actor, action="return", reason=reason.strip())
    target = session.logged_by if session.on_behalf and is_participant else user_of(
        session.participant)
    notify(target, gettext_lazy("Sesi %(date)s dikembalikan: %(reason)s"), _url(session),
           params={"date": session.date.strftime("%d/%m/%Y"), "reason": reason.strip()})
    return session


@transaction.atomic
def session_cancel(*, actor, session: Session, reason: str = "") -> Session:
    """The participant cancels their own draft or submitted session; HR any session not yet
    validated; only BKPSDM a validated one, with a reason."""
    session = _lock(session)
    if session.status == S.CANCELLED:
        raise TransitionRefused(_("Sesi ini sudah dibatalkan."))
    if session.status == S.VALIDATED and not may_cancel(actor, session):
        raise TransitionRefused(_("Sesi yang sudah divalidasi hanya dapat dibatalkan oleh "
                                  "BKPSDM."))
    if not may_cancel(actor, session):
        raise TransitionRefused(_("Anda tidak dapat membatalkan sesi ini."))
    if session.status == S.VALIDATED and not reason.strip():
        raise RuleRefusal(_("Tuliskan alasan pembatalan."), code="reason_required",
                          field="reason")
    _transition(session, actor=actor, action="cancel", reason=reason.strip())
    return session
