"""A unit report as an A4 landscape PDF on the shared base (docs/documents.md)."""

from django.utils.translation import gettext as _

from kembang.documents.pdf import PdfDocument, date_text, para


def report_pdf(report, table: dict, *, rule, reading: str, printed_on) -> bytes:
    title = f"{report.get_kind_display().capitalize()} · {report.unit}"
    document = PdfDocument(regency=report.regency, title=title, printed_on=printed_on,
                           subtitle=table.get("period", ""), landscape=True)
    story = [para(title, "title"),
             para(_("Periode: %(start)s – %(end)s · Batas waktu: %(due)s") % {
                 "start": date_text(report.period_start), "end": date_text(report.period_end),
                 "due": date_text(report.due_date)}, "body"),
             para(f"{rule.clause}: {reading}", "small"),
             para(_("Status: %(status)s") % {"status": report.get_status_display()}, "body")]
    if report.note:
        story.append(para(_("Catatan pengelola SDM: %(note)s") % {"note": report.note}, "body"))
    if table.get("rows"):
        story.append(document.table(table["header"], table["rows"],
                                    numeric=set(table.get("numeric", [])),
                                    totals=table.get("totals")))
    else:
        story.append(para(_("Tidak ada baris untuk periode ini."), "body"))
    return document.build(story)
