import pytest
from django.utils import translation

from kembang.policy.builtin import LANGSA
from kembang.policy.ledger import ledger_for_participant
from kembang.policy.reasons import Reason
from kembang.policy.tests.helpers import INT, B, C, s
from kembang.regulation.reasons import activity_label, format_number, render_reason, render_reasons


@pytest.fixture(autouse=True)
def indonesian():
    with translation.override("id"):
        yield


@pytest.mark.parametrize(
    "code,params,text",
    [
        ("counted", {"activity": C, "n": 1, "cap": 2}, "Dihitung: sesi ke-1 bulan ini (maks. 2)."),
        ("counted", {"activity": C, "n": 4, "cap": None}, "Dihitung: sesi ke-4 bulan ini."),
        (
            "monthly_cap_reached",
            {"activity": C, "n": 3, "cap": 2},
            "Tidak dihitung: sudah 2 sesi Pembimbingan/Coaching bulan ini (sesi ke-3, maks. 2).",
        ),
        (
            "monthly_cap_reached",
            {"activity": "mentoring", "n": 5, "cap": 2},
            "Tidak dihitung: sudah 2 sesi Pendampingan/Mentoring bulan ini (sesi ke-5, maks. 2).",
        ),
        (
            "self_study_credited",
            {"minutes": 60, "day_minutes": 60, "day_jp": "1", "jp": "1"},
            "Belajar mandiri: 60 menit hari itu → 1 JP.",
        ),
        (
            "self_study_credited",
            {"minutes": 30, "day_minutes": 60, "day_jp": "1", "jp": "1"},
            "Belajar mandiri: 60 menit hari itu sampai baris ini → 1 JP; baris ini menambah 1 JP.",
        ),
        (
            "self_study_daily_cap",
            {"cap": 2, "day_minutes": 200, "minutes": 200},
            "Dibatasi 2 JP sehari.",
        ),
        (
            "self_study_below_unit",
            {"minutes": 44, "day_minutes": 44, "minutes_per_jp": 45},
            "Kurang dari 1 JP (45 menit).",
        ),
        (
            "self_study_below_unit",
            {"minutes": 10, "day_minutes": 100, "minutes_per_jp": 45},
            "Belum menambah 1 JP: 100 menit hari itu (1 JP = 45 menit).",
        ),
        (
            "international_uplift",
            {"factor": "1.2", "base_jp": "2", "jp": "2.4"},
            "Internasional: × 1,2.",
        ),
        ("something_new", {}, "something_new"),
    ],
)
def test_each_reason_code_in_indonesian(code, params, text):
    assert render_reason(code, params) == text


def test_a_row_with_several_reasons_is_one_text():
    (row,) = ledger_for_participant(LANGSA, [s(B, "2025-01-02", INT, minutes=200)]).rows
    assert render_reasons(row.reasons) == (
        "Belajar mandiri: 200 menit hari itu → 2 JP. Dibatasi 2 JP sehari. Internasional: × 1,2."
    )


def test_stored_reason_dicts_render_too():
    stored = [Reason.of("counted", activity=C, n=2, cap=2).to_dict()]
    assert render_reasons(stored) == "Dihitung: sesi ke-2 bulan ini (maks. 2)."


def test_numbers_follow_the_active_language():
    assert format_number("2.4") == "2,4"
    assert format_number("2") == "2"
    with translation.override("en"):
        assert format_number("2.4") == "2.4"


def test_activity_labels_use_the_regulations_words():
    assert activity_label("coaching") == "Pembimbingan/Coaching"
    assert activity_label("belajar_mandiri") == "Belajar Mandiri"
    assert activity_label("other") == "other"
