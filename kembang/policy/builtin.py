"""The three built-in profiles, transcribed from the seeds (the authority) with Kembang's
decisions filling what they leave open (docs/jp-rules.md). Clauses cite the seed's own
structure.

Known slips in the sources, resolved as docs/jp-rules.md#known-slips-in-the-seeds says:
Belitung Timur's international mentoring value reads "4 (empat) J" (read: JP); its
mechanism text gives only the national value ("1 kali pertemuan setara dengan 2 jp");
Nganjuk letters two sections "D" (Coaching, Mentoring), cited here as "huruf D (Coaching)"
and "huruf D (Mentoring)".
"""

from __future__ import annotations

from decimal import Decimal

from kembang.policy.activities import ActivityType
from kembang.policy.profiles import (
    AFTER_ACTIVITIES_END,
    AFTER_EACH_SESSION,
    ALL_ASN,
    ALL_EMPLOYEES,
    ANNUAL_IN_MONTH,
    APPOINTED_BY_HEAD_OF_UNIT,
    COACHEE,
    DAILY_MINUTES,
    DEVELOPMENT_AREA,
    DIRECT_SUPERVISOR,
    END_OF_PROGRAM,
    FLOOR,
    FORM_ABC,
    FORMAL_TALENT_POOL,
    GUIDANCE_NEED,
    INITIALLED_TABLE,
    INITIALLED_TABLE_SIGNED,
    MENTOR,
    PARTICIPANT,
    PER_SESSION,
    PERFORMANCE_PROBLEM,
    PNS_TALENT_POOL,
    SUPERVISOR,
    SUPERVISOR_OR_SENIOR,
    ActivityRules,
    EvaluationForm,
    Profile,
    Reporting,
    Rule,
    ScalePoint,
)

# Readings where a seed is silent or slips are explained in docs/profiles.md; the clause
# strings below are shown to users, so they name the regulation and say the reading in
# words, never cite this project's documents.
PERLAN_JP = "Perlan 10/2018 (1 JP = 45 menit)"
# The basis shown where a value is Kembang's own decision and no clause of the profile's
# regulation speaks to it.
KEMBANG_DECISION = "Ketentuan Kembang (tidak diatur dalam peraturan)"
NATIONAL_TARGET = "PP 11/2017 jo. PP 17/2020 Pasal 203 ayat (4)"

COACHING_STATEMENTS = (
    "Saya merasa diperhatikan dan dipahami oleh Coach",
    "Saya merasa tindakan/langkah yang telah saya lakukan dihargai oleh Coach",
    "Saya merasa dapat dengan bebas mengemukakan pendapat/pemikiran saya kepada Coach",
    "Saya merasa bahwa Coach memberikan pandangan berdasarkan data/fakta yang akurat",
    "Saya merasa bahwa Coach memberikan pandangan/pendapat positif kepada saya",
    "Saya merasa bahwa Coach lebih banyak menggunakan metode bertanya dibandingkan menggurui",
    "Saya merasa bahwa Coach membantu saya dalam mencari solusi dan aksi lanjut",
    "Saya tahu apa yang harus saya lakukan setelah mengikuti kegiatan Coaching ini",
    "Saya memahami maksud dan tujuan kegiatan Coaching ini",
)
AGREEMENT_SCALE = (
    ScalePoint(1, "tidak setuju"),
    ScalePoint(2, "netral"),
    ScalePoint(3, "setuju"),
)
MENTOR_SCALE = (
    ScalePoint(4, "Sangat Mampu"),
    ScalePoint(3, "Mampu"),
    ScalePoint(2, "Kurang Mampu"),
    ScalePoint(1, "Tidak Mampu"),
)
MENTOR_STATEMENT = (
    "Saya menilai pegawai tersebut melakukan penyelesaian kegiatan dalam rangka "
    "menyelesaikan Isu yang telah ditetapkan"
)


def _coaching_evaluation(timing: str, clause: str, text: str = "") -> EvaluationForm:
    return EvaluationForm(
        code="coaching_evaluation",
        title="Formulir Evaluasi Coaching",
        activity=ActivityType.COACHING,
        filled_by=COACHEE,
        timing=timing,
        clause=clause,
        items=COACHING_STATEMENTS,
        scale=AGREEMENT_SCALE,
        comment_label="Saran/masukan",
        text=text,
    )


