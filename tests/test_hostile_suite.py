"""The hostile suite: every route of the URLconf, every kind of visitor, hostile values.

Built from the URL configuration itself (`get_resolver()`, django-ninja's API included),
so a new route without an entry in ROUTES below fails `test_every_route_is_in_the_table`
with its name. For every route and every kind of visitor the answer is the one its group
promises; on a route that takes a record's id, an outsider's answer is byte for byte the
answer for a missing id (404) and changes nothing. Then, as the user who may use the
route, every field of its forms (and a fixed list of common names, and every API
parameter of the OpenAPI schema) gets NUL bytes, 100,000 characters, absurd numbers and
impossible dates: no answer may be a 5xx. PostgreSQL is where NUL bytes fail; run there too.
"""

import re
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from kembang.api.views import api
from kembang.common.tests.clock import TODAY
from tests.hostile_world import FIVE_XX, STATS, build_hostile_world, form_fields, snapshot

LOGIN = "/akun/masuk/"
MISSING = 987_654_321
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"

# --- who visits ----------------------------------------------------------------------------

# Visitor kind → attribute of the world holding that user (None: anonymous).
VISITORS = {
    "anonymous": None,
    "other regency BKPSDM": "foreign_admin",
    "other regency HR officer": "foreign_hr",
    "other regency employee": "foreign_employee",
    "other agency HR officer": "other_unit_hr",
    "other agency head": "other_unit_head",
    "other agency coach": "other_unit_coach",
    "other agency employee": "p.outsider_user",
    "participant": "p.participant_user",
}
OUTSIDERS = [k for k in VISITORS if k not in {"anonymous", "participant"}]

# --- what each group of routes answers whom --------------------------------------------------
# ok: any answer below 400 (a page, a redirect, a download); login: the redirect to the
# login page; 401: the API's JSON refusal; 404: not found; missing: 404 and the same bytes
# as for a missing id, nothing changed; refused: below 400 and nothing changed.

_ALL_OK = {k: "ok" for k in VISITORS}
_EMAIL = "ok" if settings.EMAIL_CONFIGURED else "404"


def _group(anonymous, default, **kinds):
    answer = {k: default for k in VISITORS}
    answer["anonymous"] = anonymous
    for key, value in kinds.items():
        answer[key.replace("_", " ")] = value
    return answer


_NO_EMPLOYEE = {"other_regency_BKPSDM": "404"}  # an administrator without an employee record
_NOT_STAFF = {k.replace(" ", "_"): "404" for k in (
    "other regency employee", "other agency coach", "other agency employee", "participant")}

GROUPS = {
    # Reachable without logging in: login, activation, language switch.
    "public": _ALL_OK,
    # Reset by email exists only where mail is configured; else 404 for everyone.
    "email reset": {k: _EMAIL for k in VISITORS},
    "any logged-in user": _group("login", "ok"),
    "api: any logged-in user": _group("401", "ok"),
    "any employee": _group("login", "ok", **_NO_EMPLOYEE),
    "api: any employee": _group("401", "ok", **_NO_EMPLOYEE),
    # Lists scoped to the visitor's own units/regency: outsiders' own pages, empty of ours.
    "staff: HR/head/BKPSDM": _group("login", "ok", **_NOT_STAFF),
    "HR only: HR officer/BKPSDM": _group("login", "ok", other_agency_head="404", **_NOT_STAFF),
    "head or BKPSDM": _group("login", "ok", other_regency_HR_officer="404",
                             other_agency_HR_officer="404", **_NOT_STAFF),
    "BKPSDM only": _group("login", "404", other_regency_BKPSDM="ok"),
    # Read by staff, written by BKPSDM only ("GET|POST").
    "staff; POST BKPSDM only": {k: (v if v in ("login", "404") else
                                    f"ok|{'ok' if k == 'other regency BKPSDM' else '404'}")
                                for k, v in _group("login", "ok", **_NOT_STAFF).items()},
    # django-ninja's API root: no page (the docs live at /api/docs).
    "no page": {k: "404" for k in VISITORS},
    # Id-bearing: a party (the participant) reaches it, outsiders get the missing-id 404.
    "record: participant is a party": _group("login", "missing", participant="ok"),
    "api record: participant is a party": _group("401", "missing", participant="ok"),
    # Id-bearing staff record: the participant is an outsider too.
    "staff record": _group("login", "missing"),
    # Id-bearing, regency-wide staff record (a position): the regency's staff of any agency
    # reach it, everyone else gets the missing-id 404.
    "regency staff record": _group("login", "missing", other_agency_HR_officer="ok",
                                   other_agency_head="ok"),
    # Id-bearing staff action on the participant's own record: refused, nothing changes.
    "staff action on own record": _group("login", "missing", participant="refused"),
}


