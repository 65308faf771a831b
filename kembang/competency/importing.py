"""XLSX (or CSV) import of position standards and assessors' results
(docs/competency.md#import).

Each row is checked on its own; a refused row is named by its spreadsheet row number and
column, in Indonesian, and the valid rows are kept — all of them in one transaction, so a
failure half-way leaves nothing behind. Headers are matched case-insensitively.

Standards: JABATAN, KOMPETENSI, LEVEL, NOMOR NASKAH, TANGGAL NASKAH; optional JENIS
("Teknis" for a technical competency not yet known), SUMBER (SKJ or Instansi Pembina),
DESKRIPSI. Results: NIP, KOMPETENSI, LEVEL, TANGGAL, SUMBER (the assessor or institution),
CATATAN; optional JPM, REKOMENDASI, PENYEBAB. Rows of one NIP with the same date and
source form one assessment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kembang.audit.services import audit_record
from kembang.common.nip import nip_error_message
from kembang.common.spreadsheet import (
    CellError,
    SpreadsheetError,
    Table,
    nip_from_cell,
    parse_date_cell,
    read_table,
    text_from_cell,
)
from kembang.competency import dictionary, services
from kembang.competency.models import Assessment, Competency, Kind, PositionStandard
from kembang.competency.selectors import national_competencies, wordings_for
from kembang.organisation.access import employees_in_scope
from kembang.organisation.models import Position
from kembang.policy.nip import NipError, parse_nip
from kembang.policy.text import normalize_key

STANDARD_COLUMNS = {
    "position": ("JABATAN", ["jabatan", "nama jabatan"]),
    "competency": ("KOMPETENSI", ["kompetensi", "nama kompetensi"]),
    "level": ("LEVEL", ["level", "level standar", "level yang dipersyaratkan"]),
    "number": ("NOMOR NASKAH", ["nomor naskah", "nomor", "nomor skj"]),
    "date": ("TANGGAL NASKAH", ["tanggal naskah", "tanggal", "tanggal skj"]),
    "kind": ("JENIS", ["jenis", "jenis kompetensi"]),
    "source": ("SUMBER", ["sumber", "sumber standar"]),
    "description": ("DESKRIPSI", ["deskripsi", "definisi", "uraian"]),
}
STANDARD_REQUIRED = ("position", "competency", "level")

RESULT_COLUMNS = {
    "nip": ("NIP", ["nip", "nip pegawai"]),
    "competency": ("KOMPETENSI", ["kompetensi", "nama kompetensi"]),
    "level": ("LEVEL", ["level", "level hasil"]),
    "date": ("TANGGAL", ["tanggal", "tanggal penilaian"]),
    "source": ("SUMBER", ["sumber", "penilai", "lembaga", "asesor"]),
    "note": ("CATATAN", ["catatan", "keterangan"]),
    "jpm": ("JPM", ["jpm", "jpm (%)", "job person match"]),
    "recommendation": ("REKOMENDASI", ["rekomendasi"]),
    "cause": ("PENYEBAB", ["penyebab", "penyebab kesenjangan"]),
}
RESULT_REQUIRED = ("nip", "competency", "level", "date", "source")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Baris %(row)s, kolom %(column)s: %(message)s") % {
            "row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    applied: int = 0
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    file_error: str = ""


class _Columns:
    def __init__(self, table: Table, spec: dict):
        self.spec = spec
        self.found: dict[str, str] = {}
        for key, (_label, names) in spec.items():
            for name in names:
                if table.has(name):
                    self.found[key] = name
                    break

    def missing(self, required) -> list[str]:
        return [self.spec[k][0] for k in required if k not in self.found]

    def cell(self, raw: dict[str, Any], key: str) -> Any:
        name = self.found.get(key)
        return raw.get(name) if name else None

    def label(self, key: str) -> str:
        return self.spec[key][0]


def _read(upload, filename: str, spec, required) -> tuple[Table | None, _Columns | None, str]:
    try:
        table = read_table(upload, filename)
    except SpreadsheetError as err:
        return None, None, err.message
    columns = _Columns(table, spec)
    missing = columns.missing(required)
    if missing:
        return None, None, _("Kolom %(missing)s tidak ditemukan di baris judul.") % {
            "missing": ", ".join(missing)}
    if not table.rows:
        return None, None, _("Berkas tidak berisi baris data.")
    return table, columns, ""


def _competency_index(regency) -> dict[str, Competency]:
    """National competencies by code, current name and the seed's printed name."""
    competencies = list(national_competencies())
    wordings = wordings_for(regency, [c.pk for c in competencies])
    index: dict[str, Competency] = {}
    for competency in competencies:
        index[normalize_key(competency.code)] = competency
        if competency.pk in wordings:
            index[normalize_key(wordings[competency.pk].name)] = competency
        seed = dictionary.SEED_TABLE.get(competency.code)
        if seed:
            index.setdefault(normalize_key(seed[0]), competency)
    return index


