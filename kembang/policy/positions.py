"""Position kinds (jenis jabatan), their competency level, and reading a kind from a name.

The required competency level by kind follows the Belitung Timur seed (Lampiran huruf D;
docs/glossary.md#competency-levels): level 1 — fungsional pemula and pelaksana; level 2 —
fungsional terampil, mahir, pertama and pengawas; level 3 — fungsional penyelia, muda and
administrator. Higher positions follow the national standard (PermenPANRB 38/2017), whose
table we could not verify: those defaults are data to check, not rules.
"""

from dataclasses import dataclass

PIMPINAN_TINGGI = "pimpinan_tinggi"
ADMINISTRATOR = "administrator"
PENGAWAS = "pengawas"
PELAKSANA = "pelaksana"
AHLI_UTAMA = "ahli_utama"
AHLI_MADYA = "ahli_madya"
AHLI_MUDA = "ahli_muda"
AHLI_PERTAMA = "ahli_pertama"
PENYELIA = "penyelia"
MAHIR = "mahir"
TERAMPIL = "terampil"
PEMULA = "pemula"

POSITION_KINDS = [
    PIMPINAN_TINGGI, ADMINISTRATOR, PENGAWAS, PELAKSANA,
    AHLI_UTAMA, AHLI_MADYA, AHLI_MUDA, AHLI_PERTAMA,
    PENYELIA, MAHIR, TERAMPIL, PEMULA,
]  # fmt: skip

# (kind, level, source). Levels 1–3 from the seed; 4–5 are national defaults to verify.
COMPETENCY_LEVEL = {
    PEMULA: 1,
    PELAKSANA: 1,
    TERAMPIL: 2,
    MAHIR: 2,
    AHLI_PERTAMA: 2,
    PENGAWAS: 2,
    PENYELIA: 3,
    AHLI_MUDA: 3,
    ADMINISTRATOR: 3,
    AHLI_MADYA: 4,
    PIMPINAN_TINGGI: 4,
    AHLI_UTAMA: 5,
}


@dataclass(frozen=True)
class KindPattern:
    """A case-insensitive fragment of a position name that tells its kind."""

    fragment: str
    kind: str


# Checked in order: the first fragment found in the name wins, so specific phrases come
# before general ones ("ahli pertama" before "kepala"). Regencies edit their own copy.
DEFAULT_KIND_PATTERNS = [
    KindPattern("ahli utama", AHLI_UTAMA),
    KindPattern("ahli madya", AHLI_MADYA),
    KindPattern("ahli muda", AHLI_MUDA),
    KindPattern("ahli pertama", AHLI_PERTAMA),
    KindPattern("penyelia", PENYELIA),
    KindPattern("mahir", MAHIR),
    KindPattern("terampil", TERAMPIL),
    KindPattern("pemula", PEMULA),
    KindPattern("sekretaris kelurahan", PENGAWAS),
    KindPattern("sekretaris kecamatan", ADMINISTRATOR),
    KindPattern("inspektur pembantu", ADMINISTRATOR),
    KindPattern("sekretaris daerah", PIMPINAN_TINGGI),
    KindPattern("asisten", PIMPINAN_TINGGI),
    KindPattern("staf ahli", PIMPINAN_TINGGI),
    KindPattern("kepala dinas", PIMPINAN_TINGGI),
    KindPattern("kepala badan", PIMPINAN_TINGGI),
    KindPattern("kepala satuan", PIMPINAN_TINGGI),
    KindPattern("kepala pelaksana", PIMPINAN_TINGGI),
    KindPattern("direktur", PIMPINAN_TINGGI),
    KindPattern("inspektur", PIMPINAN_TINGGI),
    KindPattern("sekretaris dprd", PIMPINAN_TINGGI),
    KindPattern("sekretaris", ADMINISTRATOR),
    KindPattern("kepala bagian", ADMINISTRATOR),
    KindPattern("kepala bidang", ADMINISTRATOR),
    KindPattern("camat", ADMINISTRATOR),
    KindPattern("kepala kantor", ADMINISTRATOR),
    KindPattern("kepala sub", PENGAWAS),
    KindPattern("kasubbag", PENGAWAS),
    KindPattern("kepala seksi", PENGAWAS),
    KindPattern("kasi ", PENGAWAS),
    KindPattern("lurah", PENGAWAS),
    KindPattern("kepala uptd", PENGAWAS),
    KindPattern("kepala upt", PENGAWAS),
]


def kind_from_name(name: str, patterns: list[KindPattern] | None = None) -> str:
    """The kind of a position read from its name; pelaksana when nothing matches.

    Pelaksana is the default because in SIASN every position without a structural or
    functional grade in its name is a jabatan pelaksana (e.g. "Pengadministrasi Umum").
    """
    lowered = f" {' '.join(name.lower().split())} "
    for pattern in patterns if patterns is not None else DEFAULT_KIND_PATTERNS:
        if pattern.fragment.lower() in lowered:
            return pattern.kind
    return PELAKSANA