def _w(path):
    return lambda w: _attr(w, path)


def _report(w) -> int:
    """A prepared report of the participant's unit (its last month), made on first use."""
    from kembang.reports.tests.world import prepared_report

    return prepared_report(w.p, w.admin).pk


def _certificate(w):
    """A certificate of the participant (certificates switched on), made in the test's
    savepoint (rolled back after it)."""
    from kembang.certificates.tests.helpers import certificate_for

    return certificate_for(w.p)


def _due(w) -> dict:
    """A completed program of the participant, its certificate due and not issued."""
    from kembang.certificates.tests.helpers import due_program_for

    year, program = due_program_for(w.p)
    return {"year": year, "program_id": program.pk}


def _national(code: str) -> int:
    from kembang.competency.models import Competency

    return Competency.objects.get(code=code, regency__isnull=True).pk


def _technical(w) -> dict:
    """A technical competency of the participant's position, made on first use."""
    from kembang.competency.services import add_technical, technical_by_name

    name, position = "Pengelolaan arsip dinamis", w.p.participant.position
    found = technical_by_name(w.p.regency, position).get(name.casefold())
    if found is None:
        found = add_technical(actor=w.admin, position=position, name=name,
                              required_level=2).competency
    return {"competency_id": found.pk}


def _position(w) -> dict:
    return {"position_id": w.p.participant.position_id}


def _batch(w) -> int:
    from kembang.certificates.tests.helpers import batch_for

    _certificate(w)
    return batch_for(w.p, w.admin).pk


