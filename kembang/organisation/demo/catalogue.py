"""What a regency's organisation looks like: Perangkat Daerah, their sub-units and jobs.

The names follow the usual SOTK of a kabupaten/kota (PP 18/2016 and its amendments) and
the post-2021 nomenclature of jabatan pelaksana and fungsional. Every position carries the
kind a reader of its name would give it; a test checks that
`kembang.policy.positions.kind_from_name` reads the same kind from the name, so the demo
never shows a position whose kind contradicts the regency's own mapping.

Some common agencies are left out on purpose because the default name mapping cannot read
their head's kind: Satuan Polisi Pamong Praja ("Kepala Satuan …"), BPBD ("Kepala
Pelaksana …") and RSUD ("Direktur …").

`field` is the field of study behind a position, used to give plausible academic titles
(see `titles.py`).
"""

from dataclasses import dataclass

from kembang.policy import positions as k

# Unit roles inside a Perangkat Daerah.
SECRETARIAT = "sekretariat"
OFFICE = "bidang"
UPT = "upt"

# UPT families: a PD whose field work happens in many small units.
SCHOOLS = "sekolah"
HEALTH_CENTRES = "puskesmas"


@dataclass(frozen=True)
class Job:
    """A staff position with its kind, how common it is, and who may hold it."""

    name: str
    kind: str
    weight: int = 1
    field: str = "umum"
    pppk: bool = True  # PPPK may hold it (never a structural position)


@dataclass(frozen=True)
class SubUnit:
    name: str
    head: str  # position name of the unit's head
    head_kind: str
    role: str = OFFICE
    # Kepala Sub Bagian positions under the head of a secretariat.
    sections: tuple[str, ...] = ()


@dataclass(frozen=True)
class Agency:
    """A Perangkat Daerah template: its head, its sub-units (the first one does the PD's
    administration, HR included), its own functional jobs and its share of employees."""

    name: str
    head: str
    head_kind: str
    field: str
    weight: float
    units: tuple[SubUnit, ...]
    jobs: tuple[Job, ...] = ()
    upt: str | None = None
    is_district: bool = False  # a kecamatan


# --- jobs shared by every office ----------------------------------------------------------

HR_JOB = Job("Analis Sumber Daya Manusia Aparatur Ahli Pertama", k.AHLI_PERTAMA, 0, "sosial",
             pppk=False)

ADMIN_JOBS = (
    Job("Pengadministrasi Perkantoran", k.PELAKSANA, 6),
    Job("Penata Layanan Operasional", k.PELAKSANA, 4),
    Job("Pengolah Data dan Informasi", k.PELAKSANA, 3),
    Job("Pengelola Layanan Operasional", k.PELAKSANA, 3),
    Job("Operator Layanan Operasional", k.PELAKSANA, 2),
)

SECRETARIAT_JOBS = (
    Job("Analis Keuangan Pusat dan Daerah Ahli Pertama", k.AHLI_PERTAMA, 2, "ekonomi"),
    Job("Perencana Ahli Pertama", k.AHLI_PERTAMA, 1, "ekonomi"),
    Job("Pranata Komputer Terampil", k.TERAMPIL, 2, "komputer"),
    Job("Arsiparis Terampil", k.TERAMPIL, 1),
    Job("Bendahara", k.PELAKSANA, 1, "ekonomi", pppk=False),
    Job("Pengadministrasi Perkantoran", k.PELAKSANA, 4),
    Job("Penata Layanan Operasional", k.PELAKSANA, 2),
    Job("Pengelola Keuangan", k.PELAKSANA, 2, "ekonomi"),
)

SCHOOL_JOBS = (
    Job("Guru Ahli Pertama", k.AHLI_PERTAMA, 36, "guru"),
    Job("Guru Ahli Muda", k.AHLI_MUDA, 26, "guru"),
    Job("Guru Ahli Madya", k.AHLI_MADYA, 10, "guru"),
    Job("Pustakawan Terampil", k.TERAMPIL, 1),
    Job("Pengadministrasi Perkantoran", k.PELAKSANA, 4),
    Job("Operator Layanan Operasional", k.PELAKSANA, 2),
)

