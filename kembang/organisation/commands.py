"""The part `kembang rekap` and `kembang sertifikat` share: `--regency SLUG --tahun YYYY
[--unit ID]`, checked the same way, each refusal a message on stderr and exit status 2."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from kembang.organisation.dates import regency_today
from kembang.organisation.models import OrgUnit, Regency


class RegencyYearCommand(BaseCommand):
    """Subclasses add their own arguments after `add_scope_arguments` and implement
    `run(options)`; `scope(options, years_ahead)` gives (regency, year, unit or None)."""

    def add_scope_arguments(self, parser) -> None:
        parser.add_argument("--regency", required=True, help=_("slug pemerintah daerah"))
        parser.add_argument("--tahun", required=True, type=int, help=_("tahun, misalnya 2026"))
        parser.add_argument("--unit", type=int, help=_("id unit (bawaan: seluruh daerah)"))

    def fail(self, message: str) -> None:
        self.stderr.write(message)
        raise SystemExit(2)

    def handle(self, *args, **options):
        # The messages and the files written are the contract's: Indonesian.
        with translation.override("id"):
            self.run(options)

    def run(self, options) -> None:
        raise NotImplementedError

    def scope(self, options, *, years_ahead: int):
        """The regency, the year (2000 to this year + `years_ahead`) and the unit, or a
        refusal."""
        regency = Regency.objects.filter(slug=options["regency"]).first()
        if regency is None:
            self.fail(_("Pemerintah daerah tidak dikenal: %(slug)s.")
                      % {"slug": options["regency"]})
        year, last = options["tahun"], regency_today(regency).year + years_ahead
        if not 2000 <= year <= last:
            self.fail(_("Tahun harus antara 2000 dan %(last)s.") % {"last": last})
        unit = None
        if options["unit"] is not None:
            unit = OrgUnit.objects.filter(regency=regency, pk=options["unit"]).first()
            if unit is None:
                self.fail(_("Unit %(id)s tidak ada di %(regency)s.")
                          % {"id": options["unit"], "regency": regency})
        return regency, year, unit