# Route name → (group, the legitimate user, URL kwargs from the world, POST data).
# kwargs hold real ids of the world's regency; ints are replaced by MISSING for the
# missing-id answer.
ROUTES = {
    "home": ("any logged-in user", "p.participant_user", None, None),
    "set_language": ("public", None, None, lambda w: {"language": "en", "next": "/"}),
    "accounts:login": ("public", None, None, None),
    "health": ("public", None, None, None),
    "favicon": ("public", None, None, None),
    "accounts:activate": ("public", None, None, None),
    "accounts:logout": ("any logged-in user", "p.participant_user", None, None),
    "accounts:password_change": ("any logged-in user", "p.participant_user", None, None),
    "accounts:password_reset": ("email reset", None, None, None),
    "accounts:password_reset_done": ("email reset", None, None, None),
    "accounts:password_reset_confirm": ("email reset", None, lambda w: {
        "uidb64": urlsafe_base64_encode(force_bytes(w.p.participant_user.pk)),
        "token": default_token_generator.make_token(w.p.participant_user)}, None),
    "api:openapi-json": ("any logged-in user", "p.participant_user", None, None),
    "api:openapi-view": ("any logged-in user", "p.participant_user", None, None),
    "api:api-root": ("no page", "p.participant_user", None, None),
    "api:me": ("api: any logged-in user", "p.participant_user", None, None),
    "api:employees": ("api: any logged-in user", "p.hr_user", None, None),
    "api:units": ("api: any logged-in user", "p.hr_user", None, None),
    "api:myjp_text": ("api: any employee", "p.participant_user", None, None),
    "api:employee_jp": ("api record: participant is a party", "p.hr_user",
                        lambda w: {"employee_id": w.p.participant.pk}, None),
    "api:employee": ("api record: participant is a party", "p.hr_user",
                     lambda w: {"employee_id": w.p.participant.pk}, None),
    "audit:event_list": ("BKPSDM only", "admin", None, None),
    "organisation:letterhead": ("BKPSDM only", "admin", None, None),
    "organisation:letterhead_logo_remove": ("BKPSDM only", "admin", None, None),
    "imports:start": ("HR only: HR officer/BKPSDM", "p.hr_user", None, None),
    "imports:template": ("HR only: HR officer/BKPSDM", "p.hr_user", None, None),
    "imports:export": ("staff: HR/head/BKPSDM", "p.hr_user", None, None),
    "imports:batch": ("staff record", "p.hr_user", lambda w: {"batch_id": w.batch.pk}, None),
    "imports:progress": ("staff record", "p.hr_user", lambda w: {"batch_id": w.batch.pk}, None),
    "imports:rejected": ("staff record", "p.hr_user", lambda w: {"batch_id": w.batch.pk}, None),
    "imports:apply": ("staff record", "p.hr_user", lambda w: {"batch_id": w.batch.pk},
                      lambda w: {"deactivate_missing": "on"}),
    "regulation:profile": ("any logged-in user", "p.participant_user", None, None),
    "regulation:compare": ("any logged-in user", "p.participant_user", None, None),
    "regulation:version_create": ("BKPSDM only", "admin", None,
                                  lambda w: {"base_profile_id": w.p.regency.profile_id}),
    "regulation:calculate": ("HR only: HR officer/BKPSDM", "p.hr_user", None, None),
    "recap:unit": ("staff: HR/head/BKPSDM", "p.hr_user", None, None),
    "recap:unit_xlsx": ("staff: HR/head/BKPSDM", "p.hr_user", None, None),
    "recap:unit_csv": ("staff: HR/head/BKPSDM", "p.hr_user", None, None),
    "recap:unit_pdf": ("staff: HR/head/BKPSDM", "p.hr_user", None, None),
    "reports:list": ("staff: HR/head/BKPSDM", "p.hr_user", None, None),
    "reports:overview": ("BKPSDM only", "admin", None, None),
    # Without a period to prepare (or one outside the visitor's units): back to the list.
    "reports:prepare": ("HR only: HR officer/BKPSDM", "p.hr_user", None, None),
    "reports:detail": ("staff record", "p.hr_user", lambda w: {"report_id": _report(w)}, None),
    "reports:pdf": ("staff record", "p.hr_user", lambda w: {"report_id": _report(w)}, None),
    "reports:send": ("staff record", "p.head_user", lambda w: {"report_id": _report(w)}, None),
    "reports:receive": ("staff record", "admin", lambda w: {"report_id": _report(w)}, None),
    "reports:return": ("staff record", "admin", lambda w: {"report_id": _report(w)},
                       lambda w: {"reason": "Belum lengkap"}),
    "certificates:verify": ("public", None, lambda w: {"token": _certificate(w).token}, None),
    "certificates:list": ("BKPSDM only", "admin", None, None),
    "certificates:settings": ("BKPSDM only", "admin", None,
                              lambda w: {"signatory_name": "Kepala", "enabled": "1"}),
    "certificates:siasn": ("BKPSDM only", "admin", None, None),
    "certificates:ipasn": ("staff: HR/head/BKPSDM", "p.hr_user", None, None),
    "certificates:pdf": ("record: participant is a party", "p.participant_user",
                         lambda w: {"certificate_id": _certificate(w).pk}, None),
    "certificates:revoke": ("staff record", "admin",
                            lambda w: {"certificate_id": _certificate(w).pk},
                            lambda w: {"reason": "Ganda"}),
    "certificates:batch": ("staff record", "admin", lambda w: {"batch_id": _batch(w)}, None),
    "certificates:batch_zip": ("staff record", "admin", lambda w: {"batch_id": _batch(w)},
                               None),
    "certificates:mine": ("any employee", "p.participant_user", None, None),
    "certificates:due": ("BKPSDM only", "admin", None, None),
    "certificates:issue": ("staff record", "admin", _due, None),
    "certificates:ipasn_mapping": ("BKPSDM only", "admin", None,
                                   lambda w: {"coaching": ["jp20"], "mentoring": ["jp20"],
                                              "self_study": ["jp20", "seminar"],
                                              "classical": ["jp20", "seminar"]}),
    "competency:home": ("any logged-in user", "p.participant_user", None, None),
    "competency:dictionary": ("any logged-in user", "p.participant_user", None, None),
    # The regency's own (technical) competency: another regency's BKPSDM editing the
    # national wording writes its own version, which is not ours to refuse.
    "competency:wording_edit": ("staff record", "admin", _technical,
                                lambda w: {"name": "Integritas", "definition": "Jujur.",
                                           "confidence": "H", "source": "Uji",
                                           **{f"level_{i}": f"Level {i}" for i in range(1, 6)}}),
    "competency:standards": ("staff: HR/head/BKPSDM", "p.hr_user", None, None),
    "competency:standards_import": ("BKPSDM only", "admin", None,
                                    lambda w: {"file": SimpleUploadedFile(
                                        "standar.csv",
                                        "JABATAN;KOMPETENSI;LEVEL\n"
                                        f"{w.p.participant.position.name};Integritas;3\n"
                                        .encode())}),
    "competency:position": ("regency staff record", "p.hr_user", _position, None),
    "competency:standard_set": ("staff record", "admin", _position,
                                lambda w: {"competency": _national("M2"),
                                           "required_level": "3"}),
    "competency:technical_add": ("staff record", "admin", _position,
                                 lambda w: {"name": "Pengelolaan arsip", "required_level": "2"}),
    "competency:employee": ("record: participant is a party", "p.participant_user",
                            lambda w: {"employee_id": w.p.participant.pk}, None),
    "competency:assessment_record": ("staff record", "p.hr_user",
                                     lambda w: {"employee_id": w.p.participant.pk},
                                     lambda w: {"source": "hasil", "assessor": "UPT",
                                                "assessed_on": TODAY.isoformat(),
                                                f"level_{_national('M1')}": "2"}),
    "competency:plan": ("record: participant is a party", "p.participant_user",
                        lambda w: {"employee_id": w.p.participant.pk}, None),
    "competency:plan_propose": ("staff record", "p.coach_user",
                                lambda w: {"employee_id": w.p.participant.pk},
                                lambda w: {f"pick_{_national('M1')}": "1",
                                           f"route_{_national('M1')}": "coaching",
                                           f"jp_{_national('M1')}": "2"}),
    "competency:plan_agree": ("record: participant is a party", "p.participant_user",
                              lambda w: {"employee_id": w.p.participant.pk}, None),
    "competency:route_rule": ("BKPSDM only", "admin", None,
                              lambda w: {"motivation_route": "coaching",
                                         "skill_route": "mentoring",
                                         "knowledge_route": "belajar_mandiri",
                                         "small_gap": "1"}),
    "competency:regency": ("BKPSDM only", "admin", None, None),
    "competency:agency_plan": ("BKPSDM only", "admin", None, None),
    "competency:subordinates": ("any logged-in user", "p.participant_user", None, None),
    "competency:results_import": ("HR only: HR officer/BKPSDM", "p.hr_user", None,
                                  lambda w: {"file": SimpleUploadedFile(
                                      "hasil.csv",
                                      "NIP;KOMPETENSI;LEVEL;TANGGAL;SUMBER\n"
                                      f"{w.p.participant.nip};Integritas;2;"
                                      f"{TODAY.isoformat()};UPT\n".encode())}),
    "annual:page": ("staff: HR/head/BKPSDM", "p.hr_user", None, None),
    "annual:pdf": ("staff: HR/head/BKPSDM", "p.hr_user", None, None),
    # Without a unit, each HR officer writes for their own first unit (BKPSDM: refused).
    "annual:unit_evaluation": ("HR only: HR officer/BKPSDM", "p.hr_user", None,
                               lambda w: {"text": "Evaluasi unit uji"}),
    "annual:conclusion": ("BKPSDM only", "admin", None,
                          lambda w: {"conclusions": "Kesimpulan uji"}),
    "recap:dashboard": ("head or BKPSDM", "p.head_user", None, None),
    # An administrator without an employee record is sent on to the staff program list.
    "learning:program_list": ("any logged-in user", "p.participant_user", None, None),
    "learning:staff_program_list": ("staff: HR/head/BKPSDM", "p.hr_user", None, None),
    "learning:program_start": ("any employee", "p.coach_user",
                               lambda w: {"activity": "coaching"}, None),
    "learning:my_evaluation_summary": ("any employee", "p.coach_user", None, None),
    "learning:my_jp": ("any logged-in user", "p.participant_user", None, None),
    "learning:notifications": ("any logged-in user", "p.participant_user", None, None),
    "learning:period_list": ("BKPSDM only", "admin", None, None),
    "learning:appointment_list": ("head or BKPSDM", "p.head_user", None, None),
    "learning:validation_queue": ("staff: HR/head/BKPSDM", "p.hr_user", None, None),
    "learning:validate_many": ("staff: HR/head/BKPSDM", "p.hr_user", None,
                               lambda w: {"session": [w.confirmed.pk]}),
    "learning:program_detail": ("record: participant is a party", "p.participant_user",
                                lambda w: {"program_id": w.coaching.pk}, None),
    "learning:program_agree": ("record: participant is a party", "p.participant_user",
                               lambda w: {"program_id": w.proposed.pk}, None),
    "learning:program_answer": ("staff action on own record", "p.coach_user",
                                lambda w: {"program_id": w.requested.pk},
                                lambda w: {"accept": "1"}),
    "learning:program_decline": ("record: participant is a party", "p.participant_user",
                                 lambda w: {"program_id": w.proposed.pk},
                                 lambda w: {"reason": "Belum siap"}),
    "learning:program_withdraw": ("record: participant is a party", "p.participant_user",
                                  lambda w: {"program_id": w.requested.pk}, None),
    "learning:program_close": ("record: participant is a party", "p.coach_user",
                               lambda w: {"program_id": w.coaching.pk},
                               lambda w: {"reason": "Selesai"}),
    "learning:session_create": ("record: participant is a party", "p.participant_user",
                                lambda w: {"program_id": w.coaching.pk}, None),
    "learning:session_jp_preview": ("record: participant is a party", "p.participant_user",
                                    lambda w: {"program_id": w.coaching.pk},
                                    lambda w: {"date": w.submitted.date.isoformat(),
                                               "scope": "nasional"}),
    "learning:planned_meeting_add": ("record: participant is a party", "p.participant_user",
                                     lambda w: {"program_id": w.coaching.pk},
                                     lambda w: {"day": "2026-12-01", "note": "Rapat"}),
    "learning:planned_meeting_remove": ("record: participant is a party",
                                        "p.participant_user",
                                        lambda w: {"program_id": w.coaching.pk},
                                        lambda w: {"meeting": "1"}),
    "learning:coach_evaluation": ("record: participant is a party", "p.participant_user",
                                  lambda w: {"program_id": w.coaching.pk}, None),
    "learning:mentor_assessment": ("staff record", "p.coach_user",
                                   lambda w: {"program_id": w.requested.pk}, None),
    # The seeds' paper as PDF (docs/paper-forms.md): scoped like the program page; the
    # coaching evaluation to the coachee only.
    "learning:program_record_pdf": ("record: participant is a party", "p.participant_user",
                                    lambda w: {"program_id": w.coaching.pk}, None),
    "learning:coach_evaluation_pdf": ("record: participant is a party", "p.participant_user",
                                      lambda w: {"program_id": w.coaching.pk}, None),
    "learning:mentor_assessment_pdf": ("record: participant is a party",
                                       "p.participant_user",
                                       lambda w: {"program_id": w.requested.pk}, None),
    "learning:self_study_closing": ("record: participant is a party", "p.participant_user",
                                    lambda w: {"program_id": w.self_study.pk}, None),
    "learning:self_study_closing_decide": ("staff action on own record", "p.coach_user",
                                           lambda w: {"program_id": w.self_study.pk},
                                           lambda w: {"accept": "1"}),
    "learning:session_detail": ("record: participant is a party", "p.participant_user",
                                lambda w: {"session_id": w.submitted.pk}, None),
    "learning:session_feedback": ("staff action on own record", "p.coach_user",
                                  lambda w: {"session_id": w.submitted.pk},
                                  lambda w: {"feedback": "Bagus, lanjutkan"}),
    "learning:program_career_plan": ("staff action on own record", "p.coach_user",
                                     lambda w: {"program_id": w.requested.pk},
                                     lambda w: {"career_plan": "Rencana karier"}),
    "learning:session_edit": ("record: participant is a party", "p.participant_user",
                              lambda w: {"session_id": w.draft.pk}, None),
    "learning:session_edit_jp_preview": ("record: participant is a party",
                                         "p.participant_user",
                                         lambda w: {"session_id": w.draft.pk},
                                         lambda w: {"date": w.draft.date.isoformat(),
                                                    "scope": "nasional"}),
    "learning:session_attach": ("record: participant is a party", "p.participant_user",
                                lambda w: {"session_id": w.draft.pk},
                                lambda w: {"evidence": SimpleUploadedFile(
                                    "b.pdf", PDF, content_type="application/pdf")}),
    "learning:evidence_download": ("record: participant is a party", "p.participant_user",
                                   lambda w: {"session_id": w.draft.pk,
                                              "evidence_id": w.evidence.pk}, None),
    "learning:session_action": ("staff action on own record", "p.hr_user",
                                lambda w: {"session_id": w.confirmed.pk, "action": "validasi"},
                                None),
    "learning:classical_list": ("staff record", "p.hr_user",
                                lambda w: {"employee_id": w.p.participant.pk}, None),
    "learning:classical_cancel": ("staff record", "p.hr_user",
                                  lambda w: {"employee_id": w.p.participant.pk,
                                             "training_id": w.training.pk},
                                  lambda w: {"reason": "Ganda"}),
    "learning:appointment_revoke": ("staff record", "p.head_user",
                                    lambda w: {"appointment_id": w.appointment.pk},
                                    lambda w: {"reason": "Pindah"}),
    "organisation:employee_list": ("staff: HR/head/BKPSDM", "p.hr_user", None, None),
    "organisation:employee_create": ("HR only: HR officer/BKPSDM", "p.hr_user", None, None),
    "organisation:unit_activation_codes": ("HR only: HR officer/BKPSDM", "p.hr_user", None,
                                           None),
    "organisation:unit_list": ("staff; POST BKPSDM only", "admin", None,
                               lambda w: {"name": "Unit Baru", "parent": ""}),
    "organisation:role_list": ("BKPSDM only", "admin", None, None),
    "organisation:employee_detail": ("record: participant is a party", "p.hr_user",
                                     lambda w: {"employee_id": w.p.participant.pk}, None),
    "organisation:employee_edit": ("staff record", "p.hr_user",
                                   lambda w: {"employee_id": w.p.participant.pk}, None),
    "organisation:employee_set_active": ("staff record", "p.hr_user",
                                         lambda w: {"employee_id": w.p.participant.pk},
                                         lambda w: {"active": "0", "reason": "Pensiun"}),
    "organisation:employee_activation_code": ("staff record", "admin",
                                              lambda w: {"employee_id": w.p.participant.pk},
                                              None),
    "organisation:employee_unlock": ("staff record", "p.hr_user",
                                     lambda w: {"employee_id": w.p.participant.pk}, None),
    "organisation:role_revoke": ("staff record", "admin",
                                 lambda w: {"assignment_id": w.assignment.pk},
                                 lambda w: {"reason": "Selesai tugas"}),
    "organisation:user_unlock": ("staff record", "admin",
                                 lambda w: {"user_id": w.p.participant_user.pk}, None),
}

