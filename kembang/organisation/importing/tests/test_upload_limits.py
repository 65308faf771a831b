"""The employee import refuses a zip bomb or an oversized cell with its message, at
upload and in the dry run, and never stores a cell over the limit (security item 9)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kembang.common.tests.test_spreadsheet_limits import BOMB_CHARS, with_cell
from kembang.organisation.importing.models import ImportBatch, ImportRow
from kembang.organisation.importing.tests.helpers import csv_bytes, dry_run, siasn_row
from kembang.organisation.tests.factories import make_nip

pytestmark = pytest.mark.django_db

LONG_CELL = ("Berkas berisi sel yang lebih panjang dari 1.000 karakter. Periksa dan perpendek "
             "isi sel tersebut.")


def _no_row_stores_a_long_cell():
    for row in ImportRow.objects.all():
        values = [row.nip, row.name, *map(str, row.data.values()), str(row.messages)]
        assert all(len(v) <= 1000 for v in values)


@pytest.mark.parametrize("shared", [True, False], ids=["shared-string", "inline"])
def test_an_xlsx_bomb_is_refused_on_the_upload_page(client_for, hr_officer_a, shared):
    bomb = with_cell(b"a" * BOMB_CHARS, shared=shared)
    response = client_for(hr_officer_a).post(
        reverse("imports:start"), {"file": SimpleUploadedFile("bom.xlsx", bomb)})
    assert response.status_code == 200
    assert LONG_CELL in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_an_xlsx_bomb_reaching_the_dry_run_fails_the_batch_and_stores_no_row(hr_officer_a):
    # Past the form (as a queued task would meet it): the dry run reads it again.
    batch = dry_run(hr_officer_a, with_cell(b"a" * BOMB_CHARS, shared=True), "bom.xlsx")
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.error == LONG_CELL
    assert not ImportRow.objects.exists()


def test_a_csv_with_a_name_over_1000_characters_fails_the_batch(hr_officer_a):
    data = csv_bytes([siasn_row(make_nip(), "Budi Santoso"),
                      siasn_row(make_nip(), "a" * 1001)])
    batch = dry_run(hr_officer_a, data)
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.error == LONG_CELL
    _no_row_stores_a_long_cell()


def test_a_csv_with_a_name_of_exactly_1000_characters_is_read(hr_officer_a):
    batch = dry_run(hr_officer_a, csv_bytes([siasn_row(make_nip(), "a" * 1000)]))
    assert batch.status == ImportBatch.Status.VALIDATED, batch.error
    _no_row_stores_a_long_cell()
