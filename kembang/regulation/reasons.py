"""The ledger's reasons in words: Indonesian msgids, other languages through gettext.

`kembang.policy.reasons` defines the codes and their parameters
(docs/jp-rules.md#reason-codes); this module only phrases them, e.g. "Tidak dihitung: sudah
2 sesi Pembimbingan/Coaching bulan ini (sesi ke-3, maks. 2)." JP and factors use the active
language's decimal separator ("2,4" in Indonesian).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kembang.policy import reasons as codes
from kembang.policy.activities import ActivityType
from kembang.policy.reasons import Reason

ACTIVITY_LABELS = {
    ActivityType.COACHING.value: _("Pembimbingan/Coaching"),
    ActivityType.MENTORING.value: _("Pendampingan/Mentoring"),
    ActivityType.SELF_STUDY.value: _("Belajar Mandiri"),
}
SCOPE_LABELS = {"nasional": _("Nasional"), "internasional": _("Internasional")}


def activity_label(activity: str) -> str:
    """The activity in the regulations' own words, e.g. "Pembimbingan/Coaching"."""
    label = ACTIVITY_LABELS.get(str(activity))
    return str(label) if label is not None else str(activity)


def format_number(value: Any) -> str:
    """A JP value or factor in the active language: ``Decimal("2.4")`` → "2,4" (id)."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()  # a stored 2.40 is shown as 2,4
    return number_format(number, use_l10n=True)


def render_reason(code: str, params: Mapping[str, Any] | None = None) -> str:
    """One reason as a sentence in the active language (msgids in Indonesian).

    Unknown codes come back as the code itself, so a newer ledger never breaks a page.
    """
    p = dict(params or {})
    if code == codes.COUNTED:
        if p.get("cap") is None:
            return gettext("Dihitung: sesi ke-%(n)s bulan ini.") % {"n": p.get("n")}
        return gettext("Dihitung: sesi ke-%(n)s bulan ini (maks. %(cap)s).") % {
            "n": p.get("n"),
            "cap": p.get("cap"),
        }
    if code == codes.MONTHLY_CAP_REACHED:
        return gettext(
            "Tidak dihitung: sudah %(cap)s sesi %(activity)s bulan ini (sesi ke-%(n)s, "
            "maks. %(cap)s)."
        ) % {
            "cap": p.get("cap"),
            "activity": activity_label(p.get("activity", "")),
            "n": p.get("n"),
        }
    if code == codes.SELF_STUDY_CREDITED:
        if p.get("minutes") == p.get("day_minutes"):
            return gettext("Belajar mandiri: %(minutes)s menit hari itu → %(jp)s JP.") % {
                "minutes": p.get("day_minutes"),
                "jp": format_number(p.get("jp")),
            }
        return gettext(
            "Belajar mandiri: %(minutes)s menit hari itu sampai baris ini → %(day_jp)s JP; "
            "baris ini menambah %(jp)s JP."
        ) % {
            "minutes": p.get("day_minutes"),
            "day_jp": format_number(p.get("day_jp")),
            "jp": format_number(p.get("jp")),
        }
    if code == codes.SELF_STUDY_DAILY_CAP:
        return gettext("Dibatasi %(cap)s JP sehari.") % {"cap": format_number(p.get("cap"))}
    if code == codes.SELF_STUDY_BELOW_UNIT:
        if p.get("minutes") == p.get("day_minutes"):
            return gettext("Kurang dari 1 JP (%(minutes_per_jp)s menit).") % {
                "minutes_per_jp": p.get("minutes_per_jp")
            }
        return gettext(
            "Belum menambah 1 JP: %(minutes)s menit hari itu (1 JP = %(minutes_per_jp)s menit)."
        ) % {"minutes": p.get("day_minutes"), "minutes_per_jp": p.get("minutes_per_jp")}
    if code == codes.INTERNATIONAL_UPLIFT:
        return gettext("Internasional: × %(factor)s.") % {"factor": format_number(p.get("factor"))}
    return str(code)


def render_reasons(reasons: Iterable[Reason | Mapping[str, Any]]) -> str:
    """All reasons of a row as one text, sentences joined by a space.

    Accepts `Reason` objects or their stored form ``{"code": ..., "params": {...}}``.
    """
    parts = []
    for reason in reasons:
        if isinstance(reason, Reason):
            parts.append(render_reason(reason.code, reason.params))
        else:
            parts.append(render_reason(reason["code"], reason.get("params") or {}))
    return " ".join(parts)
