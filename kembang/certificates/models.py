"""Certificates of completed programs (docs/sertifikat.md): one per program
and calendar year with JP; the regency's settings (on/off, legal basis, number pattern,
signatory); the batches BKPSDM approved."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kembang.common.models import RegencyOwned, TimeStampedModel
from kembang.learning.models import ActivityType


class Capacity(models.TextChoices):
    """How the signatory signs for BKPSDM's head."""

    HEAD = "kepala", _("Kepala BKPSDM")
    ON_BEHALF = "a.n.", _("Atas nama Kepala BKPSDM")
    ACTING = "Plt.", _("Plt. (pelaksana tugas)")
    STAND_IN = "Plh.", _("Plh. (pelaksana harian)")


def signature_path(instance, filename: str) -> str:
    return f"signatures/{instance.regency_id}/{filename}"


class CertificateSettings(TimeStampedModel):
    """What BKPSDM sets for its regency's certificates. `enabled` None: the profile's
    default (on under `nganjuk`, off elsewhere)."""

    regency = models.OneToOneField("organisation.Regency", on_delete=models.PROTECT,
                                   related_name="certificate_settings")
    enabled = models.BooleanField(_("sertifikat diterbitkan"), null=True, blank=True)
    legal_basis = models.TextField(_("dasar hukum"), blank=True)
    number_pattern = models.CharField(_("pola nomor"), max_length=120,
                                      default="800.2.4/{urut:04d}/BKPSDM/{tahun}")
    place = models.CharField(_("tempat penandatanganan"), max_length=80, blank=True)
    signatory_name = models.CharField(_("nama penandatangan"), max_length=160, blank=True)
    signatory_nip = models.CharField(_("NIP penandatangan"), max_length=18, blank=True)
    signatory_title = models.CharField(_("jabatan penandatangan"), max_length=200, blank=True)
    signatory_capacity = models.CharField(_("kedudukan penandatangan"), max_length=8,
                                          choices=Capacity.choices, default=Capacity.HEAD)
    signature_image = models.FileField(_("gambar tanda tangan"), upload_to=signature_path,
                                       max_length=255, blank=True)
    # The NIP of the signatory the image belongs to: applied only to their own batches.
    signature_owner_nip = models.CharField(max_length=18, blank=True)
    # Which kind of development counts toward which IP ASN component (docs/siasn-ipasn.md):
    # {"coaching": "teknis", …}; empty: the defaults.
    ipasn_components = models.JSONField(_("pemetaan komponen IP ASN"), default=dict,
                                        blank=True)
    # SIASN reference overrides: {"coaching": {"jenisDiklatId": "14", …}}; empty: built-in.
    siasn_reference = models.JSONField(default=dict, blank=True)
    organiser = models.CharField(_("institusi penyelenggara"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("pengaturan sertifikat")
        verbose_name_plural = _("pengaturan sertifikat")

    @property
    def has_signatory(self) -> bool:
        return bool(self.signatory_name.strip() and self.signatory_nip.strip()
                    and self.signatory_title.strip())


class CertificateBatch(RegencyOwned):
    """One recorded BKPSDM approval: issue what is due in a scope and year, as a ZIP."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Menunggu giliran")
        RUNNING = "running", _("Sedang dibuat")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    year = models.PositiveSmallIntegerField(_("tahun"))
    unit = models.ForeignKey("organisation.OrgUnit", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    issued = models.PositiveIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)
    archive = models.FileField(upload_to="certificates/", max_length=255, blank=True)


class Certificate(RegencyOwned):
    """A certificate: what it states is stored when it is issued, so it reads the same
    for ever (a later change is a review flag, never a rewrite)."""

    program = models.ForeignKey("learning.Program", on_delete=models.PROTECT,
                                related_name="certificates")
    year = models.PositiveSmallIntegerField(_("tahun"))
    sequence = models.PositiveIntegerField()
    number = models.CharField(_("nomor"), max_length=120)
    token = models.CharField(max_length=64, unique=True)
    participant = models.ForeignKey("organisation.Employee", on_delete=models.PROTECT,
                                    related_name="certificates")
    name = models.CharField(_("nama"), max_length=255)
    nip = models.CharField(_("NIP"), max_length=18)
    activity = models.CharField(_("kegiatan"), max_length=20, choices=ActivityType.choices)
    area = models.CharField(_("area pengembangan"), max_length=255, blank=True)
    unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="+")
    agency = models.CharField(_("perangkat daerah"), max_length=255)
    first_date = models.DateField(_("mulai"))
    last_date = models.DateField(_("selesai"))
    sessions = models.PositiveIntegerField(_("sesi"))
    jp = models.DecimalField(_("JP"), max_digits=7, decimal_places=2)
    legal_basis = models.TextField(blank=True)
    place = models.CharField(max_length=80, blank=True)
    signatory_name = models.CharField(max_length=160)
    signatory_nip = models.CharField(max_length=18)
    signatory_title = models.CharField(max_length=200)
    signatory_capacity = models.CharField(max_length=8, choices=Capacity.choices)
    signature_applied = models.BooleanField(default=False)
    issued_on = models.DateField(_("tanggal terbit"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    batch = models.ForeignKey(CertificateBatch, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="certificates")
    needs_review = models.BooleanField(_("perlu ditinjau"), default=False)
    revoked_on = models.DateField(_("dicabut"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    revoke_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["number", "id"]
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")
        constraints = [
            models.UniqueConstraint(fields=["program", "year"],
                                    name="certificate_once_per_program_year"),
            models.UniqueConstraint(fields=["regency", "number"],
                                    name="certificate_number_unique"),
            models.UniqueConstraint(fields=["regency", "year", "sequence"],
                                    name="certificate_sequence_unique"),
        ]
        indexes = [models.Index(fields=["regency", "year"])]

    def __str__(self) -> str:
        return self.number

    @property
    def valid(self) -> bool:
        return self.revoked_on is None

