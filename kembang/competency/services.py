"""Changing the dictionary, the position standards and the assessments
(docs/competency.md#who-may-do-what). Every change is audited.

* BKPSDM edits wording (a new version; past assessments keep theirs), adds technical
  competencies to a position and sets a position's standard.
* An HR officer of the employee's unit, or BKPSDM, records an assessor's result (*hasil
  penilaian kompetensi*).
* The direct supervisor records their own view (*penilaian atasan*), the section-E
  dialogue of the Belitung Timur and Langsa seeds.
* Nobody records an assessment of themself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kembang.audit.services import audit_record
from kembang.common.errors import DomainError
from kembang.competency.models import (
    LEVELS,
    Assessment,
    AssessmentLevel,
    Cause,
    Competency,
    CompetencyWording,
    Kind,
    PositionStandard,
)
from kembang.competency.selectors import wordings_for
from kembang.organisation.access import scope_for
from kembang.organisation.dates import regency_today

NAME_MAX = 200
TEXT_MAX = 4000
SHORT_MAX = 120
FIRST_YEAR = 1990


class CompetencyRefused(DomainError):
    code = "competency_refused"


# --- who may ------------------------------------------------------------------------------


def may_edit_dictionary(user) -> bool:
    return scope_for(user).is_admin


def may_record_result(user, employee) -> bool:
    """An HR officer of the employee's unit (or above), or BKPSDM; never for oneself."""
    scope = scope_for(user)
    return (scope.regency_id == employee.regency_id and employee.pk != scope.employee_id
            and scope.hr_covers(employee.unit.path))


def may_record_supervisor_view(user, employee) -> bool:
    """Only the employee's direct supervisor."""
    scope = scope_for(user)
    return (scope.regency_id == employee.regency_id and scope.employee_id is not None
            and employee.supervisor_id == scope.employee_id
            and employee.pk != scope.employee_id)


# --- checking values ---------------------------------------------------------------------


def clean_text(value, *, field: str, max_length: int = TEXT_MAX, required: bool = False) -> str:
    value = str(value or "").replace("\x00", "").strip()
    if required and not value:
        raise CompetencyRefused(_("Wajib diisi."), field=field)
    if len(value) > max_length:
        raise CompetencyRefused(_("Paling panjang %(n)s karakter.") % {"n": max_length},
                                field=field)
    return value


def clean_level(value, *, field: str = "level") -> int:
    text = str(value if value is not None else "").strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdecimal() or len(text) > 2 or int(text) not in LEVELS:
        raise CompetencyRefused(_("Level harus angka 1 sampai 5."), field=field)
    return int(text)


def clean_jpm(value, *, field: str = "jpm") -> Decimal | None:
    text = str(value if value is not None else "").strip().replace(",", ".").rstrip("%")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or not 0 <= number <= 100:
        raise CompetencyRefused(_("JPM harus angka persen antara 0 dan 100."), field=field)
    return number.quantize(Decimal("0.01"))


def clean_cause(value, *, field: str = "cause") -> str:
    text = str(value or "").strip().lower()
    if not text:
        return ""
    if text in Cause.values:
        return text
    for cause in Cause:
        if text == str(cause.label).lower():
            return cause.value
    aliases = {"kejenuhan": Cause.MOTIVATION, "kelelahan": Cause.MOTIVATION,
               "keahlian": Cause.SKILL, "pengalaman": Cause.SKILL}
    if text in aliases:
        return aliases[text].value
    raise CompetencyRefused(_("Penyebab tidak dikenal. Pilih: motivasi, keterampilan atau "
                              "pengetahuan."), field=field)


def check_date(regency, day: date | None, *, field: str, future_ok: bool = False) -> date:
    if day is None:
        raise CompetencyRefused(_("Tanggal wajib diisi."), field=field)
    today = regency_today(regency)
    if day.year < FIRST_YEAR or (not future_ok and day > today):
        raise CompetencyRefused(_("Tanggal harus antara tahun %(first)s dan hari ini.")
                                % {"first": FIRST_YEAR}, field=field)
    return day


# --- the dictionary -------------------------------------------------------------------------


@dataclass
class WordingInput:
    name: str
    definition: str
    levels: tuple[str, str, str, str, str]
    confidence: str
    source: str


def _next_version(competency) -> int:
    last = CompetencyWording.objects.filter(competency=competency).aggregate(m=Max("version"))
    return (last["m"] or 0) + 1


