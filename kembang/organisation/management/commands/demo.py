"""`kembang demo --profil nganjuk --pegawai 300 [--seed N]`: a demo regency and its logins.

Idempotent, so `make run` calls it on every start: a second run with the same arguments
writes nothing and prints the same logins. After the registry, a little learning activity
(programs and sessions in several states, through the learning services) fills the demo
logins' queues.
"""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from kembang.common.errors import DomainError
from kembang.organisation.demo.builder import MIN_EMPLOYEES
from kembang.organisation.demo.loader import (
    DEMO_PASSWORD,
    EMPLOYEE,
    HEAD_OF_UNIT,
    HR_ADMIN,
    HR_OFFICER,
    SUPERVISOR,
    demo_load,
)
from kembang.organisation.demo.profiles import DEMO_REGENCIES


def _role_labels() -> dict[str, str]:
    return {
        HR_ADMIN: _("Admin BKPSDM"),
        HR_OFFICER: _("Pengelola SDM PD"),
        HEAD_OF_UNIT: _("Kepala PD"),
        SUPERVISOR: _("Atasan langsung"),
        EMPLOYEE: _("Pegawai"),
    }


def render_logins(logins) -> str:
    """The demo logins as a plain-text table (role, login, name, where)."""
    labels = _role_labels()
    header = (_("Peran"), _("Login"), _("Nama"), _("Unit"))
    rows = [(labels[x.role], x.username, x.name, x.place) for x in logins]
    widths = [max(len(str(r[c])) for r in [header, *rows]) for c in range(4)]

    def line(cells):
        return "  ".join(str(cell).ljust(width) for cell, width in zip(cells, widths,
                                                                        strict=True)).rstrip()

    out = [line(header), line("-" * w for w in widths)]
    out += [line(row) for row in rows]
    return "\n".join(out)


class Command(BaseCommand):
    help = ("Buat pemerintah daerah demo (unit, jabatan, pegawai PNS dan PPPK, atasan "
            "langsung, PNS bertalenta) dan cetak login demo. Aman dijalankan berulang.")

    def add_arguments(self, parser):
        parser.add_argument("--profil", dest="profile", required=True,
                            choices=sorted(DEMO_REGENCIES), help="profil regulasi dan daerah")
        parser.add_argument("--pegawai", dest="employees", type=int, default=300,
                            help="jumlah pegawai (bawaan 300)")
        parser.add_argument("--seed", type=int, default=1,
                            help="benih acak; seed sama, data sama (bawaan 1)")

    def handle(self, *args, **options):
        with translation.override("id"):
            self._handle(options)

    def _handle(self, options):
        employees = options["employees"]
        if employees < MIN_EMPLOYEES:
            raise CommandError(
                _("Demo butuh paling sedikit %(n)s pegawai.") % {"n": MIN_EMPLOYEES})
        started = time.monotonic()
        try:
            result = demo_load(profile_id=options["profile"], employees=employees,
                               seed=options["seed"])
        except DomainError as error:
            raise CommandError(error.message) from None
        seconds = time.monotonic() - started
        counts = result.counts
        summary = _(
            "%(regency)s: %(pd)s perangkat daerah, %(units)s unit, %(positions)s jabatan, "
            "%(employees)s pegawai (%(pppk)s PPPK, %(talent)s PNS bertalenta)."
        ) % {"regency": result.regency, "pd": counts["perangkat_daerah"],
             "units": counts["units"], "positions": counts["positions"],
             "employees": counts["employees"], "pppk": counts["pppk"],
             "talent": counts["talent"]}
        if result.created:
            self.stdout.write(_("Demo dibuat dalam %(s)s detik. ") % {"s": f"{seconds:.1f}".replace(".", ",")} + summary)
        else:
            self.stdout.write(_("Demo sudah ada; tidak ada yang diubah. ") + summary)
            if result.seed != options["seed"]:
                self.stderr.write(
                    _("Catatan: demo ini dibuat dengan seed %(seed)s.") % {"seed": result.seed})
        self._learning_activity(result)
        self.stdout.write("")
        self.stdout.write(_("Login demo (kata sandi: %(pw)s)") % {"pw": DEMO_PASSWORD})
        self.stdout.write(render_logins(result.logins))
        self.stdout.write(_("Pegawai lain masuk dengan kode aktivasi dari pengelola SDM."))

    def _learning_activity(self, result):
        """Programs and sessions for the demo logins; the learning app's own demo step
        does nothing when the demo employee already has a program."""
        from kembang.learning.demo import learning_demo

        users = {u.username: u for u in get_user_model().objects.filter(
            username__in=[x.username for x in result.logins]).select_related("employee")}
        by_role = {x.role: users.get(x.username) for x in result.logins}
        needed = (HR_OFFICER, HEAD_OF_UNIT, SUPERVISOR, EMPLOYEE)
        if any(by_role.get(role) is None for role in needed):
            return
        try:
            with transaction.atomic():
                created = learning_demo(
                    regency=result.regency, head_user=by_role[HEAD_OF_UNIT],
                    coach_user=by_role[SUPERVISOR], participant_user=by_role[EMPLOYEE],
                    hr_user=by_role[HR_OFFICER])
        except DomainError as error:
            # The registry is usable without it; say why and carry on.
            self.stderr.write(_("Aktivitas belajar demo tidak dibuat: %(why)s")
                              % {"why": error.message})
            return
        if created:
            self.stdout.write(_("Aktivitas belajar demo dibuat (peserta: %(name)s)")
                              % {"name": by_role[EMPLOYEE].employee.full_name})