# Common parameter names tried on every route besides the fields its pages show.
COMMON_FIELDS = [
    "q", "reason", "date", "topic", "start_date", "end_date", "jp", "page", "tahun", "year",
    "limit", "offset", "unit", "month", "file", "nip", "name", "comments", "minutes",
    "duration_minutes", "next", "accept", "active", "session", "format", "sesi", "pada",
    "dasar", "tindakan", "kegiatan", "urut", "status", "kind", "position", "dari", "sampai",
    "pelaku", "objek", "language", "evidence", "username", "code", "profil",
]
HOSTILE = {
    "nul": "a\x00b",
    "oversized": "x" * 100_000,
    "/nul": "/a\x00b",
    "1E+300000": "1E+300000",
    "10**23": "1" + "0" * 23,
    "-1": "-1",
    "NaN": "NaN",
    "2026-13-45": "2026-13-45",
    "0000-00-00": "0000-00-00",
}


# 5xx found and reported, not fixed here (the code is someone else's open change): route,
# the start of the failing input's note, the database vendor it fails on → why. Still
# counted and printed in the summary; delete the entry once fixed.
# Answers of 500 or more that are known and not yet fixed: (route, input, vendor) → why.
# Empty: the suite fails on every 5xx.
KNOWN_5XX: dict[tuple[str, str, str], str] = {}


