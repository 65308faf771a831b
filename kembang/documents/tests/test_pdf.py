"""The shared A4 base (docs/documents.md): paper sizes, embedded fonts only, text as data,
"Halaman X dari Y" on every page, the header row repeated."""

import io
from datetime import date
from decimal import Decimal

from pypdf import PdfReader

from kembang.documents.pdf import PdfDocument, cell_text, date_text, para, register_fonts


class _Regency:
    def __str__(self):
        return "Kabupaten Nganjuk"


def _read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def _embedded(reader) -> dict[str, bool]:
    return {str(font.get_object()["/BaseFont"]):
            "/FontFile2" in font.get_object()["/FontDescriptor"].get_object()
            for page in reader.pages for font in page["/Resources"]["/Font"].values()}


def test_a_portrait_document_with_a_long_table():
    register_fonts()
    register_fonts()  # once per process: a second call changes nothing
    document = PdfDocument(regency=_Regency(), title="Daftar uji", printed_on=date(2026, 3, 5))
    rows = [[f"<b>Nama & {n}</b>", n, Decimal("2.40")] for n in range(120)]
    pdf = document.build([para("Judul <i>bukan markup</i>", "title"),
                          document.table(["Nama", "Nomor", "JP"], rows, weights=[3, 1, 1],
                                         numeric={1, 2}, totals=["Jumlah", 120, Decimal("288")])])
    reader = _read(pdf)
    assert len(reader.pages) >= 3
    assert all((round(float(p.mediabox.width)), round(float(p.mediabox.height))) == (595, 842)
               for p in reader.pages)  # A4 portrait
    fonts = _embedded(reader)
    assert fonts and all(fonts.values()), fonts
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        assert "Pemerintah Kabupaten Nganjuk" in text and "Daftar uji" in text
        assert f"Halaman {number} dari {total}" in text
        assert "Dicetak 5 Maret 2026 dari Kembang" in text
        assert text.count("Nama Nomor JP") == 1  # the header on every page, once
    assert "Judul <i>bukan markup</i>" in texts[0] and "<b>Nama & 0</b>" in texts[0]
    assert "2,4" in texts[0]  # Indonesian decimal comma
    assert "Jumlah 120 288" in texts[-1]
    assert reader.metadata.title == "Daftar uji" and reader.metadata.creator == "Kembang"


def test_dates_and_cells_in_indonesian():
    assert date_text(date(2026, 8, 17)) == "17 Agustus 2026"
    assert date_text(date(2026, 8, 17), weekday=True) == "Senin, 17 Agustus 2026"
    assert [cell_text(v) for v in (None, 3, Decimal("2.50"), date(2026, 1, 2), "x")] == [
        "", "3", "2,5", "02/01/2026", "x"]
