"""The seeds' paper as PDF (docs/paper-forms.md): the session record of a program, the
Formulir Evaluasi Coaching and the Penilaian Penyelesaian Kegiatan dari Mentor.

Each document prints the seed's form first — its labels, from `seed_forms`, in its order —
with the recorded values; after it, what an auditor needs and the seed lacks (duration,
scope, mode, JP, validation and who validated), in Kembang's words (gettext). The seed's
labels are Indonesian in every language; Kembang's additions follow the active language.

The callers load the records (`kembang.learning.views.papers`); nothing here queries
beyond the relations of what it is given.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from kembang.documents import seed_forms as F
from kembang.documents.pdf import (
    FONT,
    FONT_BOLD,
    GRID,
    HEADER_FILL,
    PdfDocument,
    date_text,
    para,
    styles,
)
from kembang.policy.ranks import PNS_RANKS

BLANK = "............................"


# --- people and values ------------------------------------------------------------------


def person_rows(employee, unit=None) -> list[str]:
    """Nama, NIP, Pangkat/Gol., Jabatan, Unit Kerja of `employee` (`unit`: the unit on
    the session's date when known), in the seeds' order."""
    rank = PNS_RANKS.get(employee.rank)
    return [
        employee.full_name,
        employee.nip_display,
        F.rank_on_paper(employee.rank, employee.kind, rank.pangkat if rank else ""),
        employee.position.name if employee.position_id else "",
        (unit or employee.unit).name,
    ]


def place_of(regency) -> str:
    """The place written before the date on a form: the regency's own name ("Nganjuk")."""
    return regency.name


def _local_date(moment, regency):
    return timezone.localtime(moment, timezone=_zone(regency)).date() if moment else None


def _zone(regency):
    from zoneinfo import ZoneInfo

    return ZoneInfo(regency.timezone)


def _user_name(user) -> str:
    if user is None:
        return ""
    employee = getattr(user, "employee", None)
    return employee.full_name if employee is not None else user.get_username()


def _initials(session, regency) -> str:
    day = _local_date(session.confirmed_at, regency)
    return _("Diparaf %(date)s") % {"date": day.strftime("%d/%m/%Y")} if day else ""


# --- layout helpers -----------------------------------------------------------------------


def _p(text, style="cell") -> Paragraph:
    return Paragraph(escape(str(text or "")).replace("\n", "<br/>"), styles()[style])


def _b(text, style="cell_header") -> Paragraph:
    return Paragraph(escape(str(text)), styles()[style])


def _grid(data, widths, *, header=False, spans=(), boxed=True) -> Table:
    table = Table(data, colWidths=widths, hAlign="LEFT", repeatRows=1 if header else 0)
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        *(("SPAN", a, b) for a, b in spans),
    ]
    if boxed:
        commands.append(("GRID", (0, 0), (-1, -1), 0.4, GRID))
    if header:
        commands += [("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
                     ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)]
    table.setStyle(TableStyle(commands))
    return table


def _identity(labels, values, width) -> Table:
    """A "Nama : …" block without grid (Langsa's header, Belitung Timur's addition)."""
    rows = [[_p(label), _p(":"), _p(value)] for label, value in zip(labels, values, strict=True)]
    return _grid(rows, [28 * mm, 5 * mm, width - 33 * mm], boxed=False)


def _signature(label, name="", nip="", *, rows=("Nama", "NIP"), caption="") -> list:
    """One wet-ink block: the label, room to sign, then the name and NIP."""
    block = []
    if caption:
        block.append(_p(caption))
    block += [_b(label), Spacer(1, 16 * mm)]
    if rows:
        block += [_p(f"{rows[0]} : {name or BLANK}"), _p(f"{rows[1]} : {nip or BLANK}")]
    else:
        block += [_p(f"({name or BLANK})"), _p(f"NIP {nip}" if nip else "")]
    return block


def _signature_row(blocks, width) -> Table:
    columns = len(blocks)
    return _grid([blocks], [width / columns] * columns, boxed=False)