def _known(route, note):
    for (known_route, start, vendor), why in KNOWN_5XX.items():
        if route == known_route and note.startswith(start) and connection.vendor == vendor:
            return why
    return None


# --- the URLconf ---------------------------------------------------------------------------


def _walk(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLPattern):
            if pattern.name:
                yield namespace + pattern.name, pattern
        else:
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern, ns)


def url_routes() -> dict[str, URLPattern]:
    """Every named route of the URLconf, django-ninja's API included (`api.urls`)."""
    return dict(_walk(get_resolver()))


def _attr(obj, dotted):
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


def _normal(body: bytes) -> bytes:
    """The answer without what differs per request anyway (CSP nonce, CSRF token)."""
    body = re.sub(rb'nonce="[^"]*"', b"", body)
    return re.sub(rb'(csrfmiddlewaretoken" value=|csrf-token" content=)"[^"]*"', b"", body)


# --- the world, once per module ------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once; each test runs in a savepoint inside this transaction, rolled back."""
    with django_db_blocker.unblock(), override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_hostile_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def browser_client(db):
    client = Client(raise_request_exception=False)  # CSRF checks are off in the test client
    client.user = None
    return client


def _as(client, world, dotted):
    if dotted is None:
        if client.user is not None:
            client.logout()
    elif client.user != dotted:
        client.force_login(_attr(world, dotted),
                           backend="kembang.accounts.backends.NipOrUsernameBackend")
    client.user = dotted
    return client


