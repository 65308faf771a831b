"""`kembang pemda --kode KODE --nama NAMA --profil ID [--zona ZONA] [--admin USERNAME]`:
a real regency from the shell, with its first BKPSDM admin.

Creates the regency when no regency has that code, and grants a BKPSDM admin (a username
login without an employee record) whose one-time activation code is printed once; the
admin sets a password at the activation page with the username and the code. Run again:

- while the regency has an active BKPSDM admin in force, nothing changes (exit 0);
- when its BKPSDM admins are all gone (revoked, ended, deactivated), a new admin is
  granted and the grant is in the audit trail (actor: none, the shell; with the reason).

Bad input (code, name, profile, time zone, username) is refused with a message on stderr
and exit status 2, before anything is written. The whole run is one transaction.
"""

import re

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kembang.accounts.services import ACTIVATION_CODE_DAYS
from kembang.common.errors import DomainError
from kembang.organisation.models import Regency
from kembang.organisation.services import (
    admin_username_clean,
    regency_admin_grant,
    regency_admins_in_force,
    regency_create,
)
from kembang.policy.builtin import BUILTIN_PROFILES

# The code is the regency's slug: it names it in URLs and on the command line.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Short names an administrator may type for the three zones (docs/conventions.md#time-zone).
ZONE_ALIASES = {"WIB": Regency.TimeZone.WIB, "WITA": Regency.TimeZone.WITA,
                "WIT": Regency.TimeZone.WIT}


class InputError(Exception):
    """Bad input: its message goes to stderr and the exit status is 2."""


def _kind_and_name(raw: str, kind: str | None) -> tuple[str, str]:
    """`--nama "Kabupaten Nganjuk"` is kind kabupaten, name Nganjuk (the regency prints as
    "Kabupaten Nganjuk"), unless `--jenis` says the kind; a bare name is a kabupaten."""
    name = " ".join((raw or "").split())
    for value, label in Regency.Kind.choices:
        prefix = f"{label} "
        if name.lower().startswith(prefix.lower()) and (kind is None or kind == value):
            return value, name[len(prefix):].strip()
    return kind or Regency.Kind.KABUPATEN, name