HEALTH_CENTRE_JOBS = (
    Job("Perawat Terampil", k.TERAMPIL, 14, "perawat"),
    Job("Perawat Mahir", k.MAHIR, 10, "perawat"),
    Job("Perawat Penyelia", k.PENYELIA, 4, "perawat"),
    Job("Perawat Ahli Pertama", k.AHLI_PERTAMA, 8, "perawat"),
    Job("Bidan Terampil", k.TERAMPIL, 12, "bidan"),
    Job("Bidan Mahir", k.MAHIR, 8, "bidan"),
    Job("Bidan Ahli Pertama", k.AHLI_PERTAMA, 3, "bidan"),
    Job("Dokter Ahli Pertama", k.AHLI_PERTAMA, 4, "dokter"),
    Job("Dokter Ahli Muda", k.AHLI_MUDA, 2, "dokter"),
    Job("Dokter Gigi Ahli Pertama", k.AHLI_PERTAMA, 1, "dokter_gigi"),
    Job("Apoteker Ahli Pertama", k.AHLI_PERTAMA, 2, "apoteker"),
    Job("Tenaga Teknis Kefarmasian Terampil", k.TERAMPIL, 2, "farmasi"),
    Job("Pranata Laboratorium Kesehatan Terampil", k.TERAMPIL, 2, "laboratorium"),
    Job("Nutrisionis Terampil", k.TERAMPIL, 2, "gizi"),
    Job("Tenaga Sanitasi Lingkungan Terampil", k.TERAMPIL, 2, "sanitasi"),
    Job("Perekam Medis Terampil", k.TERAMPIL, 2, "rekam_medis"),
    Job("Penyuluh Kesehatan Masyarakat Ahli Pertama", k.AHLI_PERTAMA, 1, "kesmas"),
    Job("Pengadministrasi Perkantoran", k.PELAKSANA, 3),
)

UPT_JOBS = {SCHOOLS: SCHOOL_JOBS, HEALTH_CENTRES: HEALTH_CENTRE_JOBS}
UPT_HEADS = {
    SCHOOLS: ("Kepala UPTD Satuan Pendidikan", k.PENGAWAS, "guru"),
    HEALTH_CENTRES: ("Kepala UPT Puskesmas", k.PENGAWAS, "kesmas"),
}
# About how many staff one school or health centre has.
UPT_SIZE = {SCHOOLS: 28, HEALTH_CENTRES: 38}
# The share of a PD's staff that works in its UPTs rather than its offices.
UPT_SHARE = {SCHOOLS: 0.8, HEALTH_CENTRES: 0.7}


def _sekretariat(agency: str, sections=("Kepala Sub Bagian Umum dan Kepegawaian",
                                        "Kepala Sub Bagian Keuangan dan Aset")) -> SubUnit:
    return SubUnit("Sekretariat", f"Sekretaris {agency}", k.ADMINISTRATOR, SECRETARIAT, sections)


def _bidang(*names: str) -> tuple[SubUnit, ...]:
    return tuple(SubUnit(name, f"Kepala {name}", k.ADMINISTRATOR) for name in names)


def _dinas(name: str, field_: str, weight: float, bidang: tuple[str, ...], jobs=(),
           upt=None, head_prefix="Kepala") -> Agency:
    return Agency(
        name=name, head=f"{head_prefix} {name}", head_kind=k.PIMPINAN_TINGGI, field=field_,
        weight=weight, units=(_sekretariat(name), *_bidang(*bidang)), jobs=tuple(jobs), upt=upt,
    )


def _jobs(field_: str, *specs: tuple[str, str, int]) -> tuple[Job, ...]:
    return tuple(Job(name, kind, weight, field_) for name, kind, weight in specs)


# --- agencies, most important first ---------------------------------------------------------
# A demo of N employees takes the first ~√N/2.2 agencies (kecamatan interleaved), so the
# head of the list is what a small demo shows.