def _regency_place_date(regency, day) -> str:
    return f"{place_of(regency)}, {date_text(day)}" if day else f"{place_of(regency)}, {BLANK}"


# --- Kembang's additions after the seed's content ------------------------------------------


def _minutes(session) -> str:
    return _("%(n)s menit") % {"n": session.minutes} if session.minutes else "—"


def _jp(session) -> str:
    from kembang.regulation.reasons import format_number

    if session.status == "validated":
        return format_number(session.jp)
    return f"({format_number(session.jp_provisional)})"


def additions_heading():
    return para(_("Keterangan tambahan Kembang (tidak ada dalam formulir peraturan)"),
                "heading")


def additions_table(document, sessions, regency):
    header = [_("No."), _("Tanggal"), _("Durasi"), _("Cakupan"), _("Cara"), _("JP"),
              _("Divalidasi"), _("Divalidasi oleh")]
    rows = []
    for number, session in enumerate(sessions, start=1):
        validated = _local_date(session.validated_at, regency)
        rows.append([number, session.date, _minutes(session), session.get_scope_display(),
                     session.get_mode_display(), _jp(session),
                     validated.strftime("%d/%m/%Y") if validated else _("belum"),
                     _user_name(session.validated_by)])
    return document.table(header, rows, weights=[7, 16, 13, 16, 20, 8, 14, 30], numeric={5})


def program_summary(program, sessions) -> Paragraph:
    from kembang.regulation.reasons import format_number

    official = sum((s.jp for s in sessions if s.status == "validated"), 0)
    return para(_("%(activity)s · masa program %(start)s – %(end)s · %(n)s sesi · JP resmi "
                  "%(jp)s. JP dalam kurung bersifat sementara (belum divalidasi).") % {
        "activity": program.get_activity_display(), "start": date_text(program.start_date),
        "end": date_text(program.end_date), "n": len(sessions), "jp": format_number(official)},
        "small")


# --- the program's session record -----------------------------------------------------------


def _document(program, title, printed_on, draft, subtitle=""):
    if draft:
        subtitle = " · ".join(x for x in (subtitle, _(
            "salinan untuk ditandatangani sebelum validasi")) if x)
    return PdfDocument(regency=program.regency, title=title, printed_on=printed_on,
                       subtitle=subtitle,
                       watermark=_("belum divalidasi").upper() if draft else "")


def session_table_story(document, table: F.SessionTable, program, sessions, closing) -> list:
    regency = program.regency
    participant = program.participant
    who = [participant.full_name, participant.nip_display,
           participant.position.name if participant.position_id else ""]
    width = document.width
    story = [para(table.heading, "title")]
    if table.identity:
        story.append(_identity(table.identity, who, width))
        story.append(Spacer(1, 3 * mm))
    rows = [[n, date_text(s.date, weekday=True), s.topic, _initials(s, regency)]
            for n, s in enumerate(sessions, start=1)]
    sessions_table = document.table(table.columns, rows, weights=[8, 36, 96, 30])
    # Rows tall enough to initial by hand (about 8 mm): the paper is signed in wet ink.
    sessions_table.setStyle(TableStyle([("TOPPADDING", (0, 1), (-1, -1), 6),
                                        ("BOTTOMPADDING", (0, 1), (-1, -1), 9)]))
    story.append(sessions_table)
    if table.signatures:
        story.append(Spacer(1, 6 * mm))
        guide, part, head = table.signatures
        story.append(KeepTogether([
            _signature_row([_signature(guide, program.guide.full_name,
                                       program.guide.nip_display, rows=()),
                            _signature(part, participant.full_name, participant.nip_display,
                                       rows=())], width),
            Spacer(1, 4 * mm),
            _signature_row([_signature(head, rows=())], width),
        ]))
    if table.resume_heading:
        story += [para(table.resume_heading, "heading"),
                  para(closing.resume if closing is not None else "—")]
    story += [additions_heading(), program_summary(program, sessions)]
    if table.added_identity:
        story.append(_identity(table.added_identity, who, width))
    story.append(additions_table(document, sessions, regency))
    if table.added_signatures:
        guide, part = table.added_signatures
        story += [Spacer(1, 6 * mm), KeepTogether(_signature_row([
            _signature(guide, program.guide.full_name, program.guide.nip_display, rows=()),
            _signature(part, participant.full_name, participant.nip_display, rows=())],
            width))]
    return story


