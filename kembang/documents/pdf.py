"""The A4 base every Kembang PDF is built on (docs/documents.md).

    document = PdfDocument(regency=regency, title=_("Rekap JP"), printed_on=today,
                           landscape=True)
    pdf = document.build([para(_("…")), document.table(header, rows, numeric={3, 4})])

* Page: A4 portrait or landscape, reportlab platypus; every page carries the letterhead
  ("Pemerintah Kabupaten Nganjuk", the title, an optional subtitle; the regency's logo
  left of them when BKPSDM uploaded one, at most 12 mm high, its aspect ratio kept) and a
  footer with the print date and "Halaman X dari Y" (the total is known once every page
  is laid out: `_NumberedCanvas` draws header and footer when the document is saved).
* Fonts: Bitstream Vera, the TrueType files shipped inside the reportlab package, embedded
  (a subset of each, as /FontFile2) — never one of the 14 standard Type-1 fonts, which a
  PDF names without embedding and a viewer replaces with whatever it has. Registered once
  per process (`register_fonts`); every style, the canvas's initial font and every table
  cell use them.
* Text: `para` escapes what it is given (a name with "&" or "<" is data, not markup).
  Numbers print in the active language (`2,4` in Indonesian), dates as "22 November 2026"
  (`date_text`); documents render in the active language, Indonesian by default.
* Tables: `PdfDocument.table` repeats its header row on every page the table continues on,
  right-aligns the numeric columns, and can end with a bold totals row.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import reportlab
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as landscape_of
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from kembang.regulation.reasons import format_number

FONT = "KembangSans"
FONT_BOLD = "KembangSans-Bold"
FONT_ITALIC = "KembangSans-Italic"
FONT_BOLD_ITALIC = "KembangSans-BoldItalic"
FONT_DIR = Path(reportlab.__file__).resolve().parent / "fonts"
FONT_FILES = {FONT: "Vera.ttf", FONT_BOLD: "VeraBd.ttf", FONT_ITALIC: "VeraIt.ttf",
              FONT_BOLD_ITALIC: "VeraBI.ttf"}

MARGIN = 10 * mm
HEADER_HEIGHT = 15 * mm  # the letterhead, above the frame
FOOTER_HEIGHT = 8 * mm  # the footer, below the frame
LOGO_SIZE = 12 * mm  # the logo's height at most
LOGO_MAX_WIDTH = 30 * mm  # a wide logo is scaled down to this width
GAP = 3 * mm  # between the letterhead's rule and the content, and above the footer

INK = colors.HexColor("#212529")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#1f6f50")  # Kembang's green (kembang.css)
GRID = colors.HexColor("#b8c2bd")
HEADER_FILL = colors.HexColor("#e3efe9")
STRIPE = colors.HexColor("#f5f7f6")
CELL_SIZE = 7.5  # points, table cells
CELL_LEADING = 8.8
CELL_PADDING = 3

_lock = threading.Lock()
_registered = False
_styles: dict[str, ParagraphStyle] = {}


def register_fonts() -> None:
    """Register the embedded TrueType family once per process (thread-safe)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                      boldItalic=FONT_BOLD_ITALIC)
        _registered = True


