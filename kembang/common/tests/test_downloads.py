"""A download saved under a user-given name: one header, an ASCII name every browser
reads, the real name RFC 5987-encoded, nothing a name could inject."""

import re
from urllib.parse import unquote

import pytest
from django.http import HttpResponse

from kembang.common.downloads import attachment_disposition, safe_filename


def parts(header: str) -> tuple[str, str | None]:
    """(the quoted ASCII name, the decoded filename* or None)."""
    plain = re.fullmatch(r'attachment; filename="([^"\\]*)"(?:; filename\*=UTF-8\'\'(\S+))?',
                         header)
    assert plain, header
    return plain.group(1), unquote(plain.group(2)) if plain.group(2) else None


def test_a_plain_name_is_sent_as_it_is():
    assert attachment_disposition("sertifikat luar negeri.png") == \
        'attachment; filename="sertifikat luar negeri.png"'


@pytest.mark.parametrize("name, ascii_name", [
    ("Sertifikat Ñandú – 2026.pdf", "Sertifikat Nandu _ 2026.pdf"),
    ("証明書.pdf", "___.pdf"),
    ("laporan 50%.pdf", "laporan 50_.pdf"),
])
def test_a_name_outside_ascii_gets_a_stand_in_and_the_encoded_original(name, ascii_name):
    assert parts(attachment_disposition(name)) == (ascii_name, name)


@pytest.mark.parametrize("name", [
    '"; filename="evil.html', "a\\b.pdf", "x;y.pdf", "tab\there.pdf",
    "a\r\nSet-Cookie: sesi=curian.pdf", "nul\x00.pdf", "\u202egnp.exe",
])
def test_quotes_separators_and_control_characters_cannot_break_out(name):
    header = attachment_disposition(name)
    assert not re.search(r"[\x00-\x1f\x7f]", header)
    ascii_name, encoded = parts(header)
    assert '"' not in ascii_name and "\\" not in ascii_name and ";" not in ascii_name
    response = HttpResponse()
    response["Content-Disposition"] = header  # Django refuses a header with CR/LF
    assert "Set-Cookie" not in response.headers
    if encoded is not None:
        assert not re.search(r"[\x00-\x1f\x7f]", encoded)


@pytest.mark.parametrize("name, bare", [
    ("../../etc/passwd", "passwd"), ("C:\\Users\\ani\\foto.jpg", "foto.jpg"),
    ("  .rahasia.pdf ", "rahasia.pdf"), ("", "berkas"), ("...", "berkas"),
    ("a\r\nb.pdf", "ab.pdf"),
])
def test_only_a_bare_file_name_is_kept(name, bare):
    assert safe_filename(name) == bare
