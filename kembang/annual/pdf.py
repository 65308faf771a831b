"""The annual evaluation on the shared A4 base (kembang/documents/pdf.py): the same
sections as the page, in the same words."""

from django.utils.translation import gettext as _

from kembang.annual.selectors import AnnualEvaluation, basis_text, status_text
from kembang.documents.pdf import PdfDocument, para
from kembang.learning.models import Program, Session


def section_titles() -> dict[str, str]:
    return {
        "coaches": _("Coach"),
        "mentors": _("Mentor"),
        "outcomes": _("Program selesai dan dihentikan"),
        "reports": _("Laporan unit yang dikirim"),
        "units": _("Evaluasi unit"),
        "conclusion": _("Kesimpulan dan rekomendasi BKPSDM"),
    }


def too_few_text() -> str:
    return _("Terlalu sedikit penilai untuk ditampilkan: hasil evaluasi coach ditampilkan "
             "setelah sedikitnya tiga coachee berbeda menilai.")


def annual_pdf(evaluation: AnnualEvaluation, *, printed_on) -> bytes:
    titles = section_titles()
    document = PdfDocument(regency=evaluation.regency, title=_("Evaluasi tahunan"),
                           printed_on=printed_on,
                           subtitle=f"{evaluation.scope_label} · {evaluation.year}")
    story = [para(_("Evaluasi tahunan %(year)s: %(scope)s")
                  % {"year": evaluation.year, "scope": evaluation.scope_label}, "title"),
             para(basis_text(evaluation), "small")]
    header = [_("Nama"), _("Program"), _("Sesi"), _("Selesai"), _("Dihentikan")]

    def rows(lines):
        return [[line.employee, status_text(line.programs, Program.Status.choices),
                 status_text(line.sessions, Session.Status.choices), line.completed,
                 line.abandoned] for line in lines]

    story.append(para(titles["coaches"], "heading"))
    if evaluation.coaches:
        story.append(document.table(header, rows(evaluation.coaches), numeric={3, 4},
                                    weights=[30, 30, 30, 10, 10]))
        for line in evaluation.coaches:
            story.append(para(str(line.employee), "body"))
            if line.evaluation is None:
                story.append(para(too_few_text(), "small"))
                continue
            story.append(para(_("%(n)s coachee berbeda, %(r)s formulir evaluasi")
                              % {"n": line.evaluation.evaluators,
                                 "r": line.evaluation.responses}, "small"))
            story.append(document.table(
                [_("Pernyataan"), _("Rata-rata (1–3)")],
                [[item, mean] for item, mean in line.evaluation.item_means],
                numeric={1}, weights=[85, 15]))
            if line.evaluation.suggestions:
                story.append(para(_("Saran/masukan"), "small"))
                for suggestion in line.evaluation.suggestions:
                    story.append(para(f"• {suggestion}", "small"))
    else:
        story.append(para(_("Tidak ada program coaching pada tahun ini."), "body"))

    story.append(para(titles["mentors"], "heading"))
    if evaluation.mentors:
        scale = evaluation.mentor_scale
        story.append(document.table(
            header + scale,
            [row + [n for _label, n in line.distribution]
             for row, line in zip(rows(evaluation.mentors), evaluation.mentors, strict=True)],
            numeric=set(range(3, 5 + len(scale))),
            weights=[24, 22, 22, 8, 8, *([8] * len(scale))]))
    else:
        story.append(para(_("Tidak ada program mentoring pada tahun ini."), "body"))

    story.append(para(titles["outcomes"], "heading"))
    coach, mentor = evaluation.totals(evaluation.coaches), evaluation.totals(evaluation.mentors)
    story.append(document.table(
        [_("Kegiatan"), _("Program"), _("Sesi"), _("Selesai"), _("Dihentikan")],
        [[_("Coaching"), coach["programs"], coach["sessions"], coach["completed"],
          coach["abandoned"]],
         [_("Mentoring"), mentor["programs"], mentor["sessions"], mentor["completed"],
          mentor["abandoned"]]], numeric={1, 2, 3, 4}))

    if evaluation.reports is not None:
        story.append(para(titles["reports"], "heading"))
        for label, _url in evaluation.reports or []:
            story.append(para(label, "body"))
        if not evaluation.reports:
            story.append(para(_("Belum ada laporan unit yang dikirim pada tahun ini."), "body"))

    story.append(para(titles["units"], "heading"))
    for label, written in evaluation.unit_evaluations:
        story.append(para(label, "body"))
        story.append(para(written.text, "small"))
    if not evaluation.unit_evaluations:
        story.append(para(_("Belum ada evaluasi unit untuk tahun ini."), "body"))

    story.append(para(titles["conclusion"], "heading"))
    if evaluation.conclusion is not None:
        story.append(para(_("Kesimpulan"), "body"))
        story.append(para(evaluation.conclusion.conclusions, "small"))
        if evaluation.conclusion.recommendations:
            story.append(para(_("Rekomendasi"), "body"))
            story.append(para(evaluation.conclusion.recommendations, "small"))
    else:
        story.append(para(_("BKPSDM belum menulis kesimpulan untuk tahun ini."), "body"))
    return document.build(story)
