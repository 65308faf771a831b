"""The web `hitung_jp` (/profil/hitung/) refuses a zip bomb with its message instead of
reading it into the page (security item 9)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kembang.common.tests.test_spreadsheet_limits import BOMB_CHARS, with_cell

pytestmark = pytest.mark.django_db

CALCULATE = "/profil/hitung/"


@pytest.mark.parametrize("name,data,message", [
    ("bom.xlsx", with_cell(b"a" * BOMB_CHARS, shared=True),
     "Berkas berisi sel yang lebih panjang dari 1.000 karakter."),
    ("bom.csv", b"nip,jenis,tanggal\n196805011992021001,coaching," + b"a" * BOMB_CHARS + b"\n",
     "Berkas berisi sel yang lebih panjang dari 1.000 karakter."),
    ("lebar.csv", b"nip,jenis,tanggal" + b",x" * 200 + b"\n",
     "Berkas berisi lebih dari 200 kolom."),
])
def test_a_bomb_shows_its_message_and_no_result(client_for, hr_officer_a, name, data, message):
    response = client_for(hr_officer_a).post(
        CALCULATE, {"berkas": SimpleUploadedFile(name, data)})
    assert response.status_code == 200
    assert message in response.context["problem"]
    assert response.context.get("result") is None
    assert message in response.content.decode()