class Command(BaseCommand):
    help = ("Buat pemerintah daerah (bila belum ada) dan berikan admin BKPSDM pertama dengan "
            "kode aktivasi sekali pakai. Dijalankan lagi: tidak mengubah apa pun selama "
            "masih ada admin BKPSDM aktif; bila semuanya sudah tidak berlaku, memberikan "
            "admin baru.")

    def add_arguments(self, parser):
        parser.add_argument("--kode", dest="slug", required=True,
                            help="kode pemerintah daerah: huruf kecil, angka, tanda hubung "
                                 "(mis. nganjuk)")
        parser.add_argument("--nama", dest="name",
                            help='nama, mis. "Kabupaten Nganjuk" (wajib bila belum ada)')
        parser.add_argument("--jenis", dest="kind",
                            help="kabupaten, kota atau provinsi (bawaan: dari --nama, "
                                 "atau kabupaten)")
        parser.add_argument("--provinsi", dest="province", default="", help="nama provinsi")
        parser.add_argument("--profil", dest="profile",
                            help="profil regulasi: " + ", ".join(sorted(BUILTIN_PROFILES))
                                 + " (wajib bila belum ada)")
        parser.add_argument("--zona", dest="zone", default=None,
                            help="zona waktu: Asia/Jakarta (WIB), Asia/Makassar (WITA) atau "
                                 "Asia/Jayapura (WIT); bawaan Asia/Jakarta")
        parser.add_argument("--admin", dest="username",
                            help="nama pengguna admin BKPSDM (bawaan admin.KODE)")

    def handle(self, *args, **options):
        with translation.override("id"):
            try:
                self._handle(options)
            except InputError as error:
                self.stderr.write(str(error))
                raise SystemExit(2) from None

    # --- input ---------------------------------------------------------------------------

    def _clean(self, options) -> dict:
        """The options checked, before anything is read from or written to the database."""
        slug = (options["slug"] or "").strip()
        if not (SLUG.fullmatch(slug) and len(slug) <= 60):
            raise InputError(_("Kode %(kode)s tidak dapat dipakai: pakai huruf kecil, angka "
                               "dan tanda hubung (mis. nganjuk), paling panjang 60.")
                             % {"kode": slug})
        kind = options["kind"]
        if kind is not None and kind not in Regency.Kind.values:
            raise InputError(_("Jenis tidak dikenal: %(jenis)s. Pilihan: %(choices)s.")
                             % {"jenis": kind, "choices": ", ".join(Regency.Kind.values)})
        kind, name = _kind_and_name(options["name"], kind)
        if options["name"] is not None and not name:
            raise InputError(_("Nama pemerintah daerah wajib diisi."))
        if len(name) > 120:
            raise InputError(_("Nama pemerintah daerah paling panjang 120 karakter."))
        profile = options["profile"]
        if profile is not None and profile not in BUILTIN_PROFILES:
            raise InputError(_("Profil tidak dikenal: %(id)s. Pilihan: %(choices)s.")
                             % {"id": profile, "choices": ", ".join(sorted(BUILTIN_PROFILES))})
        zone = options["zone"]
        if zone is not None:
            zone = ZONE_ALIASES.get(zone.strip().upper(), zone.strip())
            if zone not in Regency.TimeZone.values:
                raise InputError(
                    _("Zona waktu tidak dikenal: %(zona)s. Pilihan: Asia/Jakarta (WIB), "
                      "Asia/Makassar (WITA), Asia/Jayapura (WIT).") % {"zona": options["zone"]})
        try:
            username = admin_username_clean(options["username"] or f"admin.{slug}")
        except DomainError as error:
            raise InputError(error.message) from None
        return {"slug": slug, "name": name if options["name"] is not None else None,
                "kind": kind, "province": " ".join(options["province"].split()),
                "profile": profile, "zone": zone,
                "username": username}

    # --- the run -------------------------------------------------------------------------

    def _handle(self, options):
        data = self._clean(options)
        try:
            with transaction.atomic():
                regency = (Regency.objects.select_for_update(no_key=True)
                           .filter(slug=data["slug"]).first())
                if regency is None:
                    regency = self._create(data)
                    created = True
                else:
                    self._note_differences(regency, data)
                    created = False
                admins = list(regency_admins_in_force(regency).select_related("user")
                              .order_by("pk"))
                if admins:
                    self.stdout.write(
                        _("%(regency)s (kode %(kode)s) masih punya admin BKPSDM aktif: "
                          "%(admins)s. Tidak ada yang diubah.")
                        % {"regency": regency, "kode": regency.slug,
                           "admins": ", ".join(a.user.username for a in admins)})
                    return
                reason = (_("Admin BKPSDM pertama pemerintah daerah baru, dari shell "
                            "(kembang pemda).") if created else
                          _("Tidak ada lagi admin BKPSDM yang berlaku; admin baru diberikan "
                            "dari shell (kembang pemda)."))
                user, code = regency_admin_grant(actor=None, regency=regency,
                                                 username=data["username"], reason=reason)
        except DomainError as error:
            raise InputError(error.message) from None
        if created:
            self.stdout.write(_("%(regency)s dibuat (kode %(kode)s, profil %(profil)s, zona "
                                "waktu %(zona)s).")
                              % {"regency": regency, "kode": regency.slug,
                                 "profil": regency.profile_id, "zona": regency.timezone})
        else:
            self.stdout.write(_("%(regency)s (kode %(kode)s) tidak punya admin BKPSDM yang "
                                "berlaku; admin baru diberikan dan dicatat di jejak audit.")
                              % {"regency": regency, "kode": regency.slug})
        self.stdout.write(_("Admin BKPSDM: %(username)s") % {"username": user.username})
        self.stdout.write(_("Kode aktivasi (sekali pakai, berlaku %(days)s hari; tidak "
                            "dicetak lagi): %(code)s")
                          % {"days": ACTIVATION_CODE_DAYS, "code": code})
        self.stdout.write(_("Aktifkan di %(url)s dengan nama pengguna dan kode ini.")
                          % {"url": settings.KEMBANG_BASE_URL + reverse("accounts:activate")})

    def _create(self, data) -> Regency:
        missing = [option for option, key in (("--nama", "name"), ("--profil", "profile"))
                   if not data[key]]
        if missing:
            raise InputError(_("Pemerintah daerah dengan kode %(kode)s belum ada; untuk "
                               "membuatnya, isi juga %(options)s.")
                             % {"kode": data["slug"], "options": ", ".join(missing)})
        if Regency.objects.filter(name__iexact=data["name"]).exists():
            raise InputError(_("Sudah ada pemerintah daerah bernama %(name)s dengan kode "
                               "lain; tidak ada yang dibuat.") % {"name": data["name"]})
        return regency_create(actor=None, name=data["name"], slug=data["slug"],
                              kind=data["kind"], province=data["province"],
                              profile_id=data["profile"],
                              timezone_name=data["zone"] or Regency.TimeZone.WIB)

    def _note_differences(self, regency: Regency, data) -> None:
        """This command never edits an existing regency; say so when the options differ."""
        stored = {"name": regency.name, "profile": regency.profile_id,
                  "zone": regency.timezone}
        if any(data[key] is not None and data[key] != value for key, value in stored.items()):
            self.stderr.write(_("Catatan: %(regency)s sudah ada (profil %(profil)s, zona "
                                "waktu %(zona)s); data pemerintah daerah tidak diubah.")
                              % {"regency": regency, "profil": regency.profile_id,
                                 "zona": regency.timezone})
