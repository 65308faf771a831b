from __future__ import annotations

import io
import zipfile
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from kembang.common.forms import StyledFormMixin
from kembang.common.spreadsheet import (
    SpreadsheetError,
    normalize_header,
    open_workbook,
    read_table,
)
from kembang.organisation.importing.columns import missing_required

MAX_UPLOAD_MB = 30


def _xlsx_headers(data: bytes) -> list[str]:
    """The first non-blank row of the first sheet, without reading the rest (a large
    file is read by the background task, not in the request). The whole file is still
    checked against the upload limits first (`open_workbook`), so a zip bomb is refused
    here, at upload, with its message."""
    workbook = open_workbook(data)
    try:
        if not workbook.worksheets:
            raise SpreadsheetError("empty", _t("Berkas XLSX tidak berisi lembar kerja."))
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        for values in sheet.iter_rows(max_row=50, values_only=True):
            names = [normalize_header(v) for v in values]
            if any(names):
                return [n for n in names if n]
        raise SpreadsheetError("empty", _t("Berkas kosong: tidak ada baris judul kolom."))
    except SpreadsheetError:
        raise
    except Exception:  # noqa: BLE001 - a damaged sheet can fail anywhere inside openpyxl
        raise SpreadsheetError("unreadable", _t(
            "Lembar pertama berkas XLSX tidak dapat dibaca (rusak).")) from None
    finally:
        workbook.close()


def file_headers(data: bytes, filename: str) -> list[str]:
    """The normalised column headers of an uploaded file; `SpreadsheetError` with an
    Indonesian message when it is not a readable CSV/XLSX table."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".xlsx":
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise SpreadsheetError("unreadable", _t(
                "Berkas ini bukan berkas Excel .xlsx yang sah (mungkin berkas lain yang "
                "diganti namanya). Simpan ulang dari Excel sebagai “Excel Workbook (.xlsx)”."))
        return _xlsx_headers(data)
    return read_table(io.BytesIO(data), filename).names


class ImportUploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Berkas pegawai (XLSX atau CSV)"),
        help_text=_("Ekspor data utama pegawai dari SIASN/SIMPEG apa adanya, atau templat "
                    "di bawah. Kolom wajib: NIP dan NAMA."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={"empty": _("Berkas kosong."),
                        "required": _("Pilih berkas XLSX atau CSV untuk diunggah.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name or ""
        if Path(name).suffix.lower() not in {".xlsx", ".csv"}:
            raise ValidationError(_t("Format berkas tidak didukung. Unggah berkas .xlsx atau "
                                     ".csv (untuk .xls lama: simpan ulang sebagai .xlsx)."))
        if upload.size == 0:
            raise ValidationError(_t("Berkas kosong."))
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise ValidationError(_t("Berkas terlalu besar (paling besar %(mb)s MB). Bagi "
                                     "menjadi beberapa berkas per Perangkat Daerah.")
                                  % {"mb": MAX_UPLOAD_MB})
        upload.seek(0)
        data = upload.read()
        try:
            headers = file_headers(data, name)
        except SpreadsheetError as err:
            raise ValidationError(err.message) from None
        missing = missing_required(headers)
        if missing:
            raise ValidationError(_t(
                "Kolom %(missing)s tidak ditemukan di baris judul. Baris judul berkas ini: "
                "%(found)s.") % {"missing": ", ".join(missing),
                                 "found": ", ".join(h.upper() for h in headers[:12]) or "—"})
        upload.seek(0)
        return upload


class ConfirmForm(forms.Form):
    deactivate_missing = forms.BooleanField(
        label=_("Nonaktifkan juga pegawai yang tidak ada di berkas"), required=False)
