"""Upload limits: a small "zip bomb" or an oversized CSV is refused while it is read,
with an Indonesian message, before it is expanded in memory (security item 9).

Bombs are built here, small on disk: a 2,000,000-character cell compresses to a few KB.
"""

import io
import struct
import tracemalloc
import zipfile

import openpyxl  # imported before any tracemalloc window, so the import is not measured
import pytest
from django.test import override_settings

from kembang.common.spreadsheet import SpreadsheetError, read_table
from kembang.organisation.importing.forms import file_headers

BOMB_CHARS = 2_000_000
SHEET = "xl/worksheets/sheet1.xml"


def xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def patched(data: bytes, member: str, old: bytes, new: bytes, extra=None) -> bytes:
    """The workbook with `old` replaced by `new` in one member's XML (and `extra`
    ``{member: (old, new)}`` replacements, a new member when `old` is None)."""
    changes = {member: (old, new), **(extra or {})}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename in changes:
                before, after = changes.pop(item.filename)
                assert before in content
                content = content.replace(before, after)
            dst.writestr(item.filename, content)
        for name, (_, content) in changes.items():
            dst.writestr(name, content)
    return out.getvalue()


def with_cell(text: bytes, *, shared: bool, item: bool = False) -> bytes:
    """A workbook whose cell B2 holds `text` exactly, however long: openpyxl's writer
    cuts a cell to 32,767 characters, so the bomb is written into the XML. `shared` puts
    it in xl/sharedStrings.xml, as Excel does (`item`: `text` is the ``<si>``'s own XML,
    e.g. rich-text runs); otherwise inline in the sheet."""
    data = xlsx([["nip", "nama"], ["196805011992021001", "PLACEHOLDER"]])
    placeholder = b'<c r="B2" t="inlineStr"><is><t>PLACEHOLDER</t></is></c>'
    if not shared:
        return patched(data, SHEET, placeholder,
                       b'<c r="B2" t="inlineStr"><is><t>' + text + b"</t></is></c>")
    main = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return patched(data, SHEET, placeholder, b'<c r="B2" t="s"><v>0</v></c>', extra={
        "[Content_Types].xml": (b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" '
                                b'ContentType="application/vnd.openxmlformats-officedocument.'
                                b'spreadsheetml.sharedStrings+xml" /></Types>'),
        "xl/sharedStrings.xml": (None, b'<sst xmlns="' + main + b'" count="1" uniqueCount="1">'
                                 b"<si>" + (text if item else b"<t>" + text + b"</t>")
                                 + b"</si></sst>"),
    })


def declared_small(data: bytes, member: str, size: int) -> bytes:
    """The zip with `member`'s uncompressed size rewritten to `size` in its local header
    (offset 22) and its central directory entry (offset 24): the sizes lie, the content
    stays as large as it was."""
    buf = bytearray(data)
    name = member.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = buf.find(signature)
        while at != -1:
            if buf[at + name_at : at + name_at + len(name)] == name:
                struct.pack_into("<I", buf, at + size_at, size)
            at = buf.find(signature, at + 4)
    return bytes(buf)


def padded(size: int) -> bytes:
    """A small, valid workbook whose sheet XML is `size` bytes longer (whitespace, which
    compresses to almost nothing)."""
    data = xlsx([["nip", "nama"], ["1", "Pegawai"]])
    return patched(data, SHEET, b"</sheetData>",
                   b"</sheetData>" + b" " * size)


def refused(data: bytes, filename: str) -> SpreadsheetError:
    with pytest.raises(SpreadsheetError) as caught:
        read_table(io.BytesIO(data), filename)
    return caught.value


def peak_bytes(function) -> int:
    tracemalloc.start()
    try:
        function()
    except SpreadsheetError:
        pass
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


# --- one cell too long -------------------------------------------------------------------


