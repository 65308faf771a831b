"""What goes on paper, per profile: the seeds' forms as data (docs/paper-forms.md).

Every string in the tables below is the regulation's own word, copied from the seed in the
seed's order, and prints in Indonesian whatever the reader's language: these are NOT
msgids (the seeds' labels stay Indonesian in every language). What Kembang adds after the
seed's content (duration, scope, mode, JP, validation) is user-facing text and lives in
`kembang.documents.learning_papers`, in gettext.

Pure Python: no Django, no models — the renderer reads these and the records.
"""

from __future__ import annotations

from dataclasses import dataclass

COACHING = "coaching"
MENTORING = "mentoring"
SELF_STUDY = "belajar_mandiri"

BELITUNG_TIMUR = "belitung-timur"
LANGSA = "langsa"
NGANJUK = "nganjuk"


@dataclass(frozen=True)
class SessionTable:
    """A seed's table of sessions: No | Hari, Tanggal | Materi … | Paraf …."""

    heading: str  # the seed's caption, without "Contoh"
    columns: tuple[str, str, str, str]
    identity: tuple[str, ...]  # the seed's identity block above the table (may be empty)
    signatures: tuple[str, ...]  # the seed's signature blocks below it (may be empty)
    clause: str
    # Under a seed without identity or signatures, the blocks Kembang adds after the
    # seed's content — in the seed's own terms (Pembimbing, Peserta Bimbingan …).
    added_identity: tuple[str, ...] = ()
    added_signatures: tuple[str, ...] = ()
    resume_heading: str = ""  # the self-study resume that follows (Langsa huruf I)


@dataclass(frozen=True)
class AbcForm:
    """Nganjuk's Formulir Pelaksanaan Coaching / Formulir Mentoring, one per session."""

    title: str
    guide_heading: str  # COACH / MENTOR
    participant_heading: str  # COACHEE / MENTEE
    identity: tuple[str, ...]  # 1 Nama … 5 Unit Kerja
    day: str  # Hari/Tanggal
    sections: tuple[str, str, str]  # A., B., C.
    place_date: str
    guide_signer: str
    participant_signer: str
    signer_rows: tuple[str, str]  # Nama, NIP
    clause: str


@dataclass(frozen=True)
class EvaluationPaper:
    """Formulir Evaluasi Coaching: the coachee rates the coach (statements from the
    profile's evaluation form)."""

    title: str
    guide_heading: str
    participant_heading: str
    identity: tuple[str, ...]
    day: str
    instructions_heading: str
    instructions: tuple[str, ...]
    comment: str
    place_date: str
    signer: str
    signer_rows: tuple[str, str]
    clause: str


@dataclass(frozen=True)
class MentorAssessmentPaper:
    """Penilaian Penyelesaian Kegiatan dari Mentor."""

    title: str
    identity: tuple[str, ...]
    statement_before: str  # "Saya menilai pegawai tersebut,"
    statement_after: str  # "melakukan penyelesaian … sebagai berikut:"
    levels_note: str  # the seed's asterisk: strike what does not apply
    signer: str
    signer_rows: tuple[str, str]
    clause: str


# --- Belitung Timur: Lampiran Perbup, huruf G angka 4 huruf d and huruf H angka 4 huruf d.
# The seed's tables only; no identity block, no signatures (added after, in its terms).
_BT = "Lampiran Perbup Belitung Timur"
BELITUNG_TIMUR_TABLES = {
    COACHING: SessionTable(
        heading="Format Pembimbingan",
        columns=("No.", "Hari, Tanggal", "Materi Bimbingan", "Paraf Pembimbing"),
        identity=(), signatures=(),
        clause=f"{_BT} huruf G angka 4 huruf d",
        added_identity=("Nama", "NIP", "Jabatan"),
        added_signatures=("Pembimbing", "Peserta Bimbingan"),
    ),
    MENTORING: SessionTable(
        heading="Format Pendampingan",
        columns=("No.", "Hari, Tanggal", "Materi Pendampingan", "Paraf Pendamping"),
        identity=(), signatures=(),
        clause=f"{_BT} huruf H angka 4 huruf d",
        added_identity=("Nama", "NIP", "Jabatan"),
        added_signatures=("Pendamping", "Peserta Pendampingan"),
    ),
}

# --- Langsa: Panduan huruf G, H and I (Tabel Kegiatan). Coaching and mentoring use the
# same labels in the seed (Materi Bimbingan, Paraf Pembimbing); self-study is initialled
# by the supervisor (Paraf Atasan) and its resume follows.
_LG = "Panduan Langsa"
_LANGSA_IDENTITY = ("Nama", "NIP", "Jabatan")
LANGSA_TABLES = {
    COACHING: SessionTable(
        heading="Tabel Kegiatan Coaching",
        columns=("No", "Hari, Tanggal", "Materi Bimbingan", "Paraf Pembimbing"),
        identity=_LANGSA_IDENTITY,
        signatures=("Pembimbing", "Peserta", "Kepala Perangkat Daerah"),
        clause=f"{_LG} huruf G, Tabel Kegiatan Coaching",
    ),
    MENTORING: SessionTable(
        heading="Tabel Kegiatan Mentoring",
        columns=("No", "Hari, Tanggal", "Materi Bimbingan", "Paraf Pembimbing"),
        identity=_LANGSA_IDENTITY,
        signatures=("Pembimbing", "Peserta", "Kepala Perangkat Daerah"),
        clause=f"{_LG} huruf H, Tabel Kegiatan Mentoring",
    ),
    SELF_STUDY: SessionTable(
        heading="Tabel Kegiatan Belajar Mandiri",
        columns=("No", "Hari, Tanggal", "Materi Bimbingan", "Paraf Atasan"),
        identity=_LANGSA_IDENTITY,
        signatures=("Atasan", "Peserta", "Kepala Perangkat Daerah"),
        clause=f"{_LG} huruf I, Tabel Kegiatan Belajar Mandiri",
        resume_heading="Resume hasil Belajar Mandiri",
    ),
}