def _technical_index(regency) -> dict[tuple[int, str], Competency]:
    competencies = list(Competency.objects.filter(regency=regency, kind=Kind.TEKNIS))
    wordings = wordings_for(regency, [c.pk for c in competencies])
    return {(c.position_id, normalize_key(wordings[c.pk].name)): c for c in competencies
            if c.pk in wordings}


def _level(value, errors, row, label) -> int | None:
    try:
        return services.clean_level(text_from_cell(value))
    except services.CompetencyRefused as refusal:
        errors.append(RowError(row, label, refusal.message))
        return None


def _source_of(text: str) -> str | None:
    key = normalize_key(text)
    if not key or key in ("skj", "standar kompetensi jabatan", "pemda", "daerah"):
        return PositionStandard.Source.SKJ
    if "pembina" in key:
        return PositionStandard.Source.PEMBINA
    return None


def import_standards(*, actor, upload, filename: str) -> ImportResult:
    """Standards per position from a file; BKPSDM only."""
    result = ImportResult()
    if not services.may_edit_dictionary(actor):
        result.file_error = _("Standar kompetensi jabatan diimpor oleh BKPSDM.")
        return result
    regency = actor.regency
    table, columns, error = _read(upload, filename, STANDARD_COLUMNS, STANDARD_REQUIRED)
    if table is None:
        result.file_error = error
        return result
    positions = {normalize_key(p.name): p for p in Position.objects.filter(regency=regency)}
    national = _competency_index(regency)
    technical = _technical_index(regency)
    planned = []
    seen: dict[tuple, int] = {}
    for row, raw in table.rows:
        result.rows += 1
        errors: list[RowError] = []
        name = text_from_cell(columns.cell(raw, "position"))
        position = positions.get(normalize_key(name))
        if not name:
            errors.append(RowError(row, columns.label("position"), _("Nama jabatan wajib "
                                                                     "diisi.")))
        elif position is None:
            errors.append(RowError(row, columns.label("position"), _(
                "Jabatan “%(name)s” tidak ada di daftar jabatan pemerintah daerah ini.")
                % {"name": name[:80]}))
        competency_name = text_from_cell(columns.cell(raw, "competency"))
        kind_text = normalize_key(text_from_cell(columns.cell(raw, "kind")))
        is_technical = kind_text in ("teknis", "kompetensi teknis")
        if kind_text and not is_technical and kind_text not in (
                "manajerial", "kompetensi manajerial", "sosial kultural", "sosiokultural",
                "kompetensi sosial kultural"):
            errors.append(RowError(row, columns.label("kind"), _(
                "Jenis harus Teknis, Manajerial atau Sosial Kultural.")))
        competency = None
        if not competency_name:
            errors.append(RowError(row, columns.label("competency"),
                                   _("Nama kompetensi wajib diisi.")))
        elif len(competency_name) > services.NAME_MAX:
            errors.append(RowError(row, columns.label("competency"), _(
                "Paling panjang %(n)s karakter.") % {"n": services.NAME_MAX}))
        elif not is_technical:
            competency = national.get(normalize_key(competency_name))
            if competency is None:
                errors.append(RowError(row, columns.label("competency"), _(
                    "Kompetensi “%(name)s” tidak ada di kamus. Untuk kompetensi teknis, isi "
                    "kolom JENIS dengan “Teknis”.") % {"name": competency_name[:80]}))
        elif position is not None:
            competency = technical.get((position.pk, normalize_key(competency_name)))
        level = _level(columns.cell(raw, "level"), errors, row, columns.label("level"))
        number = text_from_cell(columns.cell(raw, "number"))
        if len(number) > services.SHORT_MAX:
            errors.append(RowError(row, columns.label("number"), _(
                "Paling panjang %(n)s karakter.") % {"n": services.SHORT_MAX}))
        day = None
        if columns.cell(raw, "date") not in (None, ""):
            try:
                day = services.check_date(regency, parse_date_cell(columns.cell(raw, "date")),
                                          field="date")
            except (CellError, services.CompetencyRefused) as err:
                errors.append(RowError(row, columns.label("date"), err.message))
        source = _source_of(text_from_cell(columns.cell(raw, "source")))
        if source is None:
            errors.append(RowError(row, columns.label("source"), _(
                "Sumber harus SKJ atau Instansi Pembina.")))
        description = text_from_cell(columns.cell(raw, "description"))[:services.TEXT_MAX]
        if not errors:
            key = (position.pk, competency.pk if competency is not None
                   else normalize_key(competency_name))
            if key in seen:
                errors.append(RowError(row, columns.label("competency"), _(
                    "Kompetensi ini sudah ada untuk jabatan yang sama di baris %(row)s.")
                    % {"row": seen[key]}))
            else:
                seen[key] = row
        if errors:
            result.errors.extend(errors)
            continue
        planned.append((position, competency, competency_name, description, level, source,
                        number, day))
    with transaction.atomic():
        for position, competency, name, description, level, source, number, day in planned:
            if competency is None:
                services.add_technical(actor=actor, position=position, name=name,
                                       definition=description, required_level=level,
                                       instrument_number=number, instrument_date=day,
                                       source=source)
            else:
                services.set_standard(actor=actor, position=position, competency=competency,
                                      required_level=level, source=source,
                                      instrument_number=number, instrument_date=day)
            result.applied += 1
        audit_record(actor=actor, regency=regency, action="competency.standard_import",
                     changes={"file": filename[:200], "rows": result.rows,
                              "applied": result.applied, "rejected": len(result.errors)})
    return result


