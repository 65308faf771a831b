"""The national competency dictionary as first loaded (docs/competency.md#dictionary).

PermenPANRB 38/2017 (Standar Kompetensi Jabatan ASN): eight managerial competencies and
the socio-cultural one, each with descriptors for levels 1–5. The wording below is the
first version only: it is loaded into the database by the app's data migration, where
BKPSDM may correct it (each edit is a new version; assessments keep the version they
used). Confidence follows the reference we transcribed it from: H — several copies agree;
M — one good copy; L — from memory, to verify against the Kamus Kompetensi before relying
on it. That is why these facts are data, not code.

`SEED_TABLE` is the "Tabel Level Kompetensi" printed, word for word, by the Belitung Timur
Perbup (Lampiran huruf D) and the Langsa panduan (huruf D): levels 1–3 of the eight
managerial competencies. Under those profiles the screens show it first, the national
wording below it.
"""

MANAJERIAL = "manajerial"
SOSIAL_KULTURAL = "sosial_kultural"
TEKNIS = "teknis"

HIGH, MEDIUM, LOW = "H", "M", "L"

# code, kind, name, definition, definition confidence, (level 1…5), level confidences
NATIONAL = [
    ("M1", MANAJERIAL, "Integritas",
     "Konsisten berperilaku selaras dengan nilai, norma dan/atau etika organisasi, dan jujur "
     "dalam hubungan dengan manajemen, rekan kerja, bawahan langsung, dan pemangku "
     "kepentingan.", HIGH,
     ("Mampu bertindak sesuai nilai, norma, etika organisasi dalam kapasitas pribadi",
      "Mampu mengingatkan, mengajak rekan kerja untuk bertindak sesuai nilai, norma, dan "
      "etika organisasi",
      "Mampu memastikan, menanamkan keyakinan bersama agar anggota yang dipimpin bertindak "
      "sesuai nilai, norma, dan etika organisasi, dalam lingkup formal",
      "Mampu menciptakan situasi kerja yang mendorong kepatuhan pada nilai, norma, dan "
      "etika organisasi",
      "Mampu menjadi role model dalam penerapan standar keadilan dan etika di tingkat "
      "nasional")),
    ("M2", MANAJERIAL, "Kerjasama",
     "Kemampuan menjalin, membina, mempertahankan hubungan kerja yang efektif, memiliki "
     "komitmen saling membantu dalam penyelesaian tugas.", HIGH,
     ("Berpartisipasi dalam kelompok kerja",
      "Menumbuhkan tim kerja yang partisipatif dan efektif",
      "Efektif membangun tim kerja untuk peningkatan kinerja organisasi",
      "Membangun komitmen tim, sinergi",
      "Menciptakan situasi kerja sama secara konsisten, baik di dalam maupun di luar "
      "instansi")),
    ("M3", MANAJERIAL, "Komunikasi",
     "Kemampuan untuk menerangkan pandangan dan gagasan secara jelas, sistematis disertai "
     "argumentasi yang logis, baik secara lisan maupun tertulis; memastikan pemahaman.",
     HIGH,
     ("Menyampaikan informasi dengan jelas, lengkap, pemahaman yang sama",
      "Aktif menjalankan komunikasi secara formal dan informal; bersedia mendengarkan orang "
      "lain, menginterpretasikan pesan dengan respon yang sesuai, mampu menyusun materi "
      "presentasi, pidato, naskah, laporan, dll",
      "Berkomunikasi secara asertif, terampil berkomunikasi lisan/tertulis untuk "
      "menyampaikan informasi yang sensitif/rumit/kompleks",
      "Mampu mengemukakan pemikiran multidimensi secara lisan dan tertulis untuk mendorong "
      "kesepakatan dengan tujuan meningkatkan kinerja secara keseluruhan",
      "Menggagas sistem komunikasi yang terbuka secara strategis untuk mencari solusi "
      "dengan tujuan meningkatkan kinerja")),
    ("M4", MANAJERIAL, "Orientasi pada Hasil",
     "Kemampuan mempertahankan komitmen pribadi yang tinggi untuk menyelesaikan tugas, dapat "
     "diandalkan, bertanggung jawab, mampu secara sistimatis mengidentifikasi risiko dan "
     "peluang.", HIGH,
     ("Bertanggung jawab untuk memenuhi standar kerja",
      "Berupaya meningkatkan hasil kerja pribadi yang lebih tinggi dari standar yang "
      "ditetapkan, mencari, mencoba metode alternatif untuk peningkatan kinerja",
      "Menetapkan target kerja yang menantang bagi unit kerja, memberi apresiasi dan teguran "
      "untuk mendorong kinerja",
      "Mendorong unit kerja mencapai target yang ditetapkan atau melebihi hasil kerja "
      "sebelumnya",
      "Meningkatkan mutu pencapaian kerja organisasi")),
    ("M5", MANAJERIAL, "Pelayanan Publik",
     "Kemampuan dalam melaksanakan tugas-tugas pemerintahan, pembangunan dan kegiatan "
     "pemenuhan kebutuhan pelayanan publik secara profesional, transparan, mengikuti standar "
     "pelayanan yang objektif, netral, tidak memihak, tidak diskriminatif.", HIGH,
     ("Menjalankan tugas mengikuti standar pelayanan",
      "Mampu mensupervisi/mengawasi/menyelia dan menjelaskan proses pelaksanaan tugas-tugas "
      "pemerintahan/pelayanan publik secara transparan",
      "Mampu memanfaatkan kekuatan kelompok serta memperbaiki standar pelayanan publik di "
      "lingkup unit kerja",
      "Mampu memonitor, mengevaluasi, memperhitungkan dan mengantisipasi dampak dari "
      "isu-isu jangka panjang, kesempatan, atau kekuatan politik dalam hal pelayanan "
      "kebutuhan pemangku kepentingan yang transparan, objektif, dan profesional",
      "Mampu memastikan kebijakan-kebijakan pelayanan publik yang menjamin terselenggaranya "
      "pelayanan publik yang objektif, netral, tidak memihak, tidak diskriminatif, serta "
      "tidak terpengaruh kepentingan pribadi/kelompok/partai politik")),
    ("M6", MANAJERIAL, "Pengembangan Diri dan Orang Lain",
     "Kemampuan untuk meningkatkan pengetahuan dan menyempurnakan keterampilan diri; "
     "menginspirasi orang lain untuk mengembangkan dan menyempurnakan pengetahuan dan "
     "keterampilan yang relevan dengan pekerjaan dan pengembangan karir jangka panjang.",
     HIGH,
     ("Pengembangan diri",
      "Meningkatkan kemampuan bawahan dengan memberikan contoh dan penjelasan cara "
      "melaksanakan suatu pekerjaan",
      "Memberikan umpan balik, membimbing",
      "Menyusun program pengembangan jangka panjang dalam rangka mendorong manajemen "
      "pembelajaran",
      "Menciptakan situasi yang mendorong organisasi untuk mengembangkan kemampuan belajar "
      "secara berkelanjutan dalam rangka mendukung pencapaian hasil")),
    ("M7", MANAJERIAL, "Mengelola Perubahan",
     "Kemampuan dalam menyesuaikan diri dengan situasi yang baru atau berubah dan tidak "
     "bergantung secara berlebihan pada metode dan proses lama, mengambil tindakan untuk "
     "mendukung dan melaksanakan inisiatif perubahan.", LOW,
     ("Mengikuti perubahan dengan arahan",
      "Proaktif beradaptasi mengikuti perubahan",
      "Membantu orang lain mengikuti perubahan, mengantisipasi perubahan secara tepat",
      "Memimpin perubahan pada unit kerja",
      "Memimpin, menggalang dan menggerakkan dukungan pemangku kepentingan untuk menjalankan "
      "perubahan secara berkelanjutan pada tingkat instansi/nasional")),
    ("M8", MANAJERIAL, "Pengambilan Keputusan",
     "Kemampuan membuat keputusan yang baik secara tepat waktu dan dengan keyakinan diri "
     "setelah mempertimbangkan prinsip kehati-hatian, dirumuskan secara sistematis dan "
     "seksama berdasarkan berbagai informasi, alternatif pemecahan masalah dan "
     "konsekuensinya.", LOW,
     ("Mengumpulkan informasi untuk bertindak sesuai kewenangan",
      "Menganalisis masalah secara mendalam",
      "Membandingkan berbagai alternatif, menyeimbangkan risiko keberhasilan dalam "
      "implementasi",
      "Menyelesaikan masalah yang mengandung risiko tinggi, mengantisipasi dampak "
      "keputusan, membuat tindakan pengamanan; mitigasi risiko",
      "Menghasilkan solusi dan mengambil keputusan untuk mengatasi permasalahan jangka "
      "panjang/strategis, berdampak nasional")),
    ("SK1", SOSIAL_KULTURAL, "Perekat Bangsa",
     "Kemampuan dalam mempromosikan sikap toleransi, keterbukaan, peka terhadap perbedaan "
     "individu/kelompok masyarakat; mampu menjadi perpanjangan tangan pemerintah dalam "
     "mempersatukan masyarakat.", LOW,
     ("Peka memahami dan menerima kemajemukan",
      "Aktif mengembangkan sikap saling menghargai, menekankan persamaan dan persatuan",
      "Mempromosikan, mengembangkan sikap toleransi dan persatuan",
      "Mendayagunakan perbedaan secara konstruktif dan kreatif untuk meningkatkan "
      "efektifitas organisasi",
      "Wakil pemerintah untuk membangun hubungan sosial psikologis")),
]

