"""Evidence downloads under the name it was uploaded with: an attachment, the name safely
encoded (RFC 5987 beyond ASCII), ending as the type its content proved, and nothing a
name can inject into the headers."""

import re
from urllib.parse import unquote

import pytest
from django.urls import reverse

from kembang.common.tests.clock import on
from kembang.learning.models import Evidence
from kembang.learning.services import sessions
from kembang.learning.services.evidence import evidence_attach
from kembang.learning.tests.test_views import PDF, PNG, client_as, start_coaching, upload


@pytest.fixture
def draft(people_for):
    p = people_for("langsa")
    program = start_coaching(p)
    session = sessions.session_log(actor=p.participant_user, program=program,
                                   data={"date": on(-1, 5), "topic": "Bukti"}).session
    return p, session


def download(p, evidence, user=None):
    response = client_as(user or p.participant_user).get(
        reverse("learning:evidence_download", args=[evidence.session_id, evidence.pk]))
    assert response.status_code == 200
    return response


def names(header: str) -> tuple[str, str | None]:
    found = re.fullmatch(r'attachment; filename="([^"\\]*)"(?:; filename\*=UTF-8\'\'(\S+))?',
                         header)
    assert found, header
    return found.group(1), unquote(found.group(2)) if found.group(2) else None


def test_evidence_downloads_as_an_attachment_under_its_uploaded_name(draft):
    p, session = draft
    evidence = evidence_attach(actor=p.participant_user, session=session,
                               upload=upload("daftar hadir rapat.pdf", PDF))
    response = download(p, evidence)
    assert response["Content-Disposition"] == 'attachment; filename="daftar hadir rapat.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    # The coach, who may see the session, gets the same name.
    assert download(p, evidence, p.coach_user)["Content-Disposition"] == \
        response["Content-Disposition"]


def test_a_name_beyond_ascii_is_rfc_5987_encoded_with_an_ascii_stand_in(draft):
    p, session = draft
    evidence = evidence_attach(actor=p.participant_user, session=session,
                               upload=upload("Sertifikat Pelatihan Ñandú – 2026.png", PNG,
                                             "image/png"))
    header = download(p, evidence)["Content-Disposition"]
    assert names(header) == ("Sertifikat Pelatihan Nandu _ 2026.png",
                             "Sertifikat Pelatihan Ñandú – 2026.png")
    assert "filename*=UTF-8''Sertifikat%20Pelatihan%20%C3%91and%C3%BA%20%E2%80%93%202026.png" \
        in header


@pytest.mark.parametrize("stored, ascii_name, encoded", [
    ('lapor"an.pdf', "lapor_an.pdf", 'lapor"an.pdf'),
    ("a\r\nSet-Cookie: sessionid=curian; x.pdf", "aSet-Cookie: sessionid=curian_ x.pdf",
     "aSet-Cookie: sessionid=curian; x.pdf"),
    ("../../kembang/settings.pdf", "settings.pdf", None),
    ("halaman.html", "halaman.html.pdf", None),
    ("", "Bukti.pdf", None),
    ("BUKTI.PDF", "BUKTI.PDF", None),
])
def test_a_hostile_or_odd_stored_name_cannot_inject_or_disguise(draft, stored, ascii_name,
                                                                encoded):
    """Quotes, semicolons and CR/LF stay inside the (percent-encoded) name; path parts
    are dropped; a name ending otherwise than the content's type gets its ending."""
    p, session = draft
    evidence = evidence_attach(actor=p.participant_user, session=session,
                               upload=upload("bukti.pdf", PDF))
    Evidence.objects.filter(pk=evidence.pk).update(original_name=stored)
    response = download(p, evidence)
    header = response["Content-Disposition"]
    assert not re.search(r"[\r\n\x00]", header)
    assert "sessionid" not in response.cookies
    assert names(header) == (ascii_name, encoded)


def test_a_jpeg_keeps_either_of_its_endings(draft):
    p, session = draft
    jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 32
    for name in ("foto.jpeg", "foto.JPG"):
        evidence = evidence_attach(actor=p.participant_user, session=session,
                                   upload=upload(name, jpeg, "image/jpeg"))
        assert names(download(p, evidence)["Content-Disposition"]) == (name, None)