AGENCIES: tuple[Agency, ...] = (
    Agency(
        name="Sekretariat Daerah", head="Sekretaris Daerah", head_kind=k.PIMPINAN_TINGGI,
        field="pamong", weight=4,
        units=(
            SubUnit("Bagian Umum", "Kepala Bagian Umum", k.ADMINISTRATOR, SECRETARIAT,
                    ("Kepala Sub Bagian Tata Usaha Pimpinan", "Kepala Sub Bagian Rumah Tangga")),
            *_bidang("Bagian Organisasi", "Bagian Hukum", "Bagian Pemerintahan",
                     "Bagian Perekonomian dan Sumber Daya Alam", "Bagian Kesejahteraan Rakyat",
                     "Bagian Pengadaan Barang dan Jasa"),
        ),
        jobs=(
            *_jobs("sosial", ("Analis Kebijakan Ahli Pertama", k.AHLI_PERTAMA, 3),
                   ("Analis Kebijakan Ahli Muda", k.AHLI_MUDA, 2),
                   ("Analis Organisasi Ahli Pertama", k.AHLI_PERTAMA, 1)),
            *_jobs("hukum", ("Perancang Peraturan Perundang-undangan Ahli Pertama",
                             k.AHLI_PERTAMA, 2), ("Analis Hukum Ahli Pertama", k.AHLI_PERTAMA, 1)),
            Job("Pengelola Pengadaan Barang/Jasa Ahli Pertama", k.AHLI_PERTAMA, 2, "ekonomi"),
        ),
    ),
    _dinas(
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "sosial", 2.5,
        ("Bidang Pengadaan, Pemberhentian dan Informasi", "Bidang Mutasi dan Promosi",
         "Bidang Pengembangan Kompetensi Aparatur",
         "Bidang Penilaian Kinerja Aparatur dan Penghargaan"),
        jobs=(
            *_jobs("sosial", ("Analis Sumber Daya Manusia Aparatur Ahli Pertama", k.AHLI_PERTAMA, 4),
                   ("Analis Sumber Daya Manusia Aparatur Ahli Muda", k.AHLI_MUDA, 2),
                   ("Analis Kepegawaian Ahli Pertama", k.AHLI_PERTAMA, 1),
                   ("Asesor Sumber Daya Manusia Aparatur Ahli Pertama", k.AHLI_PERTAMA, 1),
                   ("Widyaiswara Ahli Muda", k.AHLI_MUDA, 1)),
            Job("Pranata Komputer Ahli Pertama", k.AHLI_PERTAMA, 1, "komputer"),
        ),
    ),
    _dinas(
        "Dinas Pendidikan", "guru", 34,
        ("Bidang Pembinaan Sekolah Dasar", "Bidang Pembinaan Sekolah Menengah Pertama",
         "Bidang Guru dan Tenaga Kependidikan",
         "Bidang Pendidikan Anak Usia Dini dan Pendidikan Nonformal"),
        jobs=_jobs("guru", ("Pengawas Sekolah Ahli Muda", k.AHLI_MUDA, 2),
                   ("Pengawas Sekolah Ahli Madya", k.AHLI_MADYA, 1),
                   ("Penilik Ahli Pertama", k.AHLI_PERTAMA, 1),
                   ("Pamong Belajar Ahli Pertama", k.AHLI_PERTAMA, 1)),
        upt=SCHOOLS,
    ),
    _dinas(
        "Dinas Kesehatan", "dokter", 20,
        ("Bidang Kesehatan Masyarakat", "Bidang Pencegahan dan Pengendalian Penyakit",
         "Bidang Pelayanan dan Sumber Daya Kesehatan"),
        jobs=(
            *_jobs("kesmas", ("Administrator Kesehatan Ahli Pertama", k.AHLI_PERTAMA, 2),
                   ("Administrator Kesehatan Ahli Muda", k.AHLI_MUDA, 1),
                   ("Epidemiolog Kesehatan Ahli Pertama", k.AHLI_PERTAMA, 1),
                   ("Penyuluh Kesehatan Masyarakat Ahli Pertama", k.AHLI_PERTAMA, 1)),
            Job("Tenaga Sanitasi Lingkungan Terampil", k.TERAMPIL, 1, "sanitasi"),
            Job("Nutrisionis Ahli Pertama", k.AHLI_PERTAMA, 1, "gizi"),
            Job("Apoteker Ahli Pertama", k.AHLI_PERTAMA, 1, "apoteker"),
        ),
        upt=HEALTH_CENTRES,
    ),
    Agency(
        name="Inspektorat Daerah", head="Inspektur", head_kind=k.PIMPINAN_TINGGI,
        field="ekonomi", weight=1.8,
        units=(
            _sekretariat("Inspektorat"),
            *(SubUnit(f"Inspektur Pembantu Wilayah {n}", f"Inspektur Pembantu Wilayah {n}",
                      k.ADMINISTRATOR) for n in ("I", "II", "III", "IV")),
        ),
        jobs=_jobs("ekonomi", ("Auditor Ahli Pertama", k.AHLI_PERTAMA, 3),
                   ("Auditor Ahli Muda", k.AHLI_MUDA, 2), ("Auditor Ahli Madya", k.AHLI_MADYA, 1),
                   ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Pertama",
                    k.AHLI_PERTAMA, 2),
                   ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda",
                    k.AHLI_MUDA, 1)),
    ),
    _dinas(
        "Badan Perencanaan Pembangunan Daerah", "ekonomi", 1.8,
        ("Bidang Perencanaan Pemerintahan dan Pembangunan Manusia",
         "Bidang Perencanaan Perekonomian dan Sumber Daya Alam",
         "Bidang Perencanaan Infrastruktur dan Pengembangan Wilayah",
         "Bidang Penelitian dan Pengembangan"),
        jobs=_jobs("ekonomi", ("Perencana Ahli Pertama", k.AHLI_PERTAMA, 3),
                   ("Perencana Ahli Muda", k.AHLI_MUDA, 2), ("Perencana Ahli Madya", k.AHLI_MADYA, 1),
                   ("Statistisi Ahli Pertama", k.AHLI_PERTAMA, 1)),
    ),
    _dinas(
        "Dinas Pekerjaan Umum dan Penataan Ruang", "teknik", 3.5,
        ("Bidang Bina Marga", "Bidang Sumber Daya Air", "Bidang Cipta Karya",
         "Bidang Penataan Ruang"),
        jobs=_jobs("teknik", ("Teknik Jalan dan Jembatan Ahli Pertama", k.AHLI_PERTAMA, 3),
                   ("Teknik Jalan dan Jembatan Ahli Muda", k.AHLI_MUDA, 1),
                   ("Teknik Pengairan Ahli Pertama", k.AHLI_PERTAMA, 2),
                   ("Teknik Pengairan Terampil", k.TERAMPIL, 2),
                   ("Teknik Tata Bangunan dan Perumahan Ahli Pertama", k.AHLI_PERTAMA, 1),
                   ("Penata Ruang Ahli Pertama", k.AHLI_PERTAMA, 1)),
    ),
    Agency(
        name="Sekretariat DPRD", head="Sekretaris DPRD", head_kind=k.PIMPINAN_TINGGI,
        field="hukum", weight=1.5,
        units=(
            SubUnit("Bagian Umum dan Keuangan", "Kepala Bagian Umum dan Keuangan",
                    k.ADMINISTRATOR, SECRETARIAT,
                    ("Kepala Sub Bagian Tata Usaha dan Kepegawaian", "Kepala Sub Bagian Keuangan")),
            *_bidang("Bagian Persidangan dan Perundang-undangan",
                     "Bagian Fasilitasi Penganggaran dan Pengawasan"),
        ),
        jobs=(
            *_jobs("hukum", ("Perancang Peraturan Perundang-undangan Ahli Pertama",
                             k.AHLI_PERTAMA, 2)),
            *_jobs("sosial", ("Analis Kebijakan Ahli Pertama", k.AHLI_PERTAMA, 2),
                   ("Pranata Hubungan Masyarakat Ahli Pertama", k.AHLI_PERTAMA, 1)),
        ),
    ),
    _dinas(
        "Dinas Sosial", "sosial", 1.5,
        ("Bidang Rehabilitasi Sosial", "Bidang Perlindungan dan Jaminan Sosial",
         "Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin"),
        jobs=_jobs("sosial", ("Pekerja Sosial Ahli Pertama", k.AHLI_PERTAMA, 2),
                   ("Pekerja Sosial Ahli Muda", k.AHLI_MUDA, 1),
                   ("Pekerja Sosial Terampil", k.TERAMPIL, 1),
                   ("Penyuluh Sosial Ahli Pertama", k.AHLI_PERTAMA, 1)),
    ),
    _dinas(
        "Dinas Kependudukan dan Pencatatan Sipil", "sosial", 1.8,
        ("Bidang Pelayanan Pendaftaran Penduduk", "Bidang Pelayanan Pencatatan Sipil",
         "Bidang Pengelolaan Informasi Administrasi Kependudukan"),
        jobs=(
            *_jobs("komputer", ("Administrator Database Kependudukan Ahli Pertama",
                                k.AHLI_PERTAMA, 2),
                   ("Administrator Database Kependudukan Ahli Muda", k.AHLI_MUDA, 1),
                   ("Pranata Komputer Terampil", k.TERAMPIL, 1)),
        ),
    ),
    _dinas(
        "Badan Pengelolaan Keuangan dan Aset Daerah", "ekonomi", 2,
        ("Bidang Anggaran", "Bidang Perbendaharaan", "Bidang Akuntansi", "Bidang Aset"),
        jobs=_jobs("ekonomi", ("Analis Keuangan Pusat dan Daerah Ahli Pertama", k.AHLI_PERTAMA, 3),
                   ("Analis Keuangan Pusat dan Daerah Ahli Muda", k.AHLI_MUDA, 2),
                   ("Penata Laporan Keuangan", k.PELAKSANA, 2),
                   ("Pengelola Barang Milik Daerah", k.PELAKSANA, 2)),
    ),
    _dinas(
        "Dinas Pertanian dan Ketahanan Pangan", "pertanian", 3,
        ("Bidang Tanaman Pangan dan Hortikultura", "Bidang Prasarana dan Sarana Pertanian",
         "Bidang Penyuluhan", "Bidang Ketahanan Pangan"),
        jobs=_jobs("pertanian", ("Penyuluh Pertanian Ahli Pertama", k.AHLI_PERTAMA, 3),
                   ("Penyuluh Pertanian Ahli Muda", k.AHLI_MUDA, 2),
                   ("Penyuluh Pertanian Terampil", k.TERAMPIL, 2),
                   ("Penyuluh Pertanian Mahir", k.MAHIR, 2),
                   ("Penyuluh Pertanian Penyelia", k.PENYELIA, 1),
                   ("Pengendali Organisme Pengganggu Tumbuhan Ahli Pertama", k.AHLI_PERTAMA, 1),
                   ("Analis Ketahanan Pangan Ahli Pertama", k.AHLI_PERTAMA, 1)),
    ),
    _dinas(
        "Badan Pendapatan Daerah", "ekonomi", 1.5,
        ("Bidang Pendataan dan Penetapan", "Bidang Penagihan dan Keberatan",
         "Bidang Pengembangan dan Pengendalian Pendapatan"),
        jobs=_jobs("ekonomi", ("Analis Keuangan Pusat dan Daerah Ahli Pertama", k.AHLI_PERTAMA, 2),
                   ("Penata Laporan Keuangan", k.PELAKSANA, 2)),
    ),
    _dinas(
        "Dinas Komunikasi dan Informatika", "komputer", 1.5,
        ("Bidang Informasi dan Komunikasi Publik", "Bidang Aplikasi Informatika",
         "Bidang Statistik dan Persandian"),
        jobs=(
            *_jobs("komputer", ("Pranata Komputer Ahli Pertama", k.AHLI_PERTAMA, 3),
                   ("Pranata Komputer Ahli Muda", k.AHLI_MUDA, 1),
                   ("Pranata Komputer Terampil", k.TERAMPIL, 2),
                   ("Sandiman Ahli Pertama", k.AHLI_PERTAMA, 1)),
            Job("Pranata Hubungan Masyarakat Ahli Pertama", k.AHLI_PERTAMA, 2, "sosial"),
            Job("Statistisi Ahli Pertama", k.AHLI_PERTAMA, 1, "statistik"),
        ),
    ),
    _dinas(
        "Dinas Perhubungan", "teknik", 2,
        ("Bidang Lalu Lintas dan Angkutan", "Bidang Sarana dan Prasarana", "Bidang Keselamatan"),
        jobs=_jobs("teknik", ("Penguji Kendaraan Bermotor Terampil", k.TERAMPIL, 2),
                   ("Penguji Kendaraan Bermotor Mahir", k.MAHIR, 1),
                   ("Penguji Kendaraan Bermotor Ahli Pertama", k.AHLI_PERTAMA, 1)),
    ),
    _dinas(
        "Dinas Lingkungan Hidup", "teknik", 2,
        ("Bidang Tata Lingkungan", "Bidang Pengelolaan Sampah",
         "Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan"),
        jobs=_jobs("teknik", ("Pengendali Dampak Lingkungan Ahli Pertama", k.AHLI_PERTAMA, 2),
                   ("Pengendali Dampak Lingkungan Ahli Muda", k.AHLI_MUDA, 1),
                   ("Pengawas Lingkungan Hidup Ahli Pertama", k.AHLI_PERTAMA, 1)),
    ),
    _dinas(
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "hukum", 1.2,
        ("Bidang Penanaman Modal", "Bidang Pelayanan Perizinan",
         "Bidang Pengaduan dan Pengendalian"),
        jobs=_jobs("hukum", ("Penata Perizinan Ahli Pertama", k.AHLI_PERTAMA, 2),
                   ("Analis Kebijakan Ahli Pertama", k.AHLI_PERTAMA, 1)),
    ),
    _dinas(
        "Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan "
        "Perlindungan Anak", "sosial", 1.8,
        ("Bidang Pengendalian Penduduk", "Bidang Keluarga Berencana",
         "Bidang Pemberdayaan Perempuan", "Bidang Perlindungan Anak"),
        jobs=_jobs("sosial", ("Penyuluh Keluarga Berencana Ahli Pertama", k.AHLI_PERTAMA, 3),
                   ("Penyuluh Keluarga Berencana Ahli Muda", k.AHLI_MUDA, 1),
                   ("Penyuluh Keluarga Berencana Terampil", k.TERAMPIL, 2)),
    ),
    _dinas(
        "Dinas Pemberdayaan Masyarakat dan Desa", "pamong", 1.2,
        ("Bidang Pemerintahan Desa", "Bidang Pemberdayaan Masyarakat Desa",
         "Bidang Pembangunan Desa"),
        jobs=_jobs("pamong", ("Penggerak Swadaya Masyarakat Ahli Pertama", k.AHLI_PERTAMA, 2),
                   ("Penggerak Swadaya Masyarakat Terampil", k.TERAMPIL, 1),
                   ("Analis Kebijakan Ahli Pertama", k.AHLI_PERTAMA, 1)),
    ),
    _dinas(
        "Dinas Koperasi, Usaha Mikro dan Perdagangan", "ekonomi", 1.2,
        ("Bidang Koperasi", "Bidang Usaha Mikro", "Bidang Perdagangan"),
        jobs=_jobs("ekonomi", ("Pengawas Koperasi Ahli Pertama", k.AHLI_PERTAMA, 1),
                   ("Pengawas Perdagangan Ahli Pertama", k.AHLI_PERTAMA, 1),
                   ("Penera Terampil", k.TERAMPIL, 1)),
    ),
    _dinas(
        "Dinas Peternakan dan Perikanan", "hewan", 1.5,
        ("Bidang Peternakan", "Bidang Kesehatan Hewan", "Bidang Perikanan"),
        jobs=(
            *_jobs("hewan", ("Medik Veteriner Ahli Pertama", k.AHLI_PERTAMA, 2),
                   ("Paramedik Veteriner Terampil", k.TERAMPIL, 2),
                   ("Pengawas Bibit Ternak Ahli Pertama", k.AHLI_PERTAMA, 1)),
            Job("Penyuluh Perikanan Ahli Pertama", k.AHLI_PERTAMA, 1, "perikanan"),
            Job("Penyuluh Perikanan Terampil", k.TERAMPIL, 1, "perikanan"),
        ),
    ),
    _dinas(
        "Dinas Pemadam Kebakaran dan Penyelamatan", "teknik", 1.5,
        ("Bidang Pencegahan Kebakaran", "Bidang Pemadaman dan Penyelamatan"),
        jobs=_jobs("umum", ("Pemadam Kebakaran Terampil", k.TERAMPIL, 4),
                   ("Pemadam Kebakaran Mahir", k.MAHIR, 2),
                   ("Analis Kebakaran Ahli Pertama", k.AHLI_PERTAMA, 1)),
    ),
    _dinas(
        "Dinas Perumahan Rakyat dan Kawasan Permukiman", "teknik", 1.2,
        ("Bidang Perumahan", "Bidang Kawasan Permukiman", "Bidang Prasarana, Sarana dan Utilitas"),
        jobs=_jobs("teknik", ("Teknik Tata Bangunan dan Perumahan Ahli Pertama", k.AHLI_PERTAMA, 2),
                   ("Teknik Tata Bangunan dan Perumahan Terampil", k.TERAMPIL, 1)),
    ),
    _dinas(
        "Dinas Kepemudaan, Olahraga dan Pariwisata", "sosial", 1.2,
        ("Bidang Kepemudaan", "Bidang Olahraga", "Bidang Pariwisata"),
        jobs=_jobs("sosial", ("Adyatama Kepariwisataan dan Ekonomi Kreatif Ahli Pertama",
                              k.AHLI_PERTAMA, 2), ("Pamong Budaya Ahli Pertama", k.AHLI_PERTAMA, 1)),
    ),
    _dinas(
        "Dinas Perpustakaan dan Kearsipan", "umum", 1,
        ("Bidang Perpustakaan", "Bidang Kearsipan"),
        jobs=_jobs("umum", ("Pustakawan Ahli Pertama", k.AHLI_PERTAMA, 2),
                   ("Pustakawan Terampil", k.TERAMPIL, 2), ("Arsiparis Ahli Pertama", k.AHLI_PERTAMA, 1),
                   ("Arsiparis Terampil", k.TERAMPIL, 2)),
    ),
    _dinas(
        "Dinas Tenaga Kerja", "sosial", 1,
        ("Bidang Pelatihan dan Penempatan Tenaga Kerja", "Bidang Hubungan Industrial"),
        jobs=_jobs("sosial", ("Mediator Hubungan Industrial Ahli Pertama", k.AHLI_PERTAMA, 1),
                   ("Instruktur Ahli Pertama", k.AHLI_PERTAMA, 1),
                   ("Pengantar Kerja Ahli Pertama", k.AHLI_PERTAMA, 1)),
    ),
    _dinas(
        "Badan Kesatuan Bangsa dan Politik", "sosial", 0.8,
        ("Bidang Ideologi dan Wawasan Kebangsaan", "Bidang Politik Dalam Negeri",
         "Bidang Ketahanan Ekonomi, Sosial dan Budaya"),
        jobs=_jobs("sosial", ("Analis Kebijakan Ahli Pertama", k.AHLI_PERTAMA, 1)),
    ),
)

