"""An import batch (one uploaded file) and the dry-run result of each of its rows."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """One uploaded file, from the dry run to the apply.

    The dry run and the apply run as background tasks; `processed_rows` of `total_rows`
    is what the page polls. `summary` holds the counts per action and the units and
    positions the file would create; `options` what the officer chose when confirming.

    `task_id` is the id of the queued task (a django-tasks-db row in production) that runs
    the current step; `heartbeat_at` is written by that task as it goes, so a batch whose
    worker died is recognised and failed by `services.batch_sweep_stale`.
    """

    class Kind(models.TextChoices):
        EMPLOYEES = "employees", _("Pegawai, unit dan jabatan")

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Menunggu diperiksa")
        VALIDATING = "validating", _("Sedang diperiksa")
        VALIDATED = "validated", _("Siap diterapkan")
        APPLYING = "applying", _("Sedang diterapkan")
        APPLIED = "applied", _("Selesai diterapkan")
        FAILED = "failed", _("Gagal")

    regency = models.ForeignKey(
        "organisation.Regency", on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diunggah oleh"), on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices,
                            default=Kind.EMPLOYEES)
    filename = models.CharField(_("nama berkas"), max_length=255)
    # Relative to MEDIA_ROOT (outside the web root); emptied once the file is deleted.
    stored_file = models.CharField(max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.UPLOADED)
    total_rows = models.PositiveIntegerField(_("jumlah baris"), default=0)
    processed_rows = models.PositiveIntegerField(_("baris diproses"), default=0)
    summary = models.JSONField(_("ringkasan"), default=dict, blank=True)
    options = models.JSONField(_("pilihan"), default=dict, blank=True)
    error = models.TextField(_("pesan kegagalan"), blank=True)
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    validated_at = models.DateTimeField(_("selesai diperiksa"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    # Written by the running dry run or apply with its progress (docs/conventions.md#background-work).
    heartbeat_at = models.DateTimeField(_("terakhir aktif"), null=True, blank=True)
    # The enqueued task result's id (django-tasks), to tell "waiting" from "running" and
    # to close a dead task's row; 64 is django-tasks' maximum id length.
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("impor")
        verbose_name_plural = _("impor")
        indexes = [models.Index(fields=["regency", "created_by", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def is_running(self) -> bool:
        return self.status in {self.Status.UPLOADED, self.Status.VALIDATING,
                               self.Status.APPLYING}

    @property
    def status_label(self) -> str:
        """The status as the badge shows it: an apply whose task has not started yet (it
        beats first thing) is waiting its turn, not being applied."""
        if self.status == self.Status.APPLYING and self.heartbeat_at is None:
            from django.utils.translation import gettext as _t

            return _t("Menunggu giliran diterapkan")
        return self.get_status_display()

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))


class WarningFlagField(models.BooleanField):
    """True when the row goes in (not rejected) with at least one warning; derived from
    `action` and `messages` whenever the row is written. `pre_save` runs for
    `bulk_create` too (as `auto_now` does), so the dry run needs no extra step, and the
    result page can filter and count warned rows in SQL on every backend (SQLite has no
    JSON containment)."""

    def pre_save(self, model_instance, add):
        value = (model_instance.action != ImportRow.Action.REJECT
                 and any(m.get("level") == "warning" for m in model_instance.messages or ()))
        setattr(model_instance, self.attname, value)
        return value


class ImportRow(models.Model):
    """What the dry run decided for one row of the file, and why.

    `data` holds only the fields Kembang stores (never NIK, NPWP, address…); `messages`
    is a list of ``{"column", "message", "level"}`` with level ``error`` or ``warning``;
    `has_warnings` marks a row that goes in with a warning
    (docs/import.md#imported-with-a-warning: an unusable NIP ATASAN, a loop of supervisors,
    a bad email or phone).
    Employees who would be deactivated (missing from the file) are rows with action
    ``deactivate`` and row number 0.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("baru")
        UPDATE = "update", _("diubah")
        UNCHANGED = "unchanged", _("tidak berubah")
        REJECT = "reject", _("ditolak")
        DEACTIVATE = "deactivate", _("dinonaktifkan")

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows")
    row_number = models.PositiveIntegerField(_("baris"))
    action = models.CharField(_("tindakan"), max_length=12, choices=Action.choices)
    nip = models.CharField(_("NIP"), max_length=40, blank=True)
    name = models.CharField(_("nama"), max_length=255, blank=True)
    messages = models.JSONField(_("pesan"), default=list, blank=True)
    has_warnings = WarningFlagField(_("ada peringatan"), default=False, editable=False)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        ordering = ["row_number", "id"]
        verbose_name = _("baris impor")
        verbose_name_plural = _("baris impor")
        indexes = [models.Index(fields=["batch", "action", "row_number"])]

    def __str__(self) -> str:
        return f"{self.row_number}: {self.get_action_display()} {self.nip}"

    @property
    def nip_display(self) -> str:
        from kembang.policy.nip import format_nip

        return format_nip(self.nip)

    @property
    def unit_display(self) -> str:
        """The unit the row names: "PD › unit", or the PD alone."""
        induk, name = self.data.get("unit_induk") or "", self.data.get("unit_name") or ""
        if induk and name and name.casefold() != induk.casefold():
            return f"{induk} › {name}"
        return induk or name

    @property
    def message_texts(self) -> list[dict]:
        """Each message as the officer reads it: "Baris 7, kolom NIP: …"."""
        from django.utils.translation import gettext as _t

        texts = []
        for item in self.messages:
            if item.get("column"):
                prefix = _t("Baris %(row)s, kolom %(column)s") % {
                    "row": self.row_number, "column": item["column"]}
            else:
                prefix = _t("Baris %(row)s") % {"row": self.row_number}
            texts.append({"text": f"{prefix}: {item['message']}",
                          "level": item.get("level", "error")})
        return texts
