"""`kembang rekap --regency SLUG --tahun YYYY [--unit ID] [--format json|csv|xlsx]
[--output FILE]`: everyone's JP for a year, a contract other tools rely on (docs/rekap.md).

Exit 0; or 2 with a message on stderr and nothing on stdout for an unknown regency, a unit
not in that regency, a year outside 2000 to next year, or xlsx without --output.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from kembang.organisation.dates import regency_today
from kembang.organisation.models import OrgUnit, Regency
from kembang.recap.figures import year_recap
from kembang.recap.output import csv_output, to_json, xlsx_output


class Command(BaseCommand):
    help = _("Rekap JP setahun seluruh pegawai daerah atau satu unit (JSON, CSV atau XLSX).")

    def add_arguments(self, parser):
        parser.add_argument("--regency", required=True, help=_("slug pemerintah daerah"))
        parser.add_argument("--tahun", required=True, type=int, help=_("tahun, misalnya 2026"))
        parser.add_argument("--unit", type=int, help=_("id unit (bawaan: seluruh daerah)"))
        parser.add_argument("--format", choices=("json", "csv", "xlsx"), default="json")
        parser.add_argument("--output", help=_("berkas keluaran (bawaan: stdout; wajib untuk "
                                               "xlsx)"))

    def _fail(self, message: str) -> None:
        self.stderr.write(message)
        raise SystemExit(2)

    def handle(self, *args, **options):
        with translation.override("id"):
            self._run(options)

    def _run(self, options) -> None:
        regency = Regency.objects.filter(slug=options["regency"]).first()
        if regency is None:
            self._fail(_("Pemerintah daerah tidak dikenal: %(slug)s.")
                       % {"slug": options["regency"]})
        year, this_year = options["tahun"], regency_today(regency).year
        if not 2000 <= year <= this_year + 1:
            self._fail(_("Tahun harus antara 2000 dan %(last)s.") % {"last": this_year + 1})
        unit = None
        if options["unit"] is not None:
            unit = OrgUnit.objects.filter(regency=regency, pk=options["unit"]).first()
            if unit is None:
                self._fail(_("Unit %(id)s tidak ada di %(regency)s.")
                           % {"id": options["unit"], "regency": regency})
        fmt, output = options["format"], options["output"]
        if fmt == "xlsx" and not output:
            self._fail(_("Format xlsx memerlukan --output BERKAS.xlsx."))
        recap = year_recap(regency, year, unit=unit)
        try:
            if fmt == "xlsx":
                xlsx_output(recap, output)
                return
            data = (csv_output(recap) if fmt == "csv" else
                    (json.dumps(to_json(recap), ensure_ascii=False, indent=1) + "\n")
                    .encode("utf-8"))
            if output:
                with open(output, "wb") as target:
                    target.write(data)
            else:
                self.stdout.write(data.decode("utf-8"), ending="")
        except OSError as error:
            self._fail(_("Berkas keluaran tidak dapat ditulis: %(why)s.")
                       % {"why": error.strerror or error})