def _two_people(form, guide_rows, participant_rows, width):
    """NO. | COACH | NO. | COACHEE and the five numbered rows."""
    data = [[_b("NO."), _b(form.guide_heading), _b("NO."), _b(form.participant_heading)]]
    for n, (label, g, p) in enumerate(zip(form.identity, guide_rows, participant_rows,
                                          strict=True), start=1):
        data.append([_p(f"{n}."), _p(f"{label} : {g}"), _p(f"{n}."), _p(f"{label} : {p}")])
    side = (width - 20 * mm) / 2
    return _grid(data, [10 * mm, side, 10 * mm, side], header=True)


def abc_form_story(document, form: F.AbcForm, program, session) -> list:
    regency = program.regency
    width = document.width
    sections = (session.form_a or program.development_need, session.form_b or program.job_link,
                session.form_c or program.planned_activities)
    story = [para(form.title, "title"),
             _two_people(form, person_rows(program.guide),
                         person_rows(program.participant, session.unit), width),
             _grid([[_p(f"{form.day} : {date_text(session.date, weekday=True)}")]], [width])]
    for label, text in zip(form.sections, sections, strict=True):
        story.append(_grid([[_b(label)], [_p(text or "—")]], [width]))
    story.append(Spacer(1, 4 * mm))
    story.append(KeepTogether(_signature_row([
        _signature(form.guide_signer, program.guide.full_name, program.guide.nip_display,
                   rows=form.signer_rows, caption=" \n "),
        _signature(form.participant_signer, program.participant.full_name,
                   program.participant.nip_display, rows=form.signer_rows,
                   caption=f"{_regency_place_date(regency, session.date)}\n"
                           f"({form.place_date})"),
    ], width)))
    story += [additions_heading(), additions_table(document, [session], regency)]
    return story


def program_record_pdf(*, program, profile_id: str, sessions, closing=None, printed_on,
                       draft: bool = False) -> bytes:
    """The program's sessions on the seed's paper: Belitung Timur's and Langsa's table
    (one document, the header repeated on each page), or Nganjuk's Formulir Pelaksanaan
    Coaching / Formulir Mentoring (one per session). `sessions`: the validated ones for
    the final copy, initialled ones too for a `draft` (watermarked BELUM DIVALIDASI)."""
    sessions = list(sessions)
    form = F.abc_form(profile_id, program.activity)
    table = F.session_table(profile_id, program.activity)
    title = (form.title if form else table.heading if table else
             program.get_activity_display())
    document = _document(program, title, printed_on, draft,
                         subtitle=f"{program.participant.full_name} · "
                                  f"{program.participant.nip_display}")
    story: list = []
    if form is not None:
        for index, session in enumerate(sessions):
            if index:
                story.append(PageBreak())
            story += abc_form_story(document, form, program, session)
        if not sessions:
            story.append(para(_("Belum ada sesi yang dapat dicetak."), "body"))
    elif table is not None:
        story = session_table_story(document, table, program, sessions, closing)
    else:
        # A profile of the regency's own, without a seed table: the Langsa-like layout.
        story = session_table_story(document, F.LANGSA_TABLES[F.COACHING] if
                                    program.activity != F.SELF_STUDY else
                                    F.LANGSA_TABLES[F.SELF_STUDY], program, sessions, closing)
    return document.build(story)


# --- evaluations --------------------------------------------------------------------------