def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles, all in the embedded family: title, heading, body, small,
    cell, cell_number, cell_header, cell_header_number, cell_total, cell_total_number."""
    register_fonts()
    if not _styles:
        def style(name, **options):
            return ParagraphStyle(name, **{"fontName": FONT, "textColor": INK, **options})

        made = {
            "title": style("title", fontName=FONT_BOLD, fontSize=13, leading=16,
                           spaceAfter=4),
            "heading": style("heading", fontName=FONT_BOLD, fontSize=10.5, leading=13,
                             spaceBefore=6, spaceAfter=3),
            "body": style("body", fontSize=9, leading=12, spaceAfter=3),
            "small": style("small", textColor=MUTED, fontSize=7.5, leading=9.5,
                           spaceAfter=2),
            "cell": style("cell", fontSize=CELL_SIZE, leading=CELL_LEADING),
            "cell_header": style("cell_header", fontName=FONT_BOLD, fontSize=CELL_SIZE,
                                 leading=CELL_LEADING),
            "cell_total": style("cell_total", fontName=FONT_BOLD, fontSize=CELL_SIZE,
                                leading=CELL_LEADING),
        }
        for name in ("cell", "cell_header", "cell_total"):
            made[f"{name}_number"] = ParagraphStyle(f"{name}_number", parent=made[name],
                                                    alignment=TA_RIGHT)
        _styles.update(made)
    return _styles


def date_text(day: date | datetime, *, weekday: bool = False) -> str:
    """A date in words in the active language: "22 November 2026" ("Minggu, 22 November
    2026" with `weekday`)."""
    return formats.date_format(day, "l, j F Y" if weekday else "j F Y")


def cell_text(value: Any) -> str:
    """A table value as printed: numbers with the language's decimal separator ("2,4"),
    dates dd/mm/yyyy, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, Decimal, float)):
        return format_number(value)
    if isinstance(value, (date, datetime)):
        return value.strftime("%d/%m/%Y")
    return str(value)


def para(text: Any, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped: never read as markup)."""
    return Paragraph(escape(cell_text(text)), styles()[style])


def regency_heading(regency) -> str:
    """The letterhead's first line: "Pemerintah Kabupaten Nganjuk"."""
    return _("Pemerintah %(regency)s") % {"regency": regency}


def _logo_image(regency, logo) -> tuple[ImageReader, float, float] | None:
    """The letterhead's logo as (image, width, height in points): at most LOGO_SIZE high
    and LOGO_MAX_WIDTH wide, its aspect ratio kept. None without one, or when the image
    cannot be read (the letterhead then prints the name alone, as without a logo)."""
    if logo is False:
        return None
    if logo is None:
        from kembang.organisation.selectors import regency_logo_bytes

        logo = regency_logo_bytes(regency)
        if logo is None:
            return None
    try:
        image = ImageReader(io.BytesIO(logo) if isinstance(logo, bytes) else str(logo))
        pixels_wide, pixels_high = image.getSize()
    except Exception:  # noqa: BLE001 - a damaged image must not stop the document
        return None
    if not pixels_wide or not pixels_high:
        return None
    scale = min(LOGO_SIZE / pixels_high, LOGO_MAX_WIDTH / pixels_wide)
    return image, pixels_wide * scale, pixels_high * scale


class _NumberedCanvas(pdf_canvas.Canvas):
    """Keeps every page until the document is saved, then draws each page's letterhead
    and footer knowing the number of pages ("Halaman 1 dari 2")."""

    def __init__(self, *args, decorate, **kwargs):
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self._kept_pages: list[dict] = []

    def showPage(self):  # noqa: N802 - reportlab's name
        self._kept_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._kept_pages)
        for number, state in enumerate(self._kept_pages, start=1):
            self.__dict__.update(state)
            self._decorate(self, number, total)
            pdf_canvas.Canvas.showPage(self)
        pdf_canvas.Canvas.save(self)