DISTRICT_WEIGHT = 1.2
DISTRICT_JOBS = _jobs("pamong", ("Analis Kebijakan Ahli Pertama", k.AHLI_PERTAMA, 1),
                      ("Penggerak Swadaya Masyarakat Ahli Pertama", k.AHLI_PERTAMA, 1))


def district(name: str) -> Agency:
    """A kecamatan: a Perangkat Daerah headed by a camat, with a secretariat and seksi."""
    return Agency(
        name=f"Kecamatan {name}", head=f"Camat {name}", head_kind=k.ADMINISTRATOR,
        field="pamong", weight=DISTRICT_WEIGHT,
        units=(
            SubUnit("Sekretariat", "Sekretaris Kecamatan", k.ADMINISTRATOR, SECRETARIAT),
            *(SubUnit(f"Seksi {s}", f"Kepala Seksi {s}", k.PENGAWAS) for s in (
                "Pemerintahan", "Ketentraman dan Ketertiban Umum", "Kesejahteraan Sosial",
                "Pemberdayaan Masyarakat dan Desa")),
        ),
        jobs=DISTRICT_JOBS, is_district=True,
    )


# Structural positions: never held by PPPK.
STRUCTURAL_KINDS = frozenset({k.PIMPINAN_TINGGI, k.ADMINISTRATOR, k.PENGAWAS})


def all_jobs() -> list[Job]:
    """Every staff job in the catalogue (for tests of the names)."""
    jobs = [HR_JOB, *ADMIN_JOBS, *SECRETARIAT_JOBS, *SCHOOL_JOBS, *HEALTH_CENTRE_JOBS,
            *DISTRICT_JOBS]
    for agency in AGENCIES:
        jobs.extend(agency.jobs)
    return jobs
