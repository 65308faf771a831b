"""Competencies, their wording versions, position standards and assessments
(docs/competency.md).

* `Competency` — one entry of the dictionary: the national managerial and socio-cultural
  ones (no regency) and each regency's technical ones, which belong to a position.
* `CompetencyWording` — a version of a competency's name, definition and level
  descriptors. The national first version has no regency; BKPSDM's edits are new versions
  of its own regency. An assessment keeps the version it was made with.
* `PositionStandard` — the required level of one competency for one position, from the
  regency's Standar Kompetensi Jabatan (or the instansi pembina's). Without one, the
  default by position kind applies (`kembang.policy.positions.COMPETENCY_LEVEL`).
* `Assessment` with its `AssessmentLevel` lines — a result kept apart by its source: an
  assessor's *hasil penilaian kompetensi* (drives the gap) or the supervisor's *penilaian
  atasan* (shown beside it, never exported as an assessment). History is kept; the latest
  counts.
* `DevelopmentPlan` with its `PlanItem`s — the year's plan; `PlanProgram` links a program
  started from an agreed plan to the plan's gap.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kembang.common.models import RegencyOwned, TimeStampedModel
from kembang.competency import dictionary
from kembang.policy import competency_route

LEVELS = (1, 2, 3, 4, 5)
LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Kind(models.TextChoices):
    TEKNIS = dictionary.TEKNIS, _("Kompetensi Teknis")
    MANAJERIAL = dictionary.MANAJERIAL, _("Kompetensi Manajerial")
    SOSIAL_KULTURAL = dictionary.SOSIAL_KULTURAL, _("Kompetensi Sosial Kultural")


class Confidence(models.TextChoices):
    HIGH = dictionary.HIGH, _("tinggi")
    MEDIUM = dictionary.MEDIUM, _("sedang")
    LOW = dictionary.LOW, _("rendah — perlu diverifikasi")


class Competency(TimeStampedModel):
    kind = models.CharField(_("jenis kompetensi"), max_length=20, choices=Kind.choices)
    code = models.CharField(_("kode"), max_length=20, blank=True)
    regency = models.ForeignKey("organisation.Regency", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    position = models.ForeignKey("organisation.Position", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("jabatan"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=100)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("kompetensi")
        verbose_name_plural = _("kompetensi")
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=Q(regency__isnull=True),
                                    name="competency_national_code_unique"),
            models.CheckConstraint(
                condition=(Q(kind="teknis", regency__isnull=False, position__isnull=False)
                           | (~Q(kind="teknis") & Q(position__isnull=True))),
                name="competency_technical_has_position"),
        ]

    def __str__(self) -> str:
        return self.code or f"T{self.pk}"

    @property
    def is_national(self) -> bool:
        return self.regency_id is None


class CompetencyWording(models.Model):
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT,
                                   related_name="wordings")
    regency = models.ForeignKey("organisation.Regency", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(_("versi"))
    name = models.CharField(_("nama kompetensi"), max_length=200)
    definition = models.TextField(_("definisi"), blank=True)
    level_1 = models.TextField(_("deskripsi level 1"), blank=True)
    level_2 = models.TextField(_("deskripsi level 2"), blank=True)
    level_3 = models.TextField(_("deskripsi level 3"), blank=True)
    level_4 = models.TextField(_("deskripsi level 4"), blank=True)
    level_5 = models.TextField(_("deskripsi level 5"), blank=True)
    confidence = models.CharField(_("keyakinan sumber"), max_length=1,
                                  choices=Confidence.choices, default=Confidence.HIGH)
    source = models.TextField(_("sumber"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["competency_id", "-version"]
        verbose_name = _("rumusan kompetensi")
        verbose_name_plural = _("rumusan kompetensi")
        constraints = [models.UniqueConstraint(fields=["competency", "regency", "version"],
                                               name="competency_wording_version_unique")]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    def descriptor(self, level: int) -> str:
        return getattr(self, f"level_{level}", "") if level in LEVELS else ""

    @property
    def descriptors(self) -> list[tuple[int, str]]:
        return [(level, self.descriptor(level)) for level in LEVELS]


class PositionStandard(RegencyOwned):
    class Source(models.TextChoices):
        SKJ = "skj", _("Standar Kompetensi Jabatan pemerintah daerah")
        PEMBINA = "pembina", _("Standar dari instansi pembina jabatan fungsional")

    position = models.ForeignKey("organisation.Position", on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("jabatan"))
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("kompetensi"))
    required_level = models.PositiveSmallIntegerField(_("level yang dipersyaratkan"),
                                                      validators=LEVEL_VALIDATORS)
    source = models.CharField(_("sumber standar"), max_length=10, choices=Source.choices,
                              default=Source.SKJ)
    instrument_number = models.CharField(_("nomor naskah"), max_length=120, blank=True)
    instrument_date = models.DateField(_("tanggal naskah"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        verbose_name = _("standar kompetensi jabatan")
        verbose_name_plural = _("standar kompetensi jabatan")
        constraints = [
            models.UniqueConstraint(fields=["position", "competency"],
                                    name="position_standard_once"),
            models.CheckConstraint(condition=Q(required_level__gte=1, required_level__lte=5),
                                   name="position_standard_level_range"),
        ]

    def __str__(self) -> str:
        return f"{self.position_id}/{self.competency_id}: {self.required_level}"


class Cause(models.TextChoices):
    MOTIVATION = competency_route.CAUSE_MOTIVATION, _("Kurang motivasi atau kejenuhan")
    SKILL = competency_route.CAUSE_SKILL, _("Kurang keterampilan/keahlian atau pengalaman")
    KNOWLEDGE = competency_route.CAUSE_KNOWLEDGE, _("Kurang pengetahuan")


class Assessment(RegencyOwned):
    class Source(models.TextChoices):
        RESULT = "hasil", _("Hasil penilaian kompetensi")
        SUPERVISOR = "atasan", _("Penilaian atasan")

    employee = models.ForeignKey("organisation.Employee", on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("pegawai"))
    source = models.CharField(_("jenis penilaian"), max_length=10, choices=Source.choices)
    assessed_on = models.DateField(_("tanggal penilaian"))
    assessor = models.CharField(_("penilai/lembaga"), max_length=200, blank=True)
    jpm = models.DecimalField(_("JPM (%)"), max_digits=5, decimal_places=2, null=True,
                              blank=True)
    recommendation = models.TextField(_("rekomendasi"), blank=True)
    note = models.TextField(_("catatan"), blank=True)
    imported = models.BooleanField(_("dari impor berkas"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["-assessed_on", "-id"]
        verbose_name = _("penilaian kompetensi")
        verbose_name_plural = _("penilaian kompetensi")
        indexes = [models.Index(fields=["employee", "source", "assessed_on"])]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.get_source_display()} {self.assessed_on}"


class AssessmentLevel(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE,
                                   related_name="levels")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("kompetensi"))
    wording = models.ForeignKey(CompetencyWording, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("rumusan yang dipakai"))
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVEL_VALIDATORS)
    cause = models.CharField(_("penyebab kesenjangan kinerja"), max_length=20,
                             choices=Cause.choices, blank=True)

    class Meta:
        ordering = ["competency__order", "competency_id"]
        verbose_name = _("level kompetensi yang dinilai")
        verbose_name_plural = _("level kompetensi yang dinilai")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "competency"],
                                    name="assessment_level_once"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5),
                                   name="assessment_level_range"),
        ]

    def __str__(self) -> str:
        return f"{self.competency_id}: {self.level}"


class DevelopmentPlan(RegencyOwned):
    """One employee's development plan for one year: the supervisor proposes the gaps to
    close, the route and the JP planned for each; the employee agrees (docs/competency.md#plan).
    A change after agreement goes back to proposed and needs a new agreement."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("diusulkan atasan")
        AGREED = "agreed", _("disepakati pegawai")

    employee = models.ForeignKey("organisation.Employee", on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("pegawai"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("diusulkan oleh"))
    proposed_at = models.DateTimeField(_("diusulkan pada"))
    agreed_at = models.DateTimeField(_("disepakati pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("rencana pengembangan kompetensi")
        verbose_name_plural = _("rencana pengembangan kompetensi")
        constraints = [models.UniqueConstraint(fields=["employee", "year"],
                                               name="development_plan_once_per_year")]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.year}"


class PlanItem(models.Model):
    class Route(models.TextChoices):
        COACHING = competency_route.COACHING, _("Coaching")
        MENTORING = competency_route.MENTORING, _("Mentoring")
        SELF_STUDY = competency_route.SELF_STUDY, _("Belajar mandiri")
        CLASSICAL = competency_route.CLASSICAL, _("Pelatihan klasikal")

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="items")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("kompetensi"))
    wording = models.ForeignKey(CompetencyWording, on_delete=models.PROTECT, related_name="+")
    required_level = models.PositiveSmallIntegerField(_("level standar"), null=True)
    current_level = models.PositiveSmallIntegerField(_("level saat ini"), null=True)
    route = models.CharField(_("jalur"), max_length=20, choices=Route.choices)
    suggested_route = models.CharField(_("jalur yang disarankan"), max_length=20,
                                       choices=Route.choices, blank=True)
    planned_jp = models.DecimalField(_("JP direncanakan"), max_digits=5, decimal_places=1)

    class Meta:
        ordering = ["competency__order", "competency_id"]
        verbose_name = _("butir rencana pengembangan")
        verbose_name_plural = _("butir rencana pengembangan")
        constraints = [models.UniqueConstraint(fields=["plan", "competency"],
                                               name="plan_item_once")]

    def __str__(self) -> str:
        return f"{self.plan_id}/{self.competency_id}: {self.route}"


class RouteSetting(RegencyOwned):
    """A regency's own route rule (`kembang.policy.competency_route.RouteRule`): the route
    per recorded cause and the largest gap still called small. Without one, Kembang's
    default applies."""

    motivation_route = models.CharField(_("jalur untuk kurang motivasi atau kejenuhan"),
                                        max_length=20, choices=PlanItem.Route.choices,
                                        default=competency_route.COACHING)
    skill_route = models.CharField(_("jalur untuk kurang keterampilan atau pengalaman"),
                                   max_length=20, choices=PlanItem.Route.choices,
                                   default=competency_route.MENTORING)
    knowledge_route = models.CharField(_("jalur untuk kurang pengetahuan"), max_length=20,
                                       choices=PlanItem.Route.choices,
                                       default=competency_route.SELF_STUDY)
    small_gap = models.PositiveSmallIntegerField(_("kesenjangan kecil paling besar"),
                                                 default=1, validators=[MinValueValidator(1),
                                                                        MaxValueValidator(4)])
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = _("aturan saran jalur")
        verbose_name_plural = _("aturan saran jalur")
        constraints = [models.UniqueConstraint(fields=["regency"],
                                               name="route_setting_once_per_regency")]

    def __str__(self) -> str:
        return str(self.regency_id)

    def rule(self) -> competency_route.RouteRule:
        return competency_route.RouteRule(
            by_cause=((competency_route.CAUSE_MOTIVATION, self.motivation_route),
                      (competency_route.CAUSE_SKILL, self.skill_route),
                      (competency_route.CAUSE_KNOWLEDGE, self.knowledge_route)),
            small_gap=self.small_gap)


class PlanProgram(models.Model):
    """A program started from an item of an agreed plan (docs/competency.md#plan). It
    names the plan and the competency rather than the item: a new proposal replaces the
    items, and the programs already started still count for the same gap."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.PROTECT,
                             related_name="programs")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("kompetensi"))
    program = models.OneToOneField("learning.Program", on_delete=models.PROTECT,
                                   related_name="plan_link", verbose_name=_("program"))
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["linked_at", "id"]
        verbose_name = _("program dari rencana pengembangan")
        verbose_name_plural = _("program dari rencana pengembangan")

    def __str__(self) -> str:
        return f"{self.plan_id}/{self.competency_id}: {self.program_id}"
