"""Reference data: where certificates are on by default, SIASN's jenis diklat for each
activity, and the IP ASN competency components (Peraturan BKN 8/2019) as versioned rules.

Every value marked *to verify* is Kembang's best public reading
(docs/siasn-ipasn.md); BKPSDM may override the
SIASN ones per regency (`CertificateSettings.siasn_reference`) and the component mapping
(`CertificateSettings.ipasn_components`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from kembang.learning.models import ActivityType

# Profiles under which certificates are on without BKPSDM switching them on, with their
# legal basis (Nganjuk Lampiran huruf C angka 7, huruf E angka 2 huruf b).
DEFAULT_ON = {
    "nganjuk": "Keputusan Bupati Nganjuk Tahun 2025 tentang Pedoman Coaching dan Mentoring, "
               "Lampiran huruf C angka 7 dan huruf E angka 2 huruf b",
}

# SIASN riwayat kursus reference (jenisDiklatId, jenisKursusSertipikat) — to verify.
SIASN_REFERENCE = {
    ActivityType.COACHING.value: {"jenisDiklatId": "14", "jenisKursusSertipikat": "",
                                  "jenis": "Coaching", "to_verify": True},
    ActivityType.MENTORING.value: {"jenisDiklatId": "15", "jenisKursusSertipikat": "",
                                   "jenis": "Mentoring", "to_verify": True},
    ActivityType.SELF_STUDY.value: {"jenisDiklatId": "22", "jenisKursusSertipikat": "",
                                    "jenis": "Belajar Mandiri", "to_verify": True},
}

# The kind code a certificate's activity has in `kembang sertifikat`'s daftar.csv.
KIND_CODES = {ActivityType.COACHING.value: "coaching", ActivityType.MENTORING.value: "mentoring",
              ActivityType.SELF_STUDY.value: "belajar_mandiri"}

# IP ASN competency components.
JP20 = "jp20"  # ≥ 20 JP of development in the last year
SEMINAR = "seminar"  # seminar/workshop/magang/kursus or similar in the last two years
LEADERSHIP = "leadership"  # leadership or functional training for the position's level
COMPONENTS = (JP20, SEMINAR, LEADERSHIP)
COMPONENT_LABELS = {
    JP20: _("Pengembangan kompetensi paling sedikit 20 JP dalam 1 tahun terakhir"),
    SEMINAR: _("Seminar/workshop/magang/kursus atau sejenisnya dalam 2 tahun terakhir"),
    LEADERSHIP: _("Diklat kepemimpinan atau fungsional sesuai jenjang jabatan"),
}
YES, NO, UNKNOWN = "ya", "tidak", "tidak_diketahui"
ANSWER_LABELS = {YES: _("ya"), NO: _("tidak"), UNKNOWN: _("tidak diketahui")}

# Which kind of development counts toward which component (BKPSDM may change it): the
# three nonclassical activities count toward the 20 JP; classical training toward the 20
# JP and the seminar component. Leadership/functional training is not recorded in Kembang.
DEFAULT_COMPONENT_KINDS = {
    ActivityType.COACHING.value: [JP20],
    ActivityType.MENTORING.value: [JP20],
    ActivityType.SELF_STUDY.value: [JP20],
    "classical": [JP20, SEMINAR],
}


# The kinds of development the mapping covers, in the order of the worksheet's columns.
CLASSICAL = "classical"
MAPPED_KINDS = (ActivityType.COACHING.value, ActivityType.MENTORING.value,
                ActivityType.SELF_STUDY.value, CLASSICAL)
KIND_LABELS = {
    ActivityType.COACHING.value: ActivityType.COACHING.label,
    ActivityType.MENTORING.value: ActivityType.MENTORING.label,
    ActivityType.SELF_STUDY.value: ActivityType.SELF_STUDY.label,
    CLASSICAL: _("Pelatihan klasikal"),
}
# The components in a few words (the mapping's column heads, its audit record).
COMPONENT_SHORT = {
    JP20: _("20 JP setahun"),
    SEMINAR: _("Seminar/workshop/magang/kursus"),
    LEADERSHIP: _("Diklat kepemimpinan/fungsional"),
}


@dataclass(frozen=True)
class IpAsnRules:
    """One version of the competency rules: its source, the JP threshold, the windows."""

    version: str
    source: str
    jp_threshold: int
    jp_window_years: int
    seminar_window_years: int
    to_verify: bool = True


IPASN_RULES = (
    IpAsnRules(version="perban-8-2019", source="Peraturan BKN Nomor 8 Tahun 2019, Pasal 8 "
               "ayat (3) (jendela waktu: perlu diverifikasi)", jp_threshold=20,
               jp_window_years=1, seminar_window_years=2),
)


def ipasn_rules(year: int) -> IpAsnRules:
    """The rule version in force for `year` (the latest one; one version so far)."""
    return IPASN_RULES[-1]


def component_kinds(settings_row) -> dict[str, list[str]]:
    """{kind: [component, …]}: the regency's mapping where it set one, else the default."""
    chosen = {kind: list(parts) for kind, parts in DEFAULT_COMPONENT_KINDS.items()}
    if settings_row is not None and isinstance(settings_row.ipasn_components, dict):
        for kind, parts in settings_row.ipasn_components.items():
            if kind in chosen and isinstance(parts, list):
                chosen[kind] = [p for p in parts if p in COMPONENTS]
    return chosen


def siasn_reference(settings_row, activity: str) -> dict:
    found = dict(SIASN_REFERENCE[activity])
    if settings_row is not None and isinstance(settings_row.siasn_reference, dict):
        extra = settings_row.siasn_reference.get(activity)
        if isinstance(extra, dict):
            found.update({k: str(v) for k, v in extra.items()
                          if k in ("jenisDiklatId", "jenisKursusSertipikat")})
    return found