@pytest.mark.parametrize("shared", [True, False], ids=["shared-string", "inline"])
def test_an_xlsx_with_a_two_million_character_cell_is_refused_before_the_cell_is_built(shared):
    bomb = with_cell(b"a" * BOMB_CHARS, shared=shared)
    assert len(bomb) < 50_000  # a few KB on disk
    error = refused(bomb, "bom.xlsx")
    assert error.code == "cell_too_long"
    assert error.message == (
        "Berkas berisi sel yang lebih panjang dari 1.000 karakter. Periksa dan perpendek "
        "isi sel tersebut."
    )
    # The cell alone would be 2 MB as a str; reading stops long before it exists.
    assert peak_bytes(lambda: read_table(io.BytesIO(bomb), "bom.xlsx")) < 1_000_000


def test_a_shared_string_of_exactly_the_limit_is_read():
    table = read_table(io.BytesIO(with_cell(b"a" * 1000, shared=True)), "batas.xlsx")
    assert table.rows[0][1]["nama"] == "a" * 1000
    assert refused(with_cell(b"a" * 1001, shared=True), "batas.xlsx").code == "cell_too_long"


def test_a_rich_text_shared_string_counts_all_its_runs():
    # Two formatted runs of 600 characters: each is short, the cell is 1,200.
    runs = b"<r><t>" + b"a" * 600 + b"</t></r><r><rPr><b/></rPr><t>" + b"b" * 600 + b"</t></r>"
    bomb = with_cell(runs, shared=True, item=True)
    assert refused(bomb, "kaya.xlsx").code == "cell_too_long"