@transaction.atomic
def edit_wording(*, actor, competency: Competency, data: WordingInput) -> CompetencyWording:
    """A new version of the wording for the actor's regency. Past assessments keep the
    version they were made with."""
    regency = actor.regency
    if not may_edit_dictionary(actor):
        raise CompetencyRefused(_("Rumusan kompetensi diubah oleh BKPSDM."))
    if competency.regency_id not in (None, regency.pk):
        raise CompetencyRefused(_("Kompetensi tidak ditemukan."))
    name = clean_text(data.name, field="name", max_length=NAME_MAX, required=True)
    definition = clean_text(data.definition, field="definition")
    levels = [clean_text(text, field=f"level_{i}") for i, text in enumerate(data.levels, 1)]
    if data.confidence not in ("H", "M", "L"):
        raise CompetencyRefused(_("Pilih tingkat keyakinan sumber."), field="confidence")
    source = clean_text(data.source, field="source")
    # Lock the competency row: two editors never write the same version number.
    Competency.objects.select_for_update().filter(pk=competency.pk).first()
    current = wordings_for(regency, [competency.pk]).get(competency.pk)
    new_values = {"name": name, "definition": definition, "confidence": data.confidence,
                  "source": source, **{f"level_{i}": t for i, t in enumerate(levels, 1)}}
    if current is not None and all(getattr(current, k) == v for k, v in new_values.items()):
        raise CompetencyRefused(_("Tidak ada yang berubah."))
    wording = CompetencyWording.objects.create(
        competency=competency, regency=regency, version=_next_version(competency),
        created_by=actor, **new_values)
    changes = {k: [getattr(current, k) if current else None, v] for k, v in new_values.items()
               if current is None or getattr(current, k) != v}
    changes["version"] = [current.version if current else None, wording.version]
    audit_record(actor=actor, regency=regency, action="competency.wording_edit",
                 obj=wording, changes=changes)
    return wording


# --- standards ------------------------------------------------------------------------------


def _check_position(actor, position):
    if not may_edit_dictionary(actor):
        raise CompetencyRefused(_("Standar kompetensi jabatan ditetapkan oleh BKPSDM."))
    if position.regency_id != actor.regency_id:
        raise CompetencyRefused(_("Jabatan tidak ditemukan."))


@transaction.atomic
def add_technical(*, actor, position, name: str, definition: str = "", required_level,
                  instrument_number: str = "", instrument_date: date | None = None,
                  source: str = PositionStandard.Source.SKJ) -> PositionStandard:
    """A technical competency of `position` with its required level."""
    _check_position(actor, position)
    name = clean_text(name, field="name", max_length=NAME_MAX, required=True)
    definition = clean_text(definition, field="definition")
    level = clean_level(required_level, field="required_level")
    existing = technical_by_name(actor.regency, position).get(name.casefold())
    if existing is not None:
        raise CompetencyRefused(_("Jabatan ini sudah mempunyai kompetensi teknis “%(name)s”.")
                                % {"name": name}, field="name")
    competency = Competency.objects.create(kind=Kind.TEKNIS, regency=actor.regency,
                                           position=position, order=1000)
    CompetencyWording.objects.create(competency=competency, regency=actor.regency, version=1,
                                     name=name, definition=definition, created_by=actor,
                                     confidence="H", source=instrument_number)
    standard = _write_standard(actor=actor, position=position, competency=competency,
                               level=level, source=source, number=instrument_number,
                               day=instrument_date, action="competency.technical_add")
    return standard


def technical_by_name(regency, position) -> dict[str, Competency]:
    competencies = list(Competency.objects.filter(regency=regency, position=position,
                                                  kind=Kind.TEKNIS))
    wordings = wordings_for(regency, [c.pk for c in competencies])
    return {wordings[c.pk].name.casefold(): c for c in competencies if c.pk in wordings}