def _mentor_assessment(clause: str) -> EvaluationForm:
    return EvaluationForm(
        code="mentor_assessment",
        title="Penilaian Penyelesaian Kegiatan dari Mentor",
        activity=ActivityType.MENTORING,
        filled_by=MENTOR,
        timing=END_OF_PROGRAM,
        clause=clause,
        items=(MENTOR_STATEMENT,),
        scale=MENTOR_SCALE,
        comment_label="Penjelasan",
        comment_required=True,
    )


def _per_session(activity, term, jp_nas, jp_int, cap) -> ActivityRules:
    return ActivityRules(
        activity=activity,
        term=term,
        counting=PER_SESSION,
        jp_nasional=jp_nas,
        jp_internasional=jp_int,
        monthly_cap=cap,
    )


BT = "Lampiran Perbup Belitung Timur"
BELITUNG_TIMUR = Profile(
    id="belitung-timur",
    name="Belitung Timur — Pembimbingan dan Pendampingan PNS Bertalenta",
    instrument=(
        "Peraturan Bupati Belitung Timur Tahun 2024 tentang Pedoman Pembimbingan dan "
        "Pendampingan Pegawai Negeri Sipil Bertalenta"
    ),
    activities=(
        _per_session(
            ActivityType.COACHING,
            Rule("Pembimbingan", f"{BT} huruf F angka 1", "Pembimbingan (Coaching)"),
            Rule(
                Decimal(2),
                f"{BT} huruf G angka 3 (Konversi JP), kolom Nasional; huruf G angka 4 huruf c",
                "1 (satu) kali kegiatan pembimbingan setara dengan 2 (dua) JP.",
            ),
            Rule(
                Decimal(4),
                f"{BT} huruf G angka 3 (Konversi JP), kolom Internasional",
                "1 (satu) kali kegiatan pembimbingan setara dengan 4 (empat) JP.",
            ),
            Rule(
                2,
                f"{BT} huruf G angka 3 (Konversi JP) dan angka 4 huruf c",
                "Pembimbingan maksimal dihitung 2 kali dalam 1 bulan.",
            ),
        ),
        _per_session(
            ActivityType.MENTORING,
            Rule("Pendampingan", f"{BT} huruf F angka 2", "Pendampingan (Mentoring)"),
            Rule(
                Decimal(2),
                f"{BT} huruf H angka 3 (Konversi JP), kolom Nasional; huruf H angka 4 huruf c",
                "1 (satu) kali kegiatan pendampingan setara dengan 2 (dua) JP.",
            ),
            Rule(
                Decimal(4),
                f"{BT} huruf H angka 3 (Konversi JP), kolom Internasional "
                "(tertulis “4 (empat) J”, dibaca JP)",
                "1 (satu) kali kegiatan pendampingan setara dengan 4 (empat) J.",
            ),
            Rule(
                2,
                f"{BT} huruf H angka 3 (Konversi JP) dan angka 4 huruf c",
                "mentoring maksimal dihitung 2 kali dalam 1 bulan",
            ),
        ),
    ),
    minutes_per_jp=Rule(45, PERLAN_JP),
    annual_target_jp=Rule(
        Decimal(20),
        f"{BT} huruf I angka 3 (Kesimpulan); {NATIONAL_TARGET}",
        "hak pegawai yaitu minimal 20 JP pengembangan kompetensi dalam setahun",
    ),
    eligibility=Rule(
        PNS_TALENT_POOL,
        "Pasal 1 angka 15 dan angka 18",
        "Peserta Bimbingan adalah PNS bertalenta …; Peserta Pendampingan adalah PNS bertalenta …",
    ),
    coach=Rule(
        DIRECT_SUPERVISOR,
        f"Pasal 2 ayat (2) huruf c; {BT} huruf F angka 1 dan angka 3 (tabel perbedaan, "
        "baris 10)",
        "Sebagai seorang Pembimbing, atasan langsung bertanggungjawab untuk melakukan "
        "aktivitas Pembimbingan kepada bawahannya",
    ),
    mentor=Rule(
        SUPERVISOR_OR_SENIOR,
        f"Pasal 2 ayat (2) huruf c; {BT} huruf F angka 2 dan angka 3 (tabel perbedaan, "
        "baris 10)",
        "Atasan langsung/atau pegawai senior",
    ),
    session_record=Rule(
        INITIALLED_TABLE,
        f"{BT} huruf G angka 4 huruf d dan huruf H angka 4 huruf d",
        "No., Hari, Tanggal, Materi Bimbingan, Paraf Pembimbing",
    ),
    program_requires=Rule(
        (PERFORMANCE_PROBLEM, GUIDANCE_NEED),
        "Pasal 1 angka 15 (pembimbingan) dan angka 18 (pendampingan)",
        "PNS bertalenta namun memiliki permasalahan dalam pencapaian kinerja …; PNS "
        "bertalenta yang membutuhkan bimbingan dan arahan terkait dengan penyelesaian "
        "pekerjaan",
    ),
    reporting=Rule(
        # Sendable from 1 December, due 31 December; the follow-up report (laporan
        # susulan) is due on the January day BKPSDM sets (built-in: 31 January).
        Reporting(ANNUAL_IN_MONTH, month=12, opens_day=1, due_day=None, follow_up_month=1,
                  follow_up_day=31),
        f"{BT} huruf J (Pelaporan)",
        "sebagai dasar Pelaporan IP ASN setiap tahun berjalan di bulan Desember",
    ),
    bkpsdm_may_appoint=Rule(
        False,
        f"{KEMBANG_DECISION}; tanpa penunjukan: pembimbing dan pendamping adalah atasan "
        "langsung atau pegawai senior",
    ),
    evaluation_forms=(
        _coaching_evaluation(
            END_OF_PROGRAM,
            f"{BT} huruf G angka 4 huruf e (“melakukan evaluasi”, tanpa formulir); "
            "formulir bawaan Kembang",
        ),
        _mentor_assessment(
            f"{BT} huruf H angka 4 huruf e (“melakukan evaluasi”, tanpa formulir); "
            "formulir bawaan Kembang"
        ),
    ),
)