# Levels 1–4: several copies agree (H); level 5: fewer copies (M). Mengelola Perubahan
# level 1 is truncated in the copy read ("… dengan"); "arahan" is completed from the seed.
LEVEL_CONFIDENCE = (HIGH, HIGH, HIGH, HIGH, MEDIUM)
LEVEL_CONFIDENCE_OVERRIDES = {("M7", 1): MEDIUM}

SOURCE_NOTE = ("PermenPANRB 38/2017 tentang Standar Kompetensi Jabatan ASN (Kamus "
               "Kompetensi Manajerial dan Sosial Kultural); salinan awal Kembang, perlu "
               "diverifikasi terhadap naskah resmi.")

# The seeds' "Tabel Level Kompetensi": code → (name as printed, level 1, 2, 3).
SEED_TABLE_PROFILES = frozenset({"belitung-timur", "langsa"})
SEED_TABLE = {
    "M1": ("Integritas", "Bertindak sesuai nilai, norma, etika organisasi",
           "Mengajak rekan bertindak sesuai nilai",
           "Menanamkan keyakinan agar bawahan bertindak sesuai nilai"),
    "M2": ("Kerjasama", "Berpartisipasi dalam tim", "Membangun tim yang partisipatif",
           "Meningkatkan kinerja organisasi"),
    "M3": ("Komunikasi", "Menyampaikan informasi dengan jelas",
           "Aktif berkomunikasi formal dan informal", "Menyampaikan informasi yang kompleks"),
    "M4": ("Orientasi pada hasil", "Memenuhi standar kerja", "Melebihi standar yang ditetapkan",
           "Menetapkan target kinerja yang menantang"),
    "M5": ("Pelayanan Publik", "Mematuhi standar pelayanan", "Mensupervisi proses pelayanan",
           "Memperbaiki standar pelayanan"),
    "M6": ("Pengembangan diri", "Pengembangan individu pegawai",
           "Meningkatkan kemampuan bawahan", "Memberi umpan balik dan membimbing"),
    "M7": ("Mengelola Perubahan", "Mengikuti perubahan dengan arahan",
           "Proaktif beradaptasi mengikuti perubahan",
           "Membantu orang lain mengantisipasi perubahan"),
    "M8": ("Pengambilan Keputusan", "Mengumpulkan informasi sesuai kewenangan",
           "Menganalisis masalah secara mendalam", "Membandingkan berbagai alternatif"),
}


def level_confidence(code: str, level: int) -> str:
    return LEVEL_CONFIDENCE_OVERRIDES.get((code, level), LEVEL_CONFIDENCE[level - 1])


def load_national(competency_model, wording_model) -> None:
    """Create the national competencies and their first wording where missing (the data
    migration's step; the model classes are passed in, so this module stays free of
    Django)."""
    for order, (code, kind, name, definition, confidence, levels) in enumerate(NATIONAL,
                                                                                start=1):
        competency, _created = competency_model.objects.get_or_create(
            code=code, regency=None, defaults={"kind": kind, "order": order})
        if wording_model.objects.filter(competency=competency).exists():
            continue
        wording_model.objects.create(
            competency=competency, regency=None, version=1, name=name,
            definition=definition, confidence=confidence, source=SOURCE_NOTE,
            **{f"level_{i}": text for i, text in enumerate(levels, start=1)})
