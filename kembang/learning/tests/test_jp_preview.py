"""The session form says what a session would earn before it is saved: its JP, or 0 JP
with the ledger's reason (monthly cap, under one JP of self-study, the day's cap), under
each profile — the service, its endpoints and who may ask them, and the form after an
error (the evidence file must be chosen again; every typed field is kept)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kembang.common.tests.clock import TODAY, iso, on
from kembang.learning.models import Session
from kembang.learning.services import programs, sessions
from kembang.learning.services.preview import session_jp_preview
from kembang.learning.tests.conftest import OCT
from kembang.learning.tests.test_views import (
    END,
    PDF,
    client_as,
    html,
    log_submitted,
    session_post,
    start_coaching,
    text_of,
    upload,
)
from kembang.organisation.tests.factories import EmployeeFactory, login_for
from kembang.regulation.reasons import render_reasons

pytestmark = pytest.mark.django_db


def preview(program, day, **data):
    return session_jp_preview(program=program, data={"date": day, **data})


def mentoring(p):
    program = programs.mentoring_request(
        actor=p.participant_user, mentor=p.coach, start_date=OCT, end_date=END,
        development_need="Menyusun telaahan staf", guidance_need="Arahan menyusun telaahan")
    return programs.mentoring_answer(actor=p.coach_user, program=program, accept=True)


def self_study(p):
    return programs.self_study_instruct(
        actor=p.coach_user, participant=p.participant, start_date=OCT, end_date=END,
        development_need="Analisis data", learning_sources="Kursus daring")


def log_self_study(p, program, day, minutes):
    return sessions.session_log(
        actor=p.participant_user, program=program, submit=True,
        data={"date": day, "topic": "Tabel pivot", "mode": "daring", "scope": "nasional",
              "minutes": minutes, "resume": "Belajar tabel pivot",
              "learning_source": "Kursus daring"}).session


# --- the service, per profile ----------------------------------------------------------------


@pytest.mark.parametrize("profile_id, jp", [("nganjuk", 4), ("belitung-timur", 2),
                                            ("langsa", 2)])
def test_a_coaching_session_within_the_cap_earns_the_profile_s_jp(people_for, profile_id, jp):
    p = people_for(profile_id)
    result = preview(start_coaching(p), on(-1, 5))
    assert result.jp == Decimal(jp) and not result.earns_nothing and not result.refusal
    assert render_reasons(result.reasons) == "Dihitung: sesi ke-1 bulan ini (maks. 2)."


def test_nganjuk_third_coaching_session_of_a_month_earns_0_jp_for_the_cap(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    log_submitted(p, program, on(-1, 5))
    log_submitted(p, program, on(-1, 12))
    result = preview(program, on(-1, 19))
    assert result.earns_nothing
    assert render_reasons(result.reasons) == (
        "Tidak dihitung: sudah 2 sesi Pembimbingan/Coaching bulan ini (sesi ke-3, maks. 2).")
    # Another month has its own slots.
    assert preview(program, TODAY).jp == 4


def test_belitung_timur_third_mentoring_session_of_a_month_earns_0_jp(people_for):
    p = people_for("belitung-timur")
    program = mentoring(p)
    log_submitted(p, program, on(-1, 5))
    log_submitted(p, program, on(-1, 6))
    result = preview(program, on(-1, 7), scope="internasional")
    assert result.earns_nothing
    assert "sudah 2 sesi Pendampingan/Mentoring bulan ini (sesi ke-3, maks. 2)" in (
        render_reasons(result.reasons))


def test_belitung_timur_an_earlier_date_takes_the_slot_of_a_later_session(people_for):
    """The cap goes by date: a session typed before two pending ones still counts."""
    p = people_for("belitung-timur")
    program = start_coaching(p)
    log_submitted(p, program, on(-1, 12))
    log_submitted(p, program, on(-1, 19))
    assert preview(program, on(-1, 5)).jp == 2


def test_langsa_self_study_under_45_minutes_earns_0_jp(people_for):
    p = people_for("langsa")
    result = preview(self_study(p), on(-1, 5), minutes=30)
    assert result.earns_nothing
    assert render_reasons(result.reasons) == "Kurang dari 1 JP (45 menit)."


def test_langsa_self_study_after_the_day_s_2_jp_earns_0_jp(people_for):
    p = people_for("langsa")
    program = self_study(p)
    log_self_study(p, program, on(-1, 5), 90)
    result = preview(program, on(-1, 5), minutes=45)
    assert result.earns_nothing
    assert render_reasons(result.reasons) == "Dibatasi 2 JP sehari."
    assert preview(program, on(-1, 6), minutes=45).jp == 1


def test_langsa_third_coaching_session_earns_0_jp_too(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    log_submitted(p, program, on(-1, 5))
    log_submitted(p, program, on(-1, 12))
    assert "Tidak dihitung" in render_reasons(preview(program, on(-1, 19)).reasons)


def test_drafts_and_cancelled_sessions_take_no_slot(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    sessions.session_log(actor=p.participant_user, program=program,
                         data={"date": on(-1, 5), "topic": "Draf", "scope": "nasional"})
    cancelled = log_submitted(p, program, on(-1, 6))
    sessions.session_cancel(actor=p.participant_user, session=cancelled)
    log_submitted(p, program, on(-1, 7))
    assert preview(program, on(-1, 19)).jp == 4


def test_a_corrected_session_is_judged_in_its_own_place(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    returned = log_submitted(p, program, on(-1, 5))
    log_submitted(p, program, on(-1, 12))
    log_submitted(p, program, on(-1, 19))
    sessions.session_return(actor=p.coach_user, session=returned, reason="Perbaiki")
    # Back on the same day it would be the first of three: it counts, the last does not.
    again = session_jp_preview(program=program, session=returned, data={"date": on(-1, 5)})
    assert again.jp == 4
    # Moved after the other two, it is the third.
    assert session_jp_preview(program=program, session=returned,
                              data={"date": on(-1, 26)}).earns_nothing


def test_a_date_the_service_refuses_says_so_instead_of_jp(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    tomorrow = preview(program, TODAY + datetime.timedelta(days=1))
    assert tomorrow.jp is None
    assert tomorrow.refusal == "Tanggal sesi tidak boleh di masa depan."
    assert "masa program" in preview(program, OCT - datetime.timedelta(days=1)).refusal


def test_nothing_is_said_until_the_date_and_minutes_are_filled_in(people_for):
    p = people_for("langsa")
    program = self_study(p)
    assert session_jp_preview(program=program, data={}) is None
    assert preview(program, on(-1, 5)) is None  # self-study: no minutes yet
    assert preview(program, on(-1, 5), minutes=0) is None
    assert preview(start_coaching(p), on(-1, 5), scope="luar-angkasa") is None


def test_a_session_in_a_locked_month_says_where_its_jp_are_booked(people_for):
    from kembang.learning.models import LockedPeriod

    p = people_for("langsa")
    program = start_coaching(p)
    LockedPeriod.objects.create(regency=p.regency, month=on(-1, 1), locked_by=p.hr_user,
                                reason="Dilaporkan")
    result = preview(program, on(-1, 5))
    assert result.jp == 2 and result.booked_month == on(0, 1)


# --- the endpoints ---------------------------------------------------------------------------


def preview_url(program):
    return reverse("learning:session_jp_preview", args=[program.pk])


def test_the_endpoint_answers_the_participant_and_the_guide_with_the_reason(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    log_submitted(p, program, on(-1, 5))
    log_submitted(p, program, on(-1, 12))
    for user in (p.participant_user, p.coach_user):
        response = client_as(user).post(preview_url(program),
                                        {"date": iso(on(-1, 19)), "scope": "nasional"})
        assert response.status_code == 200
        text = text_of(response)
        assert "Sesi ini akan mendapat 0 JP." in text
        assert "Tidak dihitung: sudah 2 sesi Pembimbingan/Coaching bulan ini" in text
        assert "<html" not in html(response)  # a fragment for htmx
    assert Session.objects.count() == 2  # nothing stored


@pytest.mark.parametrize("data", [{}, {"date": "2026-13-45"}, {"date": "a\x00b"},
                                  {"date": iso(on(-1, 5)), "scope": "x", "minutes": "NaN"}])
def test_the_endpoint_says_nothing_for_incomplete_or_bad_values(people_for, data):
    p = people_for("langsa")
    response = client_as(p.participant_user).post(preview_url(start_coaching(p)), data)
    assert response.status_code == 200
    assert "JP" not in text_of(response)


def test_only_who_may_log_a_session_on_the_program_may_ask(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    data = {"date": iso(on(-1, 5)), "scope": "nasional"}
    assert client_as(p.hr_user).post(preview_url(program), data).status_code == 404
    assert client_as(p.outsider_user).post(preview_url(program), data).status_code == 404
    assert client_as(p.head_user).post(preview_url(program), data).status_code == 404
    assert client_as(p.participant_user).get(preview_url(program)).status_code == 405


def test_the_edit_endpoint_is_for_who_may_edit_the_session(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    draft = sessions.session_log(actor=p.participant_user, program=program,
                                 data={"date": on(-1, 5), "topic": "Draf"}).session
    url = reverse("learning:session_edit_jp_preview", args=[draft.pk])
    data = {"date": iso(on(-1, 6)), "scope": "nasional"}
    response = client_as(p.participant_user).post(url, data)
    assert response.status_code == 200 and "Sesi ini akan mendapat 2 JP." in text_of(response)
    assert client_as(p.coach_user).post(url, data).status_code == 404  # not the logger
    assert client_as(p.outsider_user).post(url, data).status_code == 404


def test_the_form_asks_on_change_and_shows_today_s_preview_at_once(people_for):
    p = people_for("langsa")
    program = self_study(p)
    page = client_as(p.participant_user).get(
        reverse("learning:session_create", args=[program.pk]))
    body = html(page)
    for name in ("date", "scope", "minutes"):
        tag = re.search(rf'<[^>]+name="{name}"[^>]*>', body).group(0)
        assert f'hx-post="{preview_url(program)}"' in tag and 'hx-trigger="change"' in tag
    assert 'id="jp-preview"' in body
    assert 'name="topic"' in body and 'hx-post' not in re.search(
        r'<[^>]+name="topic"[^>]*>', body).group(0)

    coaching = start_coaching(p)
    page = client_as(p.participant_user).get(
        reverse("learning:session_create", args=[coaching.pk]))
    assert "Sesi ini akan mendapat 2 JP." in text_of(page)


def test_the_edit_form_shows_the_preview_of_the_session_as_stored(people_for):
    p = people_for("nganjuk")
    program = start_coaching(p)
    log_submitted(p, program, on(-1, 5))
    log_submitted(p, program, on(-1, 12))
    draft = sessions.session_log(actor=p.participant_user, program=program,
                                 data={"date": on(-1, 19), "topic": "Draf"}).session
    page = client_as(p.participant_user).get(reverse("learning:session_edit", args=[draft.pk]))
    assert "Sesi ini akan mendapat 0 JP." in text_of(page)
    assert reverse("learning:session_edit_jp_preview", args=[draft.pk]) in html(page)


# --- after a form error ----------------------------------------------------------------------


def test_after_an_error_the_file_must_be_chosen_again_and_typed_text_is_kept(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    tomorrow = iso(TODAY + datetime.timedelta(days=1))
    response = client_as(p.participant_user).post(
        reverse("learning:session_create", args=[program.pk]),
        session_post(day=tomorrow, topic="Menyusun kerangka laporan", mode="daring",
                     scope="internasional", notes="Catatan yang panjang & penting",
                     evidence=upload("bukti.pdf", PDF), submit="1"))
    assert response.status_code == 200 and not Session.objects.exists()
    form = response.context["form"]
    assert form.errors["evidence"] == [
        "Berkas bukti belum tersimpan. Pilih berkasnya lagi sebelum menyimpan."]
    body = html(response)
    assert 'value="Menyusun kerangka laporan"' in body
    assert "Catatan yang panjang &amp; penting</textarea>" in body
    assert f'value="{tomorrow}"' in body
    assert re.search(r'<option value="daring" selected>', body)
    assert re.search(r'<option value="internasional" selected>', body)
    # The date's refusal is said next to the date, and in the preview.
    assert "Tanggal sesi tidak boleh di masa depan." in text_of(response)


def test_without_a_chosen_file_nothing_is_said_about_it(people_for):
    p = people_for("langsa")
    response = client_as(p.participant_user).post(
        reverse("learning:session_create", args=[start_coaching(p).pk]),
        session_post(topic=""))
    assert response.status_code == 200
    assert "evidence" not in response.context["form"].errors
    assert "Pilih berkasnya lagi" not in text_of(response)


def test_the_preview_s_fields_of_another_regency_s_program_are_not_reachable(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    stranger = login_for(EmployeeFactory(unit=people_for("nganjuk").unit))
    assert client_as(stranger).post(preview_url(program), {"date": iso(on(-1, 5))}
                                    ).status_code == 404


def _queries(client, method, url, data=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data or {})
    assert response.status_code == 200
    return len(captured)


def test_the_form_and_its_preview_keep_a_constant_number_of_queries(people_for):
    p = people_for("langsa")
    program = self_study(p)
    client = client_as(p.participant_user)
    form_url = reverse("learning:session_create", args=[program.pk])
    data = {"date": iso(on(-1, 20)), "scope": "nasional", "minutes": "60"}
    log_self_study(p, program, on(-1, 2), 60)
    client.get(form_url)  # warm caches
    few = (_queries(client, "get", form_url), _queries(client, "post", preview_url(program), data))
    for n in range(3, 11):
        log_self_study(p, program, on(-1, n), 30 + n)
    assert Session.objects.count() == 9
    assert (_queries(client, "get", form_url),
            _queries(client, "post", preview_url(program), data)) == few
