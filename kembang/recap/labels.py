"""The one label table of `kembang.policy.outlook.JpStatus`: what every screen and export
says for a status code (docs/rekap.md#status). The codes come from the core; the words
are here, translated; no template types either.

Said the same way for PNS and PPPK (a PPPK's target is the profile's PPPK target, never
called a right to 20 JP)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kembang.policy.outlook import JpStatus


class JpStatusLabel(models.TextChoices):
    """code → label, in the core's order (best first)."""

    MEETS = JpStatus.MEETS.value, _("Memenuhi")
    ON_PACE = JpStatus.ON_PACE.value, _("Sesuai laju")
    BEHIND_PACE = JpStatus.BEHIND_PACE.value, _("Di bawah laju")
    UNREACHABLE = (JpStatus.UNREACHABLE.value,
                   _("Tidak tercapai lewat kegiatan non-klasikal saja"))
    NOT_MET = JpStatus.NOT_MET.value, _("Tidak memenuhi")


# The Bootstrap colour of each status's badge.
TONES = {
    JpStatus.MEETS: "success",
    JpStatus.ON_PACE: "primary",
    JpStatus.BEHIND_PACE: "warning",
    JpStatus.UNREACHABLE: "danger",
    JpStatus.NOT_MET: "danger",
}

# Sorting by status: the core's order, best first.
ORDER = {code: index for index, code in enumerate(JpStatusLabel.values)}


def status_label(code) -> str:
    """The label of a status code ("di_bawah_laju" → "Di bawah laju"); "" for none."""
    if not code:
        return ""
    return str(JpStatusLabel(str(code)).label)


def status_tone(code) -> str:
    return TONES.get(JpStatus(str(code)), "secondary") if code else "secondary"