# --- Nganjuk: Lampiran Kepbup, huruf D (Coaching) angka 4 huruf d–e and huruf D
# (Mentoring) angka 4 huruf d–e. The seed sets COACH/COACHEE in capitals.
_NG = "Lampiran Kepbup Nganjuk"
_NGANJUK_IDENTITY = ("Nama", "NIP", "Pangkat/Gol.", "Jabatan", "Unit Kerja")
_NGANJUK_SECTIONS = ("A. IDENTIFIKASI KEBUTUHAN PENGEMBANGAN",
                     "B. HUBUNGAN TANGGUNG JAWAB PEKERJAAN",
                     "C. KEGIATAN PENGEMBANGAN")
PLACE_DATE = "Tempat, Tanggal, Bulan, Tahun"
NGANJUK_FORMS = {
    COACHING: AbcForm(
        title="FORMULIR PELAKSANAAN COACHING",
        guide_heading="COACH", participant_heading="COACHEE",
        identity=_NGANJUK_IDENTITY, day="Hari/Tanggal", sections=_NGANJUK_SECTIONS,
        place_date=PLACE_DATE, guide_signer="Coach", participant_signer="Coachee",
        signer_rows=("Nama", "NIP"),
        clause=f"{_NG} huruf D (Coaching) angka 4 huruf d",
    ),
    MENTORING: AbcForm(
        title="FORMULIR MENTORING",
        guide_heading="MENTOR", participant_heading="MENTEE",
        identity=_NGANJUK_IDENTITY, day="Hari/Tanggal", sections=_NGANJUK_SECTIONS,
        place_date=PLACE_DATE, guide_signer="Mentor", participant_signer="Mentee",
        signer_rows=("Nama", "NIP"),
        clause=f"{_NG} huruf D (Mentoring) angka 4 huruf d",
    ),
}

# The evaluation forms come from Nganjuk's Lampiran; Belitung Timur and Langsa say only
# "melakukan evaluasi", and their built-in profiles use the same forms (kembang.policy.
# builtin), so the same paper serves all three.
COACHING_EVALUATION = EvaluationPaper(
    title="FORMULIR EVALUASI COACHING",
    guide_heading="COACH", participant_heading="COACHEE",
    identity=("Nama", "NIP", "Pangkat/Gol", "Jabatan", "Unit Kerja"),
    day="Hari/Tanggal",
    instructions_heading="CARA MENGISI:",
    instructions=(
        "a. Harap mengisi formulir ini segera setelah Coaching selesai dilakukan oleh "
        "Coach Saudara",
        "b. Untuk setiap kotak agar Saudara memberikan nilai dengan skala 1-3 (dimana 1= "
        "tidak setuju; 2= netral; 3=setuju)",
        "c. Tuliskan Nilai Skala yang Saudara pilih di dalam Kotak yang disediakan",
    ),
    comment="Saran/masukan:",
    place_date=PLACE_DATE,
    signer="Coachee",
    signer_rows=("Nama", "NIP"),
    clause=f"{_NG} huruf D (Coaching) angka 4 huruf e",
)

MENTOR_ASSESSMENT = MentorAssessmentPaper(
    title="PENILAIAN PENYELESAIAN KEGIATAN DARI MENTOR",
    identity=("Nama", "NIP", "Pangkat/Golongan", "Jabatan", "Unit Kerja"),
    statement_before="Saya menilai pegawai tersebut,",
    statement_after="melakukan penyelesaian kegiatan dalam rangka menyelesaikan Isu yang "
    "telah ditetapkan, dengan penjelasan sebagai berikut:",
    levels_note="*",
    signer="Mentor,",
    signer_rows=("Nama", "NIP"),
    clause=f"{_NG} huruf D (Mentoring) angka 4 huruf e",
)

SESSION_TABLES = {BELITUNG_TIMUR: BELITUNG_TIMUR_TABLES, LANGSA: LANGSA_TABLES}


def session_table(profile_id: str, activity: str) -> SessionTable | None:
    """The seed's table for this profile and activity; None where the seed has a form per
    session instead (nganjuk) or does not regulate the activity."""
    return SESSION_TABLES.get(profile_id, {}).get(activity)


def abc_form(profile_id: str, activity: str) -> AbcForm | None:
    """Nganjuk's per-session form for this activity; None under the other profiles."""
    return NGANJUK_FORMS.get(activity) if profile_id == NGANJUK else None


def screen_columns(profile_id: str, activity: str) -> tuple[str, str, str, str] | None:
    """The session table's column labels on the program page: the seed's where it has a
    table; None under nganjuk (a form per session), where the page keeps its own words."""
    table = session_table(profile_id, activity)
    return table.columns if table is not None else None


def rank_on_paper(code: str, scheme: str, pangkat: str) -> str:
    """Pangkat/Gol. as the forms print it: "Penata Muda / III/a" for a PNS; "Gol. IX" for
    a PPPK (a grade, no pangkat, kembang.policy.ranks); empty when unknown."""
    if not code:
        return ""
    if scheme == "pppk":
        return f"Gol. {code}"
    return f"{pangkat} / {code}" if pangkat else code
