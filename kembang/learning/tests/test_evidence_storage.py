"""Evidence files on disk are readable by Kembang only: 0600 files in 0700 directories."""

import os
import stat
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kembang.common.tests.clock import on
from kembang.learning.services import programs, sessions
from kembang.learning.tests.conftest import OCT

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    old = os.umask(0o022)  # the usual umask: Django's default would give 0644 and 0755
    yield Path(settings.MEDIA_ROOT)
    os.umask(old)


def test_evidence_is_stored_owner_only_and_still_served(people_for, media, client):
    p = people_for("langsa")
    program = programs.coaching_propose(
        actor=p.coach_user, participant=p.participant, start_date=OCT, end_date=on(1, 31),
        development_need="Menyusun laporan", goal="Laporan tepat waktu")
    program = programs.program_agree(actor=p.participant_user, program=program)
    draft = sessions.session_log(
        actor=p.participant_user, program=program, submit=False,
        data={"date": on(-1, 2), "topic": "Laporan", "mode": "luring",
              "scope": "nasional"}).session
    evidence = sessions.evidence_attach(
        actor=p.participant_user, session=draft,
        upload=SimpleUploadedFile("bukti saya.pdf", PDF, content_type="application/pdf"))

    path = Path(evidence.file.path)
    assert path.is_relative_to(media / "evidence" / str(p.regency.pk) / str(draft.pk))
    assert "saya" not in path.name and path.suffix == ".pdf"
    assert mode(path) == 0o600
    for directory in path.relative_to(media).parents:
        assert mode(media / directory) == 0o700, directory
    evidence.refresh_from_db()
    with evidence.file.open("rb") as handle:
        assert handle.read() == PDF