def _write_standard(*, actor, position, competency, level: int, source: str, number: str,
                    day: date | None, action: str = "competency.standard_set",
                    audit: bool = True) -> PositionStandard:
    if source not in PositionStandard.Source.values:
        raise CompetencyRefused(_("Sumber standar tidak dikenal."), field="source")
    number = clean_text(number, field="instrument_number", max_length=SHORT_MAX)
    if day is not None:
        check_date(actor.regency, day, field="instrument_date")
    standard = (PositionStandard.objects.select_for_update()
                .filter(position=position, competency=competency).first())
    old = ({"required_level": standard.required_level, "source": standard.source,
            "instrument_number": standard.instrument_number,
            "instrument_date": standard.instrument_date} if standard else {})
    if standard is None:
        standard = PositionStandard(regency=actor.regency, position=position,
                                    competency=competency)
    standard.required_level = level
    standard.source = source
    standard.instrument_number = number
    standard.instrument_date = day
    standard.recorded_by = actor
    new = {"required_level": level, "source": source, "instrument_number": number,
           "instrument_date": day}
    if old == new:
        return standard
    standard.save()
    if audit:
        audit_record(actor=actor, regency=actor.regency, action=action, obj=standard,
                     changes={"position": position, "competency": str(competency),
                              **{k: [old.get(k), v] for k, v in new.items()
                                 if old.get(k) != v}})
    return standard


@transaction.atomic
def set_standard(*, actor, position, competency, required_level, source=None,
                 instrument_number: str = "", instrument_date: date | None = None
                 ) -> PositionStandard:
    _check_position(actor, position)
    if competency.regency_id not in (None, actor.regency_id) or (
            competency.position_id not in (None, position.pk)):
        raise CompetencyRefused(_("Kompetensi tidak ditemukan."))
    level = clean_level(required_level, field="required_level")
    return _write_standard(actor=actor, position=position, competency=competency, level=level,
                           source=source or PositionStandard.Source.SKJ,
                           number=instrument_number, day=instrument_date)


# --- assessments ----------------------------------------------------------------------------


@dataclass
class LevelInput:
    competency: Competency
    level: int
    cause: str = ""


def _check_may_record(actor, employee, source: str) -> None:
    if source == Assessment.Source.RESULT:
        if not may_record_result(actor, employee):
            raise CompetencyRefused(_("Hasil penilaian kompetensi dicatat oleh pengelola SDM "
                                      "unit pegawai atau BKPSDM, bukan oleh pegawai itu "
                                      "sendiri."))
    elif source == Assessment.Source.SUPERVISOR:
        if not may_record_supervisor_view(actor, employee):
            raise CompetencyRefused(_("Penilaian atasan dicatat oleh atasan langsung "
                                      "pegawai."))
    else:
        raise CompetencyRefused(_("Jenis penilaian tidak dikenal."), field="source")


@transaction.atomic
def record_assessment(*, actor, employee, source: str, assessed_on: date | None,
                      levels: list[LevelInput], assessor: str = "", jpm=None,
                      recommendation: str = "", note: str = "", imported: bool = False,
                      audit: bool = True) -> Assessment:
    """One assessment with its levels, each kept with the wording in force today."""
    _check_may_record(actor, employee, source)
    regency = employee.regency
    check_date(regency, assessed_on, field="assessed_on")
    if not levels:
        raise CompetencyRefused(_("Isi level paling sedikit satu kompetensi."), field="levels")
    assessor = clean_text(assessor, field="assessor", max_length=NAME_MAX)
    recommendation = clean_text(recommendation, field="recommendation")
    note = clean_text(note, field="note")
    jpm = clean_jpm(jpm) if source == Assessment.Source.RESULT else None
    seen = set()
    for item in levels:
        if item.competency.pk in seen:
            raise CompetencyRefused(_("Satu kompetensi dinilai sekali dalam satu penilaian."),
                                    field="levels")
        seen.add(item.competency.pk)
        if item.competency.regency_id not in (None, regency.pk):
            raise CompetencyRefused(_("Kompetensi tidak ditemukan."), field="levels")
        clean_level(item.level)
        clean_cause(item.cause)
    wordings = wordings_for(regency, seen)
    assessment = Assessment.objects.create(
        regency=regency, employee=employee, source=source, assessed_on=assessed_on,
        assessor=assessor, jpm=jpm, recommendation=recommendation, note=note,
        imported=imported, recorded_by=actor)
    AssessmentLevel.objects.bulk_create([
        AssessmentLevel(assessment=assessment, competency=item.competency,
                        wording=wordings[item.competency.pk], level=item.level,
                        cause=item.cause) for item in levels])
    if audit:
        audit_record(
            actor=actor, regency=regency, action="competency.assessment_record",
            obj=assessment,
            changes={"employee": employee, "source": source, "assessed_on": assessed_on,
                     "assessor": assessor, "jpm": jpm, "imported": imported,
                     "levels": {wordings[i.competency.pk].name: [i.level, i.cause]
                                for i in levels}})
    return assessment