def _send(client, method, path, data=None, *, route="", note=""):
    STATS["requests"] += 1
    if method == "get":
        response = client.get(path, data or {})
    else:
        response = client.post(path, data or {})
    if response.status_code >= 500:
        known = _known(route, note)
        FIVE_XX.append(("[known: " + known + "] " if known else "")
                       + f"{response.status_code} {method.upper()} {route} {path[:120]} {note}")
    return response


def _path(name, kwargs):
    return reverse(name, kwargs=kwargs or None)


def _missing(kwargs):
    return {k: (MISSING if isinstance(v, int) else v) for k, v in (kwargs or {}).items()}


# --- the table and the URLconf agree ---------------------------------------------------------


def test_every_route_is_in_the_table():
    missing = sorted(set(url_routes()) - set(ROUTES))
    assert not missing, (f"routes without an entry in tests/test_hostile_suite.py ROUTES "
                         f"(give each a group): {missing}")


def test_the_table_has_no_stale_names():
    stale = sorted(set(ROUTES) - set(url_routes()))
    assert not stale, f"ROUTES names no route of the URLconf any more: {stale}"


def test_every_route_names_a_known_group():
    unknown = {name: spec[0] for name, spec in ROUTES.items() if spec[0] not in GROUPS}
    assert not unknown, unknown


