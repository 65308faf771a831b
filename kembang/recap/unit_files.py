"""The unit recap's downloads (docs/rekap.md#unit-recap-page): the page's table as CSV,
XLSX and an A4 landscape PDF on the shared base (docs/documents.md).

CSV: the employees only, one row each. XLSX: the same sheet, then a sheet of notes — the
regency, the unit, the period, the as-of date of the status, the totals. PDF: the
letterhead, the period, the table with a totals row, what the figures mean.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kembang.common.files import Sheet, csv_bytes, xlsx_bytes
from kembang.documents.pdf import PdfDocument, date_text, para
from kembang.recap.unit_report import (
    UnitReport,
    numeric_columns,
    status_summary,
    table_header,
    table_rows,
    totals_row,
)


def unit_csv(report: UnitReport) -> bytes:
    return csv_bytes([table_header(report), *table_rows(report)])


def _notes(report: UnitReport, printed_on) -> list[list]:
    totals = report.totals
    rows = [
        [_("Pemerintah daerah"), str(report.recap.regency)],
        [_("Unit"), report.unit_label],
        [_("Periode"), report.period],
        [_("Status dihitung per"), date_text(report.as_of)],
        [_("Dicetak"), date_text(printed_on)],
        [_("Jumlah pegawai"), totals.people],
    ]
    rows += [[_("Sesi %(activity)s") % {"activity": label}, n]
             for (_a, label), n in zip(report.activity_columns, totals.sessions, strict=True)]
    rows += [[_("JP resmi"), totals.official], [_("JP sementara"), totals.provisional],
             [_("JP klasikal"), totals.classical]]
    rows += [[label, n] for _code, label, n in status_summary(report)]
    rows.append([_("Keterangan"), meaning(report)])
    return rows


def meaning(report: UnitReport) -> str:
    """What the figures mean, said under the table and in the notes."""
    return _("Sesi dan JP: bulan %(period)s; JP resmi dan JP sementara termasuk pelatihan "
             "klasikal. Status: seluruh tahun %(year)s per %(date)s.") % {
        "period": report.period, "year": report.year, "date": date_text(report.as_of)}


def unit_xlsx(report: UnitReport, *, printed_on) -> bytes:
    header = table_header(report)
    activities = len(report.activities)
    return xlsx_bytes([
        Sheet(_("Rekap JP"), header, table_rows(report), formats={0: "@"},
              widths=[21, 32, 40, *([14] * activities), 11, 13, 11, 26]),
        Sheet(_("Keterangan"), (), _notes(report, printed_on), widths=[28, 60]),
    ])


def unit_pdf(report: UnitReport, *, printed_on) -> bytes:
    document = PdfDocument(
        regency=report.recap.regency, title=_("Rekap JP unit"), printed_on=printed_on,
        subtitle=f"{report.unit_label} · {report.period}", landscape=True)
    story = [
        para(_("Rekap JP %(unit)s") % {"unit": report.unit_label}, "title"),
        para(meaning(report), "body"),
    ]
    if not report.people:
        story.append(para(_("Belum ada pegawai aktif di unit ini pada %(date)s.")
                          % {"date": date_text(report.as_of)}, "body"))
        return document.build(story)
    summary = " · ".join(f"{label}: {n}" for _code, label, n in status_summary(report))
    story.append(para(summary, "small"))
    # A header breaks where the words do: let "Pembimbingan/Coaching" break after "/".
    # Widths in points of the landscape frame: a NIP's 18 digits, "Pembimbingan/" in bold,
    # the longest status on two lines.
    header = [label.replace("/", "/ ") for label in table_header(report)]
    activities = len(report.activities)
    story.append(document.table(
        header, table_rows(report), numeric=numeric_columns(report),
        weights=[92, 100, 94, *([72] * activities), 52, 52, 52, 118], totals=totals_row(report)))
    return document.build(story)