def import_results(*, actor, upload, filename: str) -> ImportResult:
    """Assessors' results from a file: HR officers for their units' employees, BKPSDM
    for the regency's."""
    result = ImportResult()
    regency = actor.regency
    table, columns, error = _read(upload, filename, RESULT_COLUMNS, RESULT_REQUIRED)
    if table is None:
        result.file_error = error
        return result
    nips = set()
    for _row, raw in table.rows:
        try:
            nips.add(parse_nip(nip_from_cell(columns.cell(raw, "nip"))).digits)
        except NipError:
            pass
    employees = {e.nip: e for e in employees_in_scope(actor).filter(nip__in=nips)
                 .select_related("unit", "position", "regency")}
    national = _competency_index(regency)
    technical = _technical_index(regency)
    groups: dict[tuple, dict] = {}
    for row, raw in table.rows:
        result.rows += 1
        errors: list[RowError] = []
        employee = None
        try:
            nip = parse_nip(nip_from_cell(columns.cell(raw, "nip"))).digits
            employee = employees.get(nip)
            if employee is None:
                # The row and column are named; the NIP is not echoed, so the answer reads
                # the same for a NIP elsewhere in the regency, in another one, or nowhere.
                errors.append(RowError(row, columns.label("nip"), _(
                    "NIP ini tidak ditemukan di antara pegawai yang Anda kelola.")))
            elif not services.may_record_result(actor, employee):
                errors.append(RowError(row, columns.label("nip"), _(
                    "Anda tidak dapat mencatat hasil penilaian pegawai ini.")))
                employee = None
        except NipError as err:
            errors.append(RowError(row, columns.label("nip"), nip_error_message(err)))
        name = text_from_cell(columns.cell(raw, "competency"))
        competency = None
        if not name:
            errors.append(RowError(row, columns.label("competency"),
                                   _("Nama kompetensi wajib diisi.")))
        else:
            competency = national.get(normalize_key(name))
            if competency is None and employee is not None and employee.position_id:
                competency = technical.get((employee.position_id, normalize_key(name)))
            if competency is None:
                errors.append(RowError(row, columns.label("competency"), _(
                    "Kompetensi “%(name)s” tidak ada di kamus atau di kompetensi teknis "
                    "jabatan pegawai.") % {"name": name[:80]}))
        level = _level(columns.cell(raw, "level"), errors, row, columns.label("level"))
        day = None
        try:
            day = services.check_date(regency, parse_date_cell(columns.cell(raw, "date")),
                                      field="date")
        except (CellError, services.CompetencyRefused) as err:
            errors.append(RowError(row, columns.label("date"), err.message))
        texts = {}
        for key, limit in (("source", services.NAME_MAX), ("note", services.TEXT_MAX),
                           ("recommendation", services.TEXT_MAX)):
            texts[key] = text_from_cell(columns.cell(raw, key))
            if len(texts[key]) > limit:
                errors.append(RowError(row, columns.label(key), _(
                    "Paling panjang %(n)s karakter.") % {"n": limit}))
        if not texts["source"]:
            errors.append(RowError(row, columns.label("source"), _(
                "Tuliskan penilai atau lembaga yang menilai.")))
        jpm = cause = None
        try:
            jpm = services.clean_jpm(text_from_cell(columns.cell(raw, "jpm")))
        except services.CompetencyRefused as refusal:
            errors.append(RowError(row, columns.label("jpm"), refusal.message))
        try:
            cause = services.clean_cause(text_from_cell(columns.cell(raw, "cause")))
        except services.CompetencyRefused as refusal:
            errors.append(RowError(row, columns.label("cause"), refusal.message))
        if not errors:
            key = (employee.pk, day, normalize_key(texts["source"]))
            group = groups.setdefault(key, {"employee": employee, "day": day, "levels": {},
                                            "source": texts["source"], "jpm": None,
                                            "notes": [], "recommendations": [], "rows": []})
            if competency.pk in group["levels"]:
                errors.append(RowError(row, columns.label("competency"), _(
                    "Kompetensi ini sudah dinilai untuk NIP, tanggal dan sumber yang sama di "
                    "baris %(row)s.") % {"row": group["levels"][competency.pk][0]}))
            else:
                group["levels"][competency.pk] = (row, services.LevelInput(
                    competency, level, cause))
                group["jpm"] = jpm if jpm is not None else group["jpm"]
                for key_, bucket in (("note", "notes"), ("recommendation", "recommendations")):
                    if texts[key_] and texts[key_] not in group[bucket]:
                        group[bucket].append(texts[key_])
        result.errors.extend(errors)
    with transaction.atomic():
        for group in groups.values():
            levels = [item for _row, item in group["levels"].values()]
            assessment = services.record_assessment(
                actor=actor, employee=group["employee"], source=Assessment.Source.RESULT,
                assessed_on=group["day"], levels=levels, assessor=group["source"],
                jpm=group["jpm"], note="\n".join(group["notes"])[:services.TEXT_MAX],
                recommendation="\n".join(group["recommendations"])[:services.TEXT_MAX],
                imported=True)
            result.applied += len(levels)
            del assessment
        audit_record(actor=actor, regency=regency, action="competency.assessment_import",
                     changes={"file": filename[:200], "rows": result.rows,
                              "applied": result.applied, "rejected": len(result.errors)})
    result.errors.sort(key=lambda e: e.row)
    return result
