"""`kembang rekap --regency SLUG --tahun YYYY [--unit ID] [--format json|csv|xlsx]
[--output FILE]`: everyone's JP for a year, a contract other tools rely on (docs/rekap.md).

Exit 0; or 2 with a message on stderr and nothing on stdout for an unknown regency, a unit
not in that regency, a year outside 2000 to next year, or xlsx without --output.
"""

from __future__ import annotations

import json

from django.utils.translation import gettext as _

from kembang.organisation.commands import RegencyYearCommand
from kembang.recap.figures import year_recap
from kembang.recap.output import csv_output, to_json, xlsx_output


class Command(RegencyYearCommand):
    help = _("Rekap JP setahun seluruh pegawai daerah atau satu unit (JSON, CSV atau XLSX).")

    def add_arguments(self, parser):
        self.add_scope_arguments(parser)
        parser.add_argument("--format", choices=("json", "csv", "xlsx"), default="json")
        parser.add_argument("--output", help=_("berkas keluaran (bawaan: stdout; wajib untuk "
                                               "xlsx)"))

    def run(self, options) -> None:
        regency, year, unit = self.scope(options, years_ahead=1)
        fmt, output = options["format"], options["output"]
        if fmt == "xlsx" and not output:
            self.fail(_("Format xlsx memerlukan --output BERKAS.xlsx."))
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
            self.fail(_("Berkas keluaran tidak dapat ditulis: %(why)s.")
                       % {"why": error.strerror or error})
