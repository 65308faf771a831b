"""Programs, sessions and their life cycle; evaluations; classical training; notices.

A session's JP are stored on the session (docs/locked-months.md#jp-stored-on-each-session):
the ledger in `kembang.policy` computes them, `kembang.learning.ledger` writes them, and
locked months keep theirs.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kembang.common.models import RegencyOwned, TimeStampedModel
from kembang.policy.activities import ActivityType as PolicyActivity
from kembang.policy.activities import Scope as PolicyScope
from kembang.policy.activities import SessionStatus as PolicyStatus


class ActivityType(models.TextChoices):
    COACHING = PolicyActivity.COACHING.value, _("Pembimbingan (Coaching)")
    MENTORING = PolicyActivity.MENTORING.value, _("Pendampingan (Mentoring)")
    SELF_STUDY = PolicyActivity.SELF_STUDY.value, _("Belajar Mandiri")


class Scope(models.TextChoices):
    NASIONAL = PolicyScope.NASIONAL.value, _("Nasional")
    INTERNASIONAL = PolicyScope.INTERNASIONAL.value, _("Internasional")


class Mode(models.TextChoices):
    LURING = "luring", _("Luring (tatap muka)")
    DARING = "daring", _("Daring (online)")


class Program(RegencyOwned):
    """One engagement: a coach–coachee or mentor–mentee pair, or a self-study assignment."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Menunggu kesepakatan peserta")
        REQUESTED = "requested", _("Menunggu jawaban pendamping")
        ACTIVE = "active", _("Berjalan")
        DECLINED = "declined", _("Ditolak")
        CLOSED = "closed", _("Selesai")
        CANCELLED = "cancelled", _("Dibatalkan")

    activity = models.CharField(_("kegiatan"), max_length=20, choices=ActivityType.choices)
    participant = models.ForeignKey(
        "organisation.Employee", verbose_name=_("peserta"), on_delete=models.PROTECT,
        related_name="programs",
    )
    guide = models.ForeignKey(
        "organisation.Employee", verbose_name=_("pembimbing/pendamping/atasan"),
        on_delete=models.PROTECT, related_name="guided_programs",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    development_need = models.TextField(_("A. Identifikasi kebutuhan pengembangan"))
    job_link = models.TextField(_("B. Hubungan tanggung jawab pekerjaan"), blank=True)
    planned_activities = models.TextField(_("C. Kegiatan pengembangan"), blank=True)
    goal = models.TextField(_("tujuan dan sasaran"), blank=True)
    performance_problem = models.TextField(_("permasalahan kinerja"), blank=True)
    # Belitung Timur Pasal 1 angka 13 and Pasal 2 ayat (2) huruf a: coaching is for
    # completing a task the leadership gave; angka 18: a mentee needs guidance in
    # completing work — not a performance problem (docs/belitung-timur-langsa.md).
    leadership_task = models.TextField(_("tugas yang diberikan pimpinan"), blank=True)
    guidance_need = models.TextField(_("kebutuhan bimbingan dan arahan dalam penyelesaian "
                                       "pekerjaan"), blank=True)
    # The mentor helps draw up a career plan (BT H.1.f, Langsa H.6, Nganjuk Mentoring D.1.f).
    career_plan = models.TextField(_("rencana pengembangan karier"), blank=True)
    learning_sources = models.TextField(_("sumber pembelajaran"), blank=True)
    target_competencies = models.TextField(_("kompetensi sasaran"), blank=True)
    mode = models.CharField(_("cara"), max_length=8, choices=Mode.choices, default=Mode.LURING)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"))
    profile_id = models.CharField(_("profil regulasi"), max_length=60)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    agreed_at = models.DateTimeField(_("disepakati"), null=True, blank=True)
    answered_reason = models.TextField(_("alasan penolakan"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("program")
        verbose_name_plural = _("program")
        indexes = [models.Index(fields=["regency", "status"]),
                   models.Index(fields=["participant", "status"]),
                   models.Index(fields=["guide", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")),
                                   name="program_dates_in_order"),
            models.CheckConstraint(condition=~Q(participant=models.F("guide")),
                                   name="program_guide_is_not_participant"),
        ]

    def __str__(self) -> str:
        return f"{self.get_activity_display()}: {self.participant} – {self.guide}"


class Appointment(RegencyOwned):
    """The head of unit's pool of appointed coaches and mentors (Nganjuk, Diktum KEEMPAT):
    an ASN from inside or outside the unit, appointed for the unit's employees."""

    unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("untuk unit"),
                             on_delete=models.PROTECT, related_name="appointments")
    appointee = models.ForeignKey("organisation.Employee", verbose_name=_("ASN yang ditunjuk"),
                                  on_delete=models.PROTECT, related_name="appointments")
    activity = models.CharField(_("sebagai"), max_length=20, choices=[
        (ActivityType.COACHING, _("Coach")), (ActivityType.MENTORING, _("Mentor"))])
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    # The head's appointment letter (Nganjuk Diktum KEEMPAT: "ditunjuk oleh Kepala
    # Perangkat Daerah"); required where the profile appoints, blank on older rows.
    letter_number = models.CharField(_("nomor surat penunjukan"), max_length=120, blank=True)
    letter_date = models.DateField(_("tanggal surat penunjukan"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("penunjukan coach/mentor")
        verbose_name_plural = _("penunjukan coach/mentor")


class PlannedMeeting(RegencyOwned):
    """A date the pair agreed to meet (Nganjuk Lampiran huruf C angka 2: "sesuai jadwal
    yang telah disepakati"); either party adds or removes it while the program runs.
    Offered under every profile, required under none."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT,
                                related_name="planned_meetings")
    date = models.DateField(_("tanggal rencana"))
    note = models.CharField(_("catatan rencana"), max_length=255, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("jadwal yang disepakati")
        verbose_name_plural = _("jadwal yang disepakati")
        constraints = [models.UniqueConstraint(fields=["program", "date"],
                                               name="planned_meeting_once_a_day")]
        # The reminder job reads tomorrow's dates across the regency.
        indexes = [models.Index(fields=["regency", "date"])]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.note}".strip()


class Session(RegencyOwned):
    """One meeting, or one day of self-study. Never deleted once submitted
    (docs/life-cycle.md#never-deleted-always-recorded)."""

    class Status(models.TextChoices):
        DRAFT = PolicyStatus.DRAFT.value, _("Draf")
        SUBMITTED = PolicyStatus.SUBMITTED.value, _("Diajukan")
        AWAITING_ACK = PolicyStatus.AWAITING_ACK.value, _("Menunggu persetujuan peserta")
        CONFIRMED = PolicyStatus.CONFIRMED.value, _("Diparaf")
        VALIDATED = PolicyStatus.VALIDATED.value, _("Divalidasi")
        RETURNED = PolicyStatus.RETURNED.value, _("Dikembalikan")
        CANCELLED = PolicyStatus.CANCELLED.value, _("Dibatalkan")

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="sessions")
    participant = models.ForeignKey("organisation.Employee", on_delete=models.PROTECT,
                                    related_name="sessions")
    activity = models.CharField(_("kegiatan"), max_length=20, choices=ActivityType.choices)
    unit = models.ForeignKey("organisation.OrgUnit", verbose_name=_("unit kerja pada tanggal itu"),
                             on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("tanggal"))
    topic = models.CharField(_("materi"), max_length=255)
    mode = models.CharField(_("cara"), max_length=8, choices=Mode.choices, default=Mode.LURING)
    scope = models.CharField(_("cakupan"), max_length=14, choices=Scope.choices,
                             default=Scope.NASIONAL)
    minutes = models.PositiveIntegerField(_("durasi (menit)"), null=True, blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    resume = models.TextField(_("resume"), blank=True)
    learning_source = models.CharField(_("sumber belajar"), max_length=255, blank=True)
    form_a = models.TextField(_("A. Identifikasi kebutuhan pengembangan"), blank=True)
    form_b = models.TextField(_("B. Hubungan tanggung jawab pekerjaan"), blank=True)
    form_c = models.TextField(_("C. Kegiatan pengembangan"), blank=True)
    # The supervisor's feedback on a self-study session (Langsa huruf I, Tugas Atasan
    # Langsung: "memberikan umpan balik"); not part of the record the participant signs.
    guide_feedback = models.TextField(_("umpan balik atasan"), blank=True)
    status = models.CharField(_("status"), max_length=14, choices=Status.choices,
                              default=Status.DRAFT)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    on_behalf = models.BooleanField(_("dicatat atas nama peserta"), default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(_("diparaf"), null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    validated_at = models.DateTimeField(_("divalidasi"), null=True, blank=True)
    validated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    # The HR officer who issued the activation codes of both the participant and the
    # guide shortly before this session, set when it is initialled: they may not validate
    # it alone (docs/separation-of-duties.md#one-officer-behind-both-accounts).
    validation_barred = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+")
    status_reason = models.TextField(_("alasan"), blank=True)
    # What the ledger credited: `jp` official (validated sessions only), `jp_provisional` as
    # if every pending session were validated
    # (docs/jp-rules.md#official-and-provisional-jp); `counted` and `reasons` (the ledger's
    # codes with parameters) from the official judgement when there is one.
    jp = models.DecimalField(_("JP"), max_digits=6, decimal_places=2, default=0)
    jp_provisional = models.DecimalField(_("JP sementara"), max_digits=6, decimal_places=2,
                                         default=0)
    counted = models.BooleanField(_("dihitung"), default=False)
    reasons = models.JSONField(_("alasan JP"), default=list, blank=True)
    locked = models.BooleanField(_("sudah dilaporkan"), default=False)
    correction_month = models.DateField(_("koreksi dibukukan pada bulan"), null=True,
                                        blank=True)
    # A form submitted twice (double click, replayed request) creates one session.
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("sesi")
        verbose_name_plural = _("sesi")
        indexes = [
            models.Index(fields=["participant", "date"]),
            models.Index(fields=["regency", "status", "unit"]),
            models.Index(fields=["program", "date"]),
            # The coach's "waiting for my initials" queue: programs they guide → status.
            models.Index(fields=["program", "status"]),
            # HR's validation queue, oldest first: read in order, stop at the page size.
            models.Index(fields=["regency", "status", "date", "id"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_activity_display()} {self.date:%d/%m/%Y}: {self.topic}"


class SessionTransition(models.Model):
    """Every change of a session's status: who, when, from what to what, and why."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="transitions")
    from_status = models.CharField(max_length=14, blank=True)
    to_status = models.CharField(max_length=14)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+")
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_label or '·'} → {self.to_label}"

    @property
    def step(self):
        """The life-cycle step this was (kembang/learning/lifecycle.py)."""
        from kembang.learning.lifecycle import session_step_between

        return session_step_between(self.from_status, self.to_status)

    @property
    def from_label(self) -> str:
        return Session.Status(self.from_status).label if self.from_status else ""

    @property
    def to_label(self) -> str:
        return Session.Status(self.to_status).label


def evidence_path(instance, filename: str) -> str:
    return f"evidence/{instance.session.regency_id}/{instance.session_id}/{filename}"


class Evidence(TimeStampedModel):
    """A file attached to a session, served only to those allowed to see the session."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(upload_to=evidence_path, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")


class LockedPeriod(RegencyOwned):
    """A reported month: a unit's (its unit report was submitted) or the whole regency's."""

    unit = models.ForeignKey("organisation.OrgUnit", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("bulan"))
    locked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    reason = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["regency", "unit", "month"],
                                    name="locked_period_unique"),
            # NULLs are distinct in a unique index: a regency-wide lock needs its own.
            models.UniqueConstraint(fields=["regency", "month"], condition=Q(unit__isnull=True),
                                    name="locked_period_regency_month_unique"),
        ]


class Notification(models.Model):
    """An in-app notice of a hand-off; mailed too when email is configured. Refreshed
    rather than repeated, and marked read when its recipient acts on what it points to
    (kembang/learning/services/notify.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notifications")
    text = models.CharField(max_length=255)
    url = models.CharField(max_length=255, blank=True)
    # Notices that are one while unread, e.g. "initials:<program id>" for the sessions of
    # a program waiting for the guide's initials; empty: the text and url say which.
    key = models.CharField(max_length=100, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text


class CoachEvaluation(RegencyOwned):
    """The coachee rates the coach on the profile's form (Nganjuk's Formulir Evaluasi
    Coaching: nine statements, 1–3), after a session or at the end of the program."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="coach_evaluations")
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="coach_evaluations")
    evaluator = models.ForeignKey("organisation.Employee", on_delete=models.PROTECT,
                                  related_name="+")
    coach = models.ForeignKey("organisation.Employee", on_delete=models.PROTECT,
                              related_name="evaluations_received")
    form_code = models.CharField(max_length=40)
    answers = models.JSONField(_("jawaban"))
    suggestions = models.TextField(_("saran/masukan"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["program", "session", "evaluator"],
                                    name="coach_evaluation_once_per_session"),
            models.UniqueConstraint(fields=["program", "evaluator"],
                                    condition=Q(session__isnull=True),
                                    name="coach_evaluation_once_per_program"),
        ]


class MentorAssessment(RegencyOwned):
    """Penilaian Penyelesaian Kegiatan dari Mentor, at the end of a mentoring program: a
    point of the profile's scale (Sangat Mampu … Tidak Mampu) and the explanation."""

    program = models.OneToOneField(Program, on_delete=models.PROTECT,
                                   related_name="mentor_assessment")
    mentor = models.ForeignKey("organisation.Employee", on_delete=models.PROTECT,
                               related_name="+")
    form_code = models.CharField(max_length=40)
    score = models.PositiveSmallIntegerField(_("nilai"))
    label = models.CharField(_("penilaian"), max_length=40)
    explanation = models.TextField(_("penjelasan"))


class SourceRating(models.TextChoices):
    """How effective a learning source was for filling the gap (Langsa huruf I)."""

    EFFECTIVE = "efektif", _("Efektif")
    FAIRLY_EFFECTIVE = "cukup_efektif", _("Cukup efektif")
    NOT_EFFECTIVE = "kurang_efektif", _("Kurang efektif")


class SelfStudyClosing(RegencyOwned):
    """The participant's closing resume of a self-study program, which the supervisor
    accepts or returns with comments."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Diajukan")
        ACCEPTED = "accepted", _("Diterima")
        RETURNED = "returned", _("Dikembalikan")

    program = models.OneToOneField(Program, on_delete=models.PROTECT,
                                   related_name="self_study_closing")
    resume = models.TextField(_("resume penutup"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    comments = models.TextField(_("catatan atasan"), blank=True)
    # The supervisor's rating of each learning source when accepting (Langsa huruf I:
    # "menilai sumber pembelajaran"): [{"source", "rating", "note"}], `rating` a
    # `SourceRating` value.
    source_ratings = models.JSONField(_("penilaian sumber pembelajaran"), default=list,
                                      blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)


class ClassicalTraining(RegencyOwned):
    """A classical activity HR records (pelatihan, seminar, workshop, kursus, bimtek…), so
    the 20 JP picture and the 10:20:70 mix are complete (regulations.md §2.2)."""

    employee = models.ForeignKey("organisation.Employee", on_delete=models.PROTECT,
                                 related_name="classical_trainings")
    route = models.CharField(_("jalur"), max_length=8)
    title = models.CharField(_("nama kegiatan"), max_length=255)
    organiser = models.CharField(_("penyelenggara"), max_length=255, blank=True)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"))
    scope = models.CharField(_("cakupan"), max_length=14, choices=Scope.choices,
                             default=Scope.NASIONAL)
    jp = models.DecimalField(_("JP"), max_digits=6, decimal_places=2)
    certificate_number = models.CharField(_("nomor sertifikat"), max_length=120, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["employee", "start_date"])]
        constraints = [models.CheckConstraint(condition=Q(jp__gte=0),
                                              name="classical_jp_not_negative")]
