"""Evidence files: PDF, JPG or PNG, checked by their content, not their name, stored
readable by Kembang only (`kembang.common.storage`)."""

import secrets

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from kembang.audit.services import audit_record
from kembang.common.downloads import safe_filename
from kembang.common.storage import private_storage
from kembang.learning.errors import RuleRefusal, TransitionRefused
from kembang.learning.models import Evidence, Session

MAX_BYTES = 5 * 1024 * 1024
SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
)


# The endings a name may carry for each type the content proved.
ENDINGS = {"application/pdf": (".pdf",), "image/png": (".png",),
           "image/jpeg": (".jpg", ".jpeg")}


def download_name(evidence: Evidence) -> str:
    """The name evidence is downloaded under: the name it was uploaded with, as a bare
    file name, and ending as the type its content proved — a PDF uploaded as
    "laporan.html" comes back as "laporan.html.pdf", so it never opens as something
    else."""
    name = safe_filename(evidence.original_name, default=_("Bukti"))
    endings = ENDINGS.get(evidence.content_type, ())
    if endings and not name.lower().endswith(endings):
        name += endings[0]
    return name


def sniff(head: bytes) -> tuple[str, str] | None:
    """The (content type, extension) the first bytes prove, or None."""
    for signature, content_type, extension in SIGNATURES:
        if head.startswith(signature):
            return content_type, extension
    return None


@transaction.atomic
def evidence_attach(*, actor, session: Session, upload: UploadedFile) -> Evidence:
    """Attach a file to a session still open for changes (not yet initialled)."""
    from kembang.learning.services.sessions import may_attach  # sessions imports us

    if not may_attach(actor, session):
        raise TransitionRefused(_("Bukti ditambahkan sebelum sesi diparaf, oleh yang mencatat "
                                  "sesi atau pesertanya."))
    if upload.size > MAX_BYTES:
        raise RuleRefusal(_("Berkas terlalu besar (%(size)s MB); batasnya 5 MB.")
                          % {"size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")},
                          code="evidence_too_large", field="evidence")
    upload.seek(0)
    kind = sniff(upload.read(16))
    upload.seek(0)
    if kind is None:
        raise RuleRefusal(_("Berkas %(name)s bukan PDF, JPG atau PNG.") % {"name": upload.name},
                          code="evidence_type", field="evidence")
    content_type, extension = kind
    evidence = Evidence(session=session, original_name=(upload.name or "")[:255],
                        content_type=content_type, size=upload.size, uploaded_by=actor)
    # Saved by `private_storage` (0600 in 0700 directories), at the path the model's
    # `upload_to` gives; the FileField then reads it from the same MEDIA_ROOT.
    file_field = Evidence._meta.get_field("file")
    name = file_field.generate_filename(  # a random name: never trust the client's
        evidence, f"{secrets.token_hex(8)}.{extension}")
    evidence.file = private_storage.save(name, upload, max_length=file_field.max_length)
    evidence.save()
    audit_record(actor=actor, regency=session.regency, action="session.evidence", obj=session,
                 changes={"evidence": [None, evidence.original_name]})
    return evidence
