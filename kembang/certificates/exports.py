"""The SIASN riwayat kursus export and the IP ASN competency worksheet
(docs/siasn-ipasn.md). Both read; nothing changes."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from django.utils.translation import gettext as _

from kembang.certificates import rules
from kembang.certificates.pdf import certificate_pdf, file_name
from kembang.certificates.selectors import certificates_in, settings_of
from kembang.common.files import Sheet, csv_bytes, xlsx_bytes
from kembang.learning.models import ActivityType, ClassicalTraining
from kembang.recap.figures import year_recap
from kembang.regulation.jp_file import jp_text

SIASN_COLUMNS = ["nip", "jenisDiklatId", "jenisKursusSertipikat", "namaKursus",
                 "institusiPenyelenggara", "jumlahJam", "tanggalKursus",
                 "tanggalSelesaiKursus", "tahunKursus", "nomorSertipikat"]


def whole_jp(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


def siasn_rows(regency, year: int, *, unit=None) -> list[list]:
    row = settings_of(regency)
    found = []
    for c in certificates_in(regency, year, unit=unit):
        ref = rules.siasn_reference(row, c.activity)
        found.append([c.nip, ref["jenisDiklatId"], ref.get("jenisKursusSertipikat", ""),
                      f"{ref['jenis']}: {c.area}" if c.area else ref["jenis"],
                      row.organiser.strip() or c.agency, whole_jp(c.jp),
                      c.first_date.strftime("%d-%m-%Y") if c.first_date else "",
                      c.last_date.strftime("%d-%m-%Y") if c.last_date else "",
                      c.year, c.number])
    return found


def siasn_problems(rows: list[list]) -> list[str]:
    """Every data-quality problem, before anything is exported."""
    problems, seen = [], {}
    for line, values in enumerate(rows, start=1):
        nip, number = values[0], values[9]
        if not (isinstance(nip, str) and len(nip) == 18 and nip.isdigit()):
            problems.append(_("Baris %(n)s: NIP tidak lengkap.") % {"n": line})
        if not values[6] or not values[7]:
            problems.append(_("Baris %(n)s: tanggal kursus kosong.") % {"n": line})
        if not values[1]:
            problems.append(_("Baris %(n)s: jenis diklat belum diatur.") % {"n": line})
        if not number:
            problems.append(_("Baris %(n)s: nomor sertifikat kosong.") % {"n": line})
        elif number in seen:
            problems.append(_("Baris %(n)s: nomor sertifikat %(number)s sama dengan baris "
                              "%(other)s.") % {"n": line, "number": number,
                                               "other": seen[number]})
        else:
            seen[number] = line
    return problems


def siasn_csv(rows) -> bytes:
    return csv_bytes([SIASN_COLUMNS, *rows])


def siasn_xlsx(rows) -> bytes:
    return xlsx_bytes([Sheet("riwayat_kursus", SIASN_COLUMNS, rows, formats={0: "@", 9: "@"})])


def siasn_zip(regency, year: int, rows, *, unit=None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("riwayat_kursus.csv", siasn_csv(rows))
        for c in certificates_in(regency, year, unit=unit).select_related("regency"):
            archive.writestr(file_name(c), certificate_pdf(c))
    return out.getvalue()


# --- IP ASN ------------------------------------------------------------------------------


@dataclass
class WorksheetRow:
    nip: str
    name: str
    unit: str
    by_kind: dict[str, Decimal]
    total: Decimal
    target: Decimal
    meets_target: bool
    components: dict[str, str]


KINDS = (ActivityType.COACHING.value, ActivityType.MENTORING.value,
         ActivityType.SELF_STUDY.value, "classical")
IPASN_COLUMNS = ["nip", "nama", "unit", "tahun", "jp_coaching", "jp_mentoring",
                 "jp_belajar_mandiri", "jp_klasikal", "jp_total", "target", "memenuhi_20_jp",
                 "komponen_20_jp", "komponen_seminar_workshop_magang_kursus",
                 "komponen_diklat_kepemimpinan_fungsional", "versi_aturan"]


def ipasn_worksheet(regency, year: int, *, unit=None, employees=None) -> list[WorksheetRow]:
    """Per PNS of the recap (`year_recap`, the figures of `kembang rekap`): JP by kind,
    the total, the 20 JP, and each competency component ya / tidak / tidak diketahui."""
    recap = year_recap(regency, year, unit=unit, employees=employees)
    version = rules.ipasn_rules(year)
    kinds = rules.component_kinds(settings_of(regency))
    pns = [p for p in recap.people if p.employee.kind == "pns"]
    ids = [p.employee.pk for p in pns]
    seminar_years = (year - version.seminar_window_years + 1, year)
    classical_before = set(ClassicalTraining.objects.filter(
        employee_id__in=ids, cancelled_at__isnull=True, jp__gt=0,
        start_date__year__gte=seminar_years[0], start_date__year__lte=seminar_years[1])
        .values_list("employee_id", flat=True)) if rules.SEMINAR in kinds["classical"] else set()
    found = []
    for person in pns:
        by_kind = {k: person.by_activity[k].official if k in person.by_activity
                   else Decimal("0") for k in KINDS[:3]}
        by_kind["classical"] = person.classical
        jp20 = sum((v for k, v in by_kind.items() if rules.JP20 in kinds[k]), Decimal("0"))
        components = {
            rules.JP20: rules.YES if jp20 >= version.jp_threshold else rules.NO,
            rules.SEMINAR: (rules.YES if person.employee.pk in classical_before
                            or any(by_kind[k] > 0 for k in KINDS[:3]
                                   if rules.SEMINAR in kinds[k])
                            else rules.UNKNOWN),
            # Not recorded in Kembang (SIASN knows), unless BKPSDM maps a kind to it.
            rules.LEADERSHIP: (rules.YES if any(by_kind[k] > 0 for k in KINDS
                                                if rules.LEADERSHIP in kinds[k])
                               else rules.UNKNOWN),
        }
        found.append(WorksheetRow(nip=person.employee.nip, name=person.employee.full_name,
                                  unit=person.unit_label, by_kind=by_kind,
                                  total=person.official, target=person.target,
                                  meets_target=person.meets_target, components=components))
    return found


def ipasn_table(rows: list[WorksheetRow], year: int) -> list[list]:
    version = rules.ipasn_rules(year).version
    return [[r.nip, r.name, r.unit, year, *(jp_text(r.by_kind[k]) for k in KINDS),
             jp_text(r.total), jp_text(r.target), rules.YES if r.meets_target else rules.NO,
             r.components[rules.JP20], r.components[rules.SEMINAR],
             r.components[rules.LEADERSHIP], version] for r in rows]


def ipasn_csv(rows, year) -> bytes:
    return csv_bytes([IPASN_COLUMNS, *ipasn_table(rows, year)])


def ipasn_xlsx(rows, year) -> bytes:
    return xlsx_bytes([Sheet("ip_asn", IPASN_COLUMNS, ipasn_table(rows, year),
                             formats={0: "@"})])
