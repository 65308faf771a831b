"""Personal names for demo employees, by the naming custom of each demo regency.

Nganjuk names are Javanese, Langsa names Acehnese (Teuku/Cut are inherited titles that
are written as part of the name), Belitung Timur names Malay with some Chinese-Indonesian
surnames. Older Javanese often carry a single name ("Sutarno"), which the lists keep.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class NameStyle:
    male_first: tuple[str, ...]
    male_last: tuple[str, ...]
    female_first: tuple[str, ...]
    female_last: tuple[str, ...]
    male_single: tuple[str, ...]
    female_single: tuple[str, ...]


JAVANESE = NameStyle(
    male_first=(
        "Agus", "Bambang", "Budi", "Eko", "Dwi", "Hadi", "Joko", "Slamet", "Sugeng", "Wahyu",
        "Yudi", "Heru", "Didik", "Imam", "Arif", "Teguh", "Bayu", "Rudi", "Hari", "Adi",
        "Andik", "Anton", "Fajar", "Rizky", "Dimas", "Aditya", "Galih", "Yoga", "Bagus",
        "Wawan", "Tri", "Hendro", "Nur", "Muhammad", "Ahmad", "Doni", "Ilham", "Lukman",
    ),
    male_last=(
        "Santoso", "Setiawan", "Prasetyo", "Wibowo", "Susanto", "Hidayat", "Purnomo",
        "Kurniawan", "Nugroho", "Saputra", "Wijaya", "Hartono", "Sulistyo", "Widodo",
        "Pratama", "Firmansyah", "Gunawan", "Haryanto", "Rahmat", "Mulyono", "Ramadhan",
        "Hermawan", "Cahyono", "Utomo", "Wicaksono", "Prabowo", "Suprapto", "Hakim",
    ),
    female_first=(
        "Sri", "Siti", "Dwi", "Tri", "Endang", "Yuli", "Rina", "Dewi", "Nurul", "Lilik",
        "Retno", "Anik", "Ika", "Indah", "Ratna", "Rini", "Eka", "Fitri", "Novi", "Ayu",
        "Dian", "Putri", "Wiwik", "Erna", "Titik", "Yeni", "Umi", "Nanik", "Desi", "Anis",
    ),
    female_last=(
        "Wahyuni", "Rahayu", "Lestari", "Handayani", "Purwanti", "Setyowati", "Suryani",
        "Kurniasih", "Wulandari", "Susanti", "Rahmawati", "Hidayati", "Utami", "Yuliana",
        "Andriani", "Maharani", "Kusumawati", "Ningsih", "Safitri", "Puspitasari",
        "Anggraini", "Pratiwi", "Fatimah", "Aminah", "Sulistyowati", "Indrawati",
    ),
    male_single=(
        "Sutarno", "Sugiyanto", "Karsono", "Suwarno", "Sumarno", "Paijo", "Supriyadi",
        "Suyitno", "Mujiono", "Sukardi",
    ),
    female_single=(
        "Sumarni", "Suparmi", "Sunarti", "Sulastri", "Suprihatin", "Mujiati", "Sriyatun",
        "Kasiyati", "Tumini", "Sukesi",
    ),
)  # fmt: skip

ACEHNESE = NameStyle(
    male_first=(
        "Muhammad", "Teuku", "Said", "Ahmad", "Zulfikar", "Rahmat", "Fauzan", "Khairul",
        "Safrizal", "Iskandar", "Azhari", "Mukhlis", "Hendra", "Rizal", "Yusri", "Marzuki",
        "Nasrullah", "Fadli", "Irwandi", "Munawar", "Syahrul", "Bukhari", "Zainal", "Hasbi",
        "Ridwan", "Taufik", "Zulkifli", "Fikri", "Maulana", "Husni",
    ),
    male_last=(
        "Fahmi", "Ibrahim", "Hasan", "Yusuf", "Abdullah", "Ismail", "Saputra", "Syahputra",
        "Aziz", "Rahman", "Ramadhan", "Rizki", "Husaini", "Anwar", "Amiruddin", "Saifuddin",
        "Jamaluddin", "Nurdin", "Mahmud", "Daud", "Idris", "Usman", "Hanafiah", "Akbar",
        "Hamzah", "Zakaria",
    ),
    female_first=(
        "Cut", "Nurul", "Siti", "Rahmi", "Marlina", "Rosmawati", "Nurhayati", "Fitria",
        "Yusnidar", "Mariani", "Nurlaila", "Intan", "Rahmah", "Zahra", "Ayu", "Nur", "Dewi",
        "Suryani", "Rita", "Eka", "Husna", "Maulidia", "Liza", "Mirna", "Ernawati",
    ),
    female_last=(
        "Fitri", "Hayati", "Wati", "Zahara", "Rahmawati", "Fajriah", "Maulida", "Yanti",
        "Safitri", "Hasanah", "Aini", "Putri", "Humaira", "Munira", "Mutia", "Sari",
        "Nurjannah", "Salmiah", "Khairunnisa", "Azizah", "Rahmayani", "Zuhra",
    ),
    male_single=(
        "Mukhtar", "Basri", "Jafar", "Ramli", "Armia", "Sulaiman", "Abubakar", "Zulkarnaini",
    ),
    female_single=(
        "Rosnani", "Jamilah", "Nurmala", "Salbiah", "Asmawati", "Halimah", "Darmawati",
    ),
)  # fmt: skip

MALAY = NameStyle(
    male_first=(
        "Ahmad", "Rusdi", "Hendra", "Herman", "Rizal", "Firman", "Andi", "Yudi", "Rahmat",
        "Syahrial", "Yusuf", "Marwan", "Zulkarnain", "Feri", "Heri", "Iwan", "Deni", "Sofyan",
        "Aldi", "Robby", "Hendri", "Suhardi", "Johan", "Steven", "Hendrik", "Arief", "Dedi",
        "Fadillah", "Ridho", "Yosef",
    ),
    male_last=(
        "Saputra", "Syahputra", "Hidayat", "Effendi", "Gunawan", "Pratama", "Ramadhan",
        "Wijaya", "Hakim", "Fauzi", "Kurniawan", "Firmansyah", "Setiawan", "Halim", "Tanjung",
        "Rahman", "Sanusi", "Darmawan", "Irawan", "Susanto", "Hartono", "Sanjaya", "Lubis",
        "Tanoto", "Hasibuan",
    ),
    female_first=(
        "Yuliana", "Novi", "Lina", "Fitriani", "Suryani", "Rosita", "Herlina", "Maya",
        "Nurhasanah", "Desi", "Leni", "Evi", "Mega", "Ria", "Winda", "Sinta", "Melati",
        "Yanti", "Rini", "Dewi", "Aprilia", "Susi", "Lili", "Meiliana", "Veronika",
    ),
    female_last=(
        "Sari", "Anggraini", "Wulandari", "Yulianti", "Oktaviani", "Febrianti", "Safitri",
        "Puspita", "Amelia", "Kartika", "Novita", "Permata", "Rahmawati", "Maharani",
        "Indriani", "Handayani", "Lestari", "Susanti", "Wijaya", "Halim",
    ),
    male_single=("Syamsudin", "Bahrudin", "Rosidi", "Jumadi", "Saparudin", "Abdulah"),
    female_single=("Rohaya", "Juriah", "Mariam", "Salmah", "Aisyah", "Norma"),
)  # fmt: skip
