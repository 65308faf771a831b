"""The regency (tenant), its units, positions, employees and administrative roles."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kembang.common.models import RegencyOwned, TimeStampedModel
from kembang.policy import positions
from kembang.policy.ranks import rank_label


class Regency(TimeStampedModel):
    """A pemerintah daerah. Every other record belongs to exactly one."""

    class Kind(models.TextChoices):
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")
        PROVINSI = "provinsi", _("Provinsi")

    class TimeZone(models.TextChoices):
        # docs/conventions.md#time-zone: dates are the regency's local dates.
        WIB = "Asia/Jakarta", _("WIB (UTC+7)")
        WITA = "Asia/Makassar", _("WITA (UTC+8)")
        WIT = "Asia/Jayapura", _("WIT (UTC+9)")

    name = models.CharField(_("nama"), max_length=120, unique=True)
    slug = models.SlugField(_("kode"), max_length=60, unique=True)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices, default=Kind.KABUPATEN)
    province = models.CharField(_("provinsi"), max_length=120, blank=True)
    profile_id = models.CharField(_("profil regulasi"), max_length=60, default="nganjuk")
    timezone = models.CharField(
        _("zona waktu"), max_length=40, choices=TimeZone.choices, default=TimeZone.WIB
    )

    class Meta:
        verbose_name = _("pemerintah daerah")
        verbose_name_plural = _("pemerintah daerah")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


def logo_path(instance, filename: str) -> str:
    return f"logos/{instance.regency_id}/{filename}"


class RegencyLogo(TimeStampedModel):
    """The regency's logo, which BKPSDM uploads: drawn beside the regency's name in the
    letterhead of every PDF (docs/documents.md#the-regencys-logo). PNG or JPEG, checked
    by its content; the file is kept under MEDIA_ROOT, readable by Kembang only."""

    regency = models.OneToOneField(Regency, on_delete=models.PROTECT, related_name="logo")
    image = models.FileField(_("logo"), upload_to=logo_path, max_length=255)
    content_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("logo pemerintah daerah")
        verbose_name_plural = _("logo pemerintah daerah")

    def __str__(self) -> str:
        return f"{self.regency}: {self.width}×{self.height} px"


class OrgUnit(RegencyOwned):
    """A Perangkat Daerah or one of its sub-units (bidang, bagian, UPT…).

    `path` holds the ids from the root down ("/3/17/"), so a unit with all its sub-units
    is one indexed `startswith` filter instead of a recursive query.
    """

    name = models.CharField(_("nama unit"), max_length=255)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("unit induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "parent", "name"], name="unit_name_unique_under_parent"
            ),
            models.UniqueConstraint(
                fields=["regency", "name"],
                condition=Q(parent__isnull=True),
                name="top_unit_name_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return max(self.path.count("/") - 2, 0)


class Position(RegencyOwned):
    """A jabatan. Its kind decides the required competency level
    (docs/glossary.md#competency-levels)."""

    class Kind(models.TextChoices):
        PIMPINAN_TINGGI = positions.PIMPINAN_TINGGI, _("Pimpinan Tinggi")
        ADMINISTRATOR = positions.ADMINISTRATOR, _("Administrator")
        PENGAWAS = positions.PENGAWAS, _("Pengawas")
        PELAKSANA = positions.PELAKSANA, _("Pelaksana")
        AHLI_UTAMA = positions.AHLI_UTAMA, _("Fungsional Ahli Utama")
        AHLI_MADYA = positions.AHLI_MADYA, _("Fungsional Ahli Madya")
        AHLI_MUDA = positions.AHLI_MUDA, _("Fungsional Ahli Muda")
        AHLI_PERTAMA = positions.AHLI_PERTAMA, _("Fungsional Ahli Pertama")
        PENYELIA = positions.PENYELIA, _("Fungsional Penyelia")
        MAHIR = positions.MAHIR, _("Fungsional Mahir")
        TERAMPIL = positions.TERAMPIL, _("Fungsional Terampil")
        PEMULA = positions.PEMULA, _("Fungsional Pemula")

    name = models.CharField(_("nama jabatan"), max_length=255)
    kind = models.CharField(_("jenis jabatan"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        constraints = [
            models.UniqueConstraint(fields=["regency", "name"], name="position_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def competency_level(self) -> int:
        return positions.COMPETENCY_LEVEL[self.kind]


class PositionKindPattern(RegencyOwned):
    """The regency's editable mapping from a fragment of a position name to its kind."""

    fragment = models.CharField(_("potongan nama jabatan"), max_length=80)
    kind = models.CharField(_("jenis jabatan"), max_length=20, choices=Position.Kind.choices)
    priority = models.PositiveIntegerField(_("urutan"), default=100)

    class Meta:
        ordering = ["priority", "id"]
        verbose_name = _("pemetaan jenis jabatan")
        verbose_name_plural = _("pemetaan jenis jabatan")

    def __str__(self) -> str:
        return f"{self.fragment} → {self.get_kind_display()}"


class EmployeeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def in_regency(self, regency):
        return self.filter(regency=regency)

    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        digits = "".join(ch for ch in text if ch.isdigit())
        query = Q(name__icontains=text)
        if len(digits) >= 4:
            query |= Q(nip__contains=digits)
        return self.filter(query)


class Employee(RegencyOwned):
    """An ASN (PNS or PPPK). The NIP is unique across the deployment
    (docs/accounts.md#one-nip-one-account)."""

    class Kind(models.TextChoices):
        PNS = "pns", _("PNS")
        PPPK = "pppk", _("PPPK")

    class Sex(models.TextChoices):
        MALE = "1", _("Laki-laki")
        FEMALE = "2", _("Perempuan")

    nip = models.CharField(_("NIP"), max_length=18, unique=True)
    name = models.CharField(_("nama"), max_length=160, db_index=True)
    title_prefix = models.CharField(_("gelar depan"), max_length=40, blank=True)
    title_suffix = models.CharField(_("gelar belakang"), max_length=80, blank=True)
    kind = models.CharField(_("jenis pegawai"), max_length=4, choices=Kind.choices)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices, blank=True)
    rank = models.CharField(_("pangkat/golongan"), max_length=8, blank=True)
    position = models.ForeignKey(
        Position, verbose_name=_("jabatan"), null=True, blank=True, on_delete=models.PROTECT
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="employees"
    )
    supervisor = models.ForeignKey(
        "self",
        verbose_name=_("atasan langsung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subordinates",
    )
    is_talent = models.BooleanField(_("PNS bertalenta"), default=False)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("nomor HP"), max_length=30, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        ordering = ["name", "nip"]
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        indexes = [
            models.Index(fields=["regency", "unit", "is_active"]),
            # The employee list, by name: read in order, stop at the page size.
            models.Index(fields=["regency", "is_active", "name", "nip"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """The name as it is printed on forms: `Dr. Siti Wati, S.H., M.Si.`."""
        name = f"{self.title_prefix} {self.name}".strip()
        return f"{name}, {self.title_suffix}" if self.title_suffix else name

    @property
    def nip_display(self) -> str:
        from kembang.policy.nip import format_nip

        return format_nip(self.nip)

    @property
    def rank_display(self) -> str:
        return rank_label(self.rank, self.kind) if self.rank else ""


class EmploymentHistory(models.Model):
    """Where an employee worked and as what, with dates
    (docs/locked-months.md#unit-of-a-session)."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="history")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    position = models.ForeignKey(
        Position, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateField(_("sejak"))
    valid_until = models.DateField(_("sampai"), null=True, blank=True)

    class Meta:
        ordering = ["-valid_from", "-id"]
        verbose_name = _("riwayat jabatan")
        verbose_name_plural = _("riwayat jabatan")

    def __str__(self) -> str:
        return f"{self.employee_id}: {self.unit_id} {self.valid_from}–{self.valid_until or ''}"


class Role(models.TextChoices):
    HR_OFFICER = "hr_officer", _("Pengelola SDM Perangkat Daerah")
    HEAD_OF_UNIT = "head_of_unit", _("Kepala Perangkat Daerah")
    HR_ADMIN = "hr_admin", _("Admin BKPSDM")


class RoleAssignmentQuerySet(models.QuerySet):
    def in_force(self, on_date):
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on_date),
            Q(valid_until__isnull=True) | Q(valid_until__gte=on_date),
            revoked_at__isnull=True,
        )


class RoleAssignment(RegencyOwned):
    """An administrative role held over a unit (with its sub-units) or the whole regency.

    Dates make acting officials (Plt/Plh) possible. Revoked assignments stay on record.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="role_assignments"
    )
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Kosong berarti seluruh pemerintah daerah."),
    )
    valid_from = models.DateField(_("berlaku sejak"), null=True, blank=True)
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    note = models.CharField(_("keterangan"), max_length=200, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["role", "unit__name"]
        verbose_name = _("penugasan peran")
        verbose_name_plural = _("penugasan peran")
        constraints = [
            models.CheckConstraint(
                condition=Q(role="hr_admin", unit__isnull=True)
                | (~Q(role="hr_admin") & Q(unit__isnull=False)),
                name="role_scope_matches_role",
            )
        ]

    def __str__(self) -> str:
        where = self.unit.name if self.unit_id else _("seluruh daerah")
        return f"{self.get_role_display()} — {where}"
