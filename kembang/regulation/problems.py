"""Profile validation problems in words (Indonesian msgids, gettext)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kembang.policy.profile_data import ProfileDataError, ProfileProblem
from kembang.regulation.profile_table import rule_path_label

_PROBLEMS = {
    "required": _("%(field)s wajib diisi."),
    "no_activities": _("Profil harus mengatur paling sedikit satu kegiatan."),
    "duplicate_activity": _("Kegiatan %(value)s diatur dua kali (%(field)s)."),
    "unknown_activity": _("Kegiatan tidak dikenal: %(value)s (%(field)s)."),
    "unknown_counting": _("Cara penghitungan tidak dikenal: %(value)s (%(field)s)."),
    "jp_missing": _("Nilai %(field)s belum diisi; setiap kegiatan harus punya nilai."),
    "jp_negative": _("JP tidak boleh negatif: %(value)s (%(field)s)."),
    "jp_too_precise": _("Nilai paling banyak dua angka desimal: %(value)s (%(field)s)."),
    "cap_invalid": _("Batas harus bilangan bulat positif atau kosong: %(value)s (%(field)s)."),
    "cap_unsupported": _("Belajar mandiri tidak memakai batas bulanan (%(field)s)."),
    "unknown_rounding": _("Cara pembulatan tidak dikenal: %(value)s (%(field)s)."),
    "minutes_invalid": _("Menit per JP harus bilangan bulat positif: %(value)s."),
    "target_invalid": _("Target tahunan harus lebih dari 0: %(value)s."),
    "unknown_value": _("Nilai tidak dikenal: %(value)s (%(field)s)."),
    "reporting_invalid": _("Ketentuan pelaporan tidak valid: %(value)s (%(field)s)."),
    "scale_missing": _("Formulir berisi pernyataan tetapi tanpa skala (%(field)s)."),
    "clause_missing": _("Dasar hukum (pasal/bagian) wajib diisi untuk %(field)s."),
}


def render_profile_problem(problem: ProfileProblem) -> str:
    """One `validate_profile` problem as a sentence naming the field and the value."""
    template = _PROBLEMS.get(problem.code)
    field = rule_path_label(problem.field)
    params = {"value": "", **problem.params, "field": field}
    if template is None:
        return str(_("Aturan profil tidak valid: %(field)s.")) % {"field": field}
    return str(template) % params


def render_profile_data_error(err: ProfileDataError) -> str:
    """A malformed stored profile, in words."""
    if err.code == "missing":
        return str(_("Data profil tidak lengkap: %(field)s tidak ada.")) % {
            "field": rule_path_label(str(err.params.get("field", "")))}
    if err.code == "schema":
        return str(_("Versi format data profil tidak didukung."))
    return str(_("Data profil tidak valid pada %(field)s (diharapkan %(expected)s).")) % {
        "field": rule_path_label(str(err.params.get("field", ""))),
        "expected": err.params.get("expected", ""),
    }
