"""An uploaded import file (NIK, NPWP, addresses) is readable by Kembang only while it
waits for its dry run: 0600 in a 0700 directory."""

import os
import stat

import pytest

from kembang.organisation.importing import services
from kembang.organisation.importing.tests.helpers import csv_bytes, dry_run, siasn_row
from kembang.organisation.tests.factories import make_nip

pytestmark = pytest.mark.django_db


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_upload_is_owner_only_until_the_dry_run_deletes_it(hr_admin, media_in_tmp,
                                                                 monkeypatch):
    seen = {}
    validate = services.batch_validate

    def check_then_validate(batch_id):
        stored = services.ImportBatch.objects.get(pk=batch_id).stored_file
        path = media_in_tmp / stored
        seen["file"] = mode(path)
        seen["directories"] = {str(d): mode(media_in_tmp / d)
                               for d in path.relative_to(media_in_tmp).parents}
        validate(batch_id)

    monkeypatch.setattr(services, "batch_validate", check_then_validate)
    old = os.umask(0o022)  # the usual umask: Django's default would give 0644 and 0755
    try:
        batch = dry_run(hr_admin, csv_bytes([siasn_row(make_nip(), "Siti Aminah")]))
    finally:
        os.umask(old)
    assert batch.status == "validated"
    assert seen["file"] == 0o600
    assert seen["directories"] == {".": 0o700, "imports": 0o700}
    assert not list((media_in_tmp / "imports").iterdir())  # deleted after the dry run