LG = "Panduan Langsa"
LANGSA = Profile(
    id="langsa",
    name="Kota Langsa — Coaching, Mentoring dan Belajar Mandiri",
    instrument=(
        "Panduan Coaching, Mentoring, dan Belajar Mandiri di Lingkungan Pemerintah Kota Langsa"
    ),
    activities=(
        _per_session(
            ActivityType.COACHING,
            Rule("Coaching", f"{LG} huruf F", "Coaching"),
            Rule(
                Decimal(2),
                f"{LG} huruf G, Mekanisme Coaching dan tabel Konversi JP, kolom Nasional",
                "1 (satu) kali kegiatan coaching setara dengan 2 (dua) JP.",
            ),
            Rule(
                Decimal(4),
                f"{LG} huruf G, tabel Konversi JP, kolom Internasional",
                "1 (satu) kali kegiatan coaching setara dengan 4 (empat) JP.",
            ),
            Rule(
                2,
                f"{LG} huruf G, Mekanisme Coaching dan tabel Konversi JP",
                "Coaching maksimal dihitung 2 kali dalam 1 bulan",
            ),
        ),
        _per_session(
            ActivityType.MENTORING,
            Rule("Mentoring", f"{LG} huruf F", "Mentoring"),
            Rule(
                Decimal(2),
                f"{LG} huruf H, Mekanisme Mentoring dan tabel Konversi JP, kolom Nasional",
                "1 (satu) kali kegiatan mentoring setara dengan 2 (dua) JP.",
            ),
            Rule(
                Decimal(4),
                f"{LG} huruf H, tabel Konversi JP, kolom Internasional",
                "1 (satu) kali kegiatan mentoring setara dengan 4 (empat) JP.",
            ),
            Rule(
                2,
                f"{LG} huruf H, Mekanisme Mentoring dan tabel Konversi JP",
                "Mentoring maksimal dihitung 2 kali dalam 1 bulan",
            ),
        ),
        ActivityRules(
            activity=ActivityType.SELF_STUDY,
            term=Rule("Belajar Mandiri", f"{LG} huruf F", "Belajar Mandiri"),
            counting=DAILY_MINUTES,
            monthly_cap=Rule(None, f"{LG} huruf I (hanya batas harian, tanpa batas bulanan)"),
            daily_cap_jp=Rule(
                2,
                f"{LG} huruf I, tabel Konversi JP dan Mekanisme Belajar Mandiri",
                "Sesuai jam belajar mandiri, paling tinggi 2 (dua) JP sehari",
            ),
            rounding=Rule(
                FLOOR,
                f"{LG} huruf I, tabel Konversi JP (“Sesuai jam belajar mandiri”); "
                "JP utuh, dibulatkan ke bawah",
                "Sesuai jam belajar mandiri",
            ),
            international_uplift=Rule(
                Decimal("1.2"),
                f"{LG} huruf I, tabel Konversi JP, kolom Internasional; "
                "dihitung setelah batas harian",
                "Ditambahkan 20% (dua puluh persen) dari JP program belajar mandiri "
                "(self development)",
            ),
        ),
    ),
    minutes_per_jp=Rule(45, PERLAN_JP),
    annual_target_jp=Rule(
        Decimal(20),
        f"{LG} huruf J angka 3 (Kesimpulan); {NATIONAL_TARGET}",
        "hak pegawai yaitu minimal 20 JP pengembangan kompetensi dalam setahun",
    ),
    eligibility=Rule(
        ALL_EMPLOYEES,
        f"{LG} huruf A–B (ditujukan kepada seluruh pegawai)",
        "Atasan langsung bisa mengembangkan kompetensi pegawainya dengan melakukan "
        "Coaching, Mentoring, dan Belajar Mandiri.",
    ),
    coach=Rule(
        DIRECT_SUPERVISOR,
        f"{LG} huruf F dan tabel perbedaan, baris 10",
        "Sebagai seorang Coach, atasan langsung bertanggungjawab untuk melakukan "
        "aktivitas coaching kepada bawahannya",
    ),
    mentor=Rule(
        SUPERVISOR_OR_SENIOR,
        f"{LG} huruf F, tabel perbedaan, baris 10",
        "Atasan langsung/atau pegawai senior",
    ),
    session_record=Rule(
        INITIALLED_TABLE_SIGNED,
        f"{LG} huruf G, H dan I (Tabel Kegiatan)",
        "No, Hari, Tanggal, Materi Bimbingan, Paraf; ditandatangani Pembimbing, Peserta "
        "dan Kepala Perangkat Daerah",
    ),
    program_requires=Rule((), f"{LG} (tidak diatur)"),
    reporting=Rule(None, f"{LG} (tidak mengatur pelaporan)"),
    bkpsdm_may_appoint=Rule(
        False,
        f"{KEMBANG_DECISION}; tanpa penunjukan: coach dan mentor adalah atasan langsung "
        "atau pegawai senior",
    ),
    talent_reading=Rule(
        FORMAL_TALENT_POOL,
        f"{KEMBANG_DECISION}; tidak dipakai: peserta tidak dibatasi pada PNS bertalenta "
        f"({LG} huruf A–B)",
    ),
    evaluation_forms=(
        _coaching_evaluation(
            END_OF_PROGRAM,
            f"{LG} huruf G, Mekanisme Coaching (“Melakukan evaluasi”, tanpa formulir); "
            "formulir bawaan Kembang",
        ),
        _mentor_assessment(
            f"{LG} huruf H, Mekanisme Mentoring (“Melakukan evaluasi”, tanpa formulir); "
            "formulir bawaan Kembang"
        ),
        EvaluationForm(
            code="self_study_resume",
            title="Resume Hasil Belajar Mandiri",
            activity=ActivityType.SELF_STUDY,
            filled_by=PARTICIPANT,
            timing=END_OF_PROGRAM,
            clause=f"{LG} huruf I, Mekanisme Belajar Mandiri",
            comment_label="Resume hasil belajar mandiri dan sumber pembelajarannya",
            comment_required=True,
            accepted_by=SUPERVISOR,
            text="Pegawai menyusun resume hasil Belajar Mandiri; Melakukan evaluasi "
            "pelaksanaan Belajar Mandiri",
        ),
    ),
)