def coach_evaluation_pdf(*, program, form, session=None, evaluation=None,
                         printed_on) -> bytes:
    """Formulir Evaluasi Coaching, filled when `evaluation` is given, blank (for filling
    by hand) otherwise. `form`: the profile's evaluation form (statements, scale). Only
    ever built for the coachee (docs/life-cycle.md#evaluation-privacy)."""
    paper = F.COACHING_EVALUATION
    regency = program.regency
    document = PdfDocument(regency=regency, title=paper.title, printed_on=printed_on,
                           subtitle=program.participant.full_name)
    width = document.width
    day = session.date if session is not None else (
        _local_date(evaluation.created_at, regency) if evaluation is not None else None)
    answers = list(evaluation.answers) if evaluation is not None else []
    story = [para(paper.title, "title"),
             _two_people(paper, person_rows(program.guide),
                         person_rows(program.participant), width),
             _grid([[_p(f"{paper.day} : "
                        f"{date_text(day, weekday=True) if day else BLANK}")]], [width]),
             Spacer(1, 3 * mm), para(paper.instructions_heading, "heading"),
             *(para(line) for line in paper.instructions), Spacer(1, 2 * mm)]
    scale = {point.value: point.label for point in form.scale}
    rows = []
    for n, statement in enumerate(form.items, start=1):
        value = answers[n - 1] if n - 1 < len(answers) else None
        rows.append([n, statement, f"{value} ({scale.get(value, '')})" if value else ""])
    story.append(document.table([_("No."), _("Pernyataan"), _("Nilai")], rows,
                                weights=[8, 130, 32]))
    story += [Spacer(1, 3 * mm), para(paper.comment, "heading"),
              para(evaluation.suggestions if evaluation is not None and
                   evaluation.suggestions else "—"),
              Spacer(1, 4 * mm),
              KeepTogether(_signature_row([
                  [],
                  _signature(paper.signer, program.participant.full_name,
                             program.participant.nip_display, rows=paper.signer_rows,
                             caption=f"{_regency_place_date(regency, day)}\n"
                                     f"({paper.place_date})")], width))]
    return document.build(story)


def mentor_assessment_pdf(*, program, form, assessment=None, printed_on) -> bytes:
    """Penilaian Penyelesaian Kegiatan dari Mentor: the mentee's identity, the statement
    with the four levels (those not chosen struck through, as the seed's asterisk asks),
    the explanation, the mentor's signature."""
    paper = F.MENTOR_ASSESSMENT
    regency = program.regency
    document = PdfDocument(regency=regency, title=paper.title, printed_on=printed_on,
                           subtitle=program.participant.full_name)
    width = document.width
    levels = []
    for point in form.scale:
        text = escape(point.label)
        if assessment is not None:
            text = f"<b>{text}</b>" if point.value == assessment.score else f"<strike>{text}</strike>"
        levels.append(text)
    statement = (f"{escape(paper.statement_before)} {'/'.join(levels)}{paper.levels_note} "
                 f"{escape(paper.statement_after)}")
    explanation = assessment.explanation if assessment is not None else "\n".join(
        ["." * 90] * 6)
    story = [para(paper.title, "title"),
             _identity(paper.identity, person_rows(program.participant), width),
             Spacer(1, 3 * mm),
             Paragraph(statement, styles()["body"]),
             _p(explanation, "body"),
             Spacer(1, 6 * mm)]
    day = _local_date(assessment.created_at, regency) if assessment is not None else None
    story.append(KeepTogether(_signature_row([
        [], _signature(paper.signer, program.guide.full_name, program.guide.nip_display,
                       rows=paper.signer_rows)], width)))
    story += [additions_heading(),
              para(_("Dinilai pada %(date)s; nilai %(score)s dari skala %(scale)s.") % {
                  "date": date_text(day), "score": assessment.score,
                  "scale": len(form.scale)} if assessment is not None else
                  _("Belum dinilai: salinan kosong untuk diisi tangan."), "small")]
    return document.build(story)