class PdfDocument:
    """One A4 document: the letterhead and footer on every page, a frame for the story.

    `regency`: whose name heads each page; `title` (and `subtitle`) under it; `printed_on`:
    the print date in the footer (the regency's today, from the caller); `logo`: drawn
    left of the name — None (the default) the regency's uploaded logo, if any; an image
    file's path or bytes; False none. Without a logo the name starts at the margin.
    """

    def __init__(self, *, regency, title: str, printed_on: date, subtitle: str = "",
                 landscape: bool = False, logo: str | Path | bytes | bool | None = None,
                 watermark: str = ""):
        register_fonts()
        self.heading = regency_heading(regency)
        self.title = str(title)
        self.subtitle = str(subtitle)
        self.printed_on = printed_on
        self.logo = _logo_image(regency, logo)
        # Printed across every page, e.g. "BELUM DIVALIDASI" on a copy for wet-ink signing
        # before validation (docs/paper-forms.md#which-sessions).
        self.watermark = str(watermark)
        self.pagesize = landscape_of(A4) if landscape else A4

    @property
    def width(self) -> float:
        """The width of the frame the story flows in, in points."""
        return self.pagesize[0] - 2 * MARGIN

    @property
    def height(self) -> float:
        return self.pagesize[1] - 2 * MARGIN - HEADER_HEIGHT - FOOTER_HEIGHT - 2 * GAP

    def table(self, header: Sequence[Any], rows: Iterable[Sequence[Any]], *,
              weights: Sequence[float] | None = None, numeric: Collection[int] = (),
              totals: Sequence[Any] | None = None) -> Table:
        """A table across the frame: `header` repeated on every page it continues on;
        `weights` the columns' relative widths (equal when None); the columns in `numeric`
        right-aligned; `totals` an optional last row in bold."""
        s = styles()
        columns = len(header)
        weights = list(weights or [1] * columns)
        if len(weights) != columns:
            raise ValueError("one weight per column")
        unit = self.width / sum(weights)
        widths = [w * unit for w in weights]
        room = [w - 2 * CELL_PADDING for w in widths]

        def row_of(values, kind):
            # A cell that fits on one line stays a plain string, which the table draws in
            # its style's font (embedded, like the paragraphs); a Paragraph only where the
            # text must wrap: parsing a Paragraph per cell made a long table several
            # times slower.
            style_font = FONT if kind == "cell" else FONT_BOLD
            cells = []
            for i, value in enumerate(values):
                text = cell_text(value)
                if "\n" not in text and pdfmetrics.stringWidth(
                        text, style_font, CELL_SIZE) <= room[i]:
                    cells.append(text)
                else:
                    cells.append(Paragraph(escape(text),
                                           s[f"{kind}_number" if i in numeric else kind]))
            return cells

        data = [row_of(header, "cell_header")]
        data += [row_of(values, "cell") for values in rows]
        commands = [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
            ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
            ("LEADING", (0, 0), (-1, -1), CELL_LEADING),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            *(("ALIGN", (i, 0), (i, -1), "RIGHT") for i in sorted(numeric)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ("GRID", (0, 0), (-1, -1), 0.25, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, STRIPE]),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ]
        if totals is not None:
            data.append(row_of(totals, "cell_total"))
            commands += [("FONTNAME", (0, -1), (-1, -1), FONT_BOLD),
                         ("LINEABOVE", (0, -1), (-1, -1), 0.8, RULE),
                         ("BACKGROUND", (0, -1), (-1, -1), HEADER_FILL)]
        table = Table(data, colWidths=widths, repeatRows=1,
                      hAlign="LEFT")
        table.setStyle(TableStyle(commands))
        return table

    def _decorate(self, canvas, page: int, pages: int) -> None:
        width, height = self.pagesize
        canvas.saveState()
        top = height - MARGIN
        left = MARGIN
        if self.logo is not None:
            image, logo_width, logo_height = self.logo
            # Centred on the letterhead's 12 mm band, so a wide logo sits mid-height.
            canvas.drawImage(image, left, top - (LOGO_SIZE + logo_height) / 2,
                             width=logo_width, height=logo_height, mask="auto")
            left += logo_width + 3 * mm
        canvas.setFillColor(INK)
        canvas.setFont(FONT_BOLD, 11)
        canvas.drawString(left, top - 9, self.heading)
        canvas.setFont(FONT, 9.5)
        canvas.drawString(left, top - 21, self.title)
        if self.subtitle:
            canvas.setFillColor(MUTED)
            canvas.setFont(FONT, 8)
            canvas.drawString(left, top - 31, self.subtitle)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(1)
        rule = height - MARGIN - HEADER_HEIGHT
        canvas.line(MARGIN, rule, width - MARGIN, rule)
        # Footer.
        base = MARGIN
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, base + FOOTER_HEIGHT - 2 * mm, width - MARGIN,
                    base + FOOTER_HEIGHT - 2 * mm)
        canvas.setFillColor(MUTED)
        canvas.setFont(FONT, 7.5)
        canvas.drawString(MARGIN, base + 1 * mm,
                          _("Dicetak %(date)s dari Kembang") % {
                              "date": date_text(self.printed_on)})
        canvas.drawRightString(width - MARGIN, base + 1 * mm,
                               _("Halaman %(n)s dari %(total)s") % {"n": page,
                                                                    "total": pages})
        if self.watermark:
            canvas.setFillColor(colors.HexColor("#c0392b"))
            canvas.setFillAlpha(0.18)
            canvas.setFont(FONT_BOLD, 44)
            canvas.translate(width / 2, height / 2)
            canvas.rotate(35)
            canvas.drawCentredString(0, 0, self.watermark)
        canvas.restoreState()

    def build(self, story: list) -> bytes:
        """The PDF of `story` (platypus flowables) as bytes."""
        out = io.BytesIO()
        bottom = MARGIN + FOOTER_HEIGHT + GAP
        template = BaseDocTemplate(
            out, pagesize=self.pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_HEIGHT + GAP, bottomMargin=bottom,
            title=self.title, author=self.heading, subject=self.subtitle or self.title,
            creator="Kembang", initialFontName=FONT, lang=get_language() or "id")
        frame = Frame(MARGIN, bottom, self.width, self.height, id="content",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        template.build(list(story) or [Spacer(1, 1)],
                       canvasmaker=partial(_NumberedCanvas, decorate=self._decorate))
        return out.getvalue()