# --- every route × every visitor ------------------------------------------------------------


def _methods(client, world, name, spec):
    """The methods the route accepts, asked as its legitimate user (405: not accepted)."""
    _group_name, legit, kwargs, post = spec
    path = _path(name, kwargs(world) if kwargs else None)
    _as(client, world, legit)
    accepted = []
    for method in ("get", "post"):
        data = post(world) if (post and method == "post") else None
        with transaction.atomic():
            response = _send(client, method, path, data, route=name, note="(legitimate)")
            transaction.set_rollback(True)
        if response.status_code != 405:
            accepted.append(method)
    return accepted


def _check(expected, response, *, missing=None, path=""):
    status = response.status_code
    if expected == "login":
        location = response.get("Location", "")
        return status == 302 and location == f"{LOGIN}?next={quote(path, safe='/')}", \
            f"{status} {location}"
    if expected == "401":
        return status == 401 and response["Content-Type"].startswith("application/json"), status
    if expected in ("ok", "refused"):
        return status < 400, status
    if expected == "404":
        return status == 404, status
    if expected == "missing":
        same = missing is not None and missing.status_code == 404 and \
            _normal(response.content) == _normal(missing.content)
        return status == 404 and same, f"{status} (missing id: {getattr(missing, 'status_code', '-')})"
    raise AssertionError(expected)


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_every_visitor_gets_the_answer_of_the_route_s_group(browser_client, world, name):
    spec = ROUTES[name]
    group, legit, kwargs, post = spec
    if name not in url_routes():
        pytest.skip("stale entry: test_the_table_has_no_stale_names fails")
    kwargs = kwargs(world) if kwargs else None
    path, missing_path = _path(name, kwargs), _path(name, _missing(kwargs))
    accepted = _methods(browser_client, world, name, spec)
    participant_nip = world.p.participant.nip.encode()
    failures = []
    before = snapshot()
    for kind, dotted in VISITORS.items():
        if kind == "participant" and kwargs:
            changed = [k for k, v in snapshot().items() if before[k] != v]
            if changed:
                failures.append(f"outsiders' requests changed {changed}")
        client = _as(browser_client, world, dotted)
        for method in ("get", "post"):
            expected = GROUPS[group][kind]
            if "|" in expected:
                expected = expected.split("|")[method == "post"]
            data = post(world) if (post and method == "post") else None
            STATS["route x visitor x method"] += 1
            response = _send(client, method, path, data, route=name, note=kind)
            if method not in accepted and expected in ("login", "401") and \
                    response.status_code == 405:
                continue  # the method check comes first; nothing is looked up
            if method not in accepted and expected not in ("login", "401"):
                if expected != "404" or response.status_code != 404:
                    ok, seen = response.status_code == 405, response.status_code
                    if not ok:
                        failures.append(f"{kind} {method.upper()}: expected 405, got {seen}")
                    continue
            missing = None
            if expected == "missing":
                missing = _send(client, method, missing_path, data, route=name,
                                note=f"{kind} missing id")
            ok, seen = _check(expected, response, missing=missing, path=path)
            if not ok:
                failures.append(f"{kind} {method.upper()}: expected {expected}, got {seen}")
            if kind in OUTSIDERS and response.status_code < 400 and \
                    participant_nip in response.content:
                failures.append(f"{kind} {method.upper()}: sees the participant's NIP")
    if kwargs and GROUPS[group]["participant"] != "ok":
        changed = [k for k, v in snapshot().items() if before[k] != v]
        if changed:
            failures.append(f"refused requests changed {changed}")
    # The control: the legitimate user reaches what the outsiders could not.
    client = _as(browser_client, world, legit)
    for method in accepted:
        data = post(world) if (post and method == "post") else None
        response = _send(client, method, path, data, route=name, note="legitimate")
        expected_ok = group != "no page" and (group != "email reset" or settings.EMAIL_CONFIGURED)
        if expected_ok and response.status_code >= 400:
            failures.append(f"legitimate {legit} {method.upper()}: got {response.status_code}")
    assert not failures, f"{name} {path}:\n  " + "\n  ".join(failures)


