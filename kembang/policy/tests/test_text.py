from kembang.policy.text import normalize_key, normalize_text


def test_seed_title_with_cyrillic_letters_reads_as_latin():
    # The Belitung Timur seed: "BERTALENТА" with Cyrillic Т (U+0422) and А (U+0410).
    assert normalize_text("PEGAWAI NEGERI SIPIL BERTALEN\u0422\u0410") == (
        "PEGAWAI NEGERI SIPIL BERTALENTA"
    )


def test_greek_and_cyrillic_lowercase_look_alikes_are_mapped():
    assert normalize_text("S\u0456t\u0456 W\u0430t\u0456") == "Siti Wati"
    assert normalize_text("R\u03bfni") == "Roni"


def test_whitespace_is_collapsed_and_trimmed():
    assert normalize_text("  Dinas\u00a0 Pendidikan\t\n dan  Kebudayaan ") == (
        "Dinas Pendidikan dan Kebudayaan"
    )


def test_compatibility_forms_and_invisible_characters_are_cleaned():
    assert normalize_text("\uff33\uff49\uff54\uff49\u200b Wati\ufeff") == "Siti Wati"


def test_case_is_kept_by_normalize_text_and_folded_by_normalize_key():
    assert normalize_text("Rakhmat Pratama, S.IP") == "Rakhmat Pratama, S.IP"
    assert normalize_key(" Belajar  MANDIRI ") == "belajar mandiri"


def test_none_gives_empty_string():
    assert normalize_text(None) == ""
