"""`kembang sertifikat --regency SLUG --tahun YYYY [--unit ID] --output FILE.zip`: issue
every due certificate of the scope as the regency's signatory, then write the ZIP of every
valid certificate of that scope and year (docs/sertifikat.md).

stdout: exactly one JSON object {"issued": N, "written": M}. Exit 0; 2 with a message on
stderr and no file written for an unknown regency, a unit not in it, a year outside 2000
to this year, an output path not ending in .zip or not writable, or no signatory."""

from __future__ import annotations

import json
import os
import tempfile

from django.utils.translation import gettext as _

from kembang.certificates import services
from kembang.certificates.selectors import certificates_in, due_certificates, settings_of
from kembang.organisation.commands import RegencyYearCommand


class Command(RegencyYearCommand):
    help = _("Menerbitkan sertifikat yang jatuh tempo dan menulis ZIP sertifikat setahun.")

    def add_arguments(self, parser):
        self.add_scope_arguments(parser)
        parser.add_argument("--output", required=True, help=_("berkas ZIP keluaran"))

    def run(self, options) -> None:
        regency, year, unit = self.scope(options, years_ahead=0)
        output = options["output"]
        directory = os.path.dirname(os.path.abspath(output))
        if not output.lower().endswith(".zip"):
            self.fail(_("Berkas keluaran harus berakhiran .zip."))
        if not os.path.isdir(directory) or not os.access(directory, os.W_OK) or (
                os.path.exists(output) and not os.access(output, os.W_OK)):
            self.fail(_("Berkas keluaran tidak dapat ditulis: %(path)s.") % {"path": output})
        try:
            services.check_ready(regency, settings_of(regency))
        except services.CertificateRefused as refusal:
            self.fail(refusal.message)
        # Written beside the target and moved into place: no half-written file.
        handle, temporary = tempfile.mkstemp(suffix=".zip", dir=directory)
        os.close(handle)
        try:
            due = due_certificates(regency, year, unit=unit)
            made = services.issue(regency, due, actor=None) if due else []
            rows = list(certificates_in(regency, year, unit=unit).select_related("regency"))
            written = services.write_zip(rows, temporary)
            os.replace(temporary, output)
        except OSError as error:
            self.fail(_("Berkas keluaran tidak dapat ditulis: %(why)s.")
                       % {"why": error.strerror or error})
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        self.stdout.write(json.dumps({"issued": len(made), "written": written}))