# --- hostile values -------------------------------------------------------------------------


def _str_path_args(pattern: URLPattern) -> list[str]:
    return [k for k, conv in pattern.pattern.converters.items()
            if type(conv).__name__ in {"StringConverter", "PathConverter"}]


@pytest.mark.parametrize("name", sorted(n for n in ROUTES if not n.startswith("api:")))
def test_hostile_values_in_every_field_never_cause_a_server_error(browser_client, world, name):
    routes = url_routes()
    if name not in routes:
        pytest.skip("stale entry")
    _group_name, legit, kwargs, post = ROUTES[name]
    kwargs = kwargs(world) if kwargs else None
    path = _path(name, kwargs)
    client = _as(browser_client, world, legit)
    page = _send(client, "get", path, route=name, note="discover fields")
    shown = form_fields(page.content.decode("utf-8", "replace")) if (
        page.status_code == 200 and page.get("Content-Type", "").startswith("text/html")) \
        else {"get": {}, "post": {}}
    own_post = post(world) if post else {}
    bases = {
        "get": {k: v for k, v in shown.get("get", {}).items()},
        "post": {**shown.get("post", {}), **{k: v for k, v in own_post.items()
                                              if isinstance(v, str)}},
    }
    five_xx = len(FIVE_XX)
    for method, base in bases.items():
        # All at once: every field shown and every common name, one hostile value each time.
        for label, value in HOSTILE.items():
            fields = sorted(set(base) | set(COMMON_FIELDS))
            # 40 fields × 100 kB in one body passes the upload limit (a 400): in chunks.
            size = 20 if (label == "oversized" and method == "post") else len(fields)
            for start in range(0, len(fields), size):
                STATS["hostile inputs"] += 1
                _send(client, method, path, {f: value for f in fields[start:start + size]},
                      route=name, note=f"all fields = {label}")
        # One field at a time, the others as the page fills them in.
        for field in sorted(base):
            for label, value in HOSTILE.items():
                STATS["hostile inputs"] += 1
                _send(client, method, path, {**base, field: value}, route=name,
                      note=f"{field} = {label}")
    # Hostile text where the URL takes a string.
    for arg in _str_path_args(routes[name]):
        for label, value in HOSTILE.items():
            if label == "oversized":
                value = "x" * 5000
            STATS["hostile inputs"] += 1
            hostile_path = path.replace(f"/{quote(str(kwargs[arg]))}/", f"/{quote(value)}/", 1)
            _send(client, "get", hostile_path, route=name, note=f"path {arg} = {label}")
            _send(client, "post", hostile_path, route=name, note=f"path {arg} = {label}")
    seen = [line for line in FIVE_XX[five_xx:] if not line.startswith("[known")]
    assert not seen, "server errors:\n  " + "\n  ".join(seen)


def _api_operations():
    schema = api.get_openapi_schema()
    for api_path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield api_path, method, operation


def test_every_api_route_is_in_the_openapi_schema():
    """The API routes of the URLconf and the schema the parameters come from agree."""
    paths = {p for p, _m, _o in _api_operations()}
    assert len(paths) == len([n for n in ROUTES if n.startswith("api:")]) - 3  # json/docs/root


@pytest.mark.parametrize("api_path,method", [(p, m) for p, m, _o in _api_operations()])
def test_hostile_api_parameters_never_cause_a_server_error(browser_client, world, api_path,
                                                           method):
    operation = api.get_openapi_schema()["paths"][api_path][method]
    params = operation.get("parameters", [])
    path_values = {"employee_id": str(world.p.participant.pk)}
    five_xx = len(FIVE_XX)
    for user in ("p.hr_user", "p.participant_user", "admin"):
        client = _as(browser_client, world, user)

        def url(path_args, query):
            built = api_path
            for key, value in path_args.items():
                built = built.replace("{" + key + "}", quote(value, safe=""))
            return built + ("?" + urlencode(query) if query else "")

        for param in params:
            for label, value in HOSTILE.items():
                STATS["hostile inputs"] += 1
                path_args = {k: v for k, v in path_values.items() if "{" + k + "}" in api_path}
                query = {}
                if param["in"] == "path":
                    path_args[param["name"]] = value if label != "oversized" else "9" * 5000
                else:
                    query[param["name"]] = value
                _send(client, method, url(path_args, query), route=api_path,
                      note=f"{user} {param['name']} = {label}")
    seen = [line for line in FIVE_XX[five_xx:] if not line.startswith("[known")]
    assert not seen, "server errors:\n  " + "\n  ".join(seen)