def _sheet(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(SHEET)


@pytest.mark.parametrize("filename", ["batas.csv", "batas.xlsx"])
def test_a_cell_of_exactly_the_limit_is_read_and_one_more_character_is_refused(filename):
    def build(text):
        if filename.endswith(".csv"):
            return f"nip,nama\n1,{text}\n".encode()
        return xlsx([["nip", "nama"], ["1", text]])

    table = read_table(io.BytesIO(build("a" * 1000)), filename)
    assert table.rows[0][1]["nama"] == "a" * 1000
    assert refused(build("a" * 1001), filename).code == "cell_too_long"


def test_a_csv_cell_beyond_the_csv_modules_own_bound_is_a_long_cell_not_a_damaged_file():
    error = refused(b"nip,nama\n1," + b"a" * BOMB_CHARS + b"\n", "bom.csv")
    assert error.code == "cell_too_long"
    assert "1.000 karakter" in error.message


def test_the_header_peek_of_the_import_form_refuses_the_bomb():
    bomb = xlsx([["NIP", "NAMA"], ["1", "a" * BOMB_CHARS]])
    with pytest.raises(SpreadsheetError) as caught:
        file_headers(bomb, "bom.xlsx")
    assert caught.value.code == "cell_too_long"


# --- unpacked size -----------------------------------------------------------------------


def test_an_xlsx_declaring_more_than_50_mb_unpacked_is_refused_without_reading_it():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(SHEET, b" " * (51 * 1024 * 1024))
    bomb = out.getvalue()
    assert len(bomb) < 200_000
    error = refused(bomb, "bom.xlsx")
    assert error.code == "too_large"
    assert error.message == (
        "Berkas terlalu besar: isinya lebih dari 50 MB setelah dibuka. Bagi menjadi "
        "beberapa berkas."
    )


@override_settings(KEMBANG_UPLOAD_MAX_UNPACKED_MB=1)
def test_an_xlsx_whose_zip_lies_about_its_sizes_is_refused_while_streaming():
    honest = padded(3 * 1024 * 1024)
    assert len(_sheet(honest)) > 2 * 1024 * 1024
    bomb = declared_small(honest, SHEET, 1000)
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        assert sum(m.file_size for m in archive.infolist()) < 1024 * 1024  # the lie
    error = refused(bomb, "bohong.xlsx")
    # Python's zipfile stops at the declared size and the checksum then fails; either way
    # the real 2+ MB is never taken in.
    assert error.code in {"too_large", "unreadable"}
    assert peak_bytes(lambda: read_table(io.BytesIO(bomb), "bohong.xlsx")) < 1_000_000


@override_settings(KEMBANG_UPLOAD_MAX_UNPACKED_MB=1)
def test_an_xlsx_whose_real_content_is_over_the_limit_is_refused_while_streaming():
    assert refused(padded(3 * 1024 * 1024), "besar.xlsx").code == "too_large"


@override_settings(KEMBANG_UPLOAD_MAX_UNPACKED_MB=1)
def test_a_csv_over_the_limit_is_refused_and_a_path_too(tmp_path):
    data = b"nip,nama\n" + b"1,Pegawai\n" * 120_000
    assert refused(data, "besar.csv").code == "too_large"
    path = tmp_path / "besar.csv"
    path.write_bytes(data)
    with pytest.raises(SpreadsheetError) as caught:
        read_table(path)
    assert caught.value.code == "too_large"


# --- rows and columns --------------------------------------------------------------------


@override_settings(KEMBANG_UPLOAD_MAX_ROWS=5)
@pytest.mark.parametrize("filename", ["baris.csv", "baris.xlsx"])
def test_rows_up_to_the_limit_are_read_and_one_more_is_refused(filename):
    def build(count):
        rows = [["nip", "nama"]] + [[str(n), "Pegawai"] for n in range(count)]
        if filename.endswith(".csv"):
            return "".join(",".join(r) + "\n" for r in rows).encode()
        return xlsx(rows)

    assert len(read_table(io.BytesIO(build(4)), filename).rows) == 4  # rows 2..5
    error = refused(build(5), filename)
    assert error.code == "too_many_rows"
    assert error.message == "Berkas berisi lebih dari 5 baris. Bagi menjadi beberapa berkas."


def test_the_default_row_limit_reads_as_60_000():
    data = xlsx([["nip", "nama"], ["1", "Pegawai"]])
    bomb = patched(data, SHEET, b"</sheetData>",
                   b'<row r="60001"><c r="A60001" t="inlineStr"><is><t>x</t></is></c></row>'
                   b"</sheetData>")
    assert refused(bomb, "baris.xlsx").message == (
        "Berkas berisi lebih dari 60.000 baris. Bagi menjadi beberapa berkas."
    )


def test_a_lying_dimension_does_not_hide_rows_and_a_far_empty_row_is_refused():
    data = xlsx([["nip", "nama"], ["1", "Pegawai"]])
    sheet = _sheet(data)
    assert b"<dimension" in sheet
    lying = patched(data, SHEET, b'ref="A1:B2"', b'ref="A1"')
    assert len(read_table(io.BytesIO(lying), "kecil.xlsx").rows) == 1  # all rows still read
    # openpyxl would yield a billion empty rows to reach this one.
    far = patched(lying, SHEET, b"</sheetData>",
                  b'<row r="1000000000"/></sheetData>')
    assert refused(far, "jauh.xlsx").code == "too_many_rows"


@override_settings(KEMBANG_UPLOAD_MAX_COLUMNS=3)
@pytest.mark.parametrize("filename", ["kolom.csv", "kolom.xlsx"])
def test_columns_up_to_the_limit_are_read_and_one_more_is_refused(filename):
    def build(width, trailing_blanks=0):
        rows = [[f"k{n}" for n in range(width)] + [""] * trailing_blanks, ["1"] * width]
        if filename.endswith(".csv"):
            return "".join(",".join(r) + "\n" for r in rows).encode()
        return xlsx(rows)

    assert read_table(io.BytesIO(build(3, trailing_blanks=10)), filename).names == [
        "k0", "k1", "k2"
    ]
    error = refused(build(4), filename)
    assert error.code == "too_many_columns"
    assert error.message == (
        "Berkas berisi lebih dari 3 kolom. Hapus kolom yang tidak diperlukan."
    )


def test_a_value_in_column_xfd_is_refused_under_the_default_200():
    data = xlsx([["nip", "nama"], ["1", "Pegawai"]])
    bomb = patched(data, SHEET, b"</sheetData>",
                   b'<row r="3"><c r="XFD3" t="inlineStr"><is><t>x</t></is></c></row>'
                   b"</sheetData>")
    assert refused(bomb, "lebar.xlsx").message == (
        "Berkas berisi lebih dari 200 kolom. Hapus kolom yang tidak diperlukan."
    )