NG = "Lampiran Kepbup Nganjuk"
NGANJUK = Profile(
    id="nganjuk",
    name="Nganjuk — Coaching dan Mentoring ASN",
    instrument=(
        "Keputusan Bupati Nganjuk Nomor 100.3.3.2/249/K/411.013/2025 tentang Pedoman "
        "Pelaksanaan Coaching dan Mentoring di Lingkungan Pemerintah Kabupaten Nganjuk "
        "(24 April 2025)"
    ),
    activities=(
        _per_session(
            ActivityType.COACHING,
            Rule("Coaching", f"{NG} huruf B angka 7", "Coaching"),
            Rule(
                Decimal(4),
                f"{NG} huruf D (Coaching) angka 3 huruf a",
                "1 (satu) kali kegiatan Coaching setara dengan 4 (empat) JP",
            ),
            Rule(
                Decimal(4),
                f"{NG} huruf D (Coaching) angka 3 huruf a (satu nilai); cakupan dicatat "
                "tetapi tidak mengubah JP",
                "1 (satu) kali kegiatan Coaching setara dengan 4 (empat) JP",
            ),
            Rule(
                2,
                f"{NG} huruf D (Coaching) angka 3 huruf b",
                "Coaching hanya dapat dihitung maksimal 2 (dua) kali dalam 1 (satu) bulan.",
            ),
        ),
        _per_session(
            ActivityType.MENTORING,
            Rule("Mentoring", f"{NG} huruf B angka 10", "Mentoring"),
            Rule(
                Decimal(2),
                f"{NG} huruf D (Mentoring) angka 3 huruf a",
                "1 (satu) kali kegiatan Mentoring setara dengan 2 (dua) JP",
            ),
            Rule(
                Decimal(2),
                f"{NG} huruf D (Mentoring) angka 3 huruf a (satu nilai); cakupan dicatat "
                "tetapi tidak mengubah JP",
                "1 (satu) kali kegiatan Mentoring setara dengan 2 (dua) JP",
            ),
            Rule(
                2,
                f"{NG} huruf D (Mentoring) angka 3 huruf b",
                "Mentoring hanya dapat dihitung maksimal 2 (dua) kali dalam 1 (satu) bulan.",
            ),
        ),
    ),
    minutes_per_jp=Rule(45, PERLAN_JP),
    annual_target_jp=Rule(
        Decimal(20),
        f"{NATIONAL_TARGET} (Mengingat angka 5; Keputusan tidak menyebut angkanya)",
    ),
    eligibility=Rule(
        ALL_ASN,
        f"{NG} huruf B angka 3, 9 dan 12",
        "Coachee adalah ASN …; Mentee adalah ASN … (ASN: PNS dan PPPK)",
    ),
    coach=Rule(
        APPOINTED_BY_HEAD_OF_UNIT,
        "Diktum KEEMPAT",
        "Coach dan Mentor … dapat berasal dari internal maupun eksternal Perangkat Daerah "
        "dan ditunjuk oleh Kepala Perangkat Daerah",
    ),
    mentor=Rule(
        APPOINTED_BY_HEAD_OF_UNIT,
        "Diktum KEEMPAT",
        "Coach dan Mentor … dapat berasal dari internal maupun eksternal Perangkat Daerah "
        "dan ditunjuk oleh Kepala Perangkat Daerah",
    ),
    session_record=Rule(
        FORM_ABC,
        f"{NG} huruf C angka 4–5; huruf D (Coaching) angka 4 huruf d; huruf D (Mentoring) "
        "angka 4 huruf d",
        "Formulir Pelaksanaan Coaching / Formulir Mentoring: A. Identifikasi Kebutuhan "
        "Pengembangan, B. Hubungan Tanggung Jawab Pekerjaan, C. Kegiatan Pengembangan",
    ),
    program_requires=Rule(
        (DEVELOPMENT_AREA,),
        f"{NG} huruf C angka 1",
        "Sebelum melaksanakan Coaching dan Mentoring, ASN menentukan area pengembangan "
        "yang akan dilaksanakan.",
    ),
    reporting=Rule(
        # Kembang's reading: one report per unit and month, due on a day of the next
        # month (None: its last day) that the BKPSDM confirms when adopting the profile.
        Reporting(AFTER_ACTIVITIES_END, months_after=1, due_day=None),
        f"{NG} huruf E angka 2 huruf a",
        "selambat lambatnya 1 bulan setelah kegiatan Coaching dan Mentoring selesai dilaksanakan",
    ),
    talent_reading=Rule(
        FORMAL_TALENT_POOL,
        f"{KEMBANG_DECISION}; tidak dipakai: peserta adalah seluruh ASN ({NG} huruf B "
        "angka 3, 9 dan 12)",
    ),
    evaluation_forms=(
        _coaching_evaluation(
            AFTER_EACH_SESSION,
            f"{NG} huruf D (Coaching) angka 4 huruf e, Formulir Evaluasi Coaching",
            "Harap mengisi formulir ini segera setelah Coaching selesai dilakukan oleh "
            "Coach Saudara",
        ),
        _mentor_assessment(
            f"{NG} huruf D (Mentoring) angka 4 huruf e, Penilaian Penyelesaian Kegiatan dari Mentor"
        ),
    ),
)


BUILTIN_PROFILES: dict[str, Profile] = {
    profile.id: profile for profile in (BELITUNG_TIMUR, LANGSA, NGANJUK)
}


def builtin_profile(profile_id: str) -> Profile:
    """The built-in profile with this id; `KeyError` for an unknown id."""
    return BUILTIN_PROFILES[profile_id]
