"""Academic and professional titles (gelar) as they are printed with Indonesian names.

A title follows from the field of study and the level of education: `S.Pd.` for a teacher,
`A.Md.Kep.` for a nurse with a diploma, `Ns.` before the name of a nurse with the
profession degree, `dr.` for a physician, `Ir.`/`Drs.` for older graduates who studied
before the `S.T.`/`S.Sos.` degree names existed, `Dr.` for a doctorate.
"""

from random import Random

SMA = "sma"
D3 = "d3"
S1 = "s1"
S2 = "s2"
S3 = "s3"

# field → the diploma title
_DIPLOMA = {
    "perawat": "A.Md.Kep.",
    "bidan": "A.Md.Keb.",
    "farmasi": "A.Md.Farm.",
    "laboratorium": "A.Md.A.K.",
    "gizi": "A.Md.Gz.",
    "sanitasi": "A.Md.K.L.",
    "rekam_medis": "A.Md.RMIK.",
    "komputer": "A.Md.Kom.",
    "teknik": "A.Md.T.",
    "pertanian": "A.Md.P.",
    "hewan": "A.Md.Pet.",
    "perikanan": "A.Md.Pi.",
    "ekonomi": "A.Md.Ak.",
}

# field → bachelor titles to choose from
_BACHELOR = {
    "guru": ("S.Pd.", "S.Pd.", "S.Pd.SD.", "S.Pd.I."),
    "perawat": ("S.Kep.",),
    "bidan": ("S.Tr.Keb.",),
    "farmasi": ("S.Farm.",),
    "apoteker": ("S.Farm.",),
    "laboratorium": ("S.Tr.A.K.",),
    "gizi": ("S.Gz.",),
    "sanitasi": ("S.K.M.",),
    "rekam_medis": ("S.Tr.RMIK.",),
    "kesmas": ("S.K.M.",),
    "komputer": ("S.Kom.", "S.Kom.", "S.T."),
    "teknik": ("S.T.",),
    "pertanian": ("S.P.",),
    "perikanan": ("S.Pi.",),
    "hewan": ("S.Pt.",),
    "hukum": ("S.H.",),
    "ekonomi": ("S.E.", "S.E.", "S.Ak."),
    "sosial": ("S.Sos.", "S.AP.", "S.IP.", "S.Psi."),
    "pamong": ("S.STP.", "S.IP.", "S.Sos."),
    "statistik": ("S.Si.", "S.Stat."),
    "umum": ("S.E.", "S.Sos.", "S.H.", "S.AP.", "S.Kom."),
}

# field → master titles to choose from
_MASTER = {
    "guru": ("M.Pd.",),
    "dokter": ("M.Kes.", "M.K.M."),
    "dokter_gigi": ("M.Kes.",),
    "apoteker": ("M.Farm.", "M.Kes."),
    "perawat": ("M.Kep.", "M.Kes."),
    "bidan": ("M.Keb.", "M.Kes."),
    "kesmas": ("M.Kes.", "M.K.M."),
    "komputer": ("M.Kom.", "M.T."),
    "teknik": ("M.T.", "M.M."),
    "pertanian": ("M.P.", "M.Si."),
    "hewan": ("M.Si.",),
    "perikanan": ("M.Si.",),
    "hukum": ("M.H.", "M.Kn."),
    "ekonomi": ("M.M.", "M.Ak.", "M.Si."),
    "sosial": ("M.Si.", "M.AP.", "M.M."),
    "pamong": ("M.Si.", "M.AP."),
    "statistik": ("M.Si.",),
}
_MASTER_DEFAULT = ("M.M.", "M.Si.", "M.AP.")

# Professions whose title precedes the name (after the bachelor degree).
_PROFESSION = {"dokter": "dr.", "dokter_gigi": "drg.", "apoteker": "apt.", "hewan": "drh."}


def titles_for(rng: Random, *, field: str, education: str, birth_year: int,
               female: bool) -> tuple[str, str]:
    """`(title_prefix, title_suffix)` for a person of this field and education."""
    if education == SMA:
        return "", ""
    if education == D3:
        return "", _DIPLOMA.get(field, "A.Md.")
    prefix: list[str] = []
    suffix: list[str] = []
    if field in _PROFESSION:
        prefix.append(_PROFESSION[field])
        if field == "apoteker":
            suffix.append("S.Farm.")
    elif field == "perawat" and rng.random() < 0.7:
        prefix.append("Ns.")
        suffix.append("S.Kep.")
    elif field in {"teknik", "pertanian"} and birth_year < 1972:
        prefix.append("Ir.")
    elif field in {"sosial", "ekonomi", "umum", "pamong"} and birth_year < 1968:
        prefix.append("Dra." if female else "Drs.")
    else:
        suffix.append(rng.choice(_BACHELOR.get(field, _BACHELOR["umum"])))
    if education in (S2, S3):
        suffix.append(rng.choice(_MASTER.get(field, _MASTER_DEFAULT)))
    if education == S3:
        prefix.insert(0, "Dr.")
    return " ".join(prefix), ", ".join(suffix)
